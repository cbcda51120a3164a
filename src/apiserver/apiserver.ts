// The embedded API server: the one store of objects. Every write goes through it (defaulting,
// validation, uid, resourceVersion, generation, timestamps, generateName, finalizers and graceful
// deletion) and produces a watch event. Stored objects are deep-frozen: readers share them; a
// writer clones (`deepClone`) before changing anything.
import {
  StatusError,
  alreadyExistsError,
  conflictError,
  invalidError,
  notFoundError,
  fieldError,
  type FieldError,
} from './errors';
import { kindInfo, qualifiedResource, type KindInfo } from './kinds';
import { fromLabelSelector, matches, parseSelector, type Selector } from './labels';
import { fieldsMatch, parseFieldSelector, type FieldRequirement } from './fields';
import { applyPatch, type PatchType } from './patch';
import { nestingError } from './registry/decode';
import { canonicalizeQuantities } from './registry/quantity';
import type { Strategies, Strategy, StrategyContext } from './strategy';
import type { KubeObject, WatchEvent } from './types';
import { cloneReusing, cloneSharingFrozen, deepClone, deepEqual, deepEqualExcept, deepFreeze, shareUnchanged } from '../util/clone';
import { Clock, addGoSeconds } from '../util/clock';
import { Random } from '../util/random';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface ListOptions {
  /** Omit for all namespaces (or for cluster-scoped kinds). */
  namespace?: string;
  /** kubectl syntax string, or an already parsed selector. */
  labelSelector?: string | Selector;
  fieldSelector?: string | FieldRequirement[];
}

export interface WriteOptions {
  /** Write to the status subresource: only `status` changes. */
  subresource?: 'status';
  /** Validate and return the result without storing it (`--dry-run=server`). */
  dryRun?: boolean;
}

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  /** Pods only: overrides spec.terminationGracePeriodSeconds; 0 deletes at once. An int64 (a bigint past 2^53). */
  gracePeriodSeconds?: number | bigint;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export type WatchHandler = (event: WatchEvent) => void;

/** Kinds whose `status` is a subresource: a main-resource update keeps the stored status. */
const STATUS_SUBRESOURCE = new Set(['Pod', 'Service', 'Node', 'Namespace', 'Deployment', 'ReplicaSet', 'DaemonSet']);
/** Kinds whose status subresource also takes metadata.annotations from the request. */
const STATUS_WRITES_ANNOTATIONS = new Set(['Deployment']);
/** Kinds whose metadata.generation counts spec changes (apps strategies, see [DSTRAT]). */
const GENERATION_KINDS = new Set(['Deployment', 'ReplicaSet', 'DaemonSet']);
/** DefaultTerminationGracePeriodSeconds (pkg/apis/core/v1/defaults.go). */
const DEFAULT_GRACE_SECONDS = 30;

/** apimachinery names.SimpleNameGenerator: maxNameLength 63, randomLength 5, base cut to 58. */
const MAX_GENERATED_BASE = 58;

/**
 * The objects of one kind, by namespace ('' for cluster-scoped kinds) then name. Nested maps rather
 * than one map keyed `namespace/name`: a read then builds no key string (get is the hottest call).
 */
class KindStore {
  readonly byNamespace = new Map<string, Map<string, KubeObject>>();
  size = 0;

  get(namespace: string, name: string): KubeObject | undefined {
    return this.byNamespace.get(namespace)?.get(name);
  }

  set(namespace: string, name: string, obj: KubeObject): void {
    let m = this.byNamespace.get(namespace);
    if (!m) this.byNamespace.set(namespace, (m = new Map()));
    const before = m.size;
    m.set(name, obj);
    this.size += m.size - before;
  }

  delete(namespace: string, name: string): void {
    const m = this.byNamespace.get(namespace);
    if (m?.delete(name)) this.size--;
  }
}

/** Namespaces no one may delete (NamespaceLifecycle admission). */
const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

export class ApiServer {
  private readonly objects = new Map<string, KindStore>();
  /**
   * owner uid -> dependent uid -> the dependent as stored now (objects that name the owner in
   * ownerReferences). Holding the objects themselves makes listDependents a plain walk.
   */
  private readonly dependents = new Map<string, Map<string, KubeObject>>();
  private readonly handlers = new Map<string, WatchHandler[]>();
  private readonly anyHandlers: WatchHandler[] = [];
  private rv = 0;
  private readonly nameRng: Random;
  private readonly uidRng: Random;
  /** The uids and generated names of objects in the kubeadm system namespaces (systemStream). */
  private readonly systemUidRng: Random;
  private readonly systemNameRng: Random;
  private readonly strategyCtx: StrategyContext;

