// The ReplicaSet controller (pkg/controller/replicaset/replica_set.go): keeps spec.replicas active
// pods for every ReplicaSet, adopting matching orphans and releasing pods whose labels no longer
// match, creating from the pod template in slow-start batches and deleting the pods upstream's
// ActivePodsWithRanks ordering puts first, then writing status.
//
// Two departures from upstream's shape, both for speed and neither visible in the result:
// - No expectations (controller_utils.go ControlleeExpectations): they exist because informer
//   caches lag behind writes; here every watch event is delivered before the write returns.
// - Upstream's sync lists and claims every pod each time. Here, once a full sync has found every
//   active pod the ReplicaSet controls matching its selector, changes that leave that true (one of
//   its pods added, going away, becoming ready) are handled from running counts: status, and the
//   creation of replacements, in O(1) per event rather than O(pods). A full syncReplicaSet runs
//   for anything that needs the pod list: the ReplicaSet changed, an orphan may be adopted, a pod
//   was relabelled or re-owned, pods must be chosen for deletion, or a retry after an error.
import type { WatchEvent, KubeObject, ReplicaSet } from '../../apiserver/types';
import { isStatusError } from '../../apiserver/errors';
import { fromLabelSelector, matches, type Selector } from '../../apiserver/labels';
import { deepEqual } from '../../util/clone';
import type { Controller, ControllerContext } from '../controller';
import { objectKey, splitKey } from '../controller';
import { claimObjects, controllerOf, newControllerRef } from '../util/controllerref';
import { isPodActive, rankedPod, sortActivePodsWithRanks } from '../util/pods';
import { PodIndex } from './pod_index';
import { calculateStatus, countAvailable, countPods, statusToWrite, type PodCounts, type ReplicaSetStatus } from './replica_set_utils';

/** replicaset.BurstReplicas: the most pods one sync creates or deletes; the rest wait for the next sync. */
export const BURST_REPLICAS = 500;
/** controller.SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;
/** client-go's DefaultControllerRateLimiter, per item: 5ms doubling up to 1000s. */
const BACKOFF_BASE_MS = 5;
const BACKOFF_MAX_MS = 1_000_000;
/** apimachinery DNS-1123 subdomain length limit (pod names). */
const MAX_POD_NAME = 253;

