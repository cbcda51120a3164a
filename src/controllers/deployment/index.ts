// The Deployment controller: watches Deployments, ReplicaSets and pod deletions, and reconciles a
// deployment key with syncDeployment (claim ReplicaSets, then pause / rollback / scaling event /
// rollout by strategy). Ported from pkg/controller/deployment/deployment_controller.go; the steps
// live beside it in sync.ts, rolling.ts, recreate.ts, rollback.ts and progress.ts.
import { isStatusError } from '../../apiserver/errors';
import { fromLabelSelector, matches } from '../../apiserver/labels';
import type { Deployment, KubeObject, OwnerReference, Pod, ReplicaSet, WatchEvent } from '../../apiserver/types';
import { deepEqual } from '../../util/clone';
import type { Controller, ControllerContext } from '../controller';
import { objectKey, splitKey } from '../controller';
import { claimObjects, controllerOf } from '../util/controllerref';
import { rolloutRecreate, type PodMap } from './recreate';
import { rollback } from './rollback';
import { rolloutRolling } from './rolling';
import { checkPausedConditions, COMPONENT, isScalingEvent, sync, syncStatusOnly, updateDeploymentStatus, type DeploymentSyncContext } from './sync';
import { GetDeploymentsForReplicaSet, ReplicaSetsByCreationTimestamp, getRollbackTo, isEmptySelector, strategyType } from './util';

/** maxRetries: a failing deployment is retried this many times (rate-limited), then dropped until its next change. */
const maxRetries = 15;
/** workqueue.DefaultControllerRateLimiter's per-item base delay: 5ms × 2^retries. */
const baseRetryDelayMs = 5;

/**
 * The deployment a sync works on (upstream: `d.DeepCopy()`). The stored object is deep-frozen, and
 * a sync only ever replaces whole fields of `spec` (SetFromReplicaSetTemplate), of `status`
 * (conditions are replaced, never edited in place) and of the annotations map (set / delete a
 * key): fresh copies of those containers let everything below them be shared with the store,
 * which also keeps the template's identity across syncs (EqualIgnoreHash memoizes on it).
 */
export function copyForSync(stored: Deployment): Deployment {
  const meta = stored.metadata;
  const d: Deployment = { ...stored, metadata: { ...meta }, spec: { ...(stored.spec ?? {}) } };
  if (meta.annotations) d.metadata.annotations = { ...meta.annotations };
  if (stored.status) d.status = { ...stored.status };
  return d;
}

export class DeploymentController implements Controller {
  readonly name = COMPONENT;
  private ctx!: ControllerContext;
  private dc!: DeploymentSyncContext;
  /** ReplicaSets without a controller, by namespace then name: the adoption candidates (an informer index). */
  private readonly orphanRSs = new Map<string, Map<string, ReplicaSet>>();
  /** Number of pods (terminating ones included) per controlling ReplicaSet uid. */
  private readonly podCounts = new Map<string, number>();
  /** Pending progress-check timers: key → when it fires (the delaying queue keeps the earliest). */
  private readonly progressChecks = new Map<string, number>();
  /** Consecutive failed syncs per key (the rate limiter's memory). */
  private readonly retries = new Map<string, number>();

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.dc = {
      api: ctx.api,
      clock: ctx.clock,
      recorder: ctx.recorder,
      enqueueAfter: (d, ms) => this.enqueueAfter(d, ms),
    };
    // Objects that exist before the controller starts (an informer's initial list).
    for (const rs of ctx.api.list('ReplicaSet')) this.indexReplicaSet(undefined, rs as ReplicaSet);
    for (const pod of ctx.api.list('Pod')) this.countPod(undefined, pod);
    for (const d of ctx.api.list('Deployment')) this.enqueue(d);

