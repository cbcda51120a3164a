// A worker thread of `--jobs N`: runs the spec files it is sent with the runner, one task at a
// time, and posts each spec's result as it finishes (so the parent's watchdog sees progress), then
// the whole run. The parent owns ordering, budgets and what happens when a worker dies.
import * as path from 'path';
import { parentPort } from 'worker_threads';
import type { RunOptions } from '../runner';
import type { RunResult } from '../runner/result';
import { setLang, type Lang } from '../i18n';

export interface RunMessage {
  type: 'run';
  id: number;
  files: string[];
  options: RunOptions;
  /** Module exporting `runSpecs` (default: kubespec's runner). */
  runnerModule?: string;
  /** The language of kubespec's text in the results (the parent's, from --lang or the locale). */
  lang?: Lang;
}

export type WorkerReply =
  | { type: 'started'; id: number }
  | { type: 'spec'; id: number; spec: RunResult['specs'][number] }
  | { type: 'done'; id: number; result: RunResult }
  | { type: 'failed'; id: number; message: string };

type RunSpecs = (paths: string[], opts: RunOptions) => Promise<RunResult>;

const runners = new Map<string, RunSpecs>();

function runnerFrom(module: string | undefined): RunSpecs {
  const id = module ?? path.join(__dirname, '..', 'runner');
  let fn = runners.get(id);
  if (!fn) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    fn = (require(id) as { runSpecs: RunSpecs }).runSpecs;
    runners.set(id, fn);
  }
  return fn;
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (msg: RunMessage) => {
    if (msg.type !== 'run') return;
    void (async () => {
      try {
        setLang(msg.lang ?? 'en');
        const runSpecs = runnerFrom(msg.runnerModule);
        port.postMessage({ type: 'started', id: msg.id } satisfies WorkerReply);
        const result = await runSpecs(msg.files, { ...msg.options, onSpecResult: (spec) => port.postMessage({ type: 'spec', id: msg.id, spec } satisfies WorkerReply) });
        port.postMessage({ type: 'done', id: msg.id, result } satisfies WorkerReply);
      } catch (e) {
        port.postMessage({ type: 'failed', id: msg.id, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) } satisfies WorkerReply);
      }
    })();
  });
}
