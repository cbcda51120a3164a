// Spec selection: `skip:`, `only: true`, `tags:` with --tag / --exclude-tag / --exclude. A skipped
// spec is reported (every reporter says so, with the reason), counted as skipped, and weighs nothing
// in a score; `only` counts over every file of the run, also when the run is split into tasks.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Controller } from '../controllers/controller';
import { runSpecs } from '.';
import { runSharded } from '../grade/run';
import { gradeSubmission } from '../grade';
import type { RunResult } from './result';
import { loadSpecText } from '../spec/loader';
import { renderJson } from '../report/json';
import { renderJunit } from '../report/junit';
import { renderTap } from '../report/tap';
import { renderGithub, renderStepSummary } from '../report/github';
import { toGradescope } from '../report/gradescope';
import { toClassroom } from '../report/classroom';
import { renderReport } from '../report/html/page';
import { renderSpec } from '../report/pretty';
import { plain, summaryLines } from '../report/text';
import { toJestResult } from '../jest/run-file';
import { kubespec } from '../../test/cli-support';
import { setLang } from '../i18n';

const none = () => [] as Controller[];

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-select-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cm }\ndata: { a: "1" }\n';

/** A spec of two steps that passes (it applies cm.yaml and checks the ConfigMap). */
function spec(name: string, extra = ''): string {
  return `name: ${name}\n${extra}steps:\n  - apply: cm.yaml\n    expect: [{ kind: ConfigMap, name: cm }]\n  - kubectl: get configmap cm\n`;
}

const SUITE = {
  'cm.yaml': CM,
  'a.spec.yaml': [spec('plain'), spec('smoke', 'tags: [smoke]\n'), spec('slow smoke', 'tags: [smoke, slow]\n')].join('---\n'),
  'b.spec.yaml': [spec('later', 'skip: waiting for the probes lab\n'), spec('never', 'skip: true\npoints: 5\n')].join('---\n'),
};

const byName = (r: RunResult) => Object.fromEntries(r.specs.map((s) => [s.name, s]));

describe('skip, tags, --tag, --exclude-tag, --exclude', () => {
  const dir = folder(SUITE);

  test('skip: a reason or true; the spec is reported skipped with its steps, and weighs nothing', async () => {
    const r = await runSpecs([dir], { controllers: none });
    const s = byName(r);
    expect(s.later).toMatchObject({ status: 'skipped', skippedBy: 'skip', reason: 'waiting for the probes lab', score: 0, maxScore: 0 });
    expect(s.later.steps.map((st) => [st.status, st.reason])).toEqual([
      ['skipped', 'waiting for the probes lab'],
      ['skipped', 'waiting for the probes lab'],
    ]);
    expect(s.never).toMatchObject({ status: 'skipped', reason: 'the spec says `skip: true`', maxScore: 0 });
    expect(r.summary).toMatchObject({ total: 5, passed: 3, failed: 0, errors: 0, skipped: 2, score: 3, maxScore: 3 });
  });

  test('--tag runs the specs with any of the tags given; --exclude-tag and --exclude skip theirs', async () => {
    const tagged = byName(await runSpecs([dir], { controllers: none, select: { tags: ['smoke'] } }));
    expect(Object.fromEntries(Object.entries(tagged).map(([n, s]) => [n, s.status]))).toEqual({ plain: 'skipped', smoke: 'passed', 'slow smoke': 'passed', later: 'skipped', never: 'skipped' });
    expect(tagged.plain).toMatchObject({ skippedBy: 'tag', reason: 'not tagged smoke (--tag)' });
    // A spec's own skip says why before any option does.
    expect(tagged.later.skippedBy).toBe('skip');

    const fast = byName(await runSpecs([dir], { controllers: none, select: { tags: ['smoke', 'other'], excludeTags: ['slow'] } }));
    expect(fast['slow smoke']).toMatchObject({ status: 'skipped', reason: 'tagged slow (--exclude-tag)' });
    expect(fast.smoke.status).toBe('passed');

    const excluded = byName(await runSpecs([dir], { controllers: none, select: { exclude: ['/^s/', 'b.spec'] } }));
    expect(excluded.smoke).toMatchObject({ status: 'skipped', skippedBy: 'exclude', reason: '--exclude /^s/ names it' });
    expect(excluded['slow smoke'].status).toBe('skipped');
    // On the file too: every spec of b.spec.yaml (the first reason that applies is given).
    expect(excluded.later.skippedBy).toBe('skip');
    expect(excluded.plain.status).toBe('passed');
  });

  test('--exclude also leaves out a spec that does not load, by its name or file', async () => {
    const broken = folder({ 'cm.yaml': CM, 'ok.spec.yaml': spec('fine'), 'broken.spec.yaml': 'name: broken\nsteps: 3\n' });
    const all = await runSpecs([broken], { controllers: none });
    expect(all.summary.errors).toBe(1);
    const r = await runSpecs([broken], { controllers: none, select: { exclude: ['broken.spec.yaml'] } });
    expect(r.summary).toMatchObject({ errors: 0, skipped: 1, passed: 1 });
    expect(byName(r).broken).toMatchObject({ status: 'skipped', steps: [], maxScore: 0 });
  });
});

