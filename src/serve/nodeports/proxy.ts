// The embedded cluster's NodePorts served on this machine, for `kubespec serve`.
// An HTTP listener on address:nodePort for each NodePort/LoadBalancer Service port while it has a
// ready endpoint (else the port refuses connections, as a node's would), routing each connection
// as kube-proxy does (routing.ts: a random ready endpoint, then the pod's targetPort) and answering
// as the pod's image would, with an access-log line in the pod's container log.
import * as http from 'http';
import type { Socket } from 'net';
import type { KubeObject } from '../../apiserver/types';
import { sendRequest } from '../../cluster/routing';
import { imagePorts } from '../../images';
import { Random } from '../../util/random';
import type { LiveCluster } from '../live';
import type { LogStore } from '../logs/log-store';
import { answer } from './responses';
import { msg } from '../../i18n';
import { serveMessages as sm } from '../../i18n/messages/serve';

/** What the proxy needs of the cluster: a LiveCluster has it all. */
export type NodePortCluster = Pick<LiveCluster, 'cluster' | 'api' | 'now' | 'kick'>;

export interface NodePortProxyOptions {
  /** The address every nodePort listens on (the machine stands in for every node). */
  address: string;
  /** Where the answering containers' access lines go. */
  logs?: LogStore;
  /** A nodePort that cannot be bound, and other trouble worth a line on stderr. */
  onWarning?: (msg: string) => void;
  /** Seed of the endpoint choice (default: a stream forked from the cluster's seed). */
  seed?: number;
  /** Open connections per nodePort (default 256). */
  maxConnectionsPerPort?: number;
}

/** The Event reason of a nodePort that could not be bound (kubespec's own; kube-proxy has none on Services). */
export const BIND_FAILED_REASON = 'FailedToBindNodePort';
const EVENT_SOURCE = 'kubespec-serve';

/** Timeouts of nginx's defaults: keepalive_timeout 65 s (the image's nginx.conf), client header and body 60 s. */
const KEEP_ALIVE_MS = 65_000;
const REQUEST_TIMEOUT_MS = 60_000;
/** nginx keepalive_requests. */
const REQUESTS_PER_CONNECTION = 1000;

interface Listener {
  port: number;
  server: http.Server;
  sockets: Set<Socket>;
  state: 'opening' | 'open' | 'closing';
  /** Closing was asked while the listen was still under way. */
  closeWhenOpen: boolean;
}

/**
 * Where one client connection goes: chosen at its first request and kept for the next ones on the
 * same connection, as kube-proxy's DNAT is per connection (conntrack), not per HTTP request.
 */
interface Route {
  namespace: string;
  name: string;
  uid: string;
  container?: { name: string; image: string };
  targetPort: number;
  /** The client address the pod sees. */
  remoteAddr: string;
}

interface ServicePort {
  name?: string;
  nodePort?: number;
  protocol?: string;
}

/** Binds of a nodePort tried before its failure is reported, and the pause between them (ms). */
const BIND_ATTEMPTS = 10;
const BIND_RETRY_MS = 100;

