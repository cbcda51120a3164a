// The API verbs (ClusterApi) on a real API server, for one spec: writes go over REST to the spec's
// own namespace, reads are answered from a watch cache of that namespace (as an informer answers a
// controller), and the cache's changes are the watch events the runner's `throughout` and
// `eventually` checks see.
//
// The spec's namespace is presented as `default`: a spec written for the embedded cluster (objects
// in `default` or in no namespace, `kubectl get pods`, `-n default`) runs unchanged, and what the
// kubectl emulation prints reads as it would there. Other namespaces and cluster-scoped writes are
// refused unless the run allows them (--allow-cluster-scoped).
import { StatusError, type FieldError, type FieldErrorType, type StatusReason } from '../apiserver/errors';
import type { DeleteOptions, ListOptions, WatchHandler, WriteOptions } from '../apiserver/apiserver';
import { kindInfo, type KindInfo } from '../apiserver/kinds';
import { matches, parseSelector } from '../apiserver/labels';
import { fieldsMatch, parseFieldSelector } from '../apiserver/fields';
import type { PatchType } from '../apiserver/patch';
import type { KubeObject, WatchEvent } from '../apiserver/types';
import type { ClusterApi } from '../cluster/backend';
import { deepFreeze } from '../util/clone';
import { parseJson, stringifyJson } from '../util/json';
import type { Call } from './bridge';
import type { WireEvent, WorkerReply } from './protocol';
import { nodePortsOf, type NodePortLocks } from './locks';

/** The kinds a spec's cache follows: every namespaced kind kubespec knows, in the spec's namespace, and Nodes. */
export const WATCHED_KINDS = ['Pod', 'Service', 'Endpoints', 'Event', 'ConfigMap', 'Secret', 'ServiceAccount', 'DaemonSet', 'Deployment', 'ReplicaSet', 'EndpointSlice', 'Node'];

/** The namespace the spec sees its own as. */
export const PRESENTED_NAMESPACE = 'default';

/** A request that never reached an answer (network, TLS, authentication): the run cannot go on. */
export class RemoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteError';
  }
}

const FIELD_TYPES: Record<string, FieldErrorType> = {
  FieldValueRequired: 'Required',
  FieldValueInvalid: 'Invalid',
  FieldValueNotSupported: 'NotSupported',
  FieldValueForbidden: 'Forbidden',
  FieldValueDuplicate: 'Duplicate',
  FieldValueNotFound: 'NotFound',
  FieldValueTooLong: 'TooLong',
  FieldValueTooMany: 'TooMany',
};

interface Status {
  kind?: string;
  code?: number;
  reason?: string;
  message?: string;
  details?: { name?: string; kind?: string; causes?: { reason?: string; message?: string; field?: string }[] };
}

/** The server's Status as the StatusError the kubectl emulation renders (its message is the server's own). */
export function statusError(httpStatus: number, body: string): StatusError {
  let s: Status = {};
  try {
    s = JSON.parse(body) as Status;
  } catch {
    s = { message: body.trim() || `the server answered HTTP ${httpStatus}` };
  }
  const causes: FieldError[] = (s.details?.causes ?? []).map((c) => ({
    type: FIELD_TYPES[c.reason ?? ''] ?? 'Invalid',
    field: c.field ?? '',
    detail: c.field && c.message?.startsWith(`${c.field}: `) ? c.message.slice(c.field.length + 2) : (c.message ?? ''),
  }));
  const err = new StatusError((s.reason ?? 'InternalError') as StatusReason, s.message ?? `the server answered HTTP ${httpStatus}`, causes, s.details?.kind, s.details?.name);
  // The server's code, whatever its reason (Unauthorized, TooManyRequests... have none of their own here).
  (err as { code: number }).code = s.code ?? httpStatus;
  return err;
}

function resourceVersionOf(o: KubeObject): bigint | undefined {
  const rv = o.metadata.resourceVersion;
  return rv && /^\d+$/.test(rv) ? BigInt(rv) : undefined;
}