describe('only: true', () => {
  const dir = folder({
    'cm.yaml': CM,
    'a.spec.yaml': [spec('first'), spec('focused', 'only: true\n')].join('---\n'),
    'b.spec.yaml': spec('other file'),
    'c.spec.yaml': spec('focused but skipped', 'only: true\ntags: [wip]\n'),
  });

  test('runs only the specs marked only, in any file of the run; the others are skipped because of it', async () => {
    const r = await runSpecs([dir], { controllers: none });
    const s = byName(r);
    expect([s.first.status, s.focused.status, s['other file'].status, s['focused but skipped'].status]).toEqual(['skipped', 'passed', 'skipped', 'passed']);
    expect(s.first).toMatchObject({ skippedBy: 'only', reason: 'another spec is marked `only: true`' });
    expect(summaryLines(r, plain)[0]).toBe('Specs:  2 passed, 2 skipped, 4 total (2 skipped because another spec is marked `only: true`)');
  });

  test('an only spec that the selection leaves out does not narrow the run', async () => {
    const s = byName(await runSpecs([dir], { controllers: none, select: { excludeTags: ['wip'] } }));
    expect(s['focused but skipped']).toMatchObject({ status: 'skipped', skippedBy: 'tag' });
    expect(s['other file'].status).toBe('skipped');
    const noOnly = byName(await runSpecs([path.join(dir, 'b.spec.yaml')], { controllers: none }));
    expect(noOnly['other file'].status).toBe('passed');
  });

  test('a run split into one task per file (--jobs, --shard) decides only over every file', async () => {
    const r = await runSharded([dir], { controllers: none, workers: false, jobs: 2 });
    expect(byName(r)['other file']).toMatchObject({ status: 'skipped', skippedBy: 'only' });
    const shard = await runSharded([dir], { controllers: none, workers: false, shard: { index: 2, count: 3 } });
    expect(shard.specs.map((s) => [s.name, s.status])).toEqual([['other file', 'skipped']]);
  });
});

describe('grading', () => {
  test('a skipped spec counts as skipped, not passed, and not in the maximum', async () => {
    const dir = folder({ 'cm.yaml': CM, 'g.spec.yaml': [spec('graded', 'points: 2\n'), spec('not yet', 'points: 3\nskip: next week\n')].join('---\n') });
    const student = folder({ 'cm.yaml': CM });
    const r = await gradeSubmission(student, { specs: [dir], run: (paths, opts) => runSpecs(paths, { ...opts, controllers: none }) });
    expect(r.summary).toMatchObject({ passed: 1, skipped: 1, score: 2, maxScore: 2 });
  });
});