  constructor(
    readonly clock: Clock = new Clock(),
    rng: Random = new Random(1),
    private readonly strategies: Strategies = {},
    /** Resource guards (not Kubernetes features); see ClusterConfig.limits. */
    private readonly limits: { maxObjectsPerKind?: number; maxReplicas?: number } = {},
  ) {
    this.nameRng = rng.fork('names');
    this.uidRng = rng.fork('uids');
    this.systemUidRng = rng.fork('uids:system');
    this.systemNameRng = rng.fork('names:system');
    this.strategyCtx = { list: (kind, ns) => this.list(kind, { namespace: ns }), clock, rng: rng.fork('allocators') };
  }

  /** Whether objects in the system namespaces draw their uids from a stream of their own. */
  private systemUids = false;

  /**
   * From now on, objects created in kube-system and kube-flannel (the system pods' Events, a
   * coredns pod replaced after an eviction) draw their uids and generated names from streams of
   * their own, so that what happens to the kubeadm system objects never changes the uids and
   * names of the user's. A Cluster turns this on once it has booted (the boot objects draw as they
   * always did).
   */
  separateSystemUids(): void {
    this.systemUids = true;
  }

  private uidStream(namespace: string | undefined): Random {
    return this.systemStream(namespace) ? this.systemUidRng : this.uidRng;
  }

  /** Whether a new object in `namespace` draws its uid and generated name from the system streams. */
  private systemStream(namespace: string | undefined): boolean {
    return this.systemUids && (namespace === 'kube-system' || namespace === 'kube-flannel');
  }

  /** The latest resourceVersion handed out. */
  get resourceVersion(): number {
    return this.rv;
  }

  // ---- reads -------------------------------------------------------------------------------

  get(kind: string, name: string, namespace?: string): KubeObject | undefined {
    const info = this.info(kind);
    return this.objects.get(info.kind)?.get(info.namespaced ? (namespace ?? 'default') : '', name);
  }

  /** Like get, but a missing object is a NotFound StatusError. */
  getOrThrow(kind: string, name: string, namespace?: string): KubeObject {
    const obj = this.get(kind, name, namespace);
    if (!obj) {
      const info = this.info(kind);
      throw notFoundError(info.plural, info.group, name);
    }
    return obj;
  }

  /** Objects of a kind, sorted by namespace then name (as the real API server lists them). */
  list(kind: string, opts: ListOptions = {}): KubeObject[] {
    const info = this.info(kind);
    const bucket = this.objects.get(info.kind);
    if (!bucket || !bucket.size) return [];
    const sel = typeof opts.labelSelector === 'string' ? parseSelector(opts.labelSelector) : opts.labelSelector;
    const fsel = typeof opts.fieldSelector === 'string' ? parseFieldSelector(opts.fieldSelector) : opts.fieldSelector;
    const out: KubeObject[] = [];
    for (const [ns, objs] of bucket.byNamespace) {
      if (info.namespaced && opts.namespace !== undefined && ns !== opts.namespace) continue;
      for (const obj of objs.values()) {
        if (sel && !matches(sel, obj.metadata.labels)) continue;
        if (fsel && fsel.length && !fieldsMatch(fsel, obj)) continue;
        out.push(obj);
      }
    }
    return out.sort(byNamespaceAndName);
  }

  /** Objects whose ownerReferences name `ownerUid` (an index, for the garbage collector and controllers). */
  listDependents(ownerUid: string): KubeObject[] {
    const deps = this.dependents.get(ownerUid);
    if (!deps) return [];
    return [...deps.values()].sort(byNamespaceAndName);
  }

  /** Every kind that has at least one object. */
  kinds(): string[] {
    return [...this.objects.keys()].filter((k) => this.objects.get(k)!.size > 0);
  }

  // ---- watch -------------------------------------------------------------------------------

  /** Receive every event for `kind` (or for all kinds when kind is '*'). Returns an unsubscribe. */
  watch(kind: string, handler: WatchHandler): () => void {
    const list = kind === '*' ? this.anyHandlers : (this.handlers.get(this.info(kind).kind) ?? this.handlers.set(this.info(kind).kind, []).get(this.info(kind).kind)!);
    list.push(handler);
    return () => {
      const i = list.indexOf(handler);
      if (i >= 0) list.splice(i, 1);
    };
  }

  // ---- writes ------------------------------------------------------------------------------

