// `kubespec serve` under hostile or careless clients: a thousand watches, a flood of requests that
// hold their slot (bodies sent slowly), a reader that never reads, and garbage on the wire. The
// server answers 429 past its bounds, drops what it cannot hold, and keeps serving.
import * as http from 'http';
import * as net from 'net';
import { LiveCluster } from '../../src/serve/live';
import { ApiHttpServer, type Limits } from '../../src/serve/http/server';

jest.setTimeout(120_000);

const TOKEN = 'robustness-token-0123456789abcdef0123';
let live: LiveCluster;
let server: ApiHttpServer;
let port: number;

async function start(limits: Partial<Limits> = {}): Promise<void> {
  live = new LiveCluster({ speed: 100 });
  server = new ApiHttpServer({ live, token: TOKEN, limits });
  port = await server.listen(0, '127.0.0.1');
}

afterEach(async () => {
  await server?.close();
  live?.close();
});

function get(path: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers: { Authorization: `Bearer ${TOKEN}` }, agent: false }, (res) => {
        let body = '';
        res.on('data', (t: Buffer) => (body += t.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      })
      .on('error', reject);
  });
}

/** Open a watch and resolve once its headers arrived; the request is returned to be destroyed. */
function watch(): Promise<{ status: number; req: http.ClientRequest; res: http.IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/pods?watch=true', headers: { Authorization: `Bearer ${TOKEN}` }, agent: false }, (res) => {
      res.on('data', () => undefined);
      res.on('error', () => undefined);
      resolve({ status: res.statusCode ?? 0, req, res });
    });
    req.on('error', reject);
  });
}

test('1,000 watches are served; the next one past the bound is 429, and ordinary requests still pass', async () => {
  await start({ maxLongRunning: 1000 });
  const watches = [];
  for (let i = 0; i < 1000; i += 100) watches.push(...(await Promise.all(Array.from({ length: 100 }, () => watch()))));
  expect(watches.filter((w) => w.status === 200)).toHaveLength(1000);
  const over = await get('/api/v1/pods?watch=true');
  expect(over.status).toBe(429);
  expect(over.headers['retry-after']).toBe('1');
  expect((await get('/api/v1/namespaces')).status).toBe(200);
  // Every watch sees a write: fan-out reaches all of them.
  const seen = watches.map((w) => new Promise<void>((resolve) => w.res.on('data', (t: Buffer) => t.toString().includes('"ADDED"') && resolve())));
  live.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'fan-out', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  await Promise.all(seen);
  for (const w of watches) w.req.destroy();
});

test('a flood of requests holding their slot (slow bodies) is bounded with 429 + Retry-After; the server recovers', async () => {
  await start({ maxInFlight: 50 });
  // 200 POSTs that send their headers and half a body, then stall: each holds an in-flight slot.
  const stalled: http.ClientRequest[] = [];
  const answers: Promise<number>[] = [];
  for (let i = 0; i < 200; i++) {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/namespaces', agent: false, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', 'Content-Length': '100' } });
    answers.push(new Promise((resolve) => {
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(-1));
    }));
    req.write('{"apiVersion":"v1",');
    stalled.push(req);
  }
  // The 150 past the bound are answered at once with 429 while the 50 wait for their bodies.
  let timer: NodeJS.Timeout | undefined;
  const early = await Promise.race([Promise.all(answers.slice(50)), new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 20_000)))]);
  clearTimeout(timer);
  expect(early).not.toBe('timeout');
  expect((early as number[]).every((c) => c === 429)).toBe(true);
  expect((await get('/api/v1/namespaces')).status).toBe(429);
  for (const r of stalled) r.destroy();
  await Promise.all(answers.slice(0, 50));
  // Slots free again once the stalled clients are gone.
  let status = 0;
  for (let i = 0; i < 100 && status !== 200; i++) {
    status = (await get('/api/v1/namespaces')).status;
    if (status !== 200) await new Promise((r) => setTimeout(r, 20));
  }
  expect(status).toBe(200);
});

test('a watch reader that never reads is dropped past the buffer bound, not buffered without end', async () => {
  await start({ maxBufferedBytes: 64 * 1024 });
  const sock = net.connect(port, '127.0.0.1');
  await new Promise<void>((r) => sock.once('connect', () => r()));
  sock.write(`GET /api/v1/pods?watch=true HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`);
  sock.pause(); // never read: the kernel buffers fill, then the server's
  const closed = new Promise<void>((r) => sock.once('close', () => r()));
  await new Promise((r) => setTimeout(r, 50));
  // Enough changes to overflow every buffer on the way (kernel and server): ~32 KiB per event.
  for (let i = 0; i < 300; i++) {
    live.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'default', annotations: { pad: 'x'.repeat(32 * 1024) } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  }
  sock.resume();
  sock.on('data', () => undefined);
  await closed;
  expect(server.watches).toBe(0);
  expect((await get('/readyz')).status).toBe(200);
});

test('garbage on the wire is answered 400 or closed; the server keeps serving', async () => {
  await start();
  for (const junk of ['\x00\x01\x02 garbage\r\n\r\n', 'GET /' + 'a'.repeat(20_000) + ' HTTP/1.1\r\nHost: x\r\n\r\n', 'POST /api/v1/namespaces HTTP/1.1\r\nContent-Length: -5\r\n\r\n']) {
    const sock = net.connect(port, '127.0.0.1');
    let reply = '';
    sock.on('data', (t: Buffer) => (reply += t.toString()));
    sock.on('error', () => undefined);
    await new Promise<void>((r) => sock.once('connect', () => r()));
    sock.write(junk);
    await new Promise<void>((r) => sock.once('close', () => r()));
    expect(reply === '' || /^HTTP\/1\.1 4\d\d /.test(reply)).toBe(true);
  }
  expect((await get('/readyz')).status).toBe(200);
});
