// Tests of the NodePort proxy on real loopback sockets over an embedded cluster in simulated time.
// Covered: nginx answers spread over two pods, refused connections without a ready endpoint, reset
// ones when the pod does not listen on the targetPort, bind failures as a warning and an Event, the
// access lines in the log store, and a LiveCluster end to end.
import * as http from 'http';
import * as net from 'net';
import { Cluster } from '../../cluster/cluster';
import type { KubeObject } from '../../apiserver/types';
import { LiveCluster } from '../live';
import { LogStore } from '../logs/log-store';
import { BIND_FAILED_REASON, NodePortProxy, type NodePortCluster } from './proxy';
import { HTTPD_IT_WORKS, NGINX_WELCOME } from './responses';

const HOST = '127.0.0.1';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on a connection of its own (agent: false), unless an agent is given. */
function get(port: number, path = '/', opts: { method?: string; headers?: Record<string, string>; agent?: http.Agent } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: HOST, port, path, method: opts.method ?? 'GET', headers: { 'User-Agent': 'curl/8.5.0', ...opts.headers }, agent: opts.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The error code a request fails with (ECONNREFUSED, ECONNRESET...). */
async function failure(port: number, path = '/'): Promise<string> {
  try {
    await get(port, path);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? String(e);
  }
  throw new Error(`a request to ${port} was answered`);
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, HOST, () => s.close(() => resolve(true)));
  });
}

/** Ports in the nodePort range that are free here now (spread by pid, for parallel jest workers). */
async function freePorts(n: number): Promise<number[]> {
  const out: number[] = [];
  const span = 32767 - 30000 + 1;
  const start = (process.pid * 37) % span;
  for (let i = 0; i < span && out.length < n; i++) {
    const port = 30000 + ((start + i * 7) % span);
    if (await canBind(port)) out.push(port);
  }
  if (out.length < n) throw new Error('no free ports in 30000-32767');
  return out;
}

function deployment(name: string, replicas: number, image = 'nginx:1.27', ports?: { containerPort: number }[]): KubeObject {
  const container: Record<string, unknown> = { name: image.split(/[:/]/)[0], image };
  if (ports) container.ports = ports;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [container] } } },
  };
}

function service(name: string, nodePort: number, extra: { targetPort?: number; externalTrafficPolicy?: string; type?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: {
      type: extra.type ?? 'NodePort',
      selector: { app: name },
      ports: [{ name: 'http', port: 80, targetPort: extra.targetPort ?? 80, nodePort }],
      ...(extra.externalTrafficPolicy ? { externalTrafficPolicy: extra.externalTrafficPolicy } : {}),
    },
  };
}

/** A cluster the test moves through simulated time (settle), seen by the proxy as a LiveCluster. */
function harness() {
  const cluster = new Cluster();
  const live: NodePortCluster = { cluster, api: cluster.api, now: () => cluster.clock.now(), kick: () => undefined };
  const logs = new LogStore();
  logs.attach(cluster);
  const warnings: string[] = [];
  const proxy = new NodePortProxy(live, { address: HOST, logs, seed: 7, onWarning: (m) => warnings.push(m) });
  return { cluster, logs, warnings, proxy };
}

type Harness = ReturnType<typeof harness>;

