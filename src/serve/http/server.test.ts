// The HTTP(S) server of `kubespec serve` on real sockets (loopback, a free port): authentication,
// health, discovery, REST with Tables and Warning headers, watch streams, and the bounds.
import * as http from 'http';
import * as https from 'https';
import { LiveCluster } from '../live';
import { generateTls } from '../tls';
import { ApiHttpServer, type ApiHttpServerOptions } from './server';

const TOKEN = 'test-token-0123456789abcdef0123456789';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(port: number, method: string, path: string, opts: { token?: string | null; body?: string | Buffer; headers?: Record<string, string>; tlsCa?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== null) headers.Authorization = `Bearer ${opts.token ?? TOKEN}`;
  if (opts.body !== undefined) headers['Content-Type'] ??= 'application/json';
  const mod = opts.tlsCa ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request({ host: '127.0.0.1', port, method, path, headers, ca: opts.tlsCa, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** A watch: collects events (one JSON object per line) until stopped. */
function openWatch(port: number, path: string, headers: Record<string, string> = {}) {
  const events: { type: string; object: Record<string, any> }[] = [];
  let buffered = '';
  let response: http.IncomingMessage | undefined;
  const waiters: (() => void)[] = [];
  const req = http.request({ host: '127.0.0.1', port, path, headers: { Authorization: `Bearer ${TOKEN}`, ...headers }, agent: false });
  const started = new Promise<http.IncomingMessage>((resolve, reject) => {
    req.on('response', (res) => {
      response = res;
      res.setEncoding('utf8');
      res.on('data', (t: string) => {
        buffered += t;
        let i;
        while ((i = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, i);
          buffered = buffered.slice(i + 1);
          if (line.trim()) events.push(JSON.parse(line));
        }
        for (const w of waiters.splice(0)) w();
      });
      res.on('error', () => undefined);
      resolve(res);
    });
    req.on('error', reject);
  });
  req.end();
  return {
    started,
    events,
    /** Resolves once `pred` holds over the events seen so far. */
    until(pred: (e: typeof events) => boolean): Promise<void> {
      return new Promise((resolve) => {
        const check = () => (pred(events) ? resolve() : waiters.push(check));
        check();
      });
    },
    stop() {
      response?.destroy();
      req.destroy();
    },
  };
}

const POD = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };

let live: LiveCluster;
let server: ApiHttpServer;
let port: number;

async function start(opts: Partial<ApiHttpServerOptions> = {}): Promise<void> {
  live = new LiveCluster({ speed: 1000 });
  server = new ApiHttpServer({ live, token: TOKEN, ...opts });
  port = await server.listen(0, '127.0.0.1');
}

afterEach(async () => {
  await server?.close();
  live?.close();
});

describe('authentication', () => {
  beforeEach(() => start());

  test('no token or a wrong one: 401 as a Status; health paths are public', async () => {
    for (const token of [null, 'wrong', TOKEN + 'x', '']) {
      const r = await request(port, 'GET', '/api/v1/pods', { token });
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Unauthorized', code: 401, message: 'Unauthorized' });
    }
    const ready = await request(port, 'GET', '/readyz', { token: null });
    expect(ready).toMatchObject({ status: 200, body: 'ok' });
    expect((await request(port, 'GET', '/api/v1/pods')).status).toBe(200);
  });

  test('/version reports v1.32', async () => {
    const r = await request(port, 'GET', '/version');
    expect(JSON.parse(r.body)).toMatchObject({ major: '1', minor: '32', gitVersion: expect.stringMatching(/^v1\.32\.\d+/) });
  });
});

describe('HTTPS', () => {
  test('serves TLS with the generated CA; the certificate names 127.0.0.1', async () => {
    const tls = generateTls(['127.0.0.1']);
    await start({ tls });
    const r = await request(port, 'GET', '/readyz', { token: null, tlsCa: tls.caPem });
    expect(r).toMatchObject({ status: 200, body: 'ok' });
  });
});

describe('API', () => {
  beforeEach(() => start());

  test('discovery: legacy /api/v1 and aggregated /apis', async () => {
    const core = JSON.parse((await request(port, 'GET', '/api/v1')).body);
    const pods = core.resources.find((r: { name: string }) => r.name === 'pods');
    expect(pods).toMatchObject({ kind: 'Pod', namespaced: true, shortNames: ['po'], categories: ['all'] });
    expect(pods.verbs).toEqual(expect.arrayContaining(['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']));
    const agg = await request(port, 'GET', '/apis', { headers: { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' } });
    expect(agg.headers['content-type']).toContain('apidiscovery.k8s.io');
    expect(JSON.parse(agg.body).items.map((g: { metadata: { name: string } }) => g.metadata.name)).toContain('apps');
  });

  test('create, get, list as a Table; an unknown field with fieldValidation=Warn answers a Warning header', async () => {
    const created = await request(port, 'POST', '/api/v1/namespaces/default/pods?fieldValidation=Warn', { body: JSON.stringify({ ...POD, spec: { ...POD.spec, bogus: 1 } }) });
    expect(created.status).toBe(201);
    expect(created.headers.warning).toBe('299 - "unknown field \\"spec.bogus\\""');
    const got = JSON.parse((await request(port, 'GET', '/api/v1/namespaces/default/pods/web')).body);
    expect(got).toMatchObject({ kind: 'Pod', metadata: { name: 'web', namespace: 'default' } });
    const table = JSON.parse((await request(port, 'GET', '/api/v1/namespaces/default/pods', { headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' } })).body);
    expect(table.kind).toBe('Table');
    expect(table.rows.map((r: { cells: string[] }) => r.cells[0])).toEqual(['web']);
  });

  test('a missing object is a 404 Status with upstream details', async () => {
    const r = await request(port, 'GET', '/api/v1/namespaces/default/pods/nope');
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toMatchObject({ reason: 'NotFound', code: 404, message: 'pods "nope" not found', details: { name: 'nope', kind: 'pods' } });
  });

  test('exec is refused with a Status saying why, not a hang or a 404', async () => {
    await request(port, 'POST', '/api/v1/namespaces/default/pods', { body: JSON.stringify(POD) });
    const r = await request(port, 'POST', '/api/v1/namespaces/default/pods/web/exec?command=sh&stdin=true');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).message).toMatch(/does not run containers/);
  });

  test('a body over 3 MiB is 413', async () => {
    const big = JSON.stringify({ ...POD, metadata: { name: 'big', annotations: { a: 'x'.repeat(3 * 1024 * 1024 + 10) } } });
    const r = await request(port, 'POST', '/api/v1/namespaces/default/pods', { body: big });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ kind: 'Status', code: 413, reason: 'RequestEntityTooLarge' });
  });

  test('an unknown path is a 404 Status', async () => {
    const r = await request(port, 'GET', '/apis/nope.example.com/v1/things');
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toMatchObject({ kind: 'Status', code: 404 });
  });
});

describe('watch', () => {
  test('streams ADDED then MODIFIED as the pod starts, from the list resourceVersion', async () => {
    await start();
    const list = JSON.parse((await request(port, 'GET', '/api/v1/namespaces/default/pods')).body);
    const w = openWatch(port, `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${list.metadata.resourceVersion}`);
    const res = await w.started;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    await request(port, 'POST', '/api/v1/namespaces/default/pods', { body: JSON.stringify(POD) });
    await w.until((e) => e.some((x) => x.type === 'MODIFIED' && x.object.status?.phase === 'Running'));
    expect(w.events[0]).toMatchObject({ type: 'ADDED', object: { kind: 'Pod', metadata: { name: 'web' } } });
    w.stop();
  });

  test('a resourceVersion older than the history is an ERROR event with 410 Expired', async () => {
    await start({ watchHistory: 5 });
    for (let i = 0; i < 10; i++) await request(port, 'POST', '/api/v1/namespaces', { body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns${i}` } }) });
    const w = openWatch(port, '/api/v1/namespaces?watch=true&resourceVersion=2');
    await w.started;
    await w.until((e) => e.length > 0);
    expect(w.events[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    w.stop();
  });

  test('watches past the bound are refused with 429 and Retry-After', async () => {
    await start({ limits: { maxLongRunning: 2 } });
    const a = openWatch(port, '/api/v1/pods?watch=true');
    const b = openWatch(port, '/api/v1/pods?watch=true');
    await Promise.all([a.started, b.started]);
    const c = await request(port, 'GET', '/api/v1/pods?watch=true');
    expect(c.status).toBe(429);
    expect(c.headers['retry-after']).toBe('1');
    expect(JSON.parse(c.body)).toMatchObject({ kind: 'Status', reason: 'TooManyRequests', code: 429 });
    a.stop();
    b.stop();
  });

  test('close() ends open watches and the server stops listening', async () => {
    await start();
    const w = openWatch(port, '/api/v1/pods?watch=true');
    const res = await w.started;
    const ended = new Promise<void>((resolve) => res.on('close', () => resolve()));
    await server.close();
    await ended;
    await expect(request(port, 'GET', '/readyz', { token: null })).rejects.toThrow(/ECONNREFUSED/);
  });
});
