// The synchronous door to the network worker (worker.ts): the kubectl emulation, the spec actions
// and the runner are synchronous (on the embedded cluster a verb is a function call), so on a real
// cluster each API call blocks this thread until the worker has its answer. synckit does the
// blocking (a worker thread, Atomics.wait and a message port); the watches go on in the worker
// meanwhile.
import * as fs from 'fs';
import * as path from 'path';
import { createSyncFn } from 'synckit';
import type { WorkerReply, WorkerRequest } from './protocol';

/**
 * A compiled file of this folder (worker.js, janitor.js), which runs as a thread or a process of its
 * own: beside this module in the build, beside the CLI's one-file bundle (dist/src/cli), or in
 * dist/ when this module runs from source (ts-jest).
 */
export function remoteFile(name: string): string {
  const candidates = [path.join(__dirname, name), path.resolve(__dirname, '..', 'remote', name), path.resolve(__dirname, '..', '..', 'dist', 'src', 'remote', name)];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`kubespec's real-cluster ${name} is not built (looked in ${candidates.join(', ')}): run npm run build`);
  return found;
}

export type Call = (req: WorkerRequest) => WorkerReply;

let shared: Call | undefined;

/**
 * The one worker of this process (every spec of a run shares it; its watches are per spec).
 * `timeoutMs` bounds every call: a worker that does not answer is an error, never a hang.
 */
export function workerCall(timeoutMs: number): Call {
  shared ??= createSyncFn<(req: WorkerRequest) => Promise<WorkerReply>>(remoteFile('worker.js'), { timeout: timeoutMs }) as Call;
  return shared;
}
