// NodePorts are the one thing namespaces do not isolate: a port belongs to the whole cluster. Specs
// running at once (--jobs, or two runs on this machine) that ask for the same nodePort take turns:
// a lock file per (API server, port), held from the Service's creation until the spec's namespace is
// gone. A lock whose holder process has died is taken over.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { threadId } from 'worker_threads';

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Block this thread for `ms` (the runner's thread is synchronous; nothing else runs on it meanwhile). */
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class NodePortLocks {
  private readonly held = new Set<string>();
  private readonly dir = os.tmpdir();
  private readonly prefix: string;

  constructor(server: string) {
    this.prefix = `kubespec-nodeport-${createHash('sha256').update(server).digest('hex').slice(0, 12)}`;
  }

  private file(port: number): string {
    return path.join(this.dir, `${this.prefix}-${port}.lock`);
  }

  /** Take the ports' locks, waiting up to `timeoutMs` for each; false (none newly held) when one stays taken. */
  acquire(ports: number[], timeoutMs: number): { ok: true } | { ok: false; port: number } {
    const until = Date.now() + timeoutMs;
    const taken: number[] = [];
    for (const port of ports) {
      const f = this.file(port);
      if (this.held.has(f)) continue;
      for (;;) {
        try {
          fs.writeFileSync(f, `${process.pid} ${threadId}\n`, { flag: 'wx', mode: 0o600 });
          this.held.add(f);
          taken.push(port);
          break;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
            // A temp folder we cannot write: go without the lock (the API server still refuses a clash).
            break;
          }
          const pid = Number(fs.readFileSync(f, 'utf8').split(' ')[0]);
          if (Number.isInteger(pid) && pid > 0 && !alive(pid)) {
            fs.rmSync(f, { force: true });
            continue;
          }
          if (Date.now() >= until) {
            for (const p of taken) this.releasePort(p);
            return { ok: false, port };
          }
          sleep(100);
        }
      }
    }
    return { ok: true };
  }

  private releasePort(port: number): void {
    const f = this.file(port);
    if (this.held.delete(f)) fs.rmSync(f, { force: true });
  }

  releaseAll(): void {
    for (const f of this.held) fs.rmSync(f, { force: true });
    this.held.clear();
  }
}

/** The nodePorts a Service object asks for. */
export function nodePortsOf(o: { kind?: string; spec?: unknown }): number[] {
  if (o.kind !== 'Service') return [];
  const ports = (o.spec as { ports?: { nodePort?: unknown }[] } | undefined)?.ports ?? [];
  return ports.map((p) => Number(p.nodePort)).filter((n) => Number.isInteger(n) && n > 0);
}
