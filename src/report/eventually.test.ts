// An `eventually` failure in every reporter, as a `throughout` one is shown: its message (no state
// matched, the closest state and its time), its place, its kind where the format has one.
import * as path from 'path';
import { loadSpecText } from '../spec/loader';
import { runSpec } from '../runner/run-spec';
import { summarize, type RunResult } from '../runner/result';
import { renderSpec } from './pretty';
import { paintFor } from './text';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderTap } from './tap';
import { renderGithub } from './github';
import { toClassroom } from './classroom';
import { failureOutput, toGradescope } from './gradescope';
import { renderReport } from './html/page';

const COURSE = path.resolve(__dirname, '../../fixtures/course');
const CWD = COURSE;

function result(): RunResult {
  const doc = loadSpecText(
    `name: no downtime on a rolling update
steps:
  - apply: [nginx-deploy.yaml, nginx-svc.yaml]
  - setImage: { kind: Deployment, name: nginx-deployment, container: nginx, image: "nginx:1.25" }
    eventually:
      - kind: Pod
        selector: app=nginx
        where: { status: { conditions: { contains: [{ type: Ready, status: "True" }] } } }
        absent: true
`,
    path.join(COURSE, 'x.spec.yaml'),
    COURSE,
  ).documents[0];
  if (!doc.ok) throw new Error('does not load');
  const spec = runSpec(doc.spec, { seed: 1, timeline: true });
  return { specs: [spec], summary: summarize([spec], 1), seed: 1 };
}

const NEVER = /no state matched while the step settled \(\d+ states seen\); the closest, at [\d.]+s: expected no Pods with selector app=nginx/;

describe('an eventually failure in each reporter', () => {
  const r = result();
  const step = r.specs[0].steps[1];

  test('the run: one eventually failure with the closest state', () => {
    expect(step.status).toBe('failed');
    expect(step.failures.map((f) => f.kind)).toEqual(['eventually']);
    expect(step.failures[0].message).toMatch(NEVER);
  });

  test('pretty: the message, where, the closest state’s time, the objects', () => {
    const text = renderSpec(r.specs[0], CWD, paintFor(false));
    expect(text).toMatch(NEVER);
    expect(text).toContain('at x.spec.yaml:6:9');
    expect(text).toMatch(/no state matched; the closest was at [\d.]+ ?m?s of simulated time/);
    expect(text).toContain('Selected:');
  });

  test('json: kind eventually, atMs', () => {
    const doc = JSON.parse(renderJson(r, CWD));
    const f = doc.specs[0].steps[1].failures[0];
    expect(f).toMatchObject({ kind: 'eventually', message: expect.stringMatching(NEVER), atMs: expect.any(Number) });
  });

  test('junit: a failure of type eventually', () => {
    const xml = renderJunit(r, CWD);
    expect(xml).toMatch(/<failure message="no state matched while the step settled[^"]*" type="eventually">/);
  });

  test('tap: kind eventually in the diagnostics', () => {
    const tap = renderTap(r, CWD);
    expect(tap).toMatch(/kind: eventually/);
    expect(tap).toMatch(/no state matched while the step settled/);
  });

  test('github: an error annotation at the assertion’s line', () => {
    const out = renderGithub(r, CWD);
    expect(out).toMatch(/::error file=x\.spec\.yaml,line=6,col=9[^:]*::.*no state matched while the step settled/);
  });

  test('classroom and gradescope: the message; a summary-feedback test names the kind of check', () => {
    const classroom = toClassroom(r, CWD);
    expect(classroom.tests[1]).toMatchObject({ status: 'fail', message: expect.stringMatching(NEVER) });
    expect(toGradescope(r, CWD).tests[1].output).toMatch(NEVER);
    expect(failureOutput({ ...step, grading: { visibility: 'hidden', feedback: 'summary' } }, CWD)).toBe('a state the step had to reach at some moment never came (x.spec.yaml:6)');
  });

  test('html: the failure, and a lane on the timeline that never held', () => {
    const html = renderReport(r, { cwd: CWD });
    expect(html).toMatch(/no state matched while the step settled/);
    expect(html).toContain('eventually 1');
    expect(html).toMatch(/<b>eventually<\/b> Pod app=nginx where … absent .*held at no state \(closest at /);
  });
});
