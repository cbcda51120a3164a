// Exit codes by what went wrong: a spec that could not load is the user's to fix (2), a spec that
// the engine itself failed on (a thrown bug, a crashed worker) is kubespec's (3, "internal error"),
// as the help and the README document; budgets stop a spec without being either's bug.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Controller } from '../controllers/controller';
import { runSpecs } from '../runner';
import { executeTasks, unfinished } from '../grade/execute';
import { summarize, type RunResult } from '../runner/result';
import { renderJson } from '../report/json';
import { exitCode } from './commands/run';
import { internalErrors } from './internal';

const ROOT = path.resolve(__dirname, '..', '..');
const PASS = 'fixtures/cli/pass.spec.yaml';

/** A controller with a bug: it throws whatever it is asked to reconcile. */
const buggy = (): Controller[] => [
  {
    name: 'buggy-controller',
    start: (ctx) => ctx.api.watch('Service', () => ctx.queue.add('x')),
    reconcile: () => {
      throw new TypeError("Cannot read properties of undefined (reading 'spec')");
    },
  },
];

function only(result: RunResult, keep: (s: RunResult['specs'][number]) => boolean): RunResult {
  const specs = result.specs.filter(keep);
  return { ...result, specs, summary: summarize(specs, 0) };
}

test('an engine failure in a spec is an internal error: exit 3, not 2', async () => {
  const result = await runSpecs([PASS], { cwd: ROOT, controllers: buggy });
  expect(result.specs[0].status).toBe('error');
  expect(result.specs[0].error?.message).toMatch(/^internal error /);
  expect(internalErrors(result)).toHaveLength(1);
  expect(exitCode(result)).toBe(3);
});

test('a cluster that cannot start is an internal error; the flag stays out of the JSON report', async () => {
  const result = await runSpecs([PASS], {
    cwd: ROOT,
    controllers: () => {
      throw new TypeError('no controllers');
    },
  });
  expect(result.specs.map((s) => s.error?.message)).toEqual(['the cluster could not start: no controllers', 'the cluster could not start: no controllers']);
  expect(internalErrors(result)).toHaveLength(2);
  expect(exitCode(result)).toBe(3);
  // The JSON report's error is message, location and problems, as for any spec error.
  expect(renderJson(result, ROOT)).not.toContain('"internal"');
});

test('a worker that crashed or whose runner failed: exit 3', () => {
  const task = { files: [PASS], options: { cwd: ROOT } };
  for (const failure of ['the worker running it crashed: boom', 'the runner failed: TypeError: x', 'the worker running it exited (code 1)']) {
    const result = unfinished(task, { specs: [], failure, internal: true });
    expect(exitCode(result)).toBe(3);
  }
});

describe('the task runners mark their own failures internal', () => {
  // Runner modules for worker threads, each failing one way (the worker requires the module, then says it started).
  const RUNNERS: Record<string, string> = {
    'throws.js': "exports.runSpecs = async () => { throw new TypeError('x'); };",
    'exits.js': 'exports.runSpecs = () => process.exit(1);',
    'crashes.js': "exports.runSpecs = () => new Promise(() => setTimeout(() => { throw new Error('boom'); }, 0));",
    'never-loads.js': 'for (;;);',
    'hangs.js': 'exports.runSpecs = () => new Promise(() => undefined);',
  };
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-runners-'));
    for (const [name, text] of Object.entries(RUNNERS)) fs.writeFileSync(path.join(dir, name), `${text}\n`);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const task = { files: [PASS], options: { cwd: ROOT } };
  const onWorker = async (runner: string, limits = {}) => (await executeTasks([task], { runnerModule: path.join(dir, runner), workerLimits: { startupTimeoutMs: 60_000, ...limits } }))[0];

  test('a runner that throws, in this process or in a worker; a worker that exits, crashes or does not start: exit 3', async () => {
    const [inProcess, throws, exits, crashes, neverLoads] = await Promise.all([
      executeTasks([task], { run: () => Promise.reject(new TypeError('x')) }).then((r) => r[0]),
      onWorker('throws.js'),
      onWorker('exits.js'),
      onWorker('crashes.js'),
      onWorker('never-loads.js', { startupTimeoutMs: 1000 }),
    ]);
    const cases: [RunResult, string][] = [
      [inProcess, 'the runner failed: x'],
      [throws, 'the runner failed: TypeError: x'],
      [exits, 'the worker running it exited (code 1)'],
      [crashes, 'the worker running it crashed: boom'],
      [neverLoads, 'the worker did not start within 1 s'],
    ];
    for (const [result, message] of cases) {
      // The fixture's second spec did not run because of the first's failure: that one is the internal error.
      expect(result.specs.map((s) => s.error?.message)).toEqual([message, `not run: an earlier spec of this run was stopped (${message})`]);
      expect(internalErrors(result)).toEqual([result.specs[0]]);
      expect(exitCode(result)).toBe(3);
    }
  }, 60_000);

  test('a worker stopped by the wall-clock budget is not an internal error: exit 2', async () => {
    const stopped = await onWorker('hangs.js', { specTimeoutMs: 500 });
    const reason = 'stopped: the spec ran for more than 500 ms of wall-clock time';
    expect(stopped.specs.map((s) => s.error?.message)).toEqual([reason, `not run: an earlier spec of this run was stopped (${reason})`]);
    expect(internalErrors(stopped)).toEqual([]);
    expect(exitCode(stopped)).toBe(2);
  }, 60_000);
});

test('a spec that does not load stays a usage error (2); a budget stop is not an internal error', async () => {
  const broken = await runSpecs(['fixtures/cli/broken.spec.yaml'], { cwd: ROOT });
  expect(internalErrors(broken)).toEqual([]);
  expect(exitCode(broken)).toBe(2);
  const stopped = unfinished({ files: [PASS], options: { cwd: ROOT } }, { specs: [], failure: 'stopped: the spec used more than the memory limit of 64 MB' });
  expect(internalErrors(stopped)).toEqual([]);
  expect(exitCode(stopped)).toBe(2);
  // An internal error outweighs a load error in the same run.
  const engine = await runSpecs([PASS], { cwd: ROOT, controllers: buggy });
  expect(exitCode({ ...broken, specs: [...broken.specs, ...only(engine, (s) => s.status === 'error').specs] })).toBe(3);
});