interface CachedReplicaSet {
  key: string;
  uid: string;
  selector: Selector;
}

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset-controller';
  private ctx!: ControllerContext;
  private readonly pods = new PodIndex();
  /** namespace -> name -> the ReplicaSet's uid and parsed selector (the rsLister). */
  private readonly replicaSets = new Map<string, Map<string, CachedReplicaSet>>();
  /** Keys with a pending change that needs the full sync. */
  private readonly needsFull = new Set<string>();
  /** Keys whose last full sync found every controlled active pod matching: counts may stand in for the pod list. */
  private readonly converged = new Set<string>();
  /** Consecutive failed syncs per key (the rate limiter's memory; forgotten on success). */
  private readonly failures = new Map<string, number>();
  /** When the availability re-check already scheduled for a key fires. */
  private readonly availabilityChecks = new Map<string, number>();
  /** The key whose status this controller is writing (its own status writes need no resync). */
  private writingStatusOf?: string;

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    for (const pod of ctx.api.list('Pod')) this.pods.update(undefined, pod);
    for (const rs of ctx.api.list('ReplicaSet')) {
      this.cache(rs);
      this.enqueue(objectKey(rs), true);
    }
    ctx.api.watch('ReplicaSet', (ev) => this.onReplicaSet(ev));
    ctx.api.watch('Pod', (ev) => this.onPod(ev));
  }

  // ---- event handlers (addRS/updateRS/deleteRS, addPod/updatePod/deletePod) ---------------------

  private onReplicaSet(ev: WatchEvent): void {
    const rs = ev.object;
    const key = objectKey(rs);
    if (ev.type === 'DELETED') {
      this.uncache(rs);
      this.enqueue(key, true);
      return;
    }
    this.cache(rs);
    if (ev.type === 'MODIFIED' && ev.oldObject && onlyStatusChanged(ev.oldObject, rs)) {
      // updateRS enqueues on every update; a status write of our own changes nothing we would do.
      if (this.writingStatusOf === key) return;
      this.enqueue(key, false);
      return;
    }
    this.enqueue(key, true);
  }

  private onPod(ev: WatchEvent): void {
    if (ev.type === 'ADDED') {
      this.pods.update(undefined, ev.object);
      this.addPod(ev.object);
    } else if (ev.type === 'MODIFIED') {
      this.pods.update(ev.oldObject, ev.object);
      this.updatePod(ev.oldObject!, ev.object);
    } else {
      const last = ev.oldObject ?? ev.object;
      this.pods.update(last, undefined);
      // A pod that was already terminating (or had finished) stopped counting before; the kubelet's
      // final delete of it changes nothing a sync would see. Upstream enqueues anyway, to settle
      // its expectations; without them the wake-up would cost a full sync per pod of a scale-down.
      if (!isPodActive(last)) return;
      this.deletePod(last);
    }
  }

  /** addPod: a pod with a controllerRef wakes its ReplicaSet; an orphan wakes every ReplicaSet that selects it. */
  private addPod(pod: KubeObject): void {
    if (pod.metadata.deletionTimestamp) {
      this.deletePod(pod);
      return;
    }
    const ref = controllerOf(pod);
    if (ref) {
      const rs = this.resolveControllerRef(pod.metadata.namespace!, ref);
      // One of its own pods (it just created it): counts suffice unless it does not match.
      if (rs) this.enqueue(rs.key, !matches(rs.selector, pod.metadata.labels));
      return;
    }
    for (const key of this.getPodReplicaSets(pod)) this.enqueue(key, true);
  }

  /**
   * updatePod: a pod getting a deletionTimestamp counts as deleted at once (its replacement is
   * created without waiting for the kubelet); label and controllerRef changes wake old and new
   * owners; an orphan whose labels or owner changed wakes every ReplicaSet that selects it.
   */
  private updatePod(old: KubeObject, cur: KubeObject): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    const labelChanged = !deepEqual(cur.metadata.labels ?? {}, old.metadata.labels ?? {});
    const curRef = controllerOf(cur);
    const oldRef = controllerOf(old);
    const refChanged = !deepEqual(curRef, oldRef);
    if (cur.metadata.deletionTimestamp) {
      // A terminating pod already stopped counting when its deletionTimestamp appeared; later
      // updates (its containers stopping) change nothing a sync would see, so they wake no one.
      if (old.metadata.deletionTimestamp && !labelChanged && !refChanged) return;
      this.deletePod(cur, labelChanged || refChanged);
      if (labelChanged || refChanged) this.deletePod(old, true);
      return;
    }
    if (refChanged && oldRef) {
      const rs = this.resolveControllerRef(old.metadata.namespace!, oldRef);
      if (rs) this.enqueue(rs.key, true);
    }
    if (curRef) {
      const rs = this.resolveControllerRef(cur.metadata.namespace!, curRef);
      if (!rs) return;
      // Readiness, phase (a pod finishing stops counting) and the like only move the counts.
      this.enqueue(rs.key, labelChanged || refChanged);
      return;
    }
    if (labelChanged || refChanged) for (const key of this.getPodReplicaSets(cur)) this.enqueue(key, true);
  }

  /** deletePod: wake the controlling ReplicaSet (its counts drop); nobody cares about orphans being deleted. */
  private deletePod(pod: KubeObject, full = false): void {
    const ref = controllerOf(pod);
    if (!ref) return;
    const rs = this.resolveControllerRef(pod.metadata.namespace!, ref);
    if (rs) this.enqueue(rs.key, full);
  }

  /** resolveControllerRef: the ReplicaSet a controllerRef names, if it exists with that uid. */
  private resolveControllerRef(namespace: string, ref: { kind: string; name: string; uid: string }): CachedReplicaSet | undefined {
    if (ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.replicaSets.get(namespace)?.get(ref.name);
    return rs && rs.uid === ref.uid ? rs : undefined;
  }

  /** getPodReplicaSets (rsLister.GetPodReplicaSets): ReplicaSets of the pod's namespace whose non-empty selector matches it. */
  private getPodReplicaSets(pod: KubeObject): string[] {
    const ns = pod.metadata.namespace!;
    const out: string[] = [];
    for (const [name, rs] of this.replicaSets.get(ns) ?? []) {
      if (rs.selector.requirements.length === 0) continue; // a nil or empty selector matches nothing here
      if (matches(rs.selector, pod.metadata.labels)) out.push(`${ns}/${name}`);
    }
    return out;
  }

  private cache(rs: KubeObject): void {
    const ns = rs.metadata.namespace!;
    let m = this.replicaSets.get(ns);
    if (!m) this.replicaSets.set(ns, (m = new Map()));
    m.set(rs.metadata.name!, { key: objectKey(rs), uid: rs.metadata.uid!, selector: fromLabelSelector(rs.spec?.selector) });
  }

  private uncache(rs: KubeObject): void {
    const m = this.replicaSets.get(rs.metadata.namespace!);
    if (m && m.get(rs.metadata.name!)?.uid === rs.metadata.uid) m.delete(rs.metadata.name!);
  }

  private enqueue(key: string, full: boolean): void {
    if (full) this.needsFull.add(key);
    this.ctx.queue.add(key);
  }

  // ---- sync --------------------------------------------------------------------------------

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const rs = this.ctx.api.get('ReplicaSet', name, namespace) as ReplicaSet | undefined;
    if (!rs) {
      this.needsFull.delete(key);
      this.converged.delete(key);
      this.failures.delete(key);
      this.availabilityChecks.delete(key);
      return;
    }
    const full = this.needsFull.has(key) || !this.converged.has(key) || rs.metadata.generation !== rs.status?.observedGeneration;
    this.needsFull.delete(key);
    try {
      if (full) this.syncReplicaSet(key, rs);
      else this.syncFromCounts(key, rs);
    } catch (e) {
      if (!isStatusError(e)) throw e;
      // An API error outside manageReplicas (status write, adoption): retry with back-off.
      this.converged.delete(key);
      this.requeueRateLimited(key);
    }
  }

  /** syncReplicaSet: claim, manage, status. */
  private syncReplicaSet(key: string, rs: ReplicaSet): void {
    const { clock } = this.ctx;
    const now = clock.now();
    const uid = rs.metadata.uid!;
    const selector = fromLabelSelector(rs.spec.selector);
    const claimed = this.claimPods(rs, selector);
    const ownedActive = this.pods.bucket(uid)?.active ?? 0;
    const deleting = !!rs.metadata.deletionTimestamp;
    let manageReplicasErr: Error | undefined;
    if (!deleting) manageReplicasErr = this.manageReplicas(claimed, rs, now);
    const counts = countPods(rs, claimed, now);
    this.writeStatus(key, rs, calculateStatus(rs, counts, manageReplicasErr, now));
    this.scheduleAvailabilityCheck(key, counts, now);
    if (manageReplicasErr) {
      this.converged.delete(key);
      this.requeueRateLimited(key);
      return;
    }
    this.failures.delete(key);
    // Counts stand in for the pod list while every active pod it controls is one it claimed.
    if (claimed.length === ownedActive) this.converged.add(key);
    else this.converged.delete(key);
  }

  /**
   * The short path, when counts stand in for the pod list: replacements for pods that went away
   * (creation needs no pod list), then status. Too many pods means choosing which to delete: that
   * takes the full sync.
   */
  private syncFromCounts(key: string, rs: ReplicaSet): void {
    const now = this.ctx.clock.now();
    const b = this.pods.bucket(rs.metadata.uid!);
    const active = b?.active ?? 0;
    const diff = active - (rs.spec.replicas ?? 1);
    const deleting = !!rs.metadata.deletionTimestamp;
    if (diff > 0 && !deleting) return this.syncReplicaSet(key, rs);
    let manageReplicasErr: Error | undefined;
    if (diff < 0 && !deleting) manageReplicasErr = this.createPods(rs, -diff);
    const counts: PodCounts = b
      ? {
          replicas: active,
          fullyLabeled: b.fullyLabeled(rs.spec.template?.metadata?.labels),
          ready: b.activeReady,
          ...(rs.spec.minReadySeconds ? countAvailable(b.readySince.values(), rs.spec.minReadySeconds, now) : { available: b.activeReady }),
        }
      : { replicas: 0, fullyLabeled: 0, ready: 0, available: 0 };
    this.writeStatus(key, rs, calculateStatus(rs, counts, manageReplicasErr, now));
    this.scheduleAvailabilityCheck(key, counts, now);
    if (manageReplicasErr) {
      this.converged.delete(key);
      this.requeueRateLimited(key);
    } else {
      this.failures.delete(key);
    }
  }

  /**
   * getRSPods + FilterActivePods + claimPods. The candidates are the pods the ReplicaSet controls
   * plus the orphans of its namespace, from the index (upstream's PodControllerUIDIndex with
   * OrphanPodIndexKey, 1.29+) rather than a list of every pod. Its own active pods that still match
   * are claimed as they are (what claimObject does with them); the rest, orphans to adopt and
   * pods to release, go through claimObjects.
   */
  private claimPods(rs: ReplicaSet, selector: Selector): KubeObject[] {
    const ns = rs.metadata.namespace!;
    const claimed: KubeObject[] = [];
    const others: KubeObject[] = [];
    const b = this.pods.bucket(rs.metadata.uid!);
    if (b) {
      for (const p of b.pods.values()) {
        if (p.metadata.namespace !== ns || !isPodActive(p)) continue;
        if (matches(selector, p.metadata.labels)) claimed.push(p);
        else others.push(p);
      }
    }
    for (const p of this.pods.orphansIn(ns)) if (isPodActive(p)) others.push(p);
    if (others.length) for (const p of claimObjects(this.ctx.api, rs, selector, others)) claimed.push(p);
    return claimed;
  }

  /**
   * manageReplicas: create or delete pods to reach spec.replicas, at most BURST_REPLICAS per sync.
   * Returns the first error (creations stop after the first failing slow-start batch).
   */
  private manageReplicas(filteredPods: KubeObject[], rs: ReplicaSet, now: number): Error | undefined {
    const diff = filteredPods.length - (rs.spec.replicas ?? 1);
    if (diff < 0) return this.createPods(rs, -diff);
    if (diff > 0) {
      const count = Math.min(diff, BURST_REPLICAS);
      const related = this.getIndirectlyRelatedPods(rs);
      let firstErr: Error | undefined;
      for (const pod of getPodsToDelete(filteredPods, related, count, now)) {
        const err = this.deletePodOf(rs, pod);
        if (err && !firstErr) firstErr = err;
      }
      return firstErr;
    }
    return undefined;
  }

  /** manageReplicas' creation half: up to BURST_REPLICAS pods, in slow-start batches. */
  private createPods(rs: ReplicaSet, missing: number): Error | undefined {
    const count = Math.min(missing, BURST_REPLICAS);
    // kubespec guard: the API server rejects a ReplicaSet whose template labels its selector does
    // not match (ValidatePodTemplateSpecForReplicaSet); were one to get through, every pod created
    // would be released at once and replaced, without end.
    if (!matches(fromLabelSelector(rs.spec.selector), rs.spec.template?.metadata?.labels ?? {})) {
      return new Error('`selector` does not match template `labels`');
    }
    return slowStartBatch(count, SLOW_START_INITIAL_BATCH_SIZE, () => this.createPod(rs)).err;
  }

  /** PodControl.CreatePods: a pod from the template, with its events. */
  private createPod(rs: ReplicaSet): Error | undefined {
    const pod = getPodFromTemplate(rs, newControllerRef(rs));
    if (Object.keys(pod.metadata.labels ?? {}).length === 0) return new Error('unable to create pods, no labels');
    try {
      const created = this.ctx.api.create(pod);
      this.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
      return undefined;
    } catch (e) {
      if (!isStatusError(e)) throw e;
      this.record(rs, 'Warning', 'FailedCreate', `Error creating: ${e.message}`);
      return e;
    }
  }

  /** PodControl.DeletePod: NotFound is no error (the pod is gone either way). */
  private deletePodOf(rs: ReplicaSet, pod: KubeObject): Error | undefined {
    try {
      this.ctx.api.delete('Pod', pod.metadata.name!, { namespace: pod.metadata.namespace });
      this.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      return undefined;
    } catch (e) {
      if (!isStatusError(e)) throw e;
      if (e.reason === 'NotFound') return undefined;
      this.record(rs, 'Warning', 'FailedDelete', `Error deleting: ${e.message}`);
      return new Error(`unable to delete pods: ${e.message}`);
    }
  }

  /**
   * getIndirectlyRelatedPods: pods of every ReplicaSet with the same controller (a Deployment's
   * ReplicaSets), for ranking by co-location. Upstream lists every pod of the namespace each
   * selector matches; here a related ReplicaSet's own pods and the matching orphans (pods that
   * another controller owns are not counted; a selector with pod-template-hash never matches them).
   */
  private getIndirectlyRelatedPods(rs: ReplicaSet): KubeObject[] {
    const ref = controllerOf(rs);
    if (!ref) return [];
    const ns = rs.metadata.namespace!;
    const seen = new Set<string>();
    const out: KubeObject[] = [];
    const add = (p: KubeObject, sel: Selector) => {
      if (seen.has(p.metadata.uid!) || !matches(sel, p.metadata.labels)) return;
      seen.add(p.metadata.uid!);
      out.push(p);
    };
    for (const other of this.ctx.api.listDependents(ref.uid)) {
      if (other.kind !== 'ReplicaSet' || other.metadata.namespace !== ns || controllerOf(other)?.uid !== ref.uid) continue;
      const sel = fromLabelSelector(other.spec?.selector);
      for (const p of this.pods.bucket(other.metadata.uid!)?.pods.values() ?? []) if (p.metadata.namespace === ns) add(p, sel);
      for (const p of this.pods.orphansIn(ns)) add(p, sel);
    }
    return out;
  }

  /** updateReplicaSetStatus: write only when something changed. */
  private writeStatus(key: string, rs: ReplicaSet, newStatus: ReplicaSetStatus): void {
    const { api } = this.ctx;
    const live = api.get('ReplicaSet', rs.metadata.name!, rs.metadata.namespace) as ReplicaSet | undefined;
    if (!live || live.metadata.uid !== rs.metadata.uid) return;
    const toWrite = statusToWrite(live, newStatus);
    if (!toWrite) return;
    this.writingStatusOf = key;
    try {
      api.updateStatus({ ...live, status: toWrite });
    } finally {
      this.writingStatusOf = undefined;
    }
  }

  /**
   * Wake the ReplicaSet when its next ready pod becomes available, plus a second (upstream requeues
   * minReadySeconds + 1s after a pod turns ready: "to avoid milliseconds skew"). A timer the
   * cluster settles to: availability is part of reaching a steady state.
   */
  private scheduleAvailabilityCheck(key: string, counts: PodCounts, now: number): void {
    if (counts.nextAvailableAt === undefined) return;
    const at = counts.nextAvailableAt + 1000;
    const pending = this.availabilityChecks.get(key);
    if (pending !== undefined && pending > now && pending <= at) return;
    this.availabilityChecks.set(key, at);
    this.ctx.queue.addAfter(key, at - now, { settle: true });
  }

  /**
   * queue.AddRateLimited after a failed sync: exponential back-off per key. A timer only someone
   * who waits reaches (settle: false): a ReplicaSet that cannot create its pods (an object limit, a
   * quota) must not keep the cluster from settling.
   */
  private requeueRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.ctx.queue.addAfter(key, Math.min(BACKOFF_BASE_MS * 2 ** n, BACKOFF_MAX_MS), { settle: false });
  }

  /** Events are best effort, as client-go's broadcaster: a failed write never fails the sync. */
  private record(rs: ReplicaSet, type: 'Normal' | 'Warning', reason: string, message: string): void {
    try {
      this.ctx.recorder.record(this.name, rs, type, reason, message);
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }
}

