// `eventually`: an assertion that must hold at one or more of the states a step settles through
// (Recreate's downtime holds, a rolling update's does not); a failure shows the closest state seen
// and its time; a capture is recorded at the first state where it held; `settle: false` leaves only
// the state right after the action; and its load errors.
import * as path from 'path';
import { loadSpecText } from '../spec/loader';
import { runSpec, type SpecRunOptions } from './run-spec';
import type { SpecResult } from './result';

const COURSE = path.resolve(__dirname, '../../fixtures/course');

function load(text: string) {
  const doc = loadSpecText(text, 'x.spec.yaml', COURSE).documents[0];
  if (!doc.ok) throw new Error(doc.problems.map((p) => `${p.location.line}:${p.location.column}: ${p.message}`).join('\n'));
  return doc.spec;
}

function run(text: string, opts: SpecRunOptions = {}): SpecResult {
  return runSpec(load(text), opts);
}

function problems(text: string): string[] {
  const doc = loadSpecText(text, 'x.spec.yaml', COURSE).documents[0];
  return doc.ok ? [] : doc.problems.map((p) => `${p.location.line}:${p.location.column}: ${p.message}`);
}

/** Switch the nginx Deployment (of `manifest`) to nginx:1.25, with these `eventually` assertions. */
const rollout = (manifest: string, eventually: string) => `name: rollout
steps:
  - apply: [${manifest}, nginx-svc.yaml]
  - setImage: { kind: Deployment, name: nginx-deployment, container: nginx, image: "nginx:1.25" }
    eventually:
${eventually}
`;

const NO_READY_POD = `      - kind: Pod
        selector: app=nginx
        where: { status: { conditions: { contains: [{ type: Ready, status: "True" }] } } }
        absent: true
      - kind: Endpoints
        name: my-nginx
        match: { subsets: { exists: false } }
      - request: { nodePort: 30000 }
        fails: true`;

