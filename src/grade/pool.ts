// Worker threads for `--jobs N` and for isolating untrusted submissions: each task (spec files run
// against one submission) goes to an idle worker; a watchdog stops a worker whose spec runs past
// the wall-clock budget, and a heap limit stops one that uses too much memory. A stopped or
// crashed worker is replaced; its task ends with what it finished and the reason it stopped.
// The watchdog is a real-time timer on purpose: it only ever aborts, it never decides a result.
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { RunOptions } from '../runner';
import type { RunResult, SpecResult } from '../runner/result';
import type { RunMessage, WorkerReply } from './worker';
import { getLang, msg } from '../i18n';
import { gradeMessages as gm } from '../i18n/messages/grade';

export interface WorkerLimits {
  /** Wall-clock time one spec may take before its worker is stopped (ms). */
  specTimeoutMs: number;
  /** Time a fresh worker may take to load the runner (ms). */
  startupTimeoutMs: number;
  /** Old-generation heap limit per worker (MB). */
  maxMemoryMb: number;
}

/** The watchdog stands behind the runner's own wall-clock budget (60 s by default): twice that plus 5 s. */
export const DEFAULT_WORKER_LIMITS: WorkerLimits = { specTimeoutMs: 125_000, startupTimeoutMs: 120_000, maxMemoryMb: 1024 };

export interface TaskOutcome {
  /** The whole run, when the worker finished it. */
  result?: RunResult;
  /** The specs it finished (all of them when `result` is there). */
  specs: SpecResult[];
  /** Why the task stopped early. */
  failure?: string;
  /** The failure is kubespec's own (the worker crashed, exited or did not start; the runner threw), not a budget stop. */
  internal?: true;
}

export interface PoolTask {
  files: string[];
  options: RunOptions;
  runnerModule?: string;
  onSpec?(spec: SpecResult): void;
}

/** How to start a worker: compiled JavaScript (dist/) or, from the TypeScript sources, through ts-node. */
export interface WorkerEntry {
  filename: string;
  eval: boolean;
}

/**
 * The worker script next to this module: `worker.js` when kubespec runs compiled; from the
 * sources (ts-jest, ts-node) `worker.ts` loaded through ts-node's transpile-only hook. Undefined
 * when neither can run (then grading runs in the main thread).
 */
export function workerEntry(): WorkerEntry | undefined {
  const js = path.join(__dirname, 'worker.js');
  if (__filename.endsWith('.js') && fs.existsSync(js)) return { filename: js, eval: false };
  const ts = path.join(__dirname, 'worker.ts');
  if (!fs.existsSync(ts)) return undefined;
  let tsNode: string;
  try {
    tsNode = require.resolve('ts-node');
  } catch {
    return undefined;
  }
  const project = path.resolve(__dirname, '..', '..', 'tsconfig.json');
  const code =
    `require(${JSON.stringify(tsNode)}).register({ transpileOnly: true, project: ${JSON.stringify(project)}, compilerOptions: { module: 'commonjs' } });\n` +
    `require(${JSON.stringify(ts)});\n`;
  return { filename: code, eval: true };
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

interface Queued {
  task: PoolTask;
  resolve(o: TaskOutcome): void;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly entry: WorkerEntry,
    private readonly limits: WorkerLimits = DEFAULT_WORKER_LIMITS,
  ) {}

  run(task: PoolTask): Promise<TaskOutcome> {
    if (this.closed) return Promise.reject(new Error('worker pool closed'));
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = this.slots.splice(0).map((s) => s.worker);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) {
        slot = { worker: this.spawn(), busy: false };
        this.slots.push(slot);
      }
      if (!slot) return;
      const next = this.queue.shift()!;
      this.start(slot, next);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(this.entry.filename, {
      eval: this.entry.eval,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxMemoryMb },
      stdout: false,
      stderr: false,
    });
    // A worker that dies between tasks is dropped (an 'error' without a listener would throw here).
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      const i = this.slots.findIndex((s) => s.worker === worker && !s.busy);
      if (i >= 0) this.slots.splice(i, 1);
    });
    return worker;
  }

  private start(slot: Slot, { task, resolve }: Queued): void {
    slot.busy = true;
    const id = this.nextId++;
    const worker = slot.worker;
    const specs: SpecResult[] = [];
    let timer: NodeJS.Timeout | undefined;
    let finished = false;

    const finish = (outcome: TaskOutcome, replace: boolean): void => {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (replace) {
        const i = this.slots.indexOf(slot);
        if (i >= 0) this.slots.splice(i, 1);
        void worker.terminate();
      } else slot.busy = false;
      resolve(outcome);
      if (!this.closed) this.pump();
    };
    const arm = (ms: number, reason: string, internal = false): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => finish({ specs, failure: reason, ...(internal ? { internal: true } : {}) }, true), ms);
    };
    const onMessage = (reply: WorkerReply): void => {
      if (reply.id !== id) return;
      if (reply.type === 'started') arm(this.limits.specTimeoutMs, overTime(this.limits.specTimeoutMs));
      else if (reply.type === 'spec') {
        specs.push(reply.spec);
        task.onSpec?.(reply.spec);
        arm(this.limits.specTimeoutMs, overTime(this.limits.specTimeoutMs));
      } else if (reply.type === 'done') {
        // The streamed specs are the very objects the caller has seen: the run is made of them.
        const result = specs.length === reply.result.specs.length ? { ...reply.result, specs } : reply.result;
        finish({ result, specs: result.specs }, false);
      }
      else finish({ specs, failure: msg(gm.runnerFailed, { message: reply.message }), internal: true }, false);
    };
    const onError = (e: Error & { code?: string }): void => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') finish({ specs, failure: msg(gm.overMemory, { mb: this.limits.maxMemoryMb }) }, true);
      else finish({ specs, failure: msg(gm.workerCrashed, { message: e.message }), internal: true }, true);
    };
    const onExit = (code: number): void => finish({ specs, failure: msg(gm.workerExited, { code }), internal: true }, true);

    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    arm(this.limits.startupTimeoutMs, msg(gm.workerDidNotStart, { seconds: Math.round(this.limits.startupTimeoutMs / 1000) }), true);
    // The language is the process's (--lang, the locale): a worker's module state starts in English.
    const message: RunMessage = { type: 'run', id, files: task.files, options: task.options, runnerModule: task.runnerModule, lang: getLang() };
    worker.postMessage(message);
  }
}

function overTime(ms: number): string {
  return msg(gm.overTime, { time: ms >= 1000 ? `${ms / 1000} s` : `${ms} ms` });
}
