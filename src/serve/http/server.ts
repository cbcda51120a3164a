// The HTTP(S) front of `kubespec serve`: authenticates (bearer token, constant time), bounds what
// a client may hold (in-flight requests, watches, slow readers, body size), routes non-resource
// paths (version, health, discovery, OpenAPI) and resource paths (the REST layer in ../api/rest),
// and streams what is long-running: watches (chunked JSON events, Table rows, bookmarks) and logs.
import * as crypto from 'crypto';
import { serviceProxy } from './service-proxy';
import type { Random } from '../../util/random';
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo, Socket } from 'net';
import { kindInfo } from '../../apiserver/kinds';
import type { KubeObject } from '../../apiserver/types';
import type { LiveCluster } from '../live';
import { AGGREGATED_CONTENT_TYPE, aggregatedDiscovery, apiGroupList, apiResourceList, apiVersions, versionInfo, wantsAggregated } from '../api/discovery';
import { handleResource, type LogOptions, type Reply } from '../api/rest';
import { toTable } from '../api/table';
import { WatchHub, WatchStartError, type WireEventType } from '../api/watch';
import { openapiV2, openapiV2Protobuf, openapiV3Document, openapiV3Index } from '../openapi';
import type { TlsMaterial } from '../tls';
import { decodeObjectBody, readBody } from './body';
import { requestInfo, type ResourceRequest } from './request-info';
import { HttpError, failure, notFoundPath, statusOf, type Status } from './status';
import { stringifyJson } from '../../util/json';
import { msg } from '../../i18n';
import { serveMessages as sm } from '../../i18n/messages/serve';

/** Where container logs come from (the log store fed by the kubelet simulation and the NodePorts). */
export interface LogSource {
  /** The log text now, or throws an HttpError (container waiting, no previous instance...). */
  read(pod: KubeObject, container: string, options: LogOptions, nowMs: number): string;
  /** Follow new lines after `read`; returns the stop function. `onEnd` when the container goes away. */
  follow(pod: KubeObject, container: string, options: LogOptions, onText: (text: string) => void, onEnd: () => void): () => void;
}

/** Something that makes acknowledged writes durable (the --data journal). */
export interface Durability {
  /** Called after a write, before its response is sent: returns once the write is on disk. */
  sync(): void;
}

export interface Limits {
  /** Requests being served at once, watches and log follows excluded (upstream --max-requests-inflight 400 + mutating 200). */
  maxInFlight: number;
  /** Watches and log follows open at once. */
  maxLongRunning: number;
  /** Bytes a slow watch reader may leave unread before it is dropped. */
  maxBufferedBytes: number;
  /** Open connections (keep-alive ones included). */
  maxConnections: number;
}

export const DEFAULT_LIMITS: Limits = { maxInFlight: 600, maxLongRunning: 1024, maxBufferedBytes: 16 * 1024 * 1024, maxConnections: 4096 };

export interface ApiHttpServerOptions {
  live: LiveCluster;
  /** The bearer token every request must carry. */
  token: string;
  /** HTTPS material; undefined serves plain HTTP (--insecure-http). */
  tls?: TlsMaterial;
  logs?: LogSource;
  durability?: Durability;
  limits?: Partial<Limits>;
  /** Events kept for watch replay. */
  watchHistory?: number;
}

/** Paths a client may read without the token: health only (upstream's system:public-info-viewer grants them to anyone). */
const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz', '/healthz/ping', '/livez/ping', '/readyz/ping']);
/** Longest request line a client may send. */
const MAX_URL = 16 * 1024;
const LONG_RUNNING_SUBRESOURCES = new Set(['exec', 'attach', 'portforward', 'proxy']);
const MUTATING = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

/** A long-running response opened by ApiHttpServer.openStream. */
interface LongStream {
  /** Whether it has ended (stopped, cut, closed by the client or by close()). */
  readonly ended: boolean;
  /** End it (at most once); `cut` destroys the connection instead of ending the response. */
  stop(cut?: boolean): void;
  /** Write a chunk unless it has ended; a reader that leaves too much unread is cut. */
  write(chunk: string): void;
}

export class ApiHttpServer {
  readonly hub: WatchHub;
  private readonly server: http.Server;
  private readonly limits: Limits;
  private readonly tokenDigest: Buffer;
  private readonly sockets = new Set<Socket>();
  /** Stops for every open watch and log follow, so close() ends them. */
  private readonly streams = new Set<() => void>();
  private inFlight = 0;
  private longRunning = 0;
  private address = '';
  private closing = false;