describe('every reporter shows a skipped spec, with its reason', () => {
  let result: RunResult;
  const dir = folder(SUITE);
  beforeAll(async () => {
    result = await runSpecs([path.join(dir, 'b.spec.yaml')], { controllers: none });
  });
  const reason = 'waiting for the probes lab';

  test('pretty: one line with ○ and the reason; the summary counts it', () => {
    expect(renderSpec(result.specs[0], dir, plain)).toBe(`○ b.spec.yaml › later (skipped: ${reason})\n`);
    expect(summaryLines(result, plain)[0]).toBe('Specs:  2 skipped, 2 total');
  });

  test('json: status, reason and what skipped it; summary.skipped', () => {
    const doc = JSON.parse(renderJson(result, dir)) as { specs: { status: string; reason: string; skippedBy: string }[]; summary: { skipped: number } };
    expect(doc.specs[0]).toMatchObject({ status: 'skipped', reason, skippedBy: 'skip' });
    expect(doc.summary.skipped).toBe(2);
  });

  test('junit: <skipped> testcases with the reason', () => {
    const xml = renderJunit(result, dir);
    expect(xml).toContain(`<skipped message="${reason}"/>`);
    expect(xml).toMatch(/<testsuites name="kubespec" tests="4" failures="0" errors="0" skipped="4"/);
  });

  test('tap: ok … # SKIP reason', () => {
    expect(renderTap(result, dir)).toContain(`ok 1 - b.spec.yaml › later # SKIP ${reason}`);
  });

  test('github: a notice on the spec for its own skip, and a row in the job summary', () => {
    expect(renderGithub(result, dir)).toContain(`::notice file=b.spec.yaml,line=1,col=1,title=later (skipped)::skipped: ${reason}`);
    expect(renderStepSummary(result, dir)).toContain(`| ⏭️ | b.spec.yaml | later (skipped: ${reason}) | - |`);
  });

  test('gradescope and classroom: a test worth nothing, neither passed nor failed', () => {
    const gs = toGradescope(result, dir);
    expect(gs.tests[0]).toEqual({ name: 'later (skipped)', number: '1', score: 0, max_score: 0, output: `skipped: ${reason}`, visibility: 'visible' });
    expect(gs.score).toBe(0);
    const cr = toClassroom(result, dir);
    expect(cr.tests[0]).toMatchObject({ name: 'later (skipped)', status: 'skip', score: 0, message: `skipped: ${reason}` });
    expect(cr.status).toBe('pass');
  });

  test('html: a skipped section with the reason', () => {
    const html = renderReport(result, { cwd: dir });
    expect(html).toContain('<section class="spec skipped" id="spec-1">');
    expect(html).toContain(`skipped: ${reason}`);
  });

  test('the Jest runner: each step is a skipped (pending) test', () => {
    const jest = toJestResult(result, path.join(dir, 'b.spec.yaml'), dir, Date.now());
    expect(jest.testResults.map((t) => t.status)).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(jest.skipped).toBe(true);
  });

  test('in Korean', () => {
    setLang('ko');
    try {
      const r = { ...result, specs: [{ ...result.specs[1], reason: undefined }] };
      expect(renderSpec(r.specs[0], dir, plain)).toContain('건너뜀: 스펙을 실행하지 않았어요');
    } finally {
      setLang('en');
    }
  });
});

describe('load errors', () => {
  const problems = (text: string) => {
    const f = loadSpecText(text, 's.spec.yaml', '/tmp');
    const d = f.documents[0];
    return d.ok ? [] : d.problems.map((p) => `${p.location.line}:${p.location.column} ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
  };
  const steps = 'steps:\n  - kubectl: get pods\n';

  test('skip is true, false or a reason; only is a boolean', () => {
    expect(problems(`name: x\nskip: 3\n${steps}`)).toEqual(['2:7 skip: wrong type, found the number 3 (expected `true`, `false`, or the reason as text)']);
    expect(problems(`name: x\nskip: ''\n${steps}`)).toEqual(['2:7 skip: must not be empty (write a value or leave the key out)']);
    expect(problems(`name: x\nonly: yes please\n${steps}`)).toEqual(['2:7 only: wrong type, found the text "yes please" (expected `true` or `false`)']);
    expect(problems(`name: x\nskip: false\nonly: false\n${steps}`)).toEqual([]);
  });

  test('skip and only together; a tag twice, or with a space', () => {
    expect(problems(`name: x\nskip: later\nonly: true\n${steps}`)).toEqual(['3:1 only: a spec cannot be both skipped and `only` (remove `skip` or `only`)']);
    expect(problems(`name: x\ntags: [a, 'b c', a]\n${steps}`)).toEqual([
      '2:11 tags[1]: tag "b c" has a space or a comma in it (write one word per tag (`smoke`, `week-3`), so `--tag` can name it)',
      '2:18 tags[2]: tag `a` is listed twice (list each tag once)',
    ]);
  });
});

describe('the command line', () => {
  const dir = folder(SUITE);

  test('--tag, --exclude-tag and --exclude; a run of skipped specs exits 0', async () => {
    const r = await kubespec('run', dir, '--tag', 'smoke', '--exclude-tag', 'slow', '--exclude', 'nothing', '--no-timings');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Specs:  1 passed, 4 skipped, 5 total');
    expect(r.stdout).toContain('○ ');
    const none = await kubespec('run', dir, '--exclude', '/./', '--no-timings');
    expect([none.code, none.stdout.includes('Specs:  5 skipped, 5 total')]).toEqual([0, true]);
  });

  test('a bad --exclude regex or an empty value is one line, exit 2', async () => {
    const bad = await kubespec('run', dir, '--exclude', '/(/');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^kubespec: --exclude \/\(\/: not a valid regular expression: missing closing \)/);
    const empty = await kubespec('run', dir, '--tag', '');
    expect([empty.code, empty.stderr]).toEqual([2, expect.stringContaining('--tag: empty text')]);
  });

  test('grade --submission: skipped specs neither pass nor fail the student', async () => {
    const r = await kubespec('grade', path.join(dir, 'b.spec.yaml'), '--submission', dir, '-r', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ total: 2, passed: 0, skipped: 2, maxScore: 0 });
  }, 60_000);
});