function byNamespaceAndName(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const a1 = a.metadata.name!;
  const b1 = b.metadata.name!;
  return a1 < b1 ? -1 : a1 > b1 ? 1 : 0;
}

export interface RemoteApiOptions {
  /** The real namespace of this spec (created by the session). */
  namespace: string;
  /** Writes outside the spec's namespace (other namespaces, cluster-scoped kinds) are allowed. */
  allowClusterScoped: boolean;
  /** Kinds the server does not serve (discovery): not watched, and a clear error when used. */
  unserved: ReadonlySet<string>;
  /** The nodePort locks this spec holds (a nodePort is the cluster's, not the namespace's). */
  locks?: NodePortLocks;
  /** How long to wait for a nodePort another spec holds (ms). */
  lockTimeoutMs?: number;
}

export class RemoteApi implements ClusterApi {
  private readonly cache = new Map<string, Map<string, KubeObject>>();
  private readonly handlers = new Map<string, WatchHandler[]>();
  private readonly anyHandlers: WatchHandler[] = [];
  /** Read-only copies shown beside the spec's objects (`kind/namespace/name`): the `kubernetes` Service. */
  private readonly pinned = new Map<string, KubeObject>();
  /** watch id -> kind (and the collection path it lists). */
  private readonly watchKinds = new Map<number, { kind: string; path: string }>();
  /** Objects written outside the spec's namespace (--allow-cluster-scoped): removed at the end. */
  readonly outside: { kind: string; name: string; namespace?: string }[] = [];
  /** Nodes the spec cordoned or uncordoned (--allow-cluster-scoped), with what they were before: restored at the end. */
  readonly nodesTouched = new Map<string, boolean>();
  /** Watch events applied so far (the run's "reconciles"). */
  applied = 0;
  /**
   * How far the server's clock is ahead of this machine's (ms), from its Date headers: 0 unless the
   * two differ by more than 2 s (a skewed clock, or kubespec serve --speed, whose clock runs fast).
   * Ages (`kubectl get`'s AGE) are counted on the server's clock.
   */
  serverOffsetMs = 0;

  constructor(
    private readonly call: Call,
    private readonly opts: RemoteApiOptions,
  ) {}

  // ---- paths and namespaces ------------------------------------------------------------------

  private info(kind: string): KindInfo {
    const info = kindInfo(kind);
    if (!info) throw new StatusError('NotFound', `the server doesn't have a resource type "${kind}"`);
    if (this.opts.unserved.has(info.kind)) throw new StatusError('NotFound', `the server doesn't have a resource type "${info.plural}"`);
    return info;
  }

  /** The real namespace for one the spec names (its `default` is the spec's own namespace). */
  private realNamespace(info: KindInfo, ns: string | undefined, write: boolean): string | undefined {
    if (!info.namespaced) {
      if (write && !this.opts.allowClusterScoped) throw new StatusError('Forbidden', `kubespec: ${info.kind} is cluster-scoped, and this run writes only to the spec's own namespace (pass --allow-cluster-scoped to allow it)`);
      return undefined;
    }
    if (ns === undefined || ns === PRESENTED_NAMESPACE || ns === this.opts.namespace) return this.opts.namespace;
    if (write && !this.opts.allowClusterScoped) throw new StatusError('Forbidden', `kubespec: namespace "${ns}" is not this spec's: on a real cluster each spec runs in its own namespace (pass --allow-cluster-scoped to allow others)`);
    return ns;
  }

  private collectionPath(info: KindInfo, realNs: string | undefined): string {
    const base = info.group ? `/apis/${info.apiVersion}` : '/api/v1';
    return info.namespaced && realNs !== undefined ? `${base}/namespaces/${encodeURIComponent(realNs)}/${info.plural}` : `${base}/${info.plural}`;
  }