/** Whether an update touched only status (and resourceVersion). */
function onlyStatusChanged(old: KubeObject, cur: KubeObject): boolean {
  return (
    deepEqual(old.spec, cur.spec) &&
    deepEqual({ ...old.metadata, resourceVersion: undefined, managedFields: undefined }, { ...cur.metadata, resourceVersion: undefined, managedFields: undefined })
  );
}

/**
 * slowStartBatch: call fn `count` times in batches of 1, 2, 4, ... The calls of one batch all run
 * (upstream runs them concurrently); after a batch with any failure the rest are skipped.
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => Error | undefined): { successes: number; err?: Error } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let err: Error | undefined;
    let failed = 0;
    for (let i = 0; i < batch; i++) {
      const e = fn();
      if (e) {
        failed++;
        err ??= e;
      }
    }
    successes += batch - failed;
    if (err) return { successes, err };
    remaining -= batch;
  }
  return { successes };
}

/**
 * GetPodFromTemplate (controller_utils.go): template labels, annotations and finalizers, the spec,
 * generateName `<rs>-` (just `<rs>` when the dash would make the prefix an invalid name), the
 * controllerRef, the ReplicaSet's namespace. The pod shares the template's parts (frozen, in a
 * stored ReplicaSet) rather than copying them: the API server's create copies its input anyway,
 * and one copy per pod is enough.
 */
