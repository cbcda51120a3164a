import * as fs from 'fs';
import * as path from 'path';
import { executeTasks, mergeResults, type Task } from './execute';
import { runSpecs as stubRun } from './testing/stub-runner';
import { GOOD, STUB_RUNNER, STUB_SUITE, tempDir, timeless, writeTree } from './testing/suite';

import type { RunResult, SpecResult } from '../runner/result';

describe('executeTasks', () => {
  let dir: string;
  let tasks: Task[];
  beforeAll(() => {
    dir = tempDir();
    writeTree(dir, { ...STUB_SUITE, 'alice/deploy.yaml': GOOD, 'alice/svc.yaml': GOOD, 'alice/rs.yaml': GOOD, 'bob/deploy.yaml': GOOD, 'bob/rs.yaml': 'a: [' });
    const files = ['suite/01-deploy.spec.yaml', 'suite/02-svc.spec.yaml', 'suite/nested/03-rs.spec.yaml'].map((f) => path.join(dir, f));
    tasks = ['alice', 'bob', 'carol'].flatMap((s) => files.map((f) => ({ files: [f], options: { submission: path.join(dir, s), seed: 3 } })));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const strip = (r: RunResult[]): RunResult[] => r.map(timeless);

  it('on worker threads, with any number of jobs, gives exactly what a serial in-process run gives, in task order', async () => {
    const serialSpecs: [number, SpecResult][] = [];
    const serial = await executeTasks(tasks, { run: stubRun }, { onSpec: (i, s) => serialSpecs.push([i, s]) });
    expect(serial.map((r) => r.summary.score)).toEqual([4, 3, 3, 4, 1, 0, 0, 0, 0]);
    for (const jobs of [1, 3]) {
      const seen: [number, SpecResult][] = [];
      const done: number[] = [];
      const parallel = await executeTasks(tasks, { jobs, runnerModule: STUB_RUNNER }, { onSpec: (i, s) => seen.push([i, s]), onTaskDone: (i) => done.push(i) });
      expect(strip(parallel)).toEqual(strip(serial));
      expect(seen).toEqual(serialSpecs);
      expect(done).toEqual(tasks.map((_, i) => i));
    }
  }, 60_000);

  it('merges task results into one run, as if the runner had been given every file', async () => {
    const files = tasks.slice(0, 3).flatMap((t) => t.files);
    const whole = await stubRun(files, tasks[0].options);
    const parts = await executeTasks(tasks.slice(0, 3), { run: stubRun });
    expect(timeless(mergeResults(parts, 0))).toEqual(timeless(whole));
  });

  it('stops a spec that runs past its wall-clock budget or its memory, and goes on with the next task', async () => {
    writeTree(dir, {
      'bad/hang.spec.yaml': 'name: first\nsteps:\n  - apply: deploy.yaml\n---\nname: hangs\npoints: 5\nsteps:\n  - hang: true\n---\nname: after\npoints: 2\nsteps:\n  - apply: deploy.yaml\n',
      'bad/oom.spec.yaml': 'name: hog\npoints: 3\nsteps:\n  - oom: true\n',
      'bad/throws.spec.yaml': 'name: thrower\nsteps:\n  - throw: true\n',
    });
    const sub = path.join(dir, 'alice');
    const bad: Task[] = ['hang', 'oom', 'throws'].map((n) => ({ files: [path.join(dir, `bad/${n}.spec.yaml`)], options: { submission: sub } }));
    const t0 = performance.now();
    const results = await executeTasks([...bad, tasks[0]], { jobs: 2, runnerModule: STUB_RUNNER, workerLimits: { specTimeoutMs: 1500, maxMemoryMb: 64 } });
    expect(performance.now() - t0).toBeLessThan(30_000);
    const [hang, oom, throws, good] = results;
    expect(hang.specs.map((s) => [s.name, s.status, s.score, s.maxScore])).toEqual([
      ['first', 'passed', 1, 1],
      ['hangs', 'error', 0, 5],
      ['after', 'error', 0, 2],
    ]);
    expect(hang.specs[1].error!.message).toBe('stopped: the spec ran for more than 1.5 s of wall-clock time');
    expect(hang.specs[2].error!.message).toMatch(/^not run: an earlier spec of this run was stopped/);
    expect(oom.specs).toEqual([expect.objectContaining({ name: 'hog', status: 'error', maxScore: 3 })]);
    expect(oom.specs[0].error!.message).toBe('stopped: the spec used more than the memory limit of 64 MB');
    expect(throws.specs[0].error!.message).toBe('the runner failed: Error: boom');
    expect(good.summary.score).toBe(4);
  }, 60_000);
});
