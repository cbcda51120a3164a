// The runner: discovery, load errors, points, expectError, the kubectl exit-code rule, throughout
// (with its simulated time), budgets (reconciles, simulated time, wall clock), filter, bail,
// streaming and determinism. Tests that need no controller run with test controllers only; the
// ones marked [controllers] use kubespec's own.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Controller, ControllerContext } from '../controllers/controller';
import { runSpecs, nameMatchesFilter } from '.';
import { discoverSpecFiles } from './discover';
import type { RunResult, SpecResult } from './result';

const RS = `apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: nginx, image: nginx }] }
`;

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-run-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Test controllers: none at all, or the ones given. */
const none = () => [] as Controller[];

/** Bumps the `n` label of Namespace `default` every simulated second, up to `until`. */
class Ticker implements Controller {
  readonly name = 'ticker';
  private ctx!: ControllerContext;
  constructor(private readonly until: number) {}
  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    ctx.api.watch('ConfigMap' in {} ? 'Pod' : 'Pod', (ev) => {
      if (ev.type === 'ADDED' && ev.object.metadata.name === 'start') ctx.queue.add('tick');
    });
  }
  reconcile(): void {
    const ns = this.ctx.api.get('Namespace', 'default')!;
    const n = Number(ns.metadata.labels?.n ?? 0) + 1;
    this.ctx.api.update({ ...ns, metadata: { ...ns.metadata, labels: { ...ns.metadata.labels, n: String(n) } } });
    if (n < this.until) this.ctx.queue.addAfter('tick', 1000, { settle: true });
  }
}

/** Never done: requeues itself at once (reconcile budget) or a minute later (simulated-time budget). */
class Looper implements Controller {
  readonly name = 'looper';
  private ctx!: ControllerContext;
  constructor(private readonly delayMs: number, private readonly busyMs = 0) {}
  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    ctx.api.watch('Pod', (ev) => {
      if (ev.type === 'ADDED') ctx.queue.add('loop');
    });
  }
  reconcile(): void {
    if (this.busyMs) {
      const end = Number(process.hrtime.bigint()) / 1e6 + this.busyMs;
      while (Number(process.hrtime.bigint()) / 1e6 < end);
    }
    this.ctx.queue.addAfter('loop', this.delayMs, { settle: true });
  }
}

/** One pod a second (labelled app=m, n=<i>), up to `count`; then relabels pod m-1 `bad=yes`. */
class PodMaker implements Controller {
  readonly name = 'podmaker';
  private ctx!: ControllerContext;
  private made = 0;
  constructor(private readonly count: number) {}
  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    ctx.api.watch('Pod', (ev) => {
      if (ev.type === 'ADDED' && ev.object.metadata.name === 'start') ctx.queue.add('make');
    });
  }
  reconcile(): void {
    const api = this.ctx.api;
    if (this.made < this.count) {
      this.made++;
      api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `m-${this.made}`, labels: { app: 'm' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
      this.ctx.queue.addAfter('make', 1000, { settle: true });
      return;
    }
    const p = api.get('Pod', 'm-1')!;
    api.update({ ...p, metadata: { ...p.metadata, labels: { ...p.metadata.labels, bad: 'yes' } } });
  }
}

/** Records an Event per reconcile, 30 times. */
class Chatty implements Controller {
  readonly name = 'chatty';
  private ctx!: ControllerContext;
  private n = 0;
  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    ctx.api.watch('Pod', (ev) => {
      if (ev.type === 'ADDED') ctx.queue.add('x');
    });
  }
  reconcile(): void {
    const ns = this.ctx.api.get('Namespace', 'default')!;
    this.ctx.recorder.record('chatty', ns, 'Normal', 'Said', `message ${++this.n}`);
    if (this.n < 30) this.ctx.queue.add('x');
  }
}

