// `kubespec run --jobs N --shard i/n`: the spec files split into shards (sorted, deterministic) and
// run one file per task on N workers; the merged result is the one a serial run gives.
import * as path from 'path';
import type { RunOptions } from '../runner';
import type { RunResult } from '../runner/result';
import { executeTasks, mergeResults, stopwatch, type ExecuteOptions } from './execute';
import { specFilesFor } from './files';
import type { Shard } from './shard';
import { runSelection } from './select';

export interface ShardedRunOptions extends RunOptions, ExecuteOptions {
  shard?: Shard;
}

export async function runSharded(paths: string[], opts: ShardedRunOptions): Promise<RunResult> {
  const elapsed = stopwatch();
  const { shard, jobs, run, runnerModule, workers, workerLimits, onSpecResult, ...rest } = opts;
  const cwd = path.resolve(rest.cwd ?? process.cwd());
  // `only: true` counts in every spec file of the run, not just the shard's or the task's.
  const runOptions = { ...rest, cwd, select: runSelection(paths, cwd, rest) };
  const files = specFilesFor(paths, runOptions.cwd, shard);
  // --bail stops at the first failing spec in file order: one task keeps that exact meaning.
  const tasks = runOptions.bail ? (files.length ? [{ files, options: runOptions }] : []) : files.map((f) => ({ files: [f], options: runOptions }));
  const results = await executeTasks(tasks, { jobs, run, runnerModule, workers, workerLimits }, { onSpec: (_i, s) => onSpecResult?.(s) });
  return mergeResults(results, elapsed(), runOptions.seed);
}