export function getPodFromTemplate(rs: ReplicaSet, controllerRef: ReturnType<typeof newControllerRef>): KubeObject {
  const template = rs.spec.template ?? {};
  const meta = template.metadata ?? {};
  const name = rs.metadata.name!;
  const prefix = name.length + 1 > MAX_POD_NAME ? name : `${name}-`;
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: prefix,
      namespace: rs.metadata.namespace,
      ...(meta.labels ? { labels: meta.labels } : {}),
      ...(meta.annotations ? { annotations: meta.annotations } : {}),
      ...(meta.finalizers ? { finalizers: meta.finalizers } : {}),
      ownerReferences: [controllerRef],
    },
    spec: template.spec ?? {},
  };
  return pod;
}

/**
 * getPodsToDelete: the first `diff` pods in ActivePodsWithRanks order, ranked by how many active
 * related pods share their node (getPodsRankedByRelatedPodsOnSameNode). No sort when all go.
 */
export function getPodsToDelete(filteredPods: KubeObject[], relatedPods: KubeObject[], diff: number, nowMs: number): KubeObject[] {
  if (diff >= filteredPods.length) return filteredPods.slice(0, diff);
  const podsOnNode = new Map<string, number>();
  for (const p of relatedPods) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    podsOnNode.set(node, (podsOnNode.get(node) ?? 0) + 1);
  }
  const ranked = filteredPods.map((p) => rankedPod(p, podsOnNode.get(p.spec?.nodeName ?? '') ?? 0));
  return sortActivePodsWithRanks(ranked, nowMs)
    .slice(0, diff)
    .map((r) => r.pod);
}
