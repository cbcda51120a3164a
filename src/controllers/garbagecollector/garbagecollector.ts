// The garbage collector (pkg/controller/garbagecollector/garbagecollector.go, graph_builder.go):
// deletes objects whose owners are all gone, orphans the dependents of an owner deleted with the
// `orphan` finalizer, and deletes the dependents of an owner in foreground deletion before letting
// it go.
//
// Upstream keeps a graph of every object's owners and dependents; here the API server's owner
// index (listDependents) gives an owner's dependents, and the collector keeps only two counts per
// owner UID from the watch stream: how many objects name it, and how many of those block its
// deletion (blockOwnerDeletion). Work items are keys `<action>|<kind>|<namespace>|<name>|<uid>`:
//   delete  attemptToDeleteItem: collect an object with no live owner, trim dangling references,
//           or (for an owner in foreground deletion) processDeletingDependentsItem;
//   orphan  attemptToOrphan: remove the owner's reference from every dependent, then the finalizer.
import type { KubeObject, OwnerReference, WatchEvent } from '../../apiserver/types';
import type { PropagationPolicy } from '../../apiserver/apiserver';
import { isStatusError } from '../../apiserver/errors';
import { kindInfo } from '../../apiserver/kinds';
import { deepClone, deepEqual } from '../../util/clone';
import type { Controller, ControllerContext } from '../controller';

/** metav1.FinalizerOrphanDependents */
export const FINALIZER_ORPHAN = 'orphan';
/** metav1.FinalizerDeleteDependents */
export const FINALIZER_FOREGROUND = 'foregroundDeletion';
/** client-go's DefaultControllerRateLimiter, per item: 5ms doubling up to 1000s. */
const BACKOFF_BASE_MS = 5;
const BACKOFF_MAX_MS = 1_000_000;

type Action = 'delete' | 'orphan';

/** How an ownerReference resolves (isDangling). */
type OwnerState = { state: 'present'; owner: KubeObject } | { state: 'absent' } | { state: 'unresolvable' };

function hasFinalizer(obj: KubeObject, f: string): boolean {
  return obj.metadata.finalizers?.includes(f) ?? false;
}

