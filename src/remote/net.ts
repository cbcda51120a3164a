// The one way kubespec talks to a real API server: @kubernetes/client-node loads the kubeconfig and
// applies its credentials (client certificates, bearer tokens, exec plugins, CA data,
// insecure-skip-tls-verify, proxies) to each request; the request itself is a plain HTTP(S) call,
// so the answer's bytes (int64 digits, the server's Status) reach kubespec as the server sent them.
// Used by the network worker (worker.ts) and by the janitor (janitor.ts).
import * as http from 'http';
import * as https from 'https';
import type { KubeConfig } from '@kubernetes/client-node';

type ClientNode = typeof import('@kubernetes/client-node');

// client-node is an ES module; a CommonJS build would turn `import()` into `require()`, which Node
// 20 refuses for ES modules, so the import is made at run time.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<ClientNode>;

/** Largest response body read (a list of a big namespace is a few MB; anything past this is refused). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface Connection {
  kc: KubeConfig;
  /** The API server's URL, without a trailing slash. */
  server: string;
  context: string;
  user: string;
  requestTimeoutMs: number;
}

/** An answer: its status, body text and Date header (the server's clock). */
export type Answer = { status: number; body: string; date?: string; headers?: Record<string, string> } | { error: string };

/** One line for a network or TLS error, as a user can act on it. */
export function describeNetworkError(e: unknown, url: string, what = 'the API server'): string {
  const err = e as NodeJS.ErrnoException | undefined;
  const code = err?.code ?? '';
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // not a URL: say it as given
  }
  const message = err?.message ?? String(e);
  if (code === 'ECONNREFUSED') return `cannot reach ${what} at ${host}: connection refused${what === 'the API server' ? ' (is the cluster running?)' : ''}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot reach ${what} at ${host}: the host name does not resolve`;
  if (code === 'ETIMEDOUT' || code === 'TIMEOUT') return `cannot reach ${what} at ${host}: no answer in time`;
  if (code === 'ECONNRESET') return `${what} at ${host} closed the connection`;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|DEPTH_ZERO|HOSTNAME|ERR_SSL/.test(code) || /certificate|SSL routines/i.test(message))
    return `TLS error talking to ${host}: ${message} (check the kubeconfig's certificate-authority data and the server's name in it)`;
  return `cannot talk to the API server at ${host}: ${message}`;
}

/** Load a kubeconfig (a file, or KUBECONFIG / ~/.kube/config) and choose its context. */
export async function connect(kubeconfig: string | undefined, context: string | undefined, requestTimeoutMs: number): Promise<Connection | { error: string }> {
  const client = await importEsm('@kubernetes/client-node');
  const kc = new client.KubeConfig();
  try {
    if (kubeconfig) kc.loadFromFile(kubeconfig);
    else kc.loadFromDefault();
  } catch (e) {
    return { error: `cannot read the kubeconfig${kubeconfig ? ` ${kubeconfig}` : ''}: ${(e as Error).message.split('\n')[0]}` };
  }
  if (context) {
    if (!kc.getContextObject(context)) {
      const names = kc.getContexts().map((c) => c.name);
      return { error: `context "${context}" does not exist in the kubeconfig${names.length ? ` (it has: ${names.join(', ')})` : ''}` };
    }
    kc.setCurrentContext(context);
  }
  const cluster = kc.getCurrentCluster();
  if (!kc.getCurrentContext() || !kc.getContextObject(kc.getCurrentContext()) || !cluster)
    return { error: 'the kubeconfig has no current context (pass --context NAME, or set current-context in it)' };
  return { kc, server: cluster.server.replace(/\/+$/, ''), context: kc.getCurrentContext(), user: kc.getCurrentUser()?.name ?? '', requestTimeoutMs };
}

/** The request options for `path` with the kubeconfig's credentials applied. */
export async function requestOptions(conn: Connection, method: string, headers: Record<string, string>): Promise<https.RequestOptions | { error: string }> {
  const opts: https.RequestOptions = { method, headers: { Accept: 'application/json', 'User-Agent': 'kubespec', ...headers } };
  try {
    await conn.kc.applyToHTTPSOptions(opts);
  } catch (e) {
    return { error: `cannot authenticate as the kubeconfig's user: ${(e as Error).message.split('\n')[0]}` };
  }
  return opts;
}

/** Longest body read from a backend's answer (a web page). */
const MAX_PAGE_BYTES = 1024 * 1024;

/**
 * A plain GET to a backend on the cluster's network (a nodePort on a node), without the kubeconfig's
 * credentials: what a browser on the machine would get. The headers come back too (kubespec serve
 * names the answering pod in X-Kubespec-Pod).
 */
export function plainGet(url: string, timeoutMs: number): Promise<{ status: number; body: string; headers: Record<string, string> } | { error: string }> {
  return new Promise((resolve) => {
    // A new connection for each request, as a client without keep-alive: kube-proxy balances
    // connections, not requests, so one kept-alive connection would reach one pod every time.
    const r = http.get(url, { headers: { 'User-Agent': 'kubespec', Connection: 'close' }, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_PAGE_BYTES) chunks.push(c);
      });
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k] = v;
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers });
      });
      res.on('error', (e) => resolve({ error: describeNetworkError(e, url, 'the backend') }));
    });
    r.on('timeout', () => r.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'TIMEOUT' })));
    r.on('error', (e) => resolve({ error: describeNetworkError(e, url, 'the backend') }));
  });
}

/** One request; the answer's status and body text, or one line saying why there is none. */
export async function request(conn: Connection, method: string, path: string, body?: string, contentType?: string): Promise<Answer> {
  const url = conn.server + path;
  const opts = await requestOptions(conn, method, body !== undefined ? { 'Content-Type': contentType ?? 'application/json', 'Content-Length': String(Buffer.byteLength(body)) } : {});
  if ('error' in opts) return opts;
  const mod = url.startsWith('https:') ? https : http;
  return new Promise<Answer>((resolve) => {
    const r = mod.request(url, opts, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY_BYTES) {
          r.destroy();
          resolve({ error: `the API server's answer to ${method} ${path} is larger than ${MAX_BODY_BYTES} bytes` });
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => {
        // The backend's name, when a Service proxy answer carries it (kubespec serve's X-Kubespec-Pod).
        const pod = res.headers['x-kubespec-pod'];
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ...(res.headers.date ? { date: res.headers.date } : {}), ...(typeof pod === 'string' ? { headers: { 'x-kubespec-pod': pod } } : {}) });
      });
      res.on('error', (e) => resolve({ error: describeNetworkError(e, url) }));
    });
    r.setTimeout(conn.requestTimeoutMs, () => r.destroy(Object.assign(new Error(`no answer within ${conn.requestTimeoutMs} ms`), { code: 'TIMEOUT' })));
    r.on('error', (e) => resolve({ error: describeNetworkError(e, url) }));
    if (body !== undefined) r.write(body);
    r.end();
  });
}