  /** The object as the spec sees it: its own namespace shown as `default`. */
  private present(o: KubeObject): KubeObject {
    const ns = this.opts.namespace;
    if (o.metadata?.namespace === ns) o.metadata.namespace = PRESENTED_NAMESPACE;
    const involved = (o as { involvedObject?: { namespace?: string } }).involvedObject;
    if (involved?.namespace === ns) involved.namespace = PRESENTED_NAMESPACE;
    return deepFreeze(o);
  }

  /** An object the spec wrote, as the server is to receive it. */
  private toServer(info: KindInfo, input: KubeObject, realNs: string | undefined): string {
    const meta = { ...input.metadata };
    if (info.namespaced) meta.namespace = realNs;
    else delete meta.namespace;
    return stringifyJson({ ...input, metadata: meta });
  }

  // ---- transport -----------------------------------------------------------------------------

  private send(method: string, path: string, body?: string, contentType?: string): unknown {
    const reply = this.call({ op: 'request', method, path, ...(body !== undefined ? { body } : {}), ...(contentType ? { contentType } : {}) }) as WorkerReply;
    if ('error' in reply) throw new RemoteError(reply.error);
    const r = reply as { status: number; body: string; date?: string };
    this.noteDate(r.date);
    if (r.status === 401) throw new RemoteError(`the API server refused the kubeconfig's credentials (401 Unauthorized)`);
    if (r.status < 200 || r.status >= 300) throw statusError(r.status, r.body);
    return r.body ? parseJson(r.body) : {};
  }

  private noteDate(date: string | undefined): void {
    const at = date ? Date.parse(date) : NaN;
    if (!Number.isFinite(at)) return;
    // The header has whole seconds: the server's instant is within the second after it.
    const offset = at + 500 - Date.now();
    this.serverOffsetMs = Math.abs(offset) > 2000 ? offset : 0;
  }

  /** Ask the server the time (after a settle, before anything reads ages). */
  syncClock(): void {
    try {
      this.send('GET', '/version');
    } catch {
      // the next request will say what is wrong
    }
  }

  /** A GET whose answer is text (a pod's log), in the spec's namespace. */
  podLog(name: string, query: URLSearchParams): string {
    const path = `/api/v1/namespaces/${encodeURIComponent(this.opts.namespace)}/pods/${encodeURIComponent(name)}/log${query.size ? `?${query}` : ''}`;
    const reply = this.call({ op: 'request', method: 'GET', path }) as WorkerReply;
    if ('error' in reply) throw new RemoteError(reply.error);
    const r = reply as { status: number; body: string };
    if (r.status < 200 || r.status >= 300) throw statusError(r.status, r.body);
    return r.body;
  }

  // ---- the cache -------------------------------------------------------------------------------

  /** List every followed kind and start watching from there (the informers' initial list). */
  start(): void {
    for (const kind of WATCHED_KINDS) {
      if (this.opts.unserved.has(kind)) continue;
      const info = kindInfo(kind)!;
      const path = this.collectionPath(info, info.namespaced ? this.opts.namespace : undefined);
      const rv = this.relist(kind, path);
      const reply = this.call({ op: 'watch', path, resourceVersion: rv }) as { watch: number };
      this.watchKinds.set(reply.watch, { kind, path });
    }
    // Every cluster's `default` namespace holds the `kubernetes` Service (the API server's own):
    // the spec's namespace, shown as `default`, shows it too (read-only; as the server had it at the
    // start), so `kubectl get svc` lists what it lists in `default`.
    for (const kind of ['Service', 'Endpoints', 'EndpointSlice']) {
      if (this.opts.unserved.has(kind)) continue;
      const info = kindInfo(kind)!;
      try {
        const o = this.send('GET', `${this.collectionPath(info, 'default')}/kubernetes`) as KubeObject;
        if (o.metadata) {
          const copy = deepFreeze({ ...o, kind, apiVersion: info.apiVersion });
          this.pinned.set(`${kind}/default/kubernetes`, copy);
          this.store(kind, copy, false);
        }
      } catch (e) {
        if (e instanceof RemoteError) throw e;
        // not there on this server (or not readable): nothing to show
      }
    }
  }