/** node.isDeletingDependents: being deleted with the foregroundDeletion finalizer. */
function isDeletingDependents(obj: KubeObject): boolean {
  return !!obj.metadata.deletionTimestamp && hasFinalizer(obj, FINALIZER_FOREGROUND);
}

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector-controller';
  private ctx!: ControllerContext;
  /** owner uid -> number of stored objects whose ownerReferences name it. */
  private readonly dependents = new Map<string, number>();
  /** owner uid -> number of those whose reference has blockOwnerDeletion: true. */
  private readonly blocking = new Map<string, number>();
  /** Owners in foreground deletion whose dependents have been queued for deletion. */
  private readonly dependentsQueued = new Set<string>();
  private readonly failures = new Map<string, number>();

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    const { api } = ctx;
    const all: KubeObject[] = [];
    for (const kind of api.kinds()) for (const obj of api.list(kind)) all.push(obj);
    for (const obj of all) this.index(undefined, obj);
    // The initial graph sync: owners mid-deletion and dependents whose owners are gone.
    for (const obj of all) {
      this.processTransitions(undefined, obj);
      const refs = obj.metadata.ownerReferences;
      if (refs?.length && this.anyAbsent(obj, refs)) this.enqueue('delete', obj);
    }
    api.watch('*', (ev) => this.onEvent(ev));
  }

  // ---- the graph builder's side: watch events to work items ----------------------------------

  private onEvent(ev: WatchEvent): void {
    const obj = ev.object;
    if (ev.type === 'ADDED') {
      const refs = obj.metadata.ownerReferences;
      if (!refs?.length) return this.processTransitions(undefined, obj);
      this.index(undefined, obj);
      // An owner that does not exist becomes a virtual node upstream, which attemptToDelete finds
      // absent, and its dependents are then collected: here the dependent is checked directly.
      // An owner already waiting for its dependents' deletion wants this new one gone too.
      if (this.needsAttention(obj, refs)) this.enqueue('delete', obj);
      this.processTransitions(undefined, obj);
      return;
    }
    if (ev.type === 'MODIFIED') {
      const old = ev.oldObject!;
      const oldRefs = old.metadata.ownerReferences ?? [];
      const curRefs = obj.metadata.ownerReferences ?? [];
      if (!deepEqual(oldRefs, curRefs)) {
        this.index(old, obj);
        const added = curRefs.filter((r) => !oldRefs.some((o) => deepEqual(o, r)));
        const removed = oldRefs.filter((o) => !curRefs.some((r) => deepEqual(o, r)));
        if (added.length && this.needsAttention(obj, added)) this.enqueue('delete', obj);
        // An owner waiting for its blocking dependents may be free now.
        for (const ref of removed) this.wakeOwnerIfUnblocked(old, ref);
      }
      this.processTransitions(old, obj);
      return;
    }
    // DELETED
    const last = ev.oldObject ?? obj;
    this.index(last, undefined);
    const uid = last.metadata.uid!;
    this.dependentsQueued.delete(uid);
    // Its dependents may have lost their last live owner (background cascade, dangling refs).
    for (const dep of this.ctx.api.listDependents(uid)) this.enqueue('delete', dep);
    for (const ref of last.metadata.ownerReferences ?? []) this.wakeOwnerIfUnblocked(last, ref);
  }

  /** processTransitions: an owner starts waiting for its dependents to be orphaned or deleted. */
  private processTransitions(old: KubeObject | undefined, cur: KubeObject): void {
    if (!cur.metadata.deletionTimestamp) return;
    const wasDeleting = !!old?.metadata.deletionTimestamp;
    if (hasFinalizer(cur, FINALIZER_ORPHAN) && !(wasDeleting && hasFinalizer(old!, FINALIZER_ORPHAN))) this.enqueue('orphan', cur);
    if (hasFinalizer(cur, FINALIZER_FOREGROUND) && !(wasDeleting && hasFinalizer(old!, FINALIZER_FOREGROUND))) this.enqueue('delete', cur);
  }

  /** Keep the per-owner counts in step with the objects' ownerReferences. */
  private index(old: KubeObject | undefined, cur: KubeObject | undefined): void {
    // Index loops: for-of over a frozen array allocates an iterator result per element in V8.
    const oldRefs = old?.metadata.ownerReferences ?? [];
    for (let i = 0; i < oldRefs.length; i++) {
      const ref = oldRefs[i];
      bump(this.dependents, ref.uid, -1);
      if (ref.blockOwnerDeletion) bump(this.blocking, ref.uid, -1);
    }
    const curRefs = cur?.metadata.ownerReferences ?? [];
    for (let i = 0; i < curRefs.length; i++) {
      const ref = curRefs[i];
      bump(this.dependents, ref.uid, 1);
      if (ref.blockOwnerDeletion) bump(this.blocking, ref.uid, 1);
    }
  }

  /** A foreground-deleting owner is re-examined once nothing blocks it any more. */
  private wakeOwnerIfUnblocked(dependent: KubeObject, ref: OwnerReference): void {
    if ((this.blocking.get(ref.uid) ?? 0) > 0 && this.dependentsQueued.has(ref.uid)) return;
    const r = this.resolveOwner(dependent, ref);
    if (r.state === 'present' && isDeletingDependents(r.owner)) this.enqueue('delete', r.owner);
  }

  /** Some reference points to an absent owner, or to one deleting its dependents in the foreground. */
  private needsAttention(dependent: KubeObject, refs: readonly OwnerReference[]): boolean {
    for (const ref of refs) {
      const r = this.resolveOwner(dependent, ref);
      if (r.state === 'absent' || (r.state === 'present' && isDeletingDependents(r.owner))) return true;
    }
    return false;
  }

  private anyAbsent(dependent: KubeObject, refs: readonly OwnerReference[]): boolean {
    return refs.some((ref) => this.resolveOwner(dependent, ref).state === 'absent');
  }

  /**
   * isDangling: look the owner up by kind and name in the dependent's namespace (cluster-scoped
   * owners without one) and compare UIDs: an owner recreated under the same name is a different
   * owner. A reference to a kind the API server does not serve cannot be resolved; upstream retries
   * it for ever, here it is left alone (counted as a live owner).
   */
  private resolveOwner(dependent: KubeObject, ref: OwnerReference): OwnerState {
    const info = kindInfo(ref.kind);
    if (!info || info.kind !== ref.kind || info.apiVersion !== ref.apiVersion) return { state: 'unresolvable' };
    let namespace: string | undefined;
    if (info.namespaced) {
      // A cluster-scoped dependent cannot have a namespaced owner (OwnerRefInvalidNamespace): dangling.
      if (!dependent.metadata.namespace) return { state: 'absent' };
      namespace = dependent.metadata.namespace;
    }
    const owner = this.ctx.api.get(info.kind, ref.name, namespace);
    if (!owner || owner.metadata.uid !== ref.uid) return { state: 'absent' };
    return { state: 'present', owner };
  }

  private enqueue(action: Action, obj: KubeObject): void {
    this.ctx.queue.add(`${action}|${obj.kind}|${obj.metadata.namespace ?? ''}|${obj.metadata.name}|${obj.metadata.uid}`);
  }

  // ---- workers -------------------------------------------------------------------------------

  reconcile(key: string): void {
    const [action, kind, namespace, name, uid] = key.split('|');
    const latest = this.ctx.api.get(kind, name, namespace || undefined);
    // Gone, or replaced by a new object of the same name: nothing to do for this one.
    if (!latest || latest.metadata.uid !== uid) {
      this.failures.delete(key);
      return;
    }
    try {
      if (action === 'orphan') this.attemptToOrphan(latest);
      else this.attemptToDeleteItem(latest);
      this.failures.delete(key);
    } catch (e) {
      if (!isStatusError(e)) throw e;
      this.requeueRateLimited(key);
    }
  }

  /** attemptToDeleteItem (garbagecollector.go). */
  private attemptToDeleteItem(item: KubeObject): void {
    const meta = item.metadata;
    // Being deleted, and not waiting for its dependents: nothing to do but wait.
    if (meta.deletionTimestamp && !isDeletingDependents(item)) return;
    if (isDeletingDependents(item)) return this.processDeletingDependentsItem(item);
    const refs = meta.ownerReferences ?? [];
    if (!refs.length) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    // classifyReferences
    for (const ref of refs) {
      const r = this.resolveOwner(item, ref);
      if (r.state === 'absent') dangling.push(ref);
      else if (r.state === 'present' && isDeletingDependents(r.owner)) waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length) {
      if (!dangling.length && !waiting.length) return;
      // A live owner remains: only drop the references to owners that are gone or going.
      this.removeOwnerReferences(item, [...dangling, ...waiting].map((r) => r.uid));
      return;
    }
    if (waiting.length && (this.dependents.get(meta.uid!) ?? 0) > 0) {
      // Owners wait for this item, which has dependents of its own: delete it in the foreground
      // too. If one of its dependents is itself deleting dependents, unblock this item's
      // references first so the two cannot wait on each other.
      for (const dep of this.ctx.api.listDependents(meta.uid!)) {
        if (!isDeletingDependents(dep)) continue;
        const unblock = refs.filter((r) => r.blockOwnerDeletion).map((r) => ({ uid: r.uid, blockOwnerDeletion: false }));
        if (unblock.length) this.patchOwnerReferences(item, unblock);
        break;
      }
      return this.deleteObject(item, 'Foreground');
    }
    // No live owner: collect it, keeping the propagation its own finalizers ask for.
    const policy: PropagationPolicy = hasFinalizer(item, FINALIZER_ORPHAN) ? 'Orphan' : hasFinalizer(item, FINALIZER_FOREGROUND) ? 'Foreground' : 'Background';
    this.deleteObject(item, policy);
  }

  /**
   * processDeletingDependentsItem: an owner in foreground deletion. Its dependents are queued for
   * deletion (once); when none with blockOwnerDeletion remains, the finalizer goes and so does it.
   */
  private processDeletingDependentsItem(owner: KubeObject): void {
    const uid = owner.metadata.uid!;
    if (!this.dependentsQueued.has(uid)) {
      this.dependentsQueued.add(uid);
      for (const dep of this.ctx.api.listDependents(uid)) if (!isDeletingDependents(dep)) this.enqueue('delete', dep);
    }
    if ((this.blocking.get(uid) ?? 0) > 0) return;
    this.removeFinalizer(owner, FINALIZER_FOREGROUND);
  }

  /** attemptToOrphanWorker: orphanDependents, then remove the `orphan` finalizer. */
  private attemptToOrphan(owner: KubeObject): void {
    if (!owner.metadata.deletionTimestamp || !hasFinalizer(owner, FINALIZER_ORPHAN)) return;
    const uid = owner.metadata.uid!;
    for (const dep of this.ctx.api.listDependents(uid)) this.removeOwnerReferences(dep, [uid]);
    this.removeFinalizer(owner, FINALIZER_ORPHAN);
  }

  /**
   * Drop the references to the given owner UIDs. Upstream sends deleteOwnerRefStrategicMergePatch
   * and falls back to deleteOwnerRefJSONMergePatch (the remaining list); here the JSON merge patch
   * is sent directly, with null when no reference remains, so the stored object has no
   * ownerReferences field at all, as a real API server returns it (omitempty), where the strategic
   * `$patch: delete` applied here would leave an empty list behind.
   */
  private removeOwnerReferences(obj: KubeObject, uids: string[]): void {
    const live = this.ctx.api.get(obj.kind, obj.metadata.name!, obj.metadata.namespace);
    if (!live || live.metadata.uid !== obj.metadata.uid) return;
    const refs = live.metadata.ownerReferences ?? [];
    const remaining = refs.filter((r) => !uids.includes(r.uid));
    if (remaining.length === refs.length) return;
    this.patch(live, { metadata: { ownerReferences: remaining.length ? remaining : null } }, 'merge');
  }

  /** unblockOwnerReferencesStrategicMergePatch: blockOwnerDeletion false on the given references (merge key uid). */
  private patchOwnerReferences(obj: KubeObject, refs: object[]): void {
    const live = this.ctx.api.get(obj.kind, obj.metadata.name!, obj.metadata.namespace);
    if (!live || live.metadata.uid !== obj.metadata.uid) return;
    this.patch(live, { metadata: { ownerReferences: refs, uid: obj.metadata.uid } }, 'strategic');
  }

  /** A PATCH of a dependent; one already gone is no error. */
  private patch(obj: KubeObject, body: object, type: 'merge' | 'strategic'): void {
    try {
      this.ctx.api.patch(obj.kind, obj.metadata.name!, body, type, { namespace: obj.metadata.namespace });
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
  }

  /** deleteObject: DELETE with the uid as precondition and the given propagation policy. */
  private deleteObject(obj: KubeObject, policy: PropagationPolicy): void {
    try {
      this.ctx.api.delete(obj.kind, obj.metadata.name!, { namespace: obj.metadata.namespace, propagationPolicy: policy, preconditions: { uid: obj.metadata.uid } });
    } catch (e) {
      if (!isStatusError(e, 'NotFound') && !isStatusError(e, 'Conflict')) throw e;
    }
  }

  /** removeFinalizer: an update of the latest object without it (the API server then finishes the delete). */
  private removeFinalizer(obj: KubeObject, finalizer: string): void {
    const { api } = this.ctx;
    const live = api.get(obj.kind, obj.metadata.name!, obj.metadata.namespace);
    if (!live || live.metadata.uid !== obj.metadata.uid || !hasFinalizer(live, finalizer)) return;
    const next = deepClone(live);
    const rest = (next.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    if (rest.length) next.metadata.finalizers = rest;
    else delete next.metadata.finalizers;
    api.update(next);
  }

  /** A failed item is retried with back-off, on a timer only a waiting user reaches (settle: false). */
  private requeueRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.ctx.queue.addAfter(key, Math.min(BACKOFF_BASE_MS * 2 ** n, BACKOFF_MAX_MS), { settle: false });
  }
}

function bump(m: Map<string, number>, k: string, d: number): void {
  const v = (m.get(k) ?? 0) + d;
  if (v) m.set(k, v);
  else m.delete(k);
}