    ctx.api.watch('Deployment', (ev) => this.enqueue(ev.object));
    ctx.api.watch('ReplicaSet', (ev) => this.onReplicaSet(ev));
    ctx.api.watch('Pod', (ev) => this.onPod(ev));
  }

  reconcile(key: string): void {
    try {
      this.syncDeployment(key);
      this.retries.delete(key);
    } catch (err) {
      this.handleErr(err, key);
    }
  }

  // ---- event handlers ------------------------------------------------------------------------

  private enqueue(d: KubeObject): void {
    this.ctx.queue.add(objectKey(d));
  }

  /** queue.AddAfter for a progress check: only an earlier timer replaces a pending one. */
  private enqueueAfter(d: Deployment, ms: number): void {
    const key = objectKey(d);
    const at = this.ctx.clock.now() + ms;
    const pending = this.progressChecks.get(key);
    if (pending !== undefined && pending > this.ctx.clock.now() && pending <= at) return;
    this.progressChecks.set(key, at);
    this.ctx.queue.addAfter(key, ms, { settle: false });
  }

  private onReplicaSet(ev: WatchEvent): void {
    const rs = ev.object as ReplicaSet;
    const old = ev.oldObject as ReplicaSet | undefined;
    this.indexReplicaSet(old, ev.type === 'DELETED' ? undefined : rs);
    if (ev.type === 'ADDED') this.addReplicaSet(rs);
    else if (ev.type === 'MODIFIED') this.updateReplicaSet(old!, rs);
    else this.deleteReplicaSet(rs);
  }

  /** addReplicaSet: wake the owner, or, for an orphan, every deployment that could adopt it. */
  private addReplicaSet(rs: ReplicaSet): void {
    if (rs.metadata.deletionTimestamp) return this.deleteReplicaSet(rs);
    const ref = controllerOf(rs);
    if (ref) {
      const d = this.resolveControllerRef(rs.metadata.namespace!, ref);
      if (d) this.enqueue(d);
      return;
    }
    for (const d of this.getDeploymentsForReplicaSet(rs)) this.enqueue(d);
  }

  /**
   * updateReplicaSet: wake the old and new owners; for an orphan whose labels or owner changed, every
   * candidate. The owner of an RS that merely changed is woken once the cluster is idle at this
   * instant rather than at once: while pods come up one by one, each RS status write would
   * otherwise cost a deployment sync (upstream coalesces them through informer latency and its
   * work queue; the settle loop, visiting every controller in turn, would not).
   */
  private updateReplicaSet(oldRS: ReplicaSet, curRS: ReplicaSet): void {
    if (curRS.metadata.resourceVersion === oldRS.metadata.resourceVersion) return;
    const curRef = controllerOf(curRS);
    const oldRef = controllerOf(oldRS);
    const controllerRefChanged = !deepEqual(curRef, oldRef);
    if (controllerRefChanged && oldRef) {
      const d = this.resolveControllerRef(oldRS.metadata.namespace!, oldRef);
      if (d) this.enqueue(d);
    }
    if (curRef) {
      const d = this.resolveControllerRef(curRS.metadata.namespace!, curRef);
      if (!d) return;
      if (controllerRefChanged) this.enqueue(d);
      else this.ctx.queue.addWhenIdle(objectKey(d));
      return;
    }
    const labelChanged = !deepEqual(curRS.metadata.labels, oldRS.metadata.labels);
    if (labelChanged || controllerRefChanged) {
      for (const d of this.getDeploymentsForReplicaSet(curRS)) this.enqueue(d);
    }
  }

  /** deleteReplicaSet: wake the owner (nobody cares about deleted orphans). */
  private deleteReplicaSet(rs: ReplicaSet): void {
    const ref = controllerOf(rs);
    if (!ref) return;
    const d = this.resolveControllerRef(rs.metadata.namespace!, ref);
    if (d) this.enqueue(d);
  }

  private onPod(ev: WatchEvent): void {
    this.countPod(ev.oldObject, ev.type === 'DELETED' ? undefined : ev.object);
    if (ev.type === 'DELETED') this.deletePod(ev.object as Pod);
  }

  /**
   * deletePod: a Recreate deployment waits for its old pods to be gone; wake it when the last pod
   * of all its ReplicaSets disappears.
   */
  private deletePod(pod: Pod): void {
    const d = this.getDeploymentForPod(pod);
    if (!d || strategyType(d) !== 'Recreate') return;
    let numPods = 0;
    for (const rs of this.listReplicaSets(d)) numPods += this.podCounts.get(rs.metadata.uid!) ?? 0;
    if (numPods === 0) this.enqueue(d);
  }

  private getDeploymentForPod(pod: Pod): Deployment | undefined {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.ctx.api.get('ReplicaSet', ref.name, pod.metadata.namespace);
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    const dref = controllerOf(rs);
    return dref ? this.resolveControllerRef(rs.metadata.namespace!, dref) : undefined;
  }

  /** resolveControllerRef: the Deployment a controllerRef names, if it still exists with that uid. */
  private resolveControllerRef(namespace: string, ref: OwnerReference): Deployment | undefined {
    if (ref.kind !== 'Deployment') return undefined;
    const d = this.ctx.api.get('Deployment', ref.name, namespace);
    return d && d.metadata.uid === ref.uid ? (d as Deployment) : undefined;
  }

  private getDeploymentsForReplicaSet(rs: ReplicaSet): Deployment[] {
    return GetDeploymentsForReplicaSet(this.ctx.api.list('Deployment', { namespace: rs.metadata.namespace }) as Deployment[], rs);
  }

  // ---- caches kept from watch events ---------------------------------------------------------

  private indexReplicaSet(old: ReplicaSet | undefined, cur: ReplicaSet | undefined): void {
    if (old) this.orphanRSs.get(old.metadata.namespace!)?.delete(old.metadata.name!);
    if (cur && !controllerOf(cur)) {
      const ns = cur.metadata.namespace!;
      let byName = this.orphanRSs.get(ns);
      if (!byName) this.orphanRSs.set(ns, (byName = new Map()));
      byName.set(cur.metadata.name!, cur);
    }
  }

  private countPod(old: KubeObject | undefined, cur: KubeObject | undefined): void {
    const oldUid = old ? controllerOf(old)?.uid : undefined;
    const curUid = cur ? controllerOf(cur)?.uid : undefined;
    if (old && cur && oldUid === curUid) return;
    if (oldUid) {
      const n = (this.podCounts.get(oldUid) ?? 0) - 1;
      if (n > 0) this.podCounts.set(oldUid, n);
      else this.podCounts.delete(oldUid);
    }
    if (curUid) this.podCounts.set(curUid, (this.podCounts.get(curUid) ?? 0) + 1);
  }

  // ---- sync ----------------------------------------------------------------------------------

  /**
   * handleErr: conflicts retry at once (the object moved on; the retry reads it afresh); other API
   * errors retry rate-limited (5ms·2^n of simulated time, on timers that never block settling),
   * up to maxRetries, then wait for the deployment's next change. Anything else is a bug: thrown.
   */
  private handleErr(err: unknown, key: string): void {
    if (!isStatusError(err)) throw err;
    if (err.reason === 'Conflict') {
      this.ctx.queue.add(key);
      return;
    }
    const n = this.retries.get(key) ?? 0;
    if (n >= maxRetries) {
      this.retries.delete(key);
      return;
    }
    this.retries.set(key, n + 1);
    this.ctx.queue.addAfter(key, baseRetryDelayMs * 2 ** n, { settle: false });
  }

  /**
   * syncDeployment: the deployment's ReplicaSets claimed (adopted / released), then, in upstream's
   * order of priority: deletion (status only), pause (scale and clean up only), legacy rollback,
   * scaling event (proportional scaling), and finally the rollout by strategy.
   */
  syncDeployment(key: string): void {
    const { namespace, name } = splitKey(key);
    const stored = this.ctx.api.get('Deployment', name, namespace);
    if (!stored) {
      this.progressChecks.delete(key);
      this.retries.delete(key);
      return;
    }
    const d = copyForSync(stored as Deployment);

    // A selector that selects everything is refused: only observe the generation.
    if (isEmptySelector(d.spec.selector)) {
      this.ctx.recorder.record(COMPONENT, d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...(d.status ?? {}), observedGeneration: d.metadata.generation };
        updateDeploymentStatus(this.dc, d);
      }
      return;
    }

    const rsList = this.getReplicaSetsForDeployment(d);
    // Pods are looked at only by Recreate, and only once no old RS reports any: built on demand.
    const podMap = () => this.getPodMapForDeployment(d, rsList);

    if (d.metadata.deletionTimestamp) return syncStatusOnly(this.dc, d, rsList);

    // Paused / resumed conditions, so that a resumed deployment is not timed out for its pause.
    checkPausedConditions(this.dc, d);
    if (d.spec.paused) return sync(this.dc, d, rsList);

    // rollback is not re-entrant: nothing else until the rollback annotation is cleared.
    if (getRollbackTo(d) !== undefined) return rollback(this.dc, d, rsList);

    if (isScalingEvent(this.dc, d, rsList)) return sync(this.dc, d, rsList);

    switch (strategyType(d)) {
      case 'Recreate':
        return rolloutRecreate(this.dc, d, rsList, podMap);
      case 'RollingUpdate':
        return rolloutRolling(this.dc, d, rsList);
    }
    // Validation admits only the two types; an unknown one is left alone, as upstream's error would.
  }

  /**
   * getReplicaSetsForDeployment: claim, with the deployment's selector, the RSs it controls and the
   * orphans of its namespace (upstream lists every RS of the namespace; those controlled by
   * someone else are ignored by the claim anyway). Oldest first.
   */
  private getReplicaSetsForDeployment(d: Deployment): ReplicaSet[] {
    const uid = d.metadata.uid!;
    const candidates: KubeObject[] = this.listControlled(d);
    for (const rs of this.orphanRSs.get(d.metadata.namespace!)?.values() ?? []) candidates.push(rs);
    const selector = fromLabelSelector(d.spec.selector);
    const claimed = claimObjects(this.ctx.api, d, selector, candidates) as ReplicaSet[];
    return claimed.filter((rs) => controllerOf(rs)?.uid === uid).sort(ReplicaSetsByCreationTimestamp);
  }

  /** The RSs whose controllerRef is this deployment (owner index). */
  private listControlled(d: Deployment): ReplicaSet[] {
    const uid = d.metadata.uid!;
    return this.ctx.api.listDependents(uid).filter((o) => o.kind === 'ReplicaSet' && controllerOf(o)?.uid === uid) as ReplicaSet[];
  }

  /** util.ListReplicaSets: controlled RSs whose labels match the selector (no adoption). */
  private listReplicaSets(d: Deployment): ReplicaSet[] {
    const selector = fromLabelSelector(d.spec?.selector);
    return this.listControlled(d).filter((rs) => matches(selector, rs.metadata.labels));
  }

  /**
   * getPodMapForDeployment: pods by controlling RS uid (terminating and terminal pods included),
   * for the RSs of rsList; only pods that match the deployment's selector. From the owner index.
   */
  private getPodMapForDeployment(d: Deployment, rsList: readonly ReplicaSet[]): PodMap {
    const selector = fromLabelSelector(d.spec.selector);
    const podMap = new Map<string, Pod[]>();
    for (const rs of rsList) {
      const uid = rs.metadata.uid!;
      const pods: Pod[] = [];
      if (this.podCounts.has(uid)) {
        for (const o of this.ctx.api.listDependents(uid)) {
          if (o.kind === 'Pod' && controllerOf(o)?.uid === uid && matches(selector, o.metadata.labels)) pods.push(o as Pod);
        }
      }
      podMap.set(uid, pods);
    }
    return podMap;
  }
}