  create(input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const info = this.info(input.kind);
    const strategy = this.strategy(info.kind);
    this.checkNesting(info, input, input);
    const obj = deepClone(input);
    obj.apiVersion = obj.apiVersion ?? info.apiVersion;
    obj.metadata = obj.metadata ?? {};
    const meta = obj.metadata;
    if (info.namespaced) meta.namespace = meta.namespace || 'default';
    else delete meta.namespace;
    this.decode(strategy, obj, 'create');
    if (!meta.name && !meta.generateName) {
      throw invalidError(info.kind, info.group, '', [fieldError.required('metadata.name', 'name or generateName is required')]);
    }
    this.requireNamespace(info, meta.namespace, meta.name || meta.generateName);
    if (!meta.name) meta.name = this.generateName(info, meta.generateName!, meta.namespace);
    // Server-owned fields: whatever the client sent is replaced (rest.FillObjectMetaSystemFields).
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    meta.uid = this.uidStream(meta.namespace).uuid();
    meta.creationTimestamp = this.clock.timestamp();
    if (GENERATION_KINDS.has(info.kind)) meta.generation = 1;
    else delete meta.generation;
    if (STATUS_SUBRESOURCE.has(info.kind) && info.kind !== 'Node' && info.kind !== 'Namespace') delete obj.status;
    strategy.defaults?.(obj);
    strategy.prepareForCreate?.(obj, this.strategyCtx);
    this.validateOrThrow(info, obj, strategy.validate?.(obj, this.strategyCtx) ?? []);
    this.admitNew(info, meta.name, meta.namespace);
    this.admitReplicas(info, obj);
    strategy.allocate?.(obj, undefined, this.strategyCtx);
    normalizeMeta(obj);
    if (opts.dryRun) return deepFreeze(obj);
    return this.store(info, obj, undefined);
  }

  /**
   * create() for an object the control plane itself builds (the EventRecorder's Events): the same
   * write, minus the copy and the decode walk. Safe because such an object is, by construction,
   * what decode would accept unchanged: a fresh plain object that nothing else references (so it
   * is not copied; the caller gives it up), with only known fields of the right JSON types and no
   * undefined values (which deepClone would have dropped). Everything with an observable effect
   * stays, in create()'s order: namespace defaulting and its existence check, the uid draw (same
   * Random sequence), creationTimestamp, validation (an over-long Event name is still refused
   * after its uid was drawn), the exists and object-count checks, the next resourceVersion,
   * freezing, indexing and the ADDED watch event. Kinds with defaulting, prepareForCreate,
   * allocation or a generation take the full create().
   */
  createSystem(obj: KubeObject): KubeObject {
    return this.createSystemObject(obj, false)!;
  }

  /**
   * createSystem, except that an object past kubespec's per-kind limit is not stored and undefined
   * is returned instead of the Forbidden error createSystem throws (for a best-effort writer, the
   * EventRecorder, whose refused Events are dropped). The refusal draws the uid as createSystem's
   * does; it skips the validation and the error: both end in the same drop, and past the limit
   * every Event took a thrown StatusError with its stack trace (the largest self time in the
   * profile of a 10,000-pod spec, where the Event kind fills up halfway).
   */
  tryCreateSystem(obj: KubeObject): KubeObject | undefined {
    return this.createSystemObject(obj, true);
  }

  /**
   * For a best-effort writer about to build an object of `kind` in `namespace` for tryCreateSystem:
   * true when the kind is at kubespec's object limit, having done what tryCreateSystem would do
   * with it (the namespace checks, which throw as there, and the uid draw) so the object need not
   * be built at all. Past the limit, every Event a 10,000-pod spec records (two thirds of them)
   * took a name, an involvedObject and the Event itself only to be dropped.
   */
  refusedAtLimit(kind: string, namespace: string): boolean {
    const info = this.info(kind);
    if (!this.atObjectLimit(info)) return false;
    const ns = info.namespaced ? namespace || 'default' : undefined;
    this.requireNamespace(info, ns, '');
    this.uidStream(ns).uuid();
    return true;
  }

  private createSystemObject(obj: KubeObject, quiet: boolean): KubeObject | undefined {
    const info = this.info(obj.kind);
    const strategy = this.strategy(info.kind);
    if (strategy.defaults || strategy.prepareForCreate || strategy.allocate || GENERATION_KINDS.has(info.kind) || STATUS_SUBRESOURCE.has(info.kind) || !obj.apiVersion || !obj.metadata?.name) {
      return this.create(obj);
    }
    const meta = obj.metadata;
    if (info.namespaced) meta.namespace = meta.namespace || 'default';
    else delete meta.namespace;
    this.requireNamespace(info, meta.namespace, meta.name);
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    meta.uid = this.uidStream(meta.namespace).uuid();
    if (quiet && this.atObjectLimit(info)) return undefined;
    meta.creationTimestamp = this.clock.timestamp();
    delete meta.generation;
    this.validateOrThrow(info, obj, strategy.validate?.(obj, this.strategyCtx) ?? []);
    this.admitNew(info, meta.name!, meta.namespace);
    normalizeMeta(obj);
    return this.store(info, obj, undefined);
  }