  constructor(private readonly opts: ApiHttpServerOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.tokenDigest = digest(opts.token);
    this.hub = new WatchHub(opts.live.api, opts.watchHistory);
    const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => this.handle(req, res);
    this.server = opts.tls ? https.createServer({ key: opts.tls.keyPem, cert: opts.tls.certPem }, handler) : http.createServer(handler);
    this.server.maxConnections = this.limits.maxConnections;
    // Slow-loris bounds: the whole request (headers and body) within a minute, headers within 30 s.
    this.server.requestTimeout = 60_000;
    this.server.headersTimeout = 30_000;
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.on('clientError', (_e, socket: Socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
  }

  get watches(): number {
    return this.longRunning;
  }

  /** Listen; resolves with the port. A port in use or an address not on this machine is a clear Error. */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (e: NodeJS.ErrnoException): void => {
        const where = `${host}:${port}`;
        if (e.code === 'EADDRINUSE') reject(new Error(msg(sm.portInUse, { where })));
        else if (e.code === 'EADDRNOTAVAIL') reject(new Error(msg(sm.addressNotHere, { where })));
        else if (e.code === 'EACCES') reject(new Error(msg(sm.portDenied, { where })));
        else reject(new Error(msg(sm.cannotListen, { where, message: e.message })));
      };
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        const a = this.server.address() as AddressInfo;
        this.address = `${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
        resolve(a.port);
      });
    });
  }

  /** Stop accepting, end every stream and connection. */
  close(): Promise<void> {
    this.closing = true;
    for (const stop of [...this.streams]) stop();
    this.hub.close();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  // ---- dispatch ----------------------------------------------------------------------------

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.on('error', () => undefined);
    if (this.closing) return this.send(res, req, failure(503, 'ServiceUnavailable', 'the server is shutting down'), {});
    const rawUrl = req.url ?? '/';
    if (rawUrl.length > MAX_URL) return this.send(res, req, failure(414, 'RequestURITooLong', `the request URI is longer than ${MAX_URL} bytes`), {});
    let url: URL;
    try {
      url = new URL(rawUrl, 'http://kubespec');
    } catch {
      return this.send(res, req, failure(400, 'BadRequest', 'malformed request URI'), {});
    }
    const path = url.pathname;
    if (!PUBLIC_PATHS.has(path) && !this.authorized(req)) {
      return this.send(res, req, failure(401, 'Unauthorized', 'Unauthorized'), {});
    }
    let info: ResourceRequest | { kind: 'nonresource'; path: string };
    try {
      info = requestInfo(req.method ?? 'GET', path, url.searchParams);
    } catch (e) {
      return this.fail(res, req, e);
    }
    const longRunning = info.kind === 'resource' && (info.verb === 'watch' || (info.subresource === 'log' && url.searchParams.get('follow') === 'true'));
    if (!longRunning && this.inFlight >= this.limits.maxInFlight) return this.tooMany(res, req);
    if (longRunning && this.longRunning >= this.limits.maxLongRunning) return this.tooMany(res, req);
    // Watches and follows are counted by their own stream bookkeeping, not as requests in flight.
    let released = longRunning;
    if (!longRunning) this.inFlight++;
    const release = (): void => {
      if (!released) this.inFlight--;
      released = true;
    };
    res.on('close', release);
    const done = (p: Promise<void>): void => {
      p.catch((e) => this.fail(res, req, e)).finally(release);
    };
    if (info.kind === 'nonresource') return done(this.nonResource(req, res, info.path, url.searchParams));
    done(this.resource(req, res, info, url.searchParams));
  }

  private authorized(req: http.IncomingMessage): boolean {
    const h = req.headers.authorization;
    if (typeof h !== 'string') return false;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
    if (!m) return false;
    // Digests are equal-length, so the comparison takes the same time whatever the client sent.
    return crypto.timingSafeEqual(digest(m[1]), this.tokenDigest);
  }

  private tooMany(res: http.ServerResponse, req: http.IncomingMessage): void {
    req.resume();
    this.send(res, req, failure(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds: 1 }), { 'Retry-After': '1' });
  }

  // ---- non-resource paths --------------------------------------------------------------------

  private async nonResource(req: http.IncomingMessage, res: http.ServerResponse, path: string, query: URLSearchParams): Promise<void> {
    req.resume();
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const accept = header(req, 'accept');
    const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
    if (PUBLIC_PATHS.has(trimmed) || /^\/(healthz|livez|readyz)\/[a-z-]+$/.test(trimmed)) return this.text(res, req, 200, 'ok');
    if (trimmed === '/version') return this.json(res, req, 200, versionInfo());
    if (trimmed === '/api') {
      if (wantsAggregated(accept)) return this.json(res, req, 200, aggregatedDiscovery(true), {}, AGGREGATED_CONTENT_TYPE);
      return this.json(res, req, 200, apiVersions(this.address));
    }
    if (trimmed === '/apis') {
      if (wantsAggregated(accept)) return this.json(res, req, 200, aggregatedDiscovery(false), {}, AGGREGATED_CONTENT_TYPE);
      return this.json(res, req, 200, apiGroupList());
    }
    let m = /^\/api\/([^/]+)$/.exec(trimmed);
    if (m) return this.discoveryDoc(res, req, '', m[1]);
    m = /^\/apis\/([^/]+)\/([^/]+)$/.exec(trimmed);
    if (m) return this.discoveryDoc(res, req, m[1], m[2]);
    m = /^\/apis\/([^/]+)$/.exec(trimmed);
    if (m) {
      const group = (apiGroupList() as { groups: { name: string }[] }).groups.find((g) => g.name === m![1]);
      if (!group) throw notFoundPath();
      return this.json(res, req, 200, { kind: 'APIGroup', apiVersion: 'v1', ...group });
    }
    if (trimmed === '/openapi/v2') {
      // Only JSON is produced; a client asking for the protobuf form alone gets 406 and falls back.
      const wantsJson = !accept || /application\/json|\*\/\*/.test(accept);
      const pb = openapiV2Protobuf();
      if (!wantsJson && !pb) throw new HttpError(406, 'NotAcceptable', 'only application/json is served for /openapi/v2');
      return this.raw(res, req, 200, openapiV2(), 'application/json', { 'Cache-Control': 'no-cache, private' });
    }
    if (trimmed === '/openapi/v3') return this.raw(res, req, 200, openapiV3Index(), 'application/json', { 'Cache-Control': 'no-cache, private' });
    m = /^\/openapi\/v3\/(.+)$/.exec(trimmed);
    if (m) {
      const doc = openapiV3Document(m[1]);
      if (!doc) throw notFoundPath();
      const asked = query.get('hash');
      // Upstream: a stale hash is redirected to the current URL; the current one is immutable.
      if (asked !== null && asked !== doc.hash) {
        res.writeHead(301, { Location: `/openapi/v3/${m[1]}?hash=${doc.hash}`, 'Content-Length': '0' });
        res.end();
        return;
      }
      const cache = asked === null ? 'no-cache, private' : 'public, immutable';
      return this.raw(res, req, 200, doc.body, 'application/json', { ETag: `"${doc.hash}"`, 'Cache-Control': cache });
    }
    throw notFoundPath();
  }

  private discoveryDoc(res: http.ServerResponse, req: http.IncomingMessage, group: string, version: string): void {
    const doc = apiResourceList(group, version);
    if (!doc) throw notFoundPath();
    this.json(res, req, 200, doc);
  }

  // ---- resource paths ------------------------------------------------------------------------

  private async resource(req: http.IncomingMessage, res: http.ServerResponse, info: ResourceRequest, query: URLSearchParams): Promise<void> {
    const takesBody = req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH' || req.method === 'DELETE';
    const body = takesBody ? await readBody(req) : undefined;
    if (!takesBody) req.resume();
    const { live } = this.opts;
    if (info.group === 'authorization.k8s.io' && info.resource === 'selfsubjectaccessreviews' && info.verb === 'create') {
      return this.json(res, req, 201, accessReview(body));
    }
    if (info.group === '' && info.resource === 'services' && info.subresource === 'proxy') {
      const a = serviceProxy(live, (this.proxyRng ??= live.cluster.rng.fork('service-proxy')), info.namespace ?? 'default', info.name ?? '', req, info.proxyPath ?? '/');
      return this.raw(res, req, a.status, a.body, a.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'text/plain', Object.fromEntries(a.headers.filter(([k]) => !/^(content-type|content-length|date)$/i.test(k))));
    }
    if (info.group === '' && info.resource === 'pods' && info.subresource && LONG_RUNNING_SUBRESOURCES.has(info.subresource)) {
      // The pod must exist (404 as upstream), then: no containers run here to attach to.
      if (!live.api.get('Pod', info.name ?? '', info.namespace ?? 'default')) throw new HttpError(404, 'NotFound', `pods "${info.name}" not found`, { name: info.name, kind: 'pods' });
      const what = info.subresource === 'portforward' ? 'port-forward' : info.subresource;
      throw new HttpError(400, 'BadRequest', `kubespec serve does not run containers, so ${what} is not simulated; use kubectl logs, describe and get to see what the pod does, and the Service's NodePort for HTTP`);
    }
    if (MUTATING.has(info.verb)) live.catchUp();
    let reply: Reply;
    try {
      reply = handleResource({ api: live.api, now: () => live.now() }, { info, query, accept: header(req, 'accept'), contentType: header(req, 'content-type'), body, userAgent: header(req, 'user-agent') });
    } catch (e) {
      const { status, headers } = statusOf(e, { resource: info.resource, group: info.group, name: info.name });
      return this.send(res, req, status, headers);
    }
    if (MUTATING.has(info.verb) || (info.verb === 'create' && info.subresource)) {
      // Acknowledge only what is on disk; then let the controllers react.
      this.opts.durability?.sync();
      live.kick();
    }
    if (reply.kind === 'json') {
      const headers: Record<string, string> = {};
      if (reply.warnings?.length) headers.Warning = reply.warnings.map(warningValue).join(', ');
      return this.json(res, req, reply.code, reply.body, headers);
    }
    if (reply.kind === 'watch') return this.watch(req, res, reply);
    return this.log(req, res, reply);
  }