  /** Replace a kind's cache with a fresh list; returns the list's resourceVersion. */
  private relist(kind: string, path: string): string {
    const list = this.send('GET', path) as { items?: KubeObject[]; metadata?: { resourceVersion?: string } };
    const fresh = new Map<string, KubeObject>();
    for (const item of list.items ?? []) {
      const o = this.present({ ...item, kind, apiVersion: kindInfo(kind)!.apiVersion });
      fresh.set(`${o.metadata.namespace ?? ''}/${o.metadata.name}`, o);
    }
    for (const [k, o] of this.pinned) if (k.startsWith(`${kind}/`)) fresh.set(k.slice(kind.length + 1), o);
    const old = this.cache.get(kind) ?? new Map<string, KubeObject>();
    this.cache.set(kind, fresh);
    // What changed while the watch was away, as events.
    for (const [k, o] of old) if (!fresh.has(k)) this.emit({ type: 'DELETED', object: o, old: o } as WatchEvent);
    for (const [k, o] of fresh) {
      const before = old.get(k);
      if (!before) this.emit({ type: 'ADDED', object: o } as WatchEvent);
      else if (before.metadata.resourceVersion !== o.metadata.resourceVersion) this.emit({ type: 'MODIFIED', object: o, old: before } as WatchEvent);
    }
    return list.metadata?.resourceVersion ?? '0';
  }

  /** Apply what the watches delivered, in order: `onEach` runs after each change (a state for `throughout`). */
  applyEvents(events: WireEvent[], onEach?: () => void): number {
    let changed = 0;
    for (const ev of events) {
      const w = this.watchKinds.get(ev.watch);
      if (!w) continue;
      if (ev.type === 'RELIST') {
        const rv = this.relist(w.kind, w.path);
        this.call({ op: 'rewatch', watch: ev.watch, resourceVersion: rv });
        changed++;
        onEach?.();
        continue;
      }
      const parsed = parseJson(ev.line ?? '{}') as { object?: KubeObject };
      if (!parsed.object?.metadata) continue;
      const info = kindInfo(w.kind)!;
      if (this.store(w.kind, this.present({ ...parsed.object, kind: info.kind, apiVersion: info.apiVersion }), ev.type === 'DELETED')) {
        changed++;
        this.applied++;
        onEach?.();
      }
    }
    return changed;
  }