describe('eventually', () => {
  test("holds when some intermediate state satisfies it: Recreate's moment with no ready pod, no endpoint, no answer", () => {
    const r = run(rollout('nginx-deploy-recreate.yaml', NO_READY_POD));
    expect(r.steps.map((s) => s.status)).toEqual(['passed', 'passed']);
  });

  test('fails when no state does (a rolling update always keeps a ready pod), showing the closest state and its time', () => {
    const r = run(rollout('nginx-deploy.yaml', NO_READY_POD));
    const step = r.steps[1];
    expect(step.status).toBe('failed');
    expect(step.failures.map((f) => f.kind)).toEqual(['eventually', 'eventually', 'eventually']);
    const [pods, endpoints, request] = step.failures;
    // maxUnavailable 25% of 2 is 0: two pods stay ready throughout; the first such state is the closest.
    expect(pods.message).toMatch(/^no state matched while the step settled \(\d+ states seen\); the closest, at \d+(\.\d)?s: expected no Pods with selector app=nginx where .*, found 2: nginx-deployment-/);
    expect(pods.atMs).toBeGreaterThan(0);
    expect(pods.selected).toHaveLength(2);
    expect(pods.location).toMatchObject({ line: 6 });
    expect(endpoints.message).toMatch(/Endpoints my-nginx does not match: subsets: expected absent$/);
    expect(endpoints.diff).toBeDefined();
    expect(request.message).toMatch(/the closest, at .*: expected 1 request to nodePort 30000 to fail, but 1 was answered/);
  });

  test('the closest state is the one with the fewest failing fields, the earliest of equals', () => {
    // Five replicas are asked for, never reached: two pods is the closest, from the first state on.
    const r = run(`name: closest
steps:
  - apply: nginx-deploy.yaml
  - scale: { kind: Deployment, name: nginx-deployment, replicas: 4 }
    eventually:
      - { kind: Deployment, name: nginx-deployment, match: { status: { readyReplicas: 5, availableReplicas: 5, replicas: 5 } } }
`);
    const f = r.steps[1].failures[0];
    expect(f.kind).toBe('eventually');
    // At the settled state two of the three fields are off by one replica... but every state fails
    // all three; the first state with the fewest misses is kept.
    expect(f.message).toMatch(/^no state matched .* the closest, at [\d.]+s: Deployment nginx-deployment does not match: status\.readyReplicas: expected 5, found \d \(and 2 more fields\)$/);
    expect(f.mismatches?.[0].fields.length).toBe(3);
  });

  test('an eventually assertion holding at the first state (right after the action) passes, with settle: false too', () => {
    const r = run(`name: first state
steps:
  - apply: nginx-deploy.yaml
    settle: false
    eventually:
      - { kind: Deployment, name: nginx-deployment }
      - { kind: Pod, selector: app=nginx, count: 2 }
`);
    // Without settling, the only state is the one right after the action: no pod yet.
    expect(r.steps[0].failures.map((f) => f.message)).toEqual([expect.stringMatching(/^no state matched while the step settled \(1 state seen\); the closest, at 0s: expected 2 Pods with selector app=nginx, found none$/)]);
  });

  test('a capture in eventually is recorded at the first state where the assertion held', () => {
    const r = run(`name: capture a terminating pod
steps:
  - apply: nginx-deploy-recreate.yaml
  - setImage: { kind: Deployment, name: nginx-deployment, container: nginx, image: "nginx:1.25" }
    eventually:
      - kind: Pod
        selector: app=nginx
        where: { metadata: { deletionTimestamp: { exists: true } } }
        pick: oldest
        capture: { old: metadata.name }
    expect:
      - kind: Pod
        name: \${old}
        absent: true
      - kind: Pod
        selector: app=nginx
        count: 2
        not: { metadata: { name: "\${old}" } }
`);
    expect(r.steps.map((s) => [s.status, s.failures.map((f) => f.message)])).toEqual([
      ['passed', []],
      ['passed', []],
    ]);
  });

  test('eventually failures come after throughout ones and before expect ones', () => {
    const r = run(`name: order
steps:
  - apply: nginx-deploy.yaml
    throughout: [{ kind: Pod, selector: app=nginx, count: 7 }]
    eventually: [{ kind: Pod, selector: app=nginx, count: 8 }]
    expect: [{ kind: Pod, selector: app=nginx, count: 9 }]
`);
    expect(r.steps[0].failures.map((f) => f.kind)).toEqual(['throughout', 'eventually', 'expect']);
  });

  test('the HTML timeline gets a lane per eventually assertion, where it first held or that it never did', () => {
    const r = run(rollout('nginx-deploy-recreate.yaml', '      - { kind: Pod, selector: app=nginx, absent: true }\n      - { kind: Pod, selector: app=nginx, count: 9 }'), { timeline: true });
    const checks = r.steps[1].timeline!.checks.filter((c) => c.phase === 'eventually');
    expect(checks).toEqual([
      { phase: 'eventually', label: expect.stringContaining('Pod app=nginx absent'), line: 6, held: true, atMs: expect.any(Number) },
      { phase: 'eventually', label: expect.stringContaining('count 9'), line: 7, held: false, atMs: expect.any(Number) },
    ]);
  });

  test('load errors: output checks cannot go in eventually; its assertions are checked as expect ones', () => {
    expect(
      problems(`name: x
steps:
  - kubectl: get pods
    eventually:
      - output: nginx
      - { kind: Pdo, selector: "app in (" }
`),
    ).toEqual([
      '5:9: steps[0].eventually[0]: `output` and `exitCode` are checked once, after the command; they cannot go in `eventually`',
      '6:17: steps[0].eventually[1].kind: unknown kind `Pdo`',
      expect.stringMatching(/^6:32: steps\[0\]\.eventually\[1\]\.selector: /),
    ]);
    expect(problems('name: x\nsteps:\n  - apply: a.yaml\n    eventually: { kind: Pod }\n')).toEqual([expect.stringMatching(/^4:17: steps\[0\]\.eventually: wrong type/)]);
    expect(problems('name: x\nsteps:\n  - apply: a.yaml\n    eventualy: []\n')).toEqual(['4:5: steps[0]: unknown key `eventualy` in a step']);
  });
});