class Thrower implements Controller {
  readonly name = 'thrower';
  private ctx!: ControllerContext;
  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    ctx.api.watch('Pod', () => ctx.queue.add('x'));
  }
  reconcile(): void {
    void this.ctx;
    throw new TypeError("Cannot read properties of undefined (reading 'spec')");
  }
}

const POD = (name: string) => `{ manifest: { apiVersion: v1, kind: Pod, metadata: { name: ${name}, labels: { app: t } }, spec: { containers: [{ name: c, image: nginx }] } } }`;

function strip(r: RunResult): unknown {
  return JSON.parse(JSON.stringify(r, (k, v) => (k === 'durationMs' || k === 'engineMs' ? undefined : v)));
}

describe('discovery', () => {
  it('finds *.spec.yaml below folders, sorted, skipping node_modules and hidden folders', () => {
    const dir = folder({
      'b/z.spec.yaml': 'x',
      'b/a.spec.yml': 'x',
      'a.spec.yaml': 'x',
      'node_modules/m.spec.yaml': 'x',
      '.git/h.spec.yaml': 'x',
      'c/readme.yaml': 'x',
    });
    const d = discoverSpecFiles(['.', 'missing'], dir);
    expect(d.files.map((f) => f.display)).toEqual(['a.spec.yaml', 'b/a.spec.yml', 'b/z.spec.yaml']);
    expect(d.missing).toEqual(['missing']);
    expect(discoverSpecFiles(['b/z.spec.yaml', 'b'], dir).files.map((f) => f.display)).toEqual(['b/z.spec.yaml', 'b/a.spec.yml']);
  });

  it('filters by substring or /regex/', () => {
    expect(nameMatchesFilter('ReplicaSet keeps pods', 'keeps')).toBe(true);
    expect(nameMatchesFilter('ReplicaSet keeps pods', '/^replica/i')).toBe(true);
    expect(nameMatchesFilter('ReplicaSet keeps pods', '/^keeps/')).toBe(false);
    expect(() => nameMatchesFilter('x', '/(/')).toThrow('the filter /(/ is not a valid regular expression: missing closing ): `(`');
  });
});