  /** Put one object in the cache (or take it out) unless the cache already has it or a newer one. */
  private store(kind: string, o: KubeObject, deleted: boolean): boolean {
    let bucket = this.cache.get(kind);
    if (!bucket) this.cache.set(kind, (bucket = new Map()));
    const key = `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    const before = bucket.get(key);
    if (before) {
      const a = resourceVersionOf(before);
      const b = resourceVersionOf(o);
      if (a !== undefined && b !== undefined && b < a) return false;
      if (!deleted && before.metadata.resourceVersion === o.metadata.resourceVersion) return false;
    }
    if (deleted) {
      if (!before) return false;
      bucket.delete(key);
      this.emit({ type: 'DELETED', object: o, old: before } as WatchEvent);
    } else {
      bucket.set(key, o);
      this.emit(before ? ({ type: 'MODIFIED', object: o, old: before } as WatchEvent) : ({ type: 'ADDED', object: o } as WatchEvent));
    }
    return true;
  }

  private emit(ev: WatchEvent): void {
    for (const h of this.handlers.get(ev.object.kind) ?? []) h(ev);
    for (const h of this.anyHandlers) h(ev);
  }

  /** Stop this spec's watches. */
  stop(): void {
    if (this.watchKinds.size) this.call({ op: 'unwatch', watches: [...this.watchKinds.keys()] });
    this.watchKinds.clear();
  }

  // ---- reads (from the cache) -----------------------------------------------------------------

  get(kind: string, name: string, namespace?: string): KubeObject | undefined {
    const info = this.info(kind);
    const ns = info.namespaced ? (namespace ?? PRESENTED_NAMESPACE) : '';
    return this.cache.get(info.kind)?.get(`${ns === this.opts.namespace ? PRESENTED_NAMESPACE : ns}/${name}`);
  }

  getOrThrow(kind: string, name: string, namespace?: string): KubeObject {
    const o = this.get(kind, name, namespace);
    if (!o) {
      const info = this.info(kind);
      throw new StatusError('NotFound', `${info.group ? `${info.plural}.${info.group}` : info.plural} "${name}" not found`, [], info.kind, name);
    }
    return o;
  }

  list(kind: string, opts: ListOptions = {}): KubeObject[] {
    const info = this.info(kind);
    const bucket = this.cache.get(info.kind);
    if (!bucket) return [];
    const sel = typeof opts.labelSelector === 'string' ? parseSelector(opts.labelSelector) : opts.labelSelector;
    const fsel = typeof opts.fieldSelector === 'string' ? parseFieldSelector(opts.fieldSelector) : opts.fieldSelector;
    const ns = opts.namespace === this.opts.namespace ? PRESENTED_NAMESPACE : opts.namespace;
    const out: KubeObject[] = [];
    for (const o of bucket.values()) {
      if (info.namespaced && ns !== undefined && (o.metadata.namespace ?? '') !== ns) continue;
      if (sel && !matches(sel, o.metadata.labels)) continue;
      if (fsel && fsel.length && !fieldsMatch(fsel, o)) continue;
      out.push(o);
    }
    return out.sort(byNamespaceAndName);
  }

  listDependents(ownerUid: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const bucket of this.cache.values()) for (const o of bucket.values()) if (o.metadata.ownerReferences?.some((r) => r.uid === ownerUid)) out.push(o);
    return out.sort(byNamespaceAndName);
  }

  watch(kind: string, handler: WatchHandler): () => void {
    const list = kind === '*' ? this.anyHandlers : (this.handlers.get(this.info(kind).kind) ?? this.handlers.set(this.info(kind).kind, []).get(this.info(kind).kind)!);
    list.push(handler);
    return () => {
      const i = list.indexOf(handler);
      if (i >= 0) list.splice(i, 1);
    };
  }

  // ---- writes (REST) --------------------------------------------------------------------------

  /** The server's answer to a write, into the cache at once (the watch brings the same version later). */
  private written(info: KindInfo, o: unknown, dryRun: boolean | undefined): KubeObject {
    const obj = this.present({ ...(o as KubeObject), kind: info.kind, apiVersion: info.apiVersion });
    if (!dryRun) this.store(info.kind, obj, false);
    return obj;
  }

  /** A Node about to change (a cordon): remember whether it was schedulable, to put it back after the spec. */
  private noteNode(info: KindInfo, name: string): void {
    if (info.kind !== 'Node' || this.nodesTouched.has(name)) return;
    this.nodesTouched.set(name, !!this.get('Node', name)?.spec?.unschedulable);
  }

  /** Put back what the spec changed on Nodes (cordons). */
  restoreNodes(): void {
    for (const [name, unschedulable] of this.nodesTouched) {
      try {
        this.patch('Node', name, { spec: { unschedulable: unschedulable ? true : null } }, 'merge');
      } catch {
        // the node is gone, or no longer ours to change
      }
    }
    this.nodesTouched.clear();
  }

  private noteOutside(info: KindInfo, name: string, realNs: string | undefined): void {
    if (realNs === this.opts.namespace) return;
    if (!this.outside.some((o) => o.kind === info.kind && o.name === name && o.namespace === realNs)) this.outside.push({ kind: info.kind, name, ...(realNs !== undefined ? { namespace: realNs } : {}) });
  }

  /** Wait for the nodePorts another spec running now holds (specs take turns on a nodePort). */
  private lockNodePorts(input: KubeObject): void {
    const ports = nodePortsOf(input);
    if (!ports.length || !this.opts.locks) return;
    const got = this.opts.locks.acquire(ports, this.opts.lockTimeoutMs ?? 120_000);
    if (!got.ok) throw new StatusError('Conflict', `kubespec: nodePort ${got.port} stayed in use by another spec running on this cluster for ${Math.round((this.opts.lockTimeoutMs ?? 120_000) / 1000)}s`);
  }

  create(input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const info = this.info(input.kind);
    const realNs = this.realNamespace(info, input.metadata?.namespace, true);
    if (!opts.dryRun) this.lockNodePorts(input);
    const created = this.send('POST', this.collectionPath(info, realNs) + (opts.dryRun ? '?dryRun=All' : ''), this.toServer(info, input, realNs)) as KubeObject;
    if (!opts.dryRun && created.metadata?.name) this.noteOutside(info, created.metadata.name, realNs);
    return this.written(info, created, opts.dryRun);
  }

  update(input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const info = this.info(input.kind);
    const realNs = this.realNamespace(info, input.metadata?.namespace, true);
    this.noteNode(info, input.metadata.name!);
    if (!opts.dryRun) this.lockNodePorts(input);
    const path = `${this.collectionPath(info, realNs)}/${encodeURIComponent(input.metadata.name!)}${opts.subresource === 'status' ? '/status' : ''}${opts.dryRun ? '?dryRun=All' : ''}`;
    return this.written(info, this.send('PUT', path, this.toServer(info, input, realNs)), opts.dryRun);
  }

  updateStatus(input: KubeObject): KubeObject {
    return this.update(input, { subresource: 'status' });
  }

  patch(kind: string, name: string, patch: unknown, type: PatchType, opts: WriteOptions & { namespace?: string } = {}): KubeObject {
    const info = this.info(kind);
    const realNs = this.realNamespace(info, opts.namespace, true);
    this.noteNode(info, name);
    const contentType = type === 'merge' ? 'application/merge-patch+json' : type === 'strategic' ? 'application/strategic-merge-patch+json' : 'application/json-patch+json';
    const path = `${this.collectionPath(info, realNs)}/${encodeURIComponent(name)}${opts.subresource === 'status' ? '/status' : ''}${opts.dryRun ? '?dryRun=All' : ''}`;
    return this.written(info, this.send('PATCH', path, stringifyJson(patch), contentType), opts.dryRun);
  }

  delete(kind: string, name: string, opts: DeleteOptions & { namespace?: string } = {}): { object: KubeObject; deleted: boolean } {
    const info = this.info(kind);
    const realNs = this.realNamespace(info, opts.namespace, true);
    const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1' };
    if (opts.propagationPolicy) body.propagationPolicy = opts.propagationPolicy;
    if (opts.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = opts.gracePeriodSeconds;
    if (opts.preconditions) body.preconditions = opts.preconditions;
    if (opts.dryRun) body.dryRun = ['All'];
    const before = this.get(kind, name, opts.namespace);
    const answer = this.send('DELETE', `${this.collectionPath(info, realNs)}/${encodeURIComponent(name)}`, stringifyJson(body)) as KubeObject & Status;
    // The server answers with the object (still there while finalizers or a grace period hold it)
    // or, for some kinds, with a Status once it is gone.
    if (answer.kind === 'Status' || !answer.metadata) {
      const object = before ?? this.present({ apiVersion: info.apiVersion, kind: info.kind, metadata: { name, ...(info.namespaced ? { namespace: realNs } : {}) } } as KubeObject);
      if (!opts.dryRun && before) this.store(info.kind, before, true);
      return { object, deleted: true };
    }
    const object = this.present({ ...answer, kind: info.kind, apiVersion: info.apiVersion });
    const m = object.metadata as KubeObject['metadata'] & { deletionGracePeriodSeconds?: number };
    const pending = !!m.deletionTimestamp && ((m.finalizers?.length ?? 0) > 0 || Number(m.deletionGracePeriodSeconds ?? 0) > 0);
    if (!opts.dryRun) this.store(info.kind, object, !pending);
    return { object, deleted: !pending };
  }
}
