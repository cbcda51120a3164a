// Exit codes by what went wrong: a spec that could not load is the user's to fix (2), a spec that
// the engine itself failed on (a thrown bug, a crashed worker) is kubespec's (3, "internal error"),
// as the help and the README document; budgets stop a spec without being either's bug.
import * as path from 'path';
import type { Controller } from '../controllers/controller';
import { runSpecs } from '../runner';
import { unfinished } from '../grade/execute';
import { summarize, type RunResult } from '../runner/result';
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

test('a worker that crashed or whose runner failed: exit 3', () => {
  const task = { files: [PASS], options: { cwd: ROOT } };
  for (const failure of ['the worker running it crashed: boom', 'the runner failed: TypeError: x', 'the worker running it exited (code 1)']) {
    const result = unfinished(task, { specs: [], failure });
    expect(exitCode(result)).toBe(3);
  }
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