export class NodePortProxy {
  private readonly live: NodePortCluster;
  private readonly address: string;
  private readonly logs: LogStore | undefined;
  private readonly warn: (msg: string) => void;
  private readonly rng: Random;
  private readonly maxConnections: number;
  private readonly listeners = new Map<number, Listener>();
  /** nodePorts whose bind failed, with the Service version tried: retried once that Service changes. */
  private readonly failures = new Map<number, { uid: string; resourceVersion: string }>();
  private readonly routes = new WeakMap<Socket, Route>();
  private readonly pending = new Set<Promise<void>>();
  private readonly unwatch: (() => void)[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private closed = false;

  constructor(live: NodePortCluster, opts: NodePortProxyOptions) {
    this.live = live;
    this.address = opts.address;
    this.logs = opts.logs;
    this.warn = opts.onWarning ?? ((msg) => process.stderr.write(`kubespec serve: ${msg}\n`));
    this.rng = opts.seed !== undefined ? new Random(opts.seed) : live.cluster.rng.fork('nodeport-proxy');
    this.maxConnections = opts.maxConnectionsPerPort ?? 256;
    // Events arrive inside the API server's writes (often a controller's): only note that
    // something changed, and look at the Services once the write is over.
    this.unwatch.push(live.api.watch('Service', () => this.schedule()));
    this.unwatch.push(
      live.api.watch('Endpoints', (ev) => {
        const svc = live.api.get('Service', ev.object.metadata.name!, ev.object.metadata.namespace);
        if (svc && exposesNodePorts(svc)) this.schedule();
      }),
    );
    this.schedule();
  }

  /** The nodePorts listening now, ascending. */
  get ports(): number[] {
    return [...this.listeners.values()].filter((l) => l.state === 'open').map((l) => l.port).sort((a, b) => a - b);
  }

  /** Resolves once every change seen so far has been applied (listeners opened, bound or failed, closed). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.scheduled) await new Promise<void>((resolve) => setImmediate(resolve));
      else if (this.pending.size) await Promise.all([...this.pending]);
      else return;
    }
  }

  /** Stop watching, close every listener and drop every connection (keep-alive ones too). */
  async close(): Promise<void> {
    this.closed = true;
    for (const u of this.unwatch.splice(0)) u();
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    while (this.pending.size) await Promise.all([...this.pending]);
    await Promise.all(
      [...this.listeners.values()].map(
        (l) =>
          new Promise<void>((resolve) => {
            l.server.close(() => resolve());
            for (const s of l.sockets) s.destroy();
          }),
      ),
    );
    this.listeners.clear();
  }

  // ---- listeners -------------------------------------------------------------------------------

  private schedule(): void {
    if (this.closed || this.scheduled) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = undefined;
      try {
        this.reconcile();
      } catch (e) {
        this.warn(msg(sm.listenersNotUpdated, { message: e instanceof Error ? e.message : String(e) }));
      }
    });
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private reconcile(): void {
    if (this.closed) return;
    const { owners, ready } = this.scan();
    for (const l of this.listeners.values()) if (!ready.has(l.port)) this.shut(l);
    for (const port of ready) {
      const l = this.listeners.get(port);
      if (l) {
        // Still wanted after all; one being closed is opened again once it is closed.
        if (l.state === 'opening') l.closeWhenOpen = false;
        continue;
      }
      const svc = owners.get(port)!;
      const failed = this.failures.get(port);
      if (failed && failed.uid === svc.metadata.uid && failed.resourceVersion === svc.metadata.resourceVersion) continue;
      this.failures.delete(port);
      this.open(port, svc);
    }
    for (const [port, failed] of this.failures) {
      const svc = owners.get(port);
      if (!svc || svc.metadata.uid !== failed.uid || svc.metadata.resourceVersion !== failed.resourceVersion) this.failures.delete(port);
    }
  }

  /**
   * Each TCP nodePort of a NodePort or LoadBalancer Service, and those with a ready endpoint for
   * their Service port (Endpoints subsets carrying that port's name, as routing.ts looks them up).
   */
  private scan(): { owners: Map<number, KubeObject>; ready: Set<number> } {
    const api = this.live.api;
    const owners = new Map<number, KubeObject>();
    const ready = new Set<number>();
    for (const svc of api.list('Service')) {
      if (!exposesNodePorts(svc)) continue;
      let ep: KubeObject | undefined | null = null;
      for (const p of (svc.spec.ports ?? []) as ServicePort[]) {
        if (!p.nodePort || (p.protocol ?? 'TCP') !== 'TCP' || owners.has(p.nodePort)) continue;
        owners.set(p.nodePort, svc);
        if (ep === null) ep = api.get('Endpoints', svc.metadata.name!, svc.metadata.namespace);
        const subsets = (ep?.subsets ?? []) as { addresses?: unknown[]; ports?: { name?: string; protocol?: string }[] }[];
        if (subsets.some((s) => s.addresses?.length && s.ports?.some((x) => (x.name ?? '') === (p.name ?? '') && (x.protocol ?? 'TCP') === 'TCP'))) ready.add(p.nodePort);
      }
    }
    return { owners, ready };
  }