  private watch(req: http.IncomingMessage, res: http.ServerResponse, reply: Extract<Reply, { kind: 'watch' }>): void {
    const { live } = this.opts;
    const kind = reply.filter.kind;
    const contentType = reply.table ? 'application/json;as=Table;v=v1;g=meta.k8s.io' : 'application/json';
    let first = true;
    let unsubscribe: (() => void) | undefined;
    const timers: NodeJS.Timeout[] = [];
    const stream = this.openStream(res, { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' }, () => {
      unsubscribe?.();
      for (const t of timers) clearTimeout(t);
    });
    const write = (type: WireEventType, object: unknown): void => stream.write(`${stringifyJson({ type, object })}\n`);
    const sendObject = (type: WireEventType, obj: KubeObject): void => {
      if (reply.table && type !== 'BOOKMARK' && type !== 'ERROR') {
        write(type, toTable(kind, [obj], live.now(), reply.includeObject, { resourceVersion: obj.metadata.resourceVersion }, first));
        first = false;
      } else write(type, obj);
    };
    const bookmark = (annotations?: Record<string, string>): void => {
      const metadata: Record<string, unknown> = { resourceVersion: String(live.api.resourceVersion) };
      if (annotations) metadata.annotations = annotations;
      write('BOOKMARK', { kind, apiVersion: apiVersionOf(kind), metadata });
    };
    try {
      unsubscribe = this.hub.start({ filter: reply.filter, send: sendObject }, reply.resourceVersion, reply.initialEvents);
    } catch (e) {
      if (e instanceof WatchStartError) write('ERROR', failure(e.code, e.reason, e.message));
      else write('ERROR', statusOf(e).status);
      return stream.stop();
    }
    if (reply.initialEvents) bookmark({ 'k8s.io/initial-events-end': 'true' });
    // Upstream ends a watch after timeoutSeconds, or after a random 30-60 min (minRequestTimeout × [1, 2)).
    const seconds = reply.timeoutSeconds !== undefined ? reply.timeoutSeconds : 1800 * (1 + Math.random());
    timers.push(setTimeout(() => stream.stop(), Math.max(0, seconds) * 1000).unref());
    if (reply.bookmarks) {
      // One slot, re-armed: a long watch must not collect a timer per minute.
      const slot = timers.length;
      const tick = (): void => {
        bookmark();
        timers[slot] = setTimeout(tick, 60_000).unref();
      };
      timers[slot] = setTimeout(tick, 60_000).unref();
    }
  }

