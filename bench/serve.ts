// The `kubespec serve` section of `npm run bench`: requests/s and p50/p99 latency of get, list (as
// a Table, what kubectl asks for) and patch, from 1, 8 and 64 concurrent keep-alive HTTPS clients,
// and watch fan-out (one write seen by N watchers). Server and clients share this process (and the
// machine's cores), so the figures are a floor for what a separate kubectl would see.
import * as fs from 'fs';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import { startServe, type ServeHandle } from '../src/cli/serve';

export interface LatencyStat {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Client {
  agent: https.Agent;
  ca: string;
  token: string;
  port: number;
}

function call(c: Client, method: string, urlPath: string, body?: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port: c.port, method, path: urlPath, agent: c.agent, ca: c.ca, headers: { Authorization: `Bearer ${c.token}`, ...headers } }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => (res.statusCode && res.statusCode < 300 ? resolve(res.statusCode) : reject(new Error(`${method} ${urlPath}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

/** `total` requests from `concurrency` clients, each waiting for its answer before the next. */
async function load(c: Client, concurrency: number, total: number, one: (i: number) => Promise<unknown>): Promise<LatencyStat> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const s = process.hrtime.bigint();
        await one(i);
        latencies.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  latencies.sort((a, b) => a - b);
  return { requests: total, perSecond: Math.round(total / seconds), p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)) };
}

async function until(pred: () => boolean, timeoutMs = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('serve bench: the cluster did not get there in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** N watchers on pods; `writes` label patches of one pod; the time until every watcher saw every write. */
async function fanOut(c: Client, watchers: number, writes: number): Promise<{ watchers: number; writes: number; deliveredPerSecond: number; lastDeliveryMs: number }> {
  const seen = new Array<number>(watchers).fill(0);
  const reqs: ReturnType<typeof https.request>[] = [];
  await Promise.all(
    Array.from(
      { length: watchers },
      (_, w) =>
        new Promise<void>((resolve, reject) => {
          const agent = new https.Agent({ keepAlive: false, ca: c.ca });
          const req = https.request({ host: '127.0.0.1', port: c.port, path: '/api/v1/namespaces/default/pods?watch=true&fieldSelector=metadata.name%3Dbench-target&resourceVersion=0', agent, ca: c.ca, headers: { Authorization: `Bearer ${c.token}` } }, (res) => {
            let buffered = '';
            res.setEncoding('utf8');
            res.on('data', (t: string) => {
              buffered += t;
              let i;
              while ((i = buffered.indexOf('\n')) >= 0) {
                if (buffered.slice(0, i).includes('"MODIFIED"')) seen[w]++;
                buffered = buffered.slice(i + 1);
              }
            });
            res.on('error', () => undefined);
            resolve();
          });
          req.on('error', reject);
          req.end();
          reqs.push(req);
        }),
    ),
  );
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < writes; i++) {
    await call(c, 'PATCH', '/api/v1/namespaces/default/pods/bench-target', JSON.stringify({ metadata: { labels: { n: String(i) } } }), { 'Content-Type': 'application/merge-patch+json' });
  }
  await until(() => seen.every((n) => n >= writes));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  for (const r of reqs) r.destroy();
  return { watchers, writes, deliveredPerSecond: Math.round((watchers * writes) / (ms / 1000)), lastDeliveryMs: round(ms) };
}

export async function serveBench(quick: boolean): Promise<{ table: Record<string, Record<string, LatencyStat>>; fanOut: unknown[]; lines: string[] }> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-bench-'));
  const io = { stdout: () => undefined, stderr: () => undefined, cwd: home, env: {}, isTTY: false };
  const handle: ServeHandle = await startServe(
    { port: 0, address: '127.0.0.1', speed: 100, seed: 1, apply: [], insecureHttp: false, nodePorts: false, kubeconfig: path.join(home, 'kubeconfig'), limits: { maxInFlight: 10_000, maxLongRunning: 10_000 } },
    io,
  );
  try {
    const kc = fs.readFileSync(handle.kubeconfig, 'utf8');
    const ca = Buffer.from(/certificate-authority-data: (\S+)/.exec(kc)![1], 'base64').toString();
    const c: Client = { agent: new https.Agent({ keepAlive: true, maxSockets: 128, ca }), ca, token: handle.token, port: handle.port };
    // 50 running pods to list, as a class's Deployment would have.
    await call(c, 'POST', '/apis/apps/v1/namespaces/default/deployments', JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'bench' }, spec: { replicas: 50, selector: { matchLabels: { app: 'bench' } }, template: { metadata: { labels: { app: 'bench' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } }), { 'Content-Type': 'application/json' });
    await call(c, 'POST', '/api/v1/namespaces/default/pods', JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bench-target' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } }), { 'Content-Type': 'application/json' });
    await until(() => handle.live.api.list('Pod', { namespace: 'default' }).filter((p) => p.status?.phase === 'Running').length === 51);
    const pod = handle.live.api.list('Pod', { namespace: 'default' }).find((p) => p.metadata.labels?.app === 'bench')?.metadata.name ?? 'bench-target';
    const n = quick ? 300 : 2000;
    const ops: Record<string, (i: number) => Promise<unknown>> = {
      'get pod': () => call(c, 'GET', `/api/v1/namespaces/default/pods/${pod}`),
      'list 51 pods (Table)': () => call(c, 'GET', '/api/v1/namespaces/default/pods?limit=500', undefined, { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' }),
      'patch deployment label': (i) =>
        call(c, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/bench', JSON.stringify({ metadata: { labels: { n: String(i) } } }), { 'Content-Type': 'application/strategic-merge-patch+json' }),
    };
    const table: Record<string, Record<string, LatencyStat>> = {};
    const lines: string[] = [];
    for (const [name, op] of Object.entries(ops)) {
      table[name] = {};
      for (const conc of [1, 8, 64]) {
        await load(c, conc, Math.min(100, n), op); // warm-up
        const s = await load(c, conc, n, op);
        table[name][`${conc} clients`] = s;
        lines.push(`  ${name}, ${conc} client${conc > 1 ? 's' : ''}`.padEnd(53) + `${s.perSecond} req/s, p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms`);
      }
    }
    // A long settle must not stall requests: GETs while a 5,000-replica Deployment is being created.
    await call(c, 'POST', '/apis/apps/v1/namespaces/default/deployments', JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'big' }, spec: { replicas: 5000, selector: { matchLabels: { app: 'big' } }, template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } }), { 'Content-Type': 'application/json' });
    const during = await load(c, 1, quick ? 200 : 1000, ops['get pod']);
    const bigPods = handle.live.api.list('Pod', { namespace: 'default' }).filter((p) => p.metadata.labels?.app === 'big').length;
    table['get pod while 5,000 pods are created'] = { '1 client': during };
    lines.push(`  get pod while a 5,000-replica Deployment settles`.padEnd(53) + `${during.perSecond} req/s, p50 ${during.p50Ms} ms, p99 ${during.p99Ms} ms (${bigPods} pods made meanwhile)`);
    await call(c, 'DELETE', '/apis/apps/v1/namespaces/default/deployments/big');
    const fan = [];
    for (const watchers of quick ? [100] : [100, 1000]) {
      const f = await fanOut(c, watchers, quick ? 20 : 50);
      fan.push(f);
      lines.push(`  watch fan-out: ${f.writes} writes × ${f.watchers} watchers`.padEnd(53) + `${f.deliveredPerSecond} events/s delivered, all seen after ${f.lastDeliveryMs} ms`);
    }
    c.agent.destroy();
    return { table, fanOut: fan, lines };
  } finally {
    await handle.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
}