describe('runSpecs', () => {
  it('a spec with load problems is an error with every problem located, and the others still run', async () => {
    const dir = folder({
      'a.spec.yaml': 'name: broken\npoints: 3\nsteps:\n  - wait: 30x\n    expct: []\n---\nname: fine\nsteps:\n  - wait: 1s\n',
    });
    const r = await runSpecs(['a.spec.yaml'], { cwd: dir, controllers: none });
    expect(r.specs.map((s) => [s.name, s.status])).toEqual([
      ['broken', 'error'],
      ['fine', 'passed'],
    ]);
    expect(r.specs[0]).toMatchObject({ score: 0, maxScore: 3, steps: [] });
    expect(r.specs[0].error).toEqual({
      message: 'a.spec.yaml:4:11: steps[0].wait: bad duration "30x" (write a duration such as `30s`, `5m`, `1h30m` or `250ms`) (and 1 more problem)',
      location: { file: 'a.spec.yaml', line: 4, column: 11 },
      problems: [
        { message: 'steps[0].wait: bad duration "30x"', location: { file: 'a.spec.yaml', line: 4, column: 11 }, hint: 'write a duration such as `30s`, `5m`, `1h30m` or `250ms`' },
        { message: 'steps[0]: unknown key `expct` in a step', location: { file: 'a.spec.yaml', line: 5, column: 5 }, hint: 'did you mean `expect`?' },
      ],
    });
    expect(r.summary).toMatchObject({ total: 2, passed: 1, errors: 1, score: 1, maxScore: 4 });
  });

  it('a path that does not exist is an error result', async () => {
    const r = await runSpecs(['nope'], { cwd: folder({}) });
    expect(r.specs[0]).toMatchObject({ file: 'nope', status: 'error', error: { message: 'nope: no such file or folder' } });
  });

  it('points: spread over the steps without their own; a failing step scores 0', async () => {
    const dir = folder({
      's.spec.yaml': `name: points
points: 10
steps:
  - create: ${POD('a')}
    points: 4
  - create: ${POD('a')}
  - wait: 1s
    expect:
      - kind: Pod
        name: a
`,
    });
    const r = await runSpecs(['.'], { cwd: dir, controllers: none });
    const s = r.specs[0];
    expect(s.steps.map((x) => [x.status, x.points, x.score])).toEqual([
      ['passed', 4, 4],
      ['failed', 3, 0],
      ['passed', 3, 3],
    ]);
    expect(s).toMatchObject({ status: 'failed', score: 7, maxScore: 10 });
    expect(s.steps[1].failures).toEqual([
      { message: 'Error from server (AlreadyExists): pods "a" already exists', location: { file: 's.spec.yaml', line: 6, column: 5 }, kind: 'action' },
    ]);
  });

  it('expectError: the text or /regex/ must be in the error; success or another error fails', async () => {
    const dir = folder({
      's.spec.yaml': `name: errors
steps:
  - create: ${POD('a')}
  - create: ${POD('a')}
    expectError: already exists
  - create: ${POD('a')}
    expectError: /AlreadyExists.*"a"/
  - create: ${POD('b')}
    expectError: already exists
  - create: ${POD('b')}
    expectError: is invalid
  - kubectl: get pod nope
    expectError: /NotFound/
`,
    });
    const s = (await runSpecs(['.'], { cwd: dir, controllers: none })).specs[0];
    expect(s.steps.map((x) => x.status)).toEqual(['passed', 'passed', 'passed', 'failed', 'failed', 'passed']);
    expect(s.steps[3].failures).toEqual([
      { message: 'expected the action to fail with "already exists", but it succeeded', location: { file: 's.spec.yaml', line: 9, column: 18 }, kind: 'expectError' },
    ]);
    expect(s.steps[4].failures[0].message).toBe('expected the action to fail with "is invalid", but it failed with: Error from server (AlreadyExists): pods "b" already exists');
  });

  it('a failing kubectl command fails its step unless an assertion accepts its exit code (output alone does not)', async () => {
    const dir = folder({
      's.spec.yaml': `name: kubectl
steps:
  - kubectl: get pod nope
  - kubectl: get pod nope
    expect:
      - exitCode: 1
  - kubectl: get pod nope
    expect:
      - output: /not found/
  - kubectl: get pod nope
    expect:
      - output: /not found/
        exitCode: 1
  - kubectl: get pod nope
    expect:
      - exitCode: 0
`,
    });
    const s = (await runSpecs(['.'], { cwd: dir, controllers: none })).specs[0];
    expect(s.steps.map((x) => x.status)).toEqual(['failed', 'passed', 'failed', 'passed', 'failed']);
    expect(s.steps[0].failures[0]).toMatchObject({ kind: 'action', message: 'kubectl exited with code 1: Error from server (NotFound): pods "nope" not found' });
    expect(s.steps[0]).toMatchObject({ exitCode: 1, output: 'Error from server (NotFound): pods "nope" not found\n' });
    // an output that matches the error text does not make a failed command pass
    expect(s.steps[2].failures.map((f) => f.kind)).toEqual(['action']);
    expect(s.steps[4].failures[0]).toMatchObject({ kind: 'expect', message: 'expected exit code 0, got 1 (Error from server (NotFound): pods "nope" not found)' });
  });

  it('throughout: the first violation, with its simulated time', async () => {
    const dir = folder({
      's.spec.yaml': `name: throughout
steps:
  - create: ${POD('start')}
    throughout:
      - kind: Namespace
        name: default
        where: { metadata: { labels: { n: "/^([4-9]|[0-9][0-9])$/" } } }
        absent: true
      - kind: Pod
        name: start
    expect:
      - kind: Namespace
        name: default
        match: { metadata: { labels: { n: "6" } } }
`,
    });
    const s = (await runSpecs(['.'], { cwd: dir, controllers: () => [new Ticker(6)] })).specs[0];
    expect(s.steps[0].failures).toHaveLength(1);
    expect(s.steps[0].failures[0]).toMatchObject({
      kind: 'throughout',
      atMs: 3000,
      location: { file: 's.spec.yaml', line: 5, column: 9 },
      message: 'at 3s: expected no Namespaces named default where {metadata: {labels: {n: "/^([4-9]|[0-9][0-9])$/"}}}, found 1: default',
    });
  });

  it('throughout follows objects entering, changing in and leaving the selection', async () => {
    const dir = folder({
      's.spec.yaml': `name: incremental
steps:
  - create: ${POD('start')}
    throughout:
      - kind: Pod
        selector: app=m
        count: { max: 3 }
      - kind: Pod
        selector: app=m
        count: { min: 0 }
        match: { metadata: { labels: { bad: null } } }
      - kind: Pod
        selector: app=m,!bad
        count: { max: 4 }
      - kind: Pod
        name: start
`,
    });
    const s = (await runSpecs(['.'], { cwd: dir, controllers: () => [new PodMaker(4)] })).specs[0];
    expect(s.steps[0].failures.map((f) => [f.atMs, f.message])).toEqual([
      [3000, 'at 3s: expected at most 3 Pods with selector app=m, found 4: m-1, m-2, m-3, m-4'],
      [4000, 'at 4s: expected every one of 4 Pods with selector app=m to match; 1 does not: m-1 (m-1: metadata.labels.bad: expected absent or null, found yes)'],
    ]);
    expect(s.steps[0].failures[1].diff).toBe(
      ['--- expected', '+++ actual', '@@ -1,5 +1,5 @@', ' kind: Pod', ' metadata:', '   name: m-1', '   labels:', '-    bad: null', '+    bad: "yes"'].join('\n'),
    );
  });

  it('budgets: a spec that never settles fails clearly, skips the rest, and the run goes on', async () => {
    const dir = folder({
      'a.spec.yaml': `name: reconciles
steps:
  - create: ${POD('p')}
  - wait: 1s
---
name: simulated
steps:
  - create: ${POD('p')}
`,
      'b.spec.yaml': 'name: after\nsteps:\n  - wait: 1s\n',
    });
    const r = await runSpecs(['.'], {
      cwd: dir,
      filter: 'reconciles',
      controllers: () => [new Looper(0)],
      limits: { maxReconciles: 1000 },
    });
    const s = r.specs[0];
    expect(s.status).toBe('failed');
    expect(s.steps[0].failures).toEqual([{ message: 'the cluster did not settle after 1,000 reconciles: looper (1 queued) still busy', location: { file: 'a.spec.yaml', line: 3, column: 5 }, kind: 'settle' }]);
    expect(s.steps[1]).toMatchObject({ status: 'skipped', reason: 'an earlier step did not settle: the cluster did not settle after 1,000 reconciles: looper (1 queued) still busy', score: 0 });

    const t = await runSpecs(['.'], { cwd: dir, controllers: () => [new Looper(60_000)], limits: { maxSimulatedMs: 600_000 } });
    expect(t.specs.map((x) => [x.name, x.status])).toEqual([
      ['reconciles', 'failed'],
      ['simulated', 'failed'],
      ['after', 'passed'],
    ]);
    expect(t.specs[1].steps[0].failures[0].message).toBe("the cluster did not settle within the spec's simulated-time budget of 10m: looper: loop still waiting");
  });

  it('budgets: a wait past the simulated-time budget, and the wall clock', async () => {
    const dir = folder({ 'a.spec.yaml': `name: wait\nsteps:\n  - wait: 2h\n  - wait: 1s\n---\nname: slow\nsteps:\n  - create: ${POD('p')}\n  - wait: 1s\n` });
    const r = await runSpecs(['.'], { cwd: dir, controllers: () => [new Looper(0, 1)], limits: { maxSimulatedMs: 3_600_000, maxWallMs: 300 } });
    expect(r.specs[0].steps[0].failures[0].message).toBe('waiting 2h would take the spec past its simulated-time budget of 1h (0s used)');
    expect(r.specs[0].steps[1].status).toBe('skipped');
    const slow = r.specs[1];
    expect(slow.status).toBe('failed');
    expect(slow.steps[0].failures[0].kind).toBe('settle');
    expect(slow.steps[0].failures[0].message).toMatch(/^the spec ran longer than its wall-clock budget of 300ms \([\d,]+ reconciles, 0s simulated\) while the cluster settled$/);
    expect(slow.steps[1]).toMatchObject({ status: 'skipped' });
  });

  it('events past the object limit are dropped, as client-go drops them, not an engine failure', async () => {
    const dir = folder({ 'a.spec.yaml': `name: chatty\ncluster: { maxObjectsPerKind: 20 }\nsteps:\n  - create: ${POD('p')}\n    expect:\n      - { kind: Event, count: 20 }\n` });
    const s = (await runSpecs(['.'], { cwd: dir, controllers: () => [new Chatty()] })).specs[0];
    expect(s.status).toBe('passed');
  });

  it('an engine failure is an error, not a failure of the student', async () => {
    const dir = folder({ 'a.spec.yaml': `name: boom\nsteps:\n  - create: ${POD('p')}\n  - wait: 1s\n` });
    const s = (await runSpecs(['.'], { cwd: dir, controllers: () => [new Thrower()] })).specs[0];
    expect(s.status).toBe('error');
    expect(s.error!.message).toBe("internal error while the cluster settled: Cannot read properties of undefined (reading 'spec')");
    expect(s.steps[1].status).toBe('skipped');
  });

  it('filter, bail and streaming', async () => {
    const dir = folder({
      'a.spec.yaml': `name: one fails\nsteps:\n  - wait: 1s\n    expect: [{ kind: Pod, name: x }]\n---\nname: two passes\nsteps:\n  - wait: 1s\n`,
      'b.spec.yaml': 'name: three passes\nsteps:\n  - wait: 1s\n',
    });
    const seen: string[] = [];
    const r = await runSpecs(['.'], { cwd: dir, controllers: none, onSpecResult: (s: SpecResult) => seen.push(s.name) });
    expect(seen).toEqual(['one fails', 'two passes', 'three passes']);
    expect(r.summary).toMatchObject({ total: 3, passed: 2, failed: 1 });
    expect((await runSpecs(['.'], { cwd: dir, controllers: none, bail: true })).specs.map((s) => s.name)).toEqual(['one fails']);
    expect((await runSpecs(['.'], { cwd: dir, controllers: none, filter: 'passes' })).specs.map((s) => s.name)).toEqual(['two passes', 'three passes']);
    expect((await runSpecs(['.'], { cwd: dir, controllers: none, filter: '/^t/' })).specs.map((s) => s.name)).toEqual(['two passes', 'three passes']);
  });
});

describe('[controllers] runSpecs with kubespec controllers', () => {
  it('same inputs and seed give the same result, durations aside; the seed changes names', async () => {
    const dir = folder({
      'rs.yaml': RS,
      'a.spec.yaml': `name: rs
steps:
  - apply: rs.yaml
    expect:
      - kind: Pod
        selector: app=web
        count: 3
`,
    });
    const a = await runSpecs(['.'], { cwd: dir, seed: 5 });
    const b = await runSpecs(['.'], { cwd: dir, seed: 5 });
    expect(strip(a)).toEqual(strip(b));
    const c = await runSpecs(['.'], { cwd: dir, seed: 6 });
    expect(a.specs[0].steps[0].failures[0].message).toMatch(/^expected 3 Pods with selector app=web, found 2: web-\w{5}, web-\w{5}$/);
    expect(c.specs[0].steps[0].failures[0].message).not.toBe(a.specs[0].steps[0].failures[0].message);
    expect(a.seed).toBe(5);
  });
});