  /**
   * Store again, as a new object of this server, an object that create() returned on another,
   * fresh ApiServer for the same input (the cluster's boot objects: create() runs once per
   * configuration, see Cluster.bootstrap). Decode, defaulting, prepareForCreate, allocation and
   * validation then gave exactly that object, so only what differs per server is redone, in
   * create()'s order: the uid draw (same Random sequence as create), creationTimestamp (at the
   * same key positions), the exists and object-count checks, the next resourceVersion, freezing,
   * indexing and the ADDED watch event. The prepared object's frozen parts are shared, not copied.
   * Only for inputs whose create() depends on nothing but the objects stored before them in the
   * same order (a fresh server replaying the same sequence), and draws no Random but the uid
   * (`keep`: not even that).
   */
  createPrepared(prepared: KubeObject, keep?: { uids: ReadonlyMap<string, string> }): KubeObject {
    const info = this.info(prepared.kind);
    const pm = prepared.metadata;
    this.requireNamespace(info, pm.namespace);
    const meta: KubeObject['metadata'] = {};
    for (const k in pm) if (k !== 'resourceVersion') (meta as Record<string, unknown>)[k] = (pm as Record<string, unknown>)[k];
    if (keep) {
      // An object whose uid is fixed (the kubeadm system objects, Cluster.bootstrap): it keeps the
      // prepared one and draws nothing; references to objects that drew theirs follow `uids`.
      const refs = pm.ownerReferences;
      if (refs?.some((r) => keep.uids.has(r.uid))) meta.ownerReferences = refs.map((r) => (keep.uids.has(r.uid) ? { ...r, uid: keep.uids.get(r.uid)! } : r));
    } else meta.uid = this.uidRng.uuid();
    meta.creationTimestamp = this.clock.timestamp();
    const obj: KubeObject = { ...prepared, metadata: meta };
    this.admitNew(info, meta.name!, meta.namespace);
    return this.store(info, obj, undefined);
  }

  /**
   * Store objects saved by an earlier run (serve --data) exactly as they were, uid, timestamps and
   * resourceVersion included, and set the resourceVersion counter to where it stood. Only on a
   * server that holds nothing yet; emits no watch events (controllers list what exists when they
   * start). The objects were validated when they were first written.
   */
  restore(objects: readonly KubeObject[], resourceVersion: number): void {
    if (this.rv !== 0 || this.objects.size) throw new Error('ApiServer.restore: the server already holds objects');
    for (const o of objects) {
      const info = this.info(o.kind);
      const obj = deepFreeze(deepClone(o));
      let bucket = this.objects.get(info.kind);
      if (!bucket) this.objects.set(info.kind, (bucket = new KindStore()));
      bucket.set(obj.metadata.namespace ?? '', obj.metadata.name!, obj);
      this.reindexOwners(undefined, obj);
      const rv = Number(obj.metadata.resourceVersion);
      if (rv > this.rv) this.rv = rv;
    }
    if (resourceVersion > this.rv) this.rv = resourceVersion;
  }