  private log(req: http.IncomingMessage, res: http.ServerResponse, reply: Extract<Reply, { kind: 'log' }>): void {
    const { live, logs } = this.opts;
    let text = '';
    try {
      text = logs ? logs.read(reply.pod, reply.container, reply.options, live.now()) : '';
    } catch (e) {
      const { status, headers } = statusOf(e, { resource: 'pods', name: reply.pod.metadata.name });
      return this.send(res, req, status, headers);
    }
    if (!reply.options.follow || !logs) return this.raw(res, req, 200, Buffer.from(text), 'text/plain');
    // A box, not a const: `follow` may end the stream synchronously, before it has returned.
    const following: { stop?: () => void } = {};
    const stream = this.openStream(res, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' }, () => following.stop?.());
    if (text) res.write(text);
    following.stop = logs.follow(
      reply.pod,
      reply.container,
      reply.options,
      (t) => stream.write(t),
      () => stream.stop(),
    );
    if (stream.ended) following.stop();
  }

  /**
   * Start a long-running response (a watch, a log follow): counted against maxLongRunning until it
   * ends, ended by close(), and ended when the client goes away. `onStop` releases what feeds it,
   * once, however the stream ends.
   */
  private openStream(res: http.ServerResponse, headers: http.OutgoingHttpHeaders, onStop: () => void): LongStream {
    let ended = false;
    const stop = (cut = false): void => {
      if (ended) return;
      ended = true;
      onStop();
      this.streams.delete(stop);
      this.longRunning--;
      if (cut) res.destroy();
      else res.end();
    };
    this.longRunning++;
    this.streams.add(stop);
    res.on('close', () => stop());
    res.writeHead(200, { Date: this.dateHeader(), ...headers });
    res.flushHeaders();
    return {
      get ended() {
        return ended;
      },
      stop,
      write: (chunk) => {
        if (ended) return;
        res.write(chunk);
        // A reader that does not keep up is dropped rather than buffered without bound: the
        // connection is cut (ending the response politely would wait for it to drain).
        if (res.writableLength > this.limits.maxBufferedBytes) stop(true);
      },
    };
  }

  // ---- answers -------------------------------------------------------------------------------

  private fail(res: http.ServerResponse, req: http.IncomingMessage, e: unknown): void {
    const { status, headers } = statusOf(e);
    this.send(res, req, status, headers);
  }

  private send(res: http.ServerResponse, req: http.IncomingMessage, status: Status, headers: Record<string, string>): void {
    if (res.headersSent) {
      res.end();
      return;
    }
    this.json(res, req, status.code, status, headers);
  }

  private json(res: http.ServerResponse, req: http.IncomingMessage, code: number, body: unknown, headers: Record<string, string> = {}, contentType = 'application/json'): void {
    // stringifyJson: an int64 past 2^53 is a bigint, written with every digit.
    this.raw(res, req, code, Buffer.from(stringifyJson(body)), contentType, headers);
  }

  private text(res: http.ServerResponse, req: http.IncomingMessage, code: number, body: string): void {
    this.raw(res, req, code, Buffer.from(body), 'text/plain; charset=utf-8', { 'X-Content-Type-Options': 'nosniff' });
  }

  /**
   * The server's clock is the cluster's (simulated time, ahead of the wall clock under --speed): its
   * Date header says so, as a real server's says its own time. kubespec run --kubeconfig follows it.
   */
  /** Which endpoint the Service proxy picks (routing.ts draws from it). */
  private proxyRng: Random | undefined;

  private dateHeader(): string {
    return new Date(this.opts.live.simNow()).toUTCString();
  }

  private raw(res: http.ServerResponse, req: http.IncomingMessage, code: number, body: Buffer, contentType: string, headers: Record<string, string> = {}): void {
    if (res.headersSent) {
      res.end();
      return;
    }
    res.writeHead(code, { Date: this.dateHeader(), 'Content-Type': contentType, 'Content-Length': String(body.length), ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}

function digest(s: string): Buffer {
  return crypto.createHash('sha256').update(s).digest();
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** RFC 7234 warn-value as upstream writes it: `299 - "text"` with quotes and backslashes escaped. */
function warningValue(text: string): string {
  return `299 - "${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}"`;
}

function apiVersionOf(kind: string): string {
  return kindInfo(kind)?.apiVersion ?? 'v1';
}

/**
 * SelfSubjectAccessReview: the one user holds every right here (`kubectl auth can-i` says yes), as
 * a cluster-admin would on a real cluster. The spec is echoed when the body decodes.
 */
function accessReview(body: Buffer | undefined): object {
  let spec: unknown = {};
  try {
    // kubectl sends this one in protobuf, which the decoder may not know: the answer does not depend on it.
    const decoded = body?.length ? (decodeObjectBody(body, body[0] === 0x6b ? 'application/vnd.kubernetes.protobuf' : 'application/json') as { spec?: unknown }) : {};
    spec = decoded.spec ?? {};
  } catch {
    spec = {};
  }
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status: { allowed: true, reason: 'kubespec serve: the kubeconfig user may do everything' },
  };
}