  private open(port: number, svc: KubeObject): void {
    const server = http.createServer((req, res) => this.handle(port, req, res));
    server.maxConnections = this.maxConnections;
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    server.headersTimeout = REQUEST_TIMEOUT_MS;
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.maxRequestsPerSocket = REQUESTS_PER_CONNECTION;
    const l: Listener = { port, server, sockets: new Set(), state: 'opening', closeWhenOpen: false };
    this.listeners.set(port, l);
    server.on('connection', (s: Socket) => {
      l.sockets.add(s);
      s.on('close', () => l.sockets.delete(s));
    });
    const tried = { uid: svc.metadata.uid!, resourceVersion: svc.metadata.resourceVersion!, namespace: svc.metadata.namespace ?? 'default', name: svc.metadata.name! };
    this.track(
      new Promise<void>((resolve) => {
        let attempts = 0;
        const onError = (e: NodeJS.ErrnoException): void => {
          // A port this process let go of a moment ago (a Service deleted, the same nodePort taken by
          // the next one) can still be held briefly: a few tries before it is a failure.
          if (e.code === 'EADDRINUSE' && ++attempts < BIND_ATTEMPTS && !this.closed && this.listeners.get(port) === l) {
            setTimeout(() => {
              server.once('error', onError);
              server.listen(port, this.address);
            }, BIND_RETRY_MS).unref();
            return;
          }
          server.off('listening', onListening);
          if (this.listeners.get(port) === l) this.listeners.delete(port);
          this.bindFailed(port, tried, e);
          resolve();
        };
        const onListening = (): void => {
          server.off('error', onError);
          server.on('error', (e: Error) => this.warn(msg(sm.listenerError, { port, address: this.address, message: e.message })));
          l.state = 'open';
          if (l.closeWhenOpen && !this.closed) this.shut(l);
          resolve();
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(port, this.address);
      }),
    );
  }

  private shut(l: Listener): void {
    if (l.state === 'closing') return;
    if (l.state === 'opening') {
      l.closeWhenOpen = true;
      return;
    }
    l.state = 'closing';
    this.track(
      new Promise<void>((resolve) => {
        l.server.close(() => {
          if (this.listeners.get(l.port) === l) this.listeners.delete(l.port);
          // It may be wanted again by now (the endpoints came back while it closed).
          this.schedule();
          resolve();
        });
        // Connections to endpoints that went away: what a client sees is its connection dropped.
        for (const s of l.sockets) s.destroy();
      }),
    );
  }

  private bindFailed(port: number, svc: { uid: string; resourceVersion: string; namespace: string; name: string }, e: NodeJS.ErrnoException): void {
    this.failures.set(port, { uid: svc.uid, resourceVersion: svc.resourceVersion });
    const params = { port, service: `${svc.namespace}/${svc.name}`, address: this.address, why: bindError(e) };
    this.warn(msg(sm.bindFailed, params));
    // The Event is the cluster's: in English, as kubectl shows a real cluster's Events.
    const eventText = msg(sm.bindFailed, params, 'en');
    if (this.closed) return;
    const current = this.live.api.get('Service', svc.name, svc.namespace);
    if (!current || current.metadata.uid !== svc.uid) return;
    try {
      this.live.cluster.recorder.record(EVENT_SOURCE, current, 'Warning', BIND_FAILED_REASON, eventText);
      this.live.kick();
    } catch (err) {
      this.warn(msg(sm.eventNotRecorded, { port, message: err instanceof Error ? err.message : String(err) }));
    }
  }

  // ---- requests --------------------------------------------------------------------------------

  private handle(port: number, req: http.IncomingMessage, res: http.ServerResponse): void {
    res.on('error', () => undefined);
    const socket = req.socket;
    let route: Route | undefined;
    try {
      route = this.route(port, socket);
    } catch (e) {
      this.warn(msg(sm.routingFailed, { port, message: e instanceof Error ? e.message : String(e) }));
    }
    if (!route) {
      // Nothing answers where kube-proxy sent the connection (no ready endpoint any more, or the
      // pod does not listen on the targetPort): the pod's kernel resets it, and so does this.
      reset(socket);
      return;
    }
    req.resume();
    const nowMs = this.live.now();
    const image = route.container?.image ?? '';
    const a = answer({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers }, { pod: `${route.namespace}/${route.name}`, image, port: route.targetPort, nowMs });
    // The Date header tells simulated time, as the access log does.
    res.sendDate = false;
    res.statusCode = a.status;
    for (const [k, v] of a.headers) res.setHeader(k, v);
    res.setHeader('X-Kubespec-Pod', `${route.namespace}/${route.name}`);
    res.end(a.body);
    const pod = this.live.api.get('Pod', route.name, route.namespace);
    if (this.logs && pod && route.container) {
      this.logs.recordRequest(pod, route.container.name, {
        remoteAddr: route.remoteAddr,
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        httpVersion: req.httpVersion,
        status: a.status,
        bytes: a.bodyBytes,
        referer: header(req, 'referer'),
        userAgent: header(req, 'user-agent'),
        forwardedFor: header(req, 'x-forwarded-for'),
        atMs: nowMs,
      });
    }
  }

  private route(port: number, socket: Socket): Route | undefined {
    const api = this.live.api;
    const kept = this.routes.get(socket);
    if (kept) {
      // The connection stays with its pod while that pod runs; once it is gone (or stopping) the
      // connection has nothing at the other end.
      const pod = api.get('Pod', kept.name, kept.namespace);
      return pod && pod.metadata.uid === kept.uid && !pod.metadata.deletionTimestamp ? kept : undefined;
    }
    const r = sendRequest(this.live.cluster, { nodePort: port, node: this.localNode(port) }, this.rng);
    if (!r.ok) return undefined;
    const [svcNamespace, svcName] = r.service.split('/');
    const svc = api.get('Service', svcName, svcNamespace);
    const route: Route = {
      namespace: r.pod.metadata.namespace ?? 'default',
      name: r.pod.metadata.name!,
      uid: r.pod.metadata.uid!,
      container: listeningContainer(r.pod, r.targetPort),
      targetPort: r.targetPort,
      remoteAddr: this.sourceAddress(svc, r.pod, socket),
    };
    this.routes.set(socket, route);
    return route;
  }

  /**
   * With externalTrafficPolicy Local only a node running an endpoint answers on the nodePort; this
   * machine stands for every node, so the connection is taken to reach one of those (at random),
   * as a load balancer health-checking the nodes would send it. Undefined for Cluster.
   */
  private localNode(port: number): string | undefined {
    const api = this.live.api;
    for (const svc of api.list('Service')) {
      if (!exposesNodePorts(svc)) continue;
      const p = ((svc.spec.ports ?? []) as ServicePort[]).find((x) => x.nodePort === port);
      if (!p) continue;
      if (svc.spec.externalTrafficPolicy !== 'Local') return undefined;
      const ep = api.get('Endpoints', svc.metadata.name!, svc.metadata.namespace);
      const nodes = new Set<string>();
      for (const s of (ep?.subsets ?? []) as { addresses?: { nodeName?: string }[]; ports?: { name?: string }[] }[]) {
        if (!s.ports?.some((x) => (x.name ?? '') === (p.name ?? ''))) continue;
        for (const a of s.addresses ?? []) if (a.nodeName) nodes.add(a.nodeName);
      }
      const list = [...nodes].sort();
      return list.length ? list[list.length === 1 ? 0 : this.rng.int(list.length)] : undefined;
    }
    return undefined;
  }

  /**
   * The source address the pod sees. externalTrafficPolicy Local keeps the client's address (no
   * SNAT). Cluster (the default) masquerades it: the node that received the connection is taken to
   * be the pod's own (this machine stands for every node), so the source is that node's cni0
   * bridge, the first address of its podCIDR (10.244.1.1), as nginx logs it on a kubeadm+flannel
   * cluster.
   */
  private sourceAddress(svc: KubeObject | undefined, pod: KubeObject, socket: Socket): string {
    const client = (socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    if (svc?.spec?.externalTrafficPolicy === 'Local') return client;
    const node = pod.spec?.nodeName ? this.live.api.get('Node', pod.spec.nodeName) : undefined;
    const gateway = bridgeAddress(node?.spec?.podCIDR);
    if (gateway) return gateway;
    const internal = ((node?.status?.addresses ?? []) as { type: string; address: string }[]).find((a) => a.type === 'InternalIP')?.address;
    return internal ?? client;
  }
}

function exposesNodePorts(svc: KubeObject): boolean {
  return svc.spec?.type === 'NodePort' || svc.spec?.type === 'LoadBalancer';
}

/** The container that listens on `port`, by the rule routing.ts applies (podListensOn). */
export function listeningContainer(pod: KubeObject, port: number): { name: string; image: string } | undefined {
  for (const c of (pod.spec?.containers ?? []) as { name: string; image: string; ports?: { containerPort: number; protocol?: string }[] }[]) {
    const listens = c.ports?.length ? c.ports.some((p) => p.containerPort === port && (p.protocol ?? 'TCP') === 'TCP') : imagePorts(c.image).includes(port);
    if (listens) return { name: c.name, image: c.image };
  }
  return undefined;
}

/** `10.244.1.0/24` → `10.244.1.1`. */
function bridgeAddress(cidr: unknown): string | undefined {
  if (typeof cidr !== 'string') return undefined;
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/\d+$/.exec(cidr);
  if (!m) return undefined;
  const n = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) + 1;
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** The kernel's words for the usual bind errors (strerror), else Node's message. */
function bindError(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'EADDRINUSE':
      return 'address already in use';
    case 'EACCES':
      return 'permission denied';
    case 'EADDRNOTAVAIL':
      return 'cannot assign requested address';
    default:
      return e.message;
  }
}

/** Drop a connection with a TCP RST (curl: "Connection reset by peer"), or close it where RST is unavailable. */
function reset(socket: Socket): void {
  const s = socket as Socket & { resetAndDestroy?: () => Socket };
  if (typeof s.resetAndDestroy === 'function' && !socket.destroyed) s.resetAndDestroy();
  else socket.destroy();
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}