  /**
   * Replace an object (PUT). With metadata.resourceVersion set, it must equal the stored one
   * (optimistic concurrency). With subresource 'status', only status is taken from `input`.
   */
  update(input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const info = this.info(input.kind);
    const strategy = this.strategy(info.kind);
    const ns = info.namespaced ? (input.metadata?.namespace ?? 'default') : undefined;
    const old = this.getOrThrow(info.kind, input.metadata?.name ?? '', ns);
    this.checkNesting(info, input, input);
    if (input.metadata.resourceVersion && input.metadata.resourceVersion !== old.metadata.resourceVersion) {
      throw conflictError(info.plural, info.group, old.metadata.name!);
    }
    let obj: KubeObject;
    if (opts.subresource === 'status') {
      // Only status changes: the new version shares every other (frozen) part with the old one,
      // and the parts of the status that did not change with the old status.
      obj = { ...old, metadata: { ...old.metadata }, status: cloneReusing(input.status, old.status) };
      // deploymentStatusStrategy.PrepareForUpdate (pkg/registry/apps/deployment/strategy.go) resets
      // only spec and labels: annotations written through /status persist. The deployment
      // controller records `deployment.kubernetes.io/revision` that way, without a generation bump.
      if (STATUS_WRITES_ANNOTATIONS.has(info.kind)) {
        if (input.metadata?.annotations) obj.metadata.annotations = cloneSharingFrozen(input.metadata.annotations);
        else delete obj.metadata.annotations;
      }
    } else {
      obj = deepClone(input);
      this.decode(strategy, obj, 'update');
      obj.apiVersion = old.apiVersion;
      obj.metadata = { ...obj.metadata };
      const meta = obj.metadata;
      // Immutable, server-owned metadata.
      meta.name = old.metadata.name;
      meta.namespace = old.metadata.namespace;
      meta.uid = old.metadata.uid;
      meta.creationTimestamp = old.metadata.creationTimestamp;
      meta.deletionTimestamp = old.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
      if (meta.generateName === undefined && old.metadata.generateName) meta.generateName = old.metadata.generateName;
      if (STATUS_SUBRESOURCE.has(info.kind)) {
        if (old.status === undefined) delete obj.status;
        else obj.status = deepClone(old.status);
      }
      strategy.defaults?.(obj);
      if (GENERATION_KINDS.has(info.kind)) {
        // daemonSetStrategy.PrepareForUpdate counts spec changes only (its templateGeneration
        // annotation is the strategy's own).
        const changed = !deepEqual(obj.spec, old.spec) || (info.kind !== 'DaemonSet' && !deepEqual(obj.metadata.annotations ?? {}, old.metadata.annotations ?? {}));
        meta.generation = (old.metadata.generation ?? 1) + (changed ? 1 : 0);
      }
      strategy.prepareForUpdate?.(obj, old, this.strategyCtx);
      this.validateOrThrow(info, obj, strategy.validateUpdate?.(obj, old, this.strategyCtx) ?? strategy.validate?.(obj, this.strategyCtx) ?? []);
      strategy.allocate?.(obj, old, this.strategyCtx);
      this.admitReplicas(info, obj);
      normalizeMeta(obj);
      // The parts the write left as they were become the stored version's own (frozen) parts, as
      // the status path's cloneReusing does: freezing and the no-op check below skip them, and
      // watchers comparing versions meet identical subtrees. Values and key order are unchanged.
      shareUnchanged(obj as unknown as Record<string, unknown>, old as unknown as Record<string, unknown>);
      // store() writes the resourceVersion into the metadata: never into the stored version's.
      if (Object.isFrozen(obj.metadata)) obj.metadata = { ...obj.metadata };
    }
    normalizeMeta(obj);
    if (opts.dryRun) return deepFreeze(obj);
    // A write that changes nothing is a no-op: no new resourceVersion, no event (as etcd3 store's GuaranteedUpdate).
    if (equalIgnoringResourceVersion(obj, old)) return old;
    // An object being deleted whose last finalizer is gone disappears (registry Store.Update).
    if (obj.metadata.deletionTimestamp && !(obj.metadata.finalizers?.length) && !this.gracePending(obj) && (strategy.shouldDeleteDuringUpdate?.(obj) ?? true)) {
      this.remove(info, old);
      return deepFreeze(obj);
    }
    return this.store(info, obj, old);
  }

  /** Update the status subresource. */
  updateStatus(input: KubeObject): KubeObject {
    return this.update(input, { subresource: 'status' });
  }

