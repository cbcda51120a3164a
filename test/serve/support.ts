// Shared by the tests that drive `kubespec serve` with real clients: the upstream kubectl v1.32
// binary (not the cloud SDK dispatcher on the PATH), an in-process server on a free loopback port
// over HTTPS, and kubectl runs against it with a private HOME (so no discovery cache is shared).
import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startServe, type ServeHandle, type ServeOptions } from '../../src/cli/serve';
import type { CliIO } from '../../src/cli/io';

export const ROOT = path.resolve(__dirname, '..', '..');

let cachedKubectl: string | undefined;

/**
 * The upstream kubectl 1.32 build: beside the dispatcher's target as `kubectl.1.32` on these
 * machines, or a `kubectl` on the PATH that is itself v1.32 (KUBESPEC_KUBECTL overrides both).
 */
export function upstreamKubectl(): string {
  if (cachedKubectl) return cachedKubectl;
  const candidates: string[] = [];
  if (process.env.KUBESPEC_KUBECTL) candidates.push(process.env.KUBESPEC_KUBECTL);
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const k = path.join(dir, 'kubectl');
    if (!fs.existsSync(k)) continue;
    const target = fs.realpathSync(k);
    candidates.push(path.join(path.dirname(target), 'kubectl.1.32'), target);
    break;
  }
  for (const c of candidates) {
    if (!fs.existsSync(c)) continue;
    try {
      const v = execFileSync(c, ['version', '--client', '-o', 'json'], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'] });
      if ((JSON.parse(v) as { clientVersion?: { minor?: string } }).clientVersion?.minor === '32') return (cachedKubectl = c);
    } catch {
      // not an upstream kubectl (the dispatcher answers differently): try the next
    }
  }
  throw new Error('these tests need the upstream kubectl v1.32 binary: none found beside the kubectl on the PATH (kubectl.1.32) nor on the PATH; set KUBESPEC_KUBECTL to its path');
}

export interface Server extends ServeHandle {
  home: string;
  stderr(): string;
}

/** An in-process `kubespec serve` on 127.0.0.1, a free port, HTTPS; close it when done (useServer does both). */
export async function startServer(opts: Partial<ServeOptions> = {}): Promise<Server> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-test-'));
  let stderr = '';
  const io: CliIO = { stdout: () => undefined, stderr: (t) => void (stderr += t), cwd: ROOT, env: {}, isTTY: false };
  const handle = await startServe(
    { port: 0, address: '127.0.0.1', speed: 20, seed: 1, apply: [], insecureHttp: false, nodePorts: false, kubeconfig: path.join(home, 'kubeconfig'), ...opts },
    io,
  );
  const close = handle.close;
  return {
    ...handle,
    home,
    stderr: () => stderr,
    close: async () => {
      await close();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * One server for the whole test file: started in beforeAll, closed in afterAll. Returns its
 * accessor (the server exists only once beforeAll has run, so call it inside tests and hooks).
 */
export function useServer(opts: Partial<ServeOptions> = {}): () => Server {
  let server: Server | undefined;
  beforeAll(async () => {
    server = await startServer(opts);
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('the server is not running: useServer() gives it to tests and hooks, after its beforeAll');
    return server;
  };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the real kubectl against `server` (asynchronously: the server lives in this process). */
export function kubectl(server: Server, args: string[], opts: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      upstreamKubectl(),
      args,
      {
        cwd: ROOT,
        timeout: opts.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { PATH: process.env.PATH ?? '', HOME: server.home, KUBECONFIG: server.kubeconfig, KUBECACHEDIR: path.join(server.home, 'cache'), ...opts.env },
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** kubectl that must succeed: its stdout, or a failure that shows what it printed. */
export async function ok(server: Server, ...args: string[]): Promise<string> {
  const r = await kubectl(server, args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** Poll `check` (kubectl calls) until it returns a value, for states the cluster reaches over time. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, attempts = 200): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}${last instanceof Error ? ` (last error: ${last.message})` : ''}`);
}

/** The rows of kubectl's table output, split on runs of spaces. */
export function rows(table: string): string[][] {
  return table
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s{2,}/));
}
