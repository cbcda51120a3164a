// Running spec files as independent tasks — one spec file against one submission — serially or on
// N worker threads, with results put back in task order, so that a parallel run reports exactly
// what a serial one does (every spec runs on its own fresh, seeded cluster: where or when a task
// runs cannot change its result). Shared by `kubespec grade` and `kubespec run --jobs/--shard`.
import * as path from 'path';
import { msg } from '../i18n';
import { gradeMessages as gm } from '../i18n/messages/grade';
import { performance } from 'perf_hooks';
import type { RunOptions } from '../runner';
import { summarize, type RunResult, type SpecResult } from '../runner/result';
import { loadSpecFile } from '../spec/loader';
import { DEFAULT_WORKER_LIMITS, WorkerPool, workerEntry, type TaskOutcome, type WorkerLimits } from './pool';

/** The runner's signature (src/runner runSpecs). */
export type RunFn = (paths: string[], opts: RunOptions) => Promise<RunResult>;

export interface ExecuteOptions {
  /** Tasks run at once (default 1). */
  jobs?: number;
  /**
   * Run tasks in this process with this function instead of worker threads (tests inject a stub
   * runner here). Without it, worker threads are used when they can start, else the real runner.
   */
  run?: RunFn;
  /** For worker threads: the module exporting `runSpecs` (default: kubespec's runner). */
  runnerModule?: string;
  /** Use worker threads (default true when available and `run` is not given). */
  workers?: boolean;
  /** Watchdog and heap limit of each worker. */
  workerLimits?: Partial<WorkerLimits>;
}

export interface Task {
  files: string[];
  /** Serializable run options (no callbacks). */
  options: RunOptions;
}

export interface TaskCallbacks {
  /** Each spec of each task, in task order (buffered while an earlier task is still running). */
  onSpec?(taskIndex: number, spec: SpecResult): void;
  /** Each task's result, in task order. */
  onTaskDone?(taskIndex: number, result: RunResult): void;
}

/** Run every task; resolves to their results in task order. */
export async function executeTasks(tasks: Task[], exec: ExecuteOptions = {}, callbacks: TaskCallbacks = {}): Promise<RunResult[]> {
  const jobs = Math.max(1, Math.floor(exec.jobs ?? 1));
  const ordered = orderedDelivery(tasks.length, callbacks);
  const results: RunResult[] = new Array(tasks.length);
  const entry = exec.run || exec.workers === false ? undefined : workerEntry();

  if (entry) {
    // A spec on a real cluster takes real time (each step may settle for --step-timeout): an hour, unless set.
    const remote = tasks.some((t) => t.options.remote) ? { specTimeoutMs: 3_600_000 } : {};
    const pool = new WorkerPool(Math.min(jobs, Math.max(1, tasks.length)), entry, { ...DEFAULT_WORKER_LIMITS, ...remote, ...exec.workerLimits });
    try {
      await Promise.all(
        tasks.map(async (task, i) => {
          const outcome = await pool.run({ files: task.files, options: task.options, runnerModule: exec.runnerModule, onSpec: (s) => ordered.spec(i, s) });
          results[i] = outcome.result ?? unfinished(task, outcome);
          if (!outcome.result) for (const s of results[i].specs.slice(outcome.specs.length)) ordered.spec(i, s);
          ordered.done(i, results[i]);
        }),
      );
    } finally {
      await pool.close();
    }
    return results;
  }

  const run: RunFn = exec.run ?? (await import('../runner')).runSpecs;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      const task = tasks[i];
      try {
        results[i] = await run(task.files, { ...task.options, onSpecResult: (s) => ordered.spec(i, s) });
      } catch (e) {
        results[i] = unfinished(task, { specs: [], failure: msg(gm.runnerFailed, { message: e instanceof Error ? e.message : String(e) }), internal: true });
        for (const s of results[i].specs) ordered.spec(i, s);
      }
      ordered.done(i, results[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, Math.max(1, tasks.length)) }, lane));
  return results;
}

/** One run made of several tasks' results, in order (as if the runner had been given every file at once). */
export function mergeResults(results: RunResult[], durationMs: number, seed = 1): RunResult {
  const specs = results.flatMap((r) => r.specs);
  return { specs, summary: summarize(specs, durationMs), seed: results[0]?.seed ?? seed };
}

/** Wall time, for the merged summary (durations are the only thing that differs between runs). */
export function stopwatch(): () => number {
  const start = performance.now();
  return () => Math.round(performance.now() - start);
}

/**
 * A task that did not finish (its worker was stopped or crashed): the specs it finished, then every
 * other spec of its files as an error worth its points — so a student's maximum score does not
 * shrink because a run was stopped.
 */
export function unfinished(task: Task, outcome: TaskOutcome): RunResult {
  const done = outcome.specs;
  const reason = outcome.failure ?? msg(gm.runStopped);
  const specs: SpecResult[] = [...done];
  let first = true;
  for (const file of task.files) {
    const loaded = loadSpecFile(path.resolve(task.options.cwd ?? process.cwd(), file), file);
    for (const doc of loaded.documents) {
      const index = doc.ok ? doc.spec.index : doc.index;
      if (done.some((s) => s.file === file && s.index === index)) continue;
      const name = doc.ok ? doc.spec.name : doc.name;
      const maxScore = doc.ok ? doc.spec.points : doc.points;
      const location = doc.ok ? doc.spec.location : doc.location;
      // The failure is the first spec's; the ones after it were not run because of it.
      const error = first ? { message: reason, ...(outcome.internal ? { internal: true as const } : {}) } : { message: msg(gm.notRun, { reason }) };
      first = false;
      specs.push({ file, name, index, location, status: 'error', durationMs: 0, engineMs: 0, score: 0, maxScore, steps: [], error });
    }
  }
  return { specs, summary: summarize(specs, specs.reduce((a, s) => a + s.durationMs, 0)), seed: task.options.seed ?? 1 };
}

/** Deliver specs and task completions in task order, buffering what arrives early. */
function orderedDelivery(count: number, cb: TaskCallbacks): { spec(i: number, s: SpecResult): void; done(i: number, r: RunResult): void } {
  const pendingSpecs: SpecResult[][] = Array.from({ length: count }, () => []);
  const finished: (RunResult | undefined)[] = new Array(count);
  let current = 0;
  const flush = (): void => {
    while (current < count) {
      for (const s of pendingSpecs[current].splice(0)) cb.onSpec?.(current, s);
      const r = finished[current];
      if (!r) return;
      cb.onTaskDone?.(current, r);
      current++;
    }
  };
  return {
    spec(i, s) {
      pendingSpecs[i].push(s);
      if (i === current) flush();
    },
    done(i, r) {
      finished[i] = r;
      if (i === current) flush();
    },
  };
}
