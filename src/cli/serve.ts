// What `kubespec serve` does once its flags are checked: restore the cluster (--data), start it on
// the wall clock, apply the --apply manifests, serve the API over HTTPS with a bearer token, open
// the NodePorts, write the kubeconfig, print the banner, and shut it all down cleanly on a signal.
// `startServe` is the same without the signals, for tests and for code that embeds a server.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { nodesFromNames, type NodeConfig } from '../cluster/config';
import * as ops from '../kubectl/operations';
import { FileAccessError, readLimited } from '../manifest/files';
import { DataError, Journal, loadData } from '../serve/data/journal';
import { ApiHttpServer, type Limits } from '../serve/http/server';
import { writeKubeconfig } from '../serve/kubeconfig';
import { LiveCluster } from '../serve/live';
import { LogStore } from '../serve/logs/log-store';
import { NodePortProxy } from '../serve/nodeports/proxy';
import { loadOrCreateTls } from '../serve/tls';
import { UsageError, type CliIO } from './io';
import { msg } from '../i18n';
import { cliMessages as cm } from '../i18n/messages/cli';

export interface ServeOptions {
  port: number;
  address: string;
  kubeconfig?: string;
  speed: number;
  seed: number;
  nodes?: NodeConfig[];
  data?: string;
  apply: string[];
  insecureHttp: boolean;
  nodePorts: boolean;
  /** Request bounds (tests lower them). */
  limits?: Partial<Limits>;
}

export interface ServeHandle {
  /** The port the API server listens on (the chosen one with --port 0). */
  port: number;
  /** `https://127.0.0.1:PORT`. */
  url: string;
  kubeconfig: string;
  token: string;
  live: LiveCluster;
  logs: LogStore;
  /** Stop everything (idempotent); the journal is synced and closed last. */
  close(): Promise<void>;
}

/** A manifest given to --apply may be at most this big (as a spec's manifests). */
const MAX_MANIFEST_BYTES = 1024 * 1024;

export function isLoopback(address: string): boolean {
  if (address === 'localhost' || address === '::1') return true;
  return net.isIPv4(address) && address.startsWith('127.');
}

/** `--nodes master,worker0` or `--nodes 3` (a control plane and N-1 workers). */
export function parseNodes(text: string): NodeConfig[] {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    if (n < 1 || n > 500) throw new UsageError(msg(cm.nodesCount, { value: t }));
    return nodesFromNames(['master', ...Array.from({ length: n - 1 }, (_, i) => `worker${i}`)]);
  }
  const names = t.split(',').map((s) => s.trim());
  if (!names.length || names.some((n) => !/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(n))) {
    throw new UsageError(msg(cm.nodesNames, { value: JSON.stringify(text) }));
  }
  if (new Set(names).size !== names.length) throw new UsageError(msg(cm.nodesTwice, { value: JSON.stringify(text) }));
  if (names.length > 500) throw new UsageError(msg(cm.nodesTooMany));
  return nodesFromNames(names);
}

/** Read a token kept under --data, or make one (and keep it there), so a kubeconfig outlives restarts. */
function tokenFor(dataDir: string | undefined): string {
  const fresh = () => crypto.randomBytes(32).toString('base64url');
  if (!dataDir) return fresh();
  const file = path.join(dataDir, 'token');
  if (fs.existsSync(file)) {
    const t = fs.readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{32,}$/.test(t)) return t;
  }
  const t = fresh();
  fs.writeFileSync(file, t + '\n', { mode: 0o600 });
  return t;
}

/**
 * Read one --apply manifest through the reader of untrusted files (manifest/files.ts readLimited):
 * a regular file of at most MAX_MANIFEST_BYTES, opened without blocking, so a FIFO or a device
 * given by mistake is a one-line usage error rather than a hang. The path is the user's own, from
 * the command line: relative to the working directory, or absolute.
 */
function readManifestFile(file: string, cwd: string): { text: string; display: string } {
  try {
    return { text: readLimited({ absolute: path.resolve(cwd, file), display: file }, MAX_MANIFEST_BYTES), display: file };
  } catch (e) {
    if (e instanceof FileAccessError) throw new UsageError(msg(cm.applyPrefix, { message: e.message }), false);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(msg(cm.applyMissing, { file }), false);
    if (code) throw new UsageError(msg(cm.applyUnreadable, { file, code }), false);
    throw e;
  }
}