  /**
   * POST pods/<name>/binding, as BindingREST.Create does it (pkg/registry/core/pod/storage/storage.go
   * assignPod → setPodHostAndAnnotations): sets spec.nodeName on an unbound pod that is not being
   * deleted, merges the binding's annotations and sets PodScheduled=True. Like the subresource, it
   * bypasses the pod update validation (which forbids changing spec.nodeName).
   */
  bind(binding: { metadata: { name: string; namespace?: string; uid?: string; annotations?: Record<string, string> }; target: { name: string } }): KubeObject {
    const { name, namespace, uid, annotations } = binding.metadata;
    const old = this.getOrThrow('Pod', name, namespace);
    const conflict = (why: string) => new StatusError('Conflict', `Operation cannot be fulfilled on pods/binding "${name}": ${why}`);
    if (uid && old.metadata.uid !== uid) throw conflict(`Precondition failed: UID in precondition: ${uid}, UID in object meta: ${old.metadata.uid}`);
    if (old.metadata.deletionTimestamp) throw conflict(`pod ${name} is being deleted, cannot be assigned to a host`);
    if (old.spec?.nodeName) throw conflict(`pod ${name} is already assigned to node ${JSON.stringify(old.spec.nodeName)}`);
    // Shares the old version's frozen parts; only spec, metadata and status are new objects.
    const obj: KubeObject = { ...old, metadata: { ...old.metadata } };
    obj.spec = { ...obj.spec, nodeName: binding.target.name };
    if (annotations && Object.keys(annotations).length) obj.metadata.annotations = { ...obj.metadata.annotations, ...annotations };
    // podutil.UpdatePodCondition: lastTransitionTime moves only when the status changes.
    const status = obj.status ?? {};
    const conditions: any[] = [...(status.conditions ?? [])];
    const i = conditions.findIndex((c) => c.type === 'PodScheduled');
    const now = this.clock.timestamp();
    const scheduled = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: i >= 0 && conditions[i].status === 'True' ? conditions[i].lastTransitionTime : now };
    if (i >= 0) conditions[i] = scheduled;
    else conditions.push(scheduled);
    obj.status = { ...status, conditions };
    return this.store(this.info('Pod'), obj, old);
  }

  /** PATCH: `merge` (RFC 7386), `strategic` (strategic merge patch) or `json` (RFC 6902). */
  patch(kind: string, name: string, patch: unknown, type: PatchType, opts: WriteOptions & { namespace?: string } = {}): KubeObject {
    const old = this.getOrThrow(kind, name, opts.namespace);
    // Before the merge, which recurses along the patch.
    this.checkNesting(this.info(old.kind), old, patch);
    const patched = applyPatch(old, patch, type, old.kind);
    patched.metadata = { ...patched.metadata, resourceVersion: undefined };
    return this.update(patched, opts);
  }

  /**
   * DELETE, as the generic registry store does it: graceful deletion for pods bound to a node,
   * finalizers from the propagation policy (`orphan`, `foregroundDeletion`), immediate removal when
   * neither applies. Returns the object as it now stands and whether it is gone.
   */
  delete(kind: string, name: string, opts: DeleteOptions & { namespace?: string } = {}): { object: KubeObject; deleted: boolean } {
    const info = this.info(kind);
    const old = this.getOrThrow(info.kind, name, opts.namespace);
    // The NamespaceLifecycle admission plugin's immortal namespaces (apiserver/pkg/admission/plugin/
    // namespace/lifecycle/admission.go): default, kube-system and kube-public; kube-node-lease is not.
    if (info.kind === 'Namespace' && IMMORTAL_NAMESPACES.has(name)) {
      throw new StatusError('Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`);
    }
    if (opts.preconditions?.uid && opts.preconditions.uid !== old.metadata.uid) {
      throw new StatusError(
        'Conflict',
        `Operation cannot be fulfilled on ${info.group ? `${info.plural}.${info.group}` : info.plural} "${name}": Precondition failed: UID in precondition: ${opts.preconditions.uid}, UID in object meta: ${old.metadata.uid}`,
      );
    }
    // A kind with a deletion life cycle of its own (a namespace turns Terminating until emptied).
    const kept = this.strategy(info.kind).beginDelete?.(old, this.strategyCtx);
    if (kept) {
      normalizeMeta(kept);
      if (opts.dryRun) return { object: deepFreeze(kept), deleted: false };
      return { object: equalIgnoringResourceVersion(kept, old) ? old : this.store(info, kept, old), deleted: false };
    }
    // Deletion changes metadata only: share everything else with the stored version.
    const obj: KubeObject = { ...old, metadata: { ...old.metadata } };
    const meta = obj.metadata;
    // deletionFinalizersForGarbageCollection (registry/generic/registry/store.go).
    let finalizers = [...(meta.finalizers ?? [])];
    const policy = opts.propagationPolicy;
    if (policy) {
      finalizers = finalizers.filter((f) => f !== 'orphan' && f !== 'foregroundDeletion');
      if (policy === 'Orphan') finalizers.push('orphan');
      if (policy === 'Foreground') finalizers.push('foregroundDeletion');
    }
    // Graceful deletion (pod strategy CheckGracefulDelete): only pods that are bound and not terminal.
    let grace = 0;
    if (info.kind === 'Pod') {
      const phase = obj.status?.phase;
      const bound = !!obj.spec?.nodeName;
      grace = opts.gracePeriodSeconds ?? obj.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
      if (!bound || phase === 'Failed' || phase === 'Succeeded') grace = 0;
      // CheckGracefulDelete (pkg/registry/core/pod/strategy.go): a negative period is 1 s, and
      // BeforeDelete does the same for negative DeleteOptions; int64's minimum included.
      if (grace < 0) grace = 1;
      if (meta.deletionTimestamp && meta.deletionGracePeriodSeconds !== undefined && grace > meta.deletionGracePeriodSeconds) grace = meta.deletionGracePeriodSeconds;
    }
    if (opts.dryRun) return { object: deepFreeze(obj), deleted: grace === 0 && finalizers.length === 0 };
    if (grace === 0 && finalizers.length === 0) {
      this.remove(info, old);
      return { object: old, deleted: true };
    }
    const now = this.clock.now();
    if (!meta.deletionTimestamp || grace < (meta.deletionGracePeriodSeconds ?? Infinity)) {
      // As BeforeDelete computes it, the int64 overflow of seconds × 10^9 included: a grace period of
      // 9223372036854775807 s (valid int64) is a deletionTimestamp one second in the past upstream.
      meta.deletionTimestamp = this.clock.timestamp(addGoSeconds(now, grace));
      meta.deletionGracePeriodSeconds = grace;
    }
    meta.finalizers = finalizers;
    normalizeMeta(obj);
    if (GENERATION_KINDS.has(info.kind)) meta.generation = (meta.generation ?? 1) + 1;
    if (equalIgnoringResourceVersion(obj, old)) return { object: old, deleted: false };
    return { object: this.store(info, obj, old), deleted: false };
  }

  // ---- internals ---------------------------------------------------------------------------

  private info(kind: string): KindInfo {
    const info = kindInfo(kind);
    if (!info) throw new StatusError('NotFound', `the server doesn't have a resource type "${kind}"`);
    return info;
  }

  private strategy(kind: string): Strategy {
    return this.strategies[kind] ?? {};
  }

  /** Untrusted JSON (a serve body, a patch) nested past MAX_NESTING is refused before any recursive walk. */
  private checkNesting(info: KindInfo, obj: KubeObject, value: unknown): void {
    const err = nestingError(info.kind, obj.apiVersion ?? info.apiVersion, obj.metadata?.name, value);
    if (err) throw err;
  }

  private decode(strategy: Strategy, obj: KubeObject, op: 'create' | 'update'): void {
    const err = strategy.decode?.(obj, op);
    if (err) throw err;
    // Quantity.UnmarshalJSON then MarshalJSON: what is stored, and read back, is String().
    if (strategy.decode) canonicalizeQuantities(obj);
  }

  private validateOrThrow(info: KindInfo, obj: KubeObject, errs: FieldError[]): void {
    if (errs.length) throw invalidError(info.kind, info.group, obj.metadata.name ?? '', errs);
  }

  /**
   * A namespaced object's namespace must exist (`default` always does), and, for a new object
   * (`name`: its name, or its generateName while unnamed), must not be terminating: the
   * NamespaceLifecycle admission plugin (apiserver/pkg/admission/plugin/namespace/lifecycle).
   */
  private requireNamespace(info: KindInfo, namespace: string | undefined, name?: string): void {
    if (!info.namespaced) return;
    const ns = this.get('Namespace', namespace!);
    if (namespace !== 'default' && !ns) throw notFoundError('namespaces', '', namespace!);
    if (name !== undefined && ns && (ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating')) {
      throw new StatusError(
        'Forbidden',
        `${qualifiedResource(info)} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
        [{ type: 'NamespaceTerminating', field: 'metadata.namespace', detail: `namespace ${namespace} is being terminated` }],
        info.kind,
        name,
      );
    }
  }

  private atObjectLimit(info: KindInfo): boolean {
    return (this.objects.get(info.kind)?.size ?? 0) >= (this.limits.maxObjectsPerKind ?? Infinity);
  }

  /**
   * The last checks before a new object is stored: its name is free, and the kind is under
   * kubespec's object limit (a resource guard, not a Kubernetes feature; see ClusterConfig.limits).
   */
  private admitNew(info: KindInfo, name: string, namespace: string | undefined): void {
    if (this.get(info.kind, name, namespace)) throw alreadyExistsError(info.plural, info.group, name);
    const maxObjects = this.limits.maxObjectsPerKind ?? Infinity;
    if (this.atObjectLimit(info)) {
      throw new StatusError('Forbidden', `${info.plural} "${name}" is forbidden: exceeded kubespec's limit of ${maxObjects} ${info.plural}`);
    }
  }

  /**
   * The replica guard, worded like a ResourceQuota rejection (`exceeded quota: ..., requested: ...,
   * limited: ...`): a deviation from Kubernetes, which accepts any int32, made so that a runaway
   * manifest fails at once with a clear message.
   */
  private admitReplicas(info: KindInfo, obj: KubeObject): void {
    const max = this.limits.maxReplicas;
    const replicas = obj.spec?.replicas;
    if (max === undefined || (info.kind !== 'Deployment' && info.kind !== 'ReplicaSet') || typeof replicas !== 'number' || replicas <= max) return;
    throw new StatusError(
      'Forbidden',
      `${qualifiedResource(info)} "${obj.metadata.name}" is forbidden: exceeded quota: kubespec-limits, requested: replicas=${replicas}, limited: replicas=${max} (the embedded cluster's guard against runaway specs; a spec can raise it with cluster.maxReplicas)`,
      [],
      info.kind,
      obj.metadata.name,
    );
  }

  /** A pod with a deletion grace period that has not yet been confirmed by the kubelet. */
  private gracePending(obj: KubeObject): boolean {
    return obj.kind === 'Pod' && (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0;
  }

  private generateName(info: KindInfo, base: string, namespace: string | undefined): string {
    const prefix = base.length > MAX_GENERATED_BASE ? base.slice(0, MAX_GENERATED_BASE) : base;
    for (;;) {
      const name = prefix + (this.systemStream(namespace) ? this.systemNameRng : this.nameRng).string(5);
      if (!this.get(info.kind, name, namespace)) return name;
    }
  }

  private store(info: KindInfo, obj: KubeObject, old: KubeObject | undefined): KubeObject {
    obj.metadata.resourceVersion = String(++this.rv);
    deepFreeze(obj);
    let bucket = this.objects.get(info.kind);
    if (!bucket) this.objects.set(info.kind, (bucket = new KindStore()));
    bucket.set(obj.metadata.namespace ?? '', obj.metadata.name!, obj);
    this.reindexOwners(old, obj);
    this.emit(info.kind, old ? { type: 'MODIFIED', object: obj, oldObject: old } : { type: 'ADDED', object: obj });
    return obj;
  }

  private remove(info: KindInfo, old: KubeObject): void {
    this.objects.get(info.kind)?.delete(old.metadata.namespace ?? '', old.metadata.name!);
    this.reindexOwners(old, undefined);
    // The DELETED event carries the final state with a fresh resourceVersion, as a watch does.
    const last = deepFreeze({ ...old, metadata: { ...old.metadata, resourceVersion: String(++this.rv) } });
    this.emit(info.kind, { type: 'DELETED', object: last, oldObject: old });
  }

  private reindexOwners(old: KubeObject | undefined, obj: KubeObject | undefined): void {
    const oldRefs = old?.metadata.ownerReferences;
    const refs = obj?.metadata.ownerReferences;
    // Most writes (status, binding, deletion marks) keep the very same frozen ownerReferences:
    // the entries stay; only the object they hold is the new version.
    if (old && obj && (oldRefs === refs || deepEqual(oldRefs, refs))) {
      // Index loops: for-of over a frozen array allocates an iterator result per element in V8.
      if (refs) for (let i = 0; i < refs.length; i++) this.dependents.get(refs[i].uid)?.set(obj.metadata.uid!, obj);
      return;
    }
    if (oldRefs) for (let i = 0; i < oldRefs.length; i++) {
      const ref = oldRefs[i];
      const deps = this.dependents.get(ref.uid);
      if (deps?.delete(old!.metadata.uid!) && !deps.size) this.dependents.delete(ref.uid);
    }
    if (refs) for (let i = 0; i < refs.length; i++) {
      const ref = refs[i];
      let deps = this.dependents.get(ref.uid);
      if (!deps) this.dependents.set(ref.uid, (deps = new Map()));
      deps.set(obj!.metadata.uid!, obj!);
    }
  }

  private emit(kind: string, ev: WatchEvent): void {
    for (const h of this.handlers.get(kind) ?? []) h(ev);
    for (const h of this.anyHandlers) h(ev);
  }
}

/**
 * Empty metadata lists and maps are dropped, as Go's `omitempty` serialisation of ObjectMeta drops
 * them: a pod whose last ownerReference was removed has no `ownerReferences` field at all.
 */
function normalizeMeta(obj: KubeObject): void {
  const meta = obj.metadata;
  for (const k of OMITEMPTY_META) {
    const v = meta[k] as unknown;
    if (v !== undefined && (Array.isArray(v) ? v.length === 0 : v !== null && typeof v === 'object' && isEmptyObject(v))) delete meta[k];
  }
}

const OMITEMPTY_META = ['ownerReferences', 'finalizers', 'labels', 'annotations', 'managedFields'] as const;

function isEmptyObject(v: object): boolean {
  for (const _ in v) return false;
  return true;
}

/**
 * deepEqual of two versions of an object, metadata.resourceVersion aside: the no-op write check.
 * Compares in place (no copies without resourceVersion): it runs on every write.
 */
function equalIgnoringResourceVersion(a: KubeObject, b: KubeObject): boolean {
  return a === b || (deepEqualExcept(a, b, 'metadata') && deepEqualExcept(a.metadata ?? {}, b.metadata ?? {}, 'resourceVersion'));
}

function byNamespaceAndName(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const a1 = a.metadata.name!;
  const b1 = b.metadata.name!;
  return a1 < b1 ? -1 : a1 > b1 ? 1 : 0;
}

export { fromLabelSelector };