/** Deployment `web` (`replicas` nginx pods) behind a Service on a free nodePort, settled, the proxy listening: the port. */
async function serveWeb(h: Harness, replicas: number, extra: Parameters<typeof service>[2] = {}): Promise<number> {
  const [port] = await freePorts(1);
  h.cluster.api.create(deployment('web', replicas));
  h.cluster.api.create(service('web', port, extra));
  h.cluster.settle();
  await h.proxy.idle();
  return port;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setup() {
  const h = harness();
  cleanups.push(() => h.proxy.close());
  return h;
}

describe('NodePortProxy', () => {
  it('serves the nginx welcome page from both pods of a Deployment, spread at random per connection', async () => {
    const h = setup();
    const { cluster, proxy } = h;
    const port = await serveWeb(h, 2);
    expect(proxy.ports).toEqual([port]);
    const pods = cluster.api.list('Pod', { namespace: 'default' }).map((p) => `default/${p.metadata.name}`).sort();
    expect(pods).toHaveLength(2);
    const seen = new Map<string, number>();
    for (let i = 0; i < 40; i++) {
      const a = await get(port);
      expect(a.status).toBe(200);
      expect(a.body).toBe(NGINX_WELCOME);
      expect(a.headers['content-length']).toBe('615');
      expect(a.headers.server).toBe('nginx/1.27.3');
      expect(a.headers['content-type']).toBe('text/html');
      const who = String(a.headers['x-kubespec-pod']);
      seen.set(who, (seen.get(who) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual(pods);
  });

  it('keeps a keep-alive connection on one pod; answers 404, HEAD, 304 and 405 as nginx does', async () => {
    const port = await serveWeb(setup(), 2);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => agent.destroy());
    const first = await get(port, '/', { agent });
    // The Date header tells the cluster's (simulated) time.
    expect(first.headers.date).toBe('Mon, 01 Jan 2024 00:00:03 GMT');
    expect(first.headers['last-modified']).toBe('Tue, 26 Nov 2024 15:55:00 GMT');
    for (let i = 0; i < 5; i++) expect((await get(port, '/', { agent })).headers['x-kubespec-pod']).toBe(first.headers['x-kubespec-pod']);
    const missing = await get(port, '/nope', { agent });
    expect(missing.status).toBe(404);
    expect(missing.body).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n');
    expect(missing.headers['content-length']).toBe('153');
    const head = await get(port, '/index.html', { method: 'HEAD', agent });
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(head.headers['content-length']).toBe('615');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]+-267"$/);
    expect((await get(port, '/', { headers: { 'If-None-Match': etag }, agent })).status).toBe(304);
    expect((await get(port, '/', { method: 'DELETE', agent })).status).toBe(405);
  });

  it('refuses connections while the Service has no ready endpoint, and after it is deleted', async () => {
    const { cluster, proxy } = setup();
    const [port] = await freePorts(1);
    cluster.api.create(service('web', port));
    cluster.settle();
    await proxy.idle();
    expect(proxy.ports).toEqual([]);
    expect(await failure(port)).toBe('ECONNREFUSED');
    cluster.api.create(deployment('web', 1));
    cluster.settle();
    await proxy.idle();
    expect((await get(port)).status).toBe(200);
    // Scaled to zero: the pod terminates, the Endpoints empty, the port closes.
    const d = cluster.api.get('Deployment', 'web')!;
    cluster.api.update({ ...d, spec: { ...d.spec, replicas: 0 } });
    cluster.settle();
    await proxy.idle();
    expect(cluster.api.list('Pod', { namespace: 'default' })).toHaveLength(0);
    expect(await failure(port)).toBe('ECONNREFUSED');
    cluster.api.update({ ...cluster.api.get('Deployment', 'web')!, spec: { ...d.spec, replicas: 1 } });
    cluster.settle();
    await proxy.idle();
    expect((await get(port)).status).toBe(200);
    cluster.api.delete('Service', 'web');
    cluster.settle();
    await proxy.idle();
    expect(await failure(port)).toBe('ECONNREFUSED');
  });

  it('resets the connection when the pod does not listen on the targetPort', async () => {
    const h = setup();
    const port = await serveWeb(h, 1, { targetPort: 8080 });
    const { proxy } = h;
    expect(proxy.ports).toEqual([port]);
    expect(await failure(port)).toBe('ECONNRESET');
  });

  it('a nodePort in use is a warning and a Warning Event on the Service, retried only when the Service changes', async () => {
    const { cluster, proxy, warnings } = setup();
    const [port] = await freePorts(1);
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(port, HOST, resolve));
    let squatted = true;
    cleanups.push(() => (squatted ? new Promise<void>((resolve) => squatter.close(() => resolve())) : undefined));
    cluster.api.create(deployment('web', 1));
    cluster.api.create(service('web', port));
    cluster.settle();
    await proxy.idle();
    const msg = `nodePort ${port} of Service default/web cannot be bound on 127.0.0.1: address already in use`;
    expect(warnings).toEqual([msg]);
    const events = cluster.api.list('Event').filter((e) => e.involvedObject.kind === 'Service' && e.involvedObject.name === 'web');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'Warning', reason: BIND_FAILED_REASON, message: msg, source: { component: 'kubespec-serve' } });
    expect(proxy.ports).toEqual([]);
    await new Promise<void>((resolve) => squatter.close(() => resolve()));
    squatted = false;
    // Endpoints changing is not the Service changing: no retry, no new warning.
    const d = cluster.api.get('Deployment', 'web')!;
    cluster.api.update({ ...d, spec: { ...d.spec, replicas: 2 } });
    cluster.settle();
    await proxy.idle();
    expect(proxy.ports).toEqual([]);
    expect(warnings).toHaveLength(1);
    const svc = cluster.api.get('Service', 'web')!;
    cluster.api.update({ ...svc, metadata: { ...svc.metadata, labels: { retry: 'yes' } } });
    await proxy.idle();
    expect(proxy.ports).toEqual([port]);
    expect((await get(port)).status).toBe(200);
  });

  it('writes an access line in the answering container’s log (SNAT to its node’s bridge; the client with Local)', async () => {
    const { cluster, proxy, logs } = setup();
    const [port, localPort] = await freePorts(2);
    cluster.api.create(deployment('web', 1));
    cluster.api.create(service('web', port));
    cluster.settle();
    await proxy.idle();
    const a = await get(port, '/index.html?x=1', { headers: { Referer: 'http://example/' } });
    const pod = cluster.api.get('Pod', String(a.headers['x-kubespec-pod']).split('/')[1])!;
    const bridge = pod.status.podIP.replace(/\.\d+$/, '.1');
    const opts = { follow: false, previous: false, timestamps: false };
    const last = logs.read(pod, 'nginx', { ...opts, tailLines: 1 }, cluster.clock.now());
    expect(last).toBe(`${bridge} - - [01/Jan/2024:00:00:03 +0000] "GET /index.html?x=1 HTTP/1.1" 200 615 "http://example/" "curl/8.5.0" "-"\n`);
    expect(logs.read(pod, 'nginx', opts, cluster.clock.now())).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');

    const svc = cluster.api.get('Service', 'web')!;
    cluster.api.update({ ...svc, spec: { ...svc.spec, externalTrafficPolicy: 'Local', ports: [{ ...svc.spec.ports[0], nodePort: localPort }] } });
    cluster.settle();
    await proxy.idle();
    expect(proxy.ports).toEqual([localPort]);
    // A follow sees the line as the request is answered.
    const followed: string[] = [];
    const stop = logs.follow(pod, 'nginx', { ...opts, follow: true }, (t) => followed.push(t), () => undefined);
    await get(localPort, '/missing');
    stop();
    expect(followed).toEqual([`127.0.0.1 - - [01/Jan/2024:00:00:03 +0000] "GET /missing HTTP/1.1" 404 153 "-" "curl/8.5.0" "-"\n`]);
  });

  it('answers as httpd, and as a short line naming the pod for other images that listen', async () => {
    const { cluster, proxy, logs } = setup();
    const [httpdPort, otherPort] = await freePorts(2);
    cluster.api.create(deployment('apache', 1, 'httpd:2.4'));
    cluster.api.create(service('apache', httpdPort));
    cluster.api.create(deployment('whoami', 1, 'traefik/whoami:v1.10'));
    cluster.api.create(service('whoami', otherPort, { type: 'LoadBalancer' }));
    cluster.settle();
    await proxy.idle();
    expect(proxy.ports).toEqual([httpdPort, otherPort].sort((x, y) => x - y));
    const a = await get(httpdPort);
    expect(a).toMatchObject({ status: 200, body: HTTPD_IT_WORKS });
    expect(a.headers.server).toBe('Apache/2.4.62 (Unix)');
    const apache = cluster.api.get('Pod', String(a.headers['x-kubespec-pod']).split('/')[1])!;
    expect(logs.read(apache, 'httpd', { follow: false, previous: false, timestamps: false, tailLines: 1 }, 0)).toMatch(/^10\.244\.\d+\.1 - - \[01\/Jan\/2024:00:00:03 \+0000\] "GET \/ HTTP\/1\.1" 200 45\n$/);
    const o = await get(otherPort, '/hello');
    expect(o.status).toBe(200);
    expect(o.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(o.body).toBe(`pod ${o.headers['x-kubespec-pod']} (image traefik/whoami:v1.10) answered GET /hello on port 80\n`);
  });

  it('close() leaves nothing open, keep-alive connections included', async () => {
    const h = harness();
    const { cluster, proxy } = h;
    const port = await serveWeb(h, 1);
    const agent = new http.Agent({ keepAlive: true });
    cleanups.push(() => agent.destroy());
    expect((await get(port, '/', { agent })).status).toBe(200);
    await proxy.close();
    expect(proxy.ports).toEqual([]);
    expect(await failure(port)).toBe('ECONNREFUSED');
    // Changes after close open nothing.
    cluster.api.create(service('late', (await freePorts(2))[1]));
    await proxy.idle();
    expect(proxy.ports).toEqual([]);
  });

  it('runs over a LiveCluster (wall-clock controllers)', async () => {
    const live = new LiveCluster({ speed: 1000 });
    const proxy = new NodePortProxy(live, { address: HOST, onWarning: () => undefined });
    cleanups.push(() => live.close());
    cleanups.push(() => proxy.close());
    const [port] = await freePorts(1);
    const ready = new Promise<void>((resolve) => {
      const stop = live.api.watch('Endpoints', (ev) => {
        if (ev.object.metadata.name === 'web' && ev.object.subsets?.some((s: { addresses?: unknown[] }) => s.addresses?.length)) {
          stop();
          resolve();
        }
      });
    });
    live.api.create(deployment('web', 1));
    live.api.create(service('web', port));
    live.kick();
    await ready;
    await proxy.idle();
    const a = await get(port);
    expect(a.status).toBe(200);
    expect(a.body).toBe(NGINX_WELCOME);
  });
});