/** Start serving; resolves once the API listens and the kubeconfig is written. */
export async function startServe(o: ServeOptions, io: CliIO): Promise<ServeHandle> {
  const dataDir = o.data !== undefined ? path.resolve(io.cwd, o.data) : undefined;
  if (dataDir) {
    if (fs.existsSync(dataDir) && !fs.statSync(dataDir).isDirectory()) throw new UsageError(msg(cm.dataNotFolder, { dir: o.data ?? '' }), false);
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  }
  // Read every manifest before anything starts: a typo in --apply is a usage error, not a half-started server.
  const manifests = o.apply.map((f) => readManifestFile(f, io.cwd));
  let restored;
  try {
    restored = dataDir ? loadData(dataDir) : undefined;
  } catch (e) {
    if (e instanceof DataError) throw new UsageError(e.message, false);
    throw e;
  }
  for (const note of restored?.notes ?? []) io.stderr(`kubespec serve: ${note}\n`);

  const live = new LiveCluster({
    cluster: { seed: o.seed, ...(o.nodes ? { nodes: o.nodes } : {}) },
    speed: o.speed,
    restore: restored,
    startMs: restored?.simTimeMs,
  });
  const cleanups: (() => Promise<void> | void)[] = [() => live.close()];
  const closeAll = async (): Promise<void> => {
    while (cleanups.length) await cleanups.pop()!();
  };
  try {
    let journal: Journal | undefined;
    if (dataDir) {
      journal = Journal.open(dataDir, restored, { simNow: () => live.cluster.clock.now(), warn: (m) => io.stderr(`kubespec serve: ${m}\n`) });
      journal.attach(live.api);
      const j = journal;
      cleanups.push(() => j.close());
    }
    for (const m of manifests) {
      const read = ops.readManifest(m.text, m.display);
      const result = 'error' in read ? read.error : ops.apply(live.cluster, read.objects);
      if (result.stdout) io.stderr(result.stdout);
      if (result.stderr) io.stderr(result.stderr);
      if (result.exitCode !== 0) throw new UsageError(msg(cm.applyFailed, { file: m.display }), false);
    }
    journal?.sync();
    live.kick();

    const logs = new LogStore();
    logs.attach(live);
    cleanups.push(() => logs.close());
    const token = tokenFor(dataDir);
    const hosts = [o.address, os.hostname()].filter((h) => h !== '0.0.0.0' && h !== '::');
    const tls = o.insecureHttp ? undefined : loadOrCreateTls(dataDir, hosts);
    const server = new ApiHttpServer({ live, token, tls, logs, durability: journal, limits: o.limits });
    let port: number;
    try {
      port = await server.listen(o.port, o.address);
    } catch (e) {
      // A port in use or an address not this machine's: the user picks another (exit 2, one line).
      throw new UsageError((e as Error).message, false);
    }
    cleanups.push(() => server.close());
    if (o.nodePorts) {
      const proxy = new NodePortProxy(live, { address: o.address, logs, seed: o.seed, onWarning: (m) => io.stderr(`kubespec serve: ${m}\n`) });
      cleanups.push(() => proxy.close());
    }
    const host = o.address === '0.0.0.0' ? '127.0.0.1' : o.address === '::' ? '::1' : o.address;
    const url = `${o.insecureHttp ? 'http' : 'https'}://${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
    const kubeconfig = o.kubeconfig
      ? path.resolve(io.cwd, o.kubeconfig)
      : dataDir
        ? path.join(dataDir, 'kubeconfig')
        : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-serve-')), 'kubeconfig');
    writeKubeconfig(kubeconfig, url, token, tls?.caPem);
    let closed: Promise<void> | undefined;
    return { port, url, kubeconfig, token, live, logs, close: () => (closed ??= closeAll()) };
  } catch (e) {
    await closeAll();
    throw e;
  }
}

/** The command: serve until SIGINT or SIGTERM, then shut down and resolve to exit code 0. */
export async function serve(o: ServeOptions, io: CliIO): Promise<number> {
  const handle = await startServe(o, io);
  const where = o.data ? msg(cm.serveDataIn, { dir: path.resolve(io.cwd, o.data) }) : msg(cm.serveInMemory);
  io.stdout(`${msg(cm.serveBanner, { kubeconfig: handle.kubeconfig, url: handle.url, where })}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await handle.close();
  io.stderr(`${msg(cm.serveStopped)}\n`);
  return 0;
}
