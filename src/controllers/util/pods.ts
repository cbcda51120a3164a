// Pod predicates and the deletion ordering that controllers share, after upstream's
// pkg/api/v1/pod/util.go (podutil) and pkg/controller/controller_utils.go.
import type { KubeObject } from '../../apiserver/types';
import { parseTime as parseTimeUncached } from '../../util/clock';

/** RFC 3339 timestamps repeat (second precision): parse each distinct one once. */
const parsed = new Map<string, number>();
function parseTime(ts: string | undefined): number {
  if (!ts) return 0;
  let ms = parsed.get(ts);
  if (ms === undefined) {
    if (parsed.size >= 4096) parsed.clear();
    parsed.set(ts, (ms = parseTimeUncached(ts)));
  }
  return ms;
}

type PodCondition = { type: string; status: string; lastTransitionTime?: string };

/** podutil.GetPodReadyCondition: the pod's `Ready` condition, if any. */
export function getPodReadyCondition(pod: KubeObject): PodCondition | undefined {
  const conds: PodCondition[] | undefined = pod.status?.conditions;
  if (!conds) return undefined;
  // An index loop: for-of over a (frozen, stored) array allocates an iterator result per element.
  for (let i = 0; i < conds.length; i++) if (conds[i].type === 'Ready') return conds[i];
  return undefined;
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: KubeObject): boolean {
  return getPodReadyCondition(pod)?.status === 'True';
}

/**
 * podutil.IsPodAvailable: ready, and ready for at least minReadySeconds
 * (`minReadySeconds == 0 || lastTransitionTime + minReadySeconds < now`; strictly before).
 */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, nowMs: number): boolean {
  const c = getPodReadyCondition(pod);
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const t = parseTime(c.lastTransitionTime);
  return t !== 0 && t + minReadySeconds * 1000 < nowMs;
}

/** controller.IsPodActive: not Succeeded, not Failed, not being deleted. */
export function isPodActive(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

/** controller.FilterActivePods. */
export function filterActivePods<T extends KubeObject>(pods: readonly T[]): T[] {
  return pods.filter(isPodActive);
}

/** The time the pod became ready (ms), 0 when not ready or unknown (podReadyTime). */
export function podReadyTime(pod: KubeObject): number {
  const c = getPodReadyCondition(pod);
  return c?.status === 'True' ? parseTime(c.lastTransitionTime) : 0;
}

/** maxContainerRestarts: the highest restartCount among the pod's containers. */
export function maxContainerRestarts(pod: KubeObject): number {
  let max = 0;
  const statuses = (pod.status?.containerStatuses ?? []) as { restartCount?: number }[];
  for (let i = 0; i < statuses.length; i++) max = Math.max(max, statuses[i].restartCount ?? 0);
  return max;
}

/** core.PodDeletionCost: the annotation a user sets to steer ReplicaSet scale-down. */
export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/**
 * helper.GetDeletionCostFromPodAnnotations (pkg/apis/core/helper): the annotation as an int32;
 * missing or invalid (leading '+', leading zeros, out of range) counts as 0.
 */
export function getDeletionCostFromPodAnnotations(annotations: Record<string, string> | undefined): number {
  const v = annotations?.[POD_DELETION_COST];
  if (v === undefined) return 0;
  // validFirstDigit: "0", a leading '-', or any first character other than '0' and '+'.
  if (!(v === '0' || v[0] === '-' || (v.length > 0 && v[0] !== '0' && v[0] !== '+'))) return 0;
  if (!/^-?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** A pod with everything ActivePodsWithRanks.Less looks at, computed once (sorting 10,000 pods stays cheap). */
export interface RankedPod<T extends KubeObject = KubeObject> {
  pod: T;
  /** Number of active related pods on the same node (getPodsRankedByRelatedPodsOnSameNode). */
  rank: number;
  unassigned: boolean;
  phase: number;
  ready: boolean;
  cost: number;
  readyMs: number;
  restarts: number;
  createdMs: number;
  uid: string;
}

export function rankedPod<T extends KubeObject>(pod: T, rank: number): RankedPod<T> {
  const ready = isPodReady(pod);
  return {
    pod,
    rank,
    unassigned: !pod.spec?.nodeName,
    phase: PHASE_ORDINAL[pod.status?.phase as string] ?? 0,
    ready,
    cost: getDeletionCostFromPodAnnotations(pod.metadata.annotations),
    readyMs: ready ? podReadyTime(pod) : 0,
    restarts: maxContainerRestarts(pod),
    createdMs: parseTime(pod.metadata.creationTimestamp),
    uid: pod.metadata.uid ?? '',
  };
}

/** afterOrZero: a zero time sorts first; otherwise the later time first. */
function afterOrZero(t1: number, t2: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
  return t1 > t2;
}

/** logarithmicRankDiff: compare floor(log2(now − t)) of two times, durations in nanoseconds as Go's. */
function logarithmicRankDiff(t1: number, t2: number, nowMs: number): number {
  const d1 = (nowMs - t1) * 1e6;
  const d2 = (nowMs - t2) * 1e6;
  const r1 = d1 > 0 ? Math.floor(Math.log2(d1)) : -1;
  const r2 = d2 > 0 ? Math.floor(Math.log2(d2)) : -1;
  return r1 - r2;
}

/**
 * ActivePodsWithRanks.Less (pkg/controller/controller_utils.go): true when `a` should be deleted
 * before `b`. Feature gates as in Kubernetes 1.31+: PodDeletionCost on (beta, default true) and
 * LogarithmicScaleDown on (GA, locked): ready and creation times are compared in log2 buckets of
 * their age, equal buckets ordered by pod UID.
 *  1. unassigned < assigned; 2. Pending < Unknown < Running; 3. not ready < ready;
 *  4. lower pod-deletion-cost first; 5. higher rank (co-located related pods) first;
 *  6. both ready: more recently ready first (zero first); 7. more container restarts first;
 *  8. newer creation first (zero first).
 */
export function activePodsWithRanksLess(a: RankedPod, b: RankedPod, nowMs: number): boolean {
  if (a.unassigned !== b.unassigned) return a.unassigned;
  if (a.phase !== b.phase) return a.phase < b.phase;
  if (a.ready !== b.ready) return !a.ready;
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (a.ready && b.ready && a.readyMs !== b.readyMs) {
    if (!nowMs || a.readyMs === 0 || b.readyMs === 0) return afterOrZero(a.readyMs, b.readyMs);
    const diff = logarithmicRankDiff(a.readyMs, b.readyMs, nowMs);
    if (diff === 0) return a.uid < b.uid;
    return diff < 0;
  }
  if (a.restarts !== b.restarts) return a.restarts > b.restarts;
  if (a.createdMs !== b.createdMs) {
    if (!nowMs || a.createdMs === 0 || b.createdMs === 0) return afterOrZero(a.createdMs, b.createdMs);
    const diff = logarithmicRankDiff(a.createdMs, b.createdMs, nowMs);
    if (diff === 0) return a.uid < b.uid;
    return diff < 0;
  }
  return false;
}

/**
 * Sort ranked pods so the ones to delete first come first. Stable: pods Less cannot tell apart keep
 * their input order (Go's sort.Sort is unstable; any order of equals is upstream behaviour).
 */
export function sortActivePodsWithRanks<T extends KubeObject>(pods: RankedPod<T>[], nowMs: number): RankedPod<T>[] {
  return pods.sort((a, b) => (activePodsWithRanksLess(a, b, nowMs) ? -1 : activePodsWithRanksLess(b, a, nowMs) ? 1 : 0));
}
