// ReplicaSet status arithmetic, after pkg/controller/replicaset/replica_set_utils.go:
// calculateStatus, the ReplicaFailure condition helpers and the "write only when changed" test of
// updateReplicaSetStatus.
import type { KubeObject, ReplicaSet } from '../../apiserver/types';
import { deepClone, deepEqual } from '../../util/clone';
import { formatTime } from '../../util/clock';
import { hasLabels } from './pod_index';
import { isPodReady, podReadyTime } from '../util/pods';

export interface ReplicaSetCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaSetCondition[];
  [field: string]: unknown;
}

/** The counts calculateStatus derives from the ReplicaSet's active pods. */
export interface PodCounts {
  replicas: number;
  fullyLabeled: number;
  ready: number;
  available: number;
  /** Earliest time (ms) a ready pod that is not yet available becomes available; undefined if none. */
  nextAvailableAt?: number;
}

/**
 * Availability of ready pods given when each became ready: podutil.IsPodAvailable is
 * `minReadySeconds == 0 || lastTransitionTime + minReadySeconds < now` (strictly before).
 */
export function countAvailable(readySince: Iterable<number>, minReadySeconds: number, nowMs: number): { available: number; nextAvailableAt?: number } {
  let available = 0;
  let next: number | undefined;
  for (const t of readySince) {
    if (!minReadySeconds) {
      available++;
      continue;
    }
    if (t === 0) continue; // no lastTransitionTime: never available (IsPodAvailable)
    const at = t + minReadySeconds * 1000;
    if (at < nowMs) available++;
    else if (next === undefined || at < next) next = at;
  }
  return { available, nextAvailableAt: next };
}

/** The counts over `filteredPods` (the active pods the ReplicaSet controls), as calculateStatus makes them. */
export function countPods(rs: ReplicaSet, filteredPods: readonly KubeObject[], nowMs: number): PodCounts {
  const templateLabels = rs.spec.template?.metadata?.labels ?? {};
  let fullyLabeled = 0;
  const readySince: number[] = [];
  for (const pod of filteredPods) {
    if (hasLabels(pod, templateLabels)) fullyLabeled++;
    if (isPodReady(pod)) readySince.push(podReadyTime(pod));
  }
  return { replicas: filteredPods.length, fullyLabeled, ready: readySince.length, ...countAvailable(readySince, rs.spec.minReadySeconds ?? 0, nowMs) };
}

export const REPLICA_FAILURE = 'ReplicaFailure';

/**
 * calculateStatus: counts from the pods, and the ReplicaFailure condition set (reason FailedCreate
 * when short of pods, FailedDelete when over) on a manageReplicas error, removed on success. An
 * existing ReplicaFailure condition is left as it is while errors continue (upstream only adds one
 * when none is present).
 */
export function calculateStatus(rs: ReplicaSet, counts: PodCounts, manageReplicasErr: Error | undefined, nowMs: number): ReplicaSetStatus {
  const newStatus = deepClone((rs.status ?? {}) as ReplicaSetStatus);
  const failureCond = getCondition(newStatus, REPLICA_FAILURE);
  if (manageReplicasErr && !failureCond) {
    const diff = counts.replicas - (rs.spec.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    setCondition(newStatus, { type: REPLICA_FAILURE, status: 'True', lastTransitionTime: formatTime(nowMs), reason, message: manageReplicasErr.message });
  } else if (!manageReplicasErr && failureCond) {
    removeCondition(newStatus, REPLICA_FAILURE);
  }
  newStatus.replicas = counts.replicas;
  // int32 fields with `omitempty`: absent when zero, as the API serialises them.
  setOrOmit(newStatus, 'fullyLabeledReplicas', counts.fullyLabeled);
  setOrOmit(newStatus, 'readyReplicas', counts.ready);
  setOrOmit(newStatus, 'availableReplicas', counts.available);
  return inFieldOrder(newStatus);
}

/** apps/v1 ReplicaSetStatus field order (how the API server serialises it), other fields after. */
const STATUS_FIELDS = ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration', 'conditions'];

function inFieldOrder(status: ReplicaSetStatus): ReplicaSetStatus {
  const out: Record<string, unknown> = {};
  for (const f of STATUS_FIELDS) if (status[f] !== undefined) out[f] = status[f];
  for (const f of Object.keys(status)) if (!(f in out) && status[f] !== undefined) out[f] = status[f];
  return out as ReplicaSetStatus;
}

function setOrOmit(status: ReplicaSetStatus, field: 'fullyLabeledReplicas' | 'readyReplicas' | 'availableReplicas', n: number): void {
  if (n) status[field] = n;
  else delete status[field];
}

export function getCondition(status: ReplicaSetStatus | undefined, type: string): ReplicaSetCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** SetCondition: replace a condition of the same type unless status and reason are unchanged. */
export function setCondition(status: ReplicaSetStatus, cond: ReplicaSetCondition): void {
  const current = getCondition(status, cond.type);
  if (current && current.status === cond.status && current.reason === cond.reason) return;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), cond];
}

export function removeCondition(status: ReplicaSetStatus, type: string): void {
  const rest = (status.conditions ?? []).filter((c) => c.type !== type);
  if (rest.length) status.conditions = rest;
  else delete status.conditions;
}

/**
 * updateReplicaSetStatus's early return: nothing to write when the counts and conditions are the
 * same and the generation has been observed. Otherwise the status to write, with observedGeneration.
 */
export function statusToWrite(rs: ReplicaSet, newStatus: ReplicaSetStatus): ReplicaSetStatus | undefined {
  const old = (rs.status ?? {}) as ReplicaSetStatus;
  if (
    (old.replicas ?? 0) === newStatus.replicas &&
    (old.fullyLabeledReplicas ?? 0) === (newStatus.fullyLabeledReplicas ?? 0) &&
    (old.readyReplicas ?? 0) === (newStatus.readyReplicas ?? 0) &&
    (old.availableReplicas ?? 0) === (newStatus.availableReplicas ?? 0) &&
    rs.metadata.generation === old.observedGeneration &&
    deepEqual(old.conditions ?? [], newStatus.conditions ?? [])
  ) {
    return undefined;
  }
  return inFieldOrder({ ...newStatus, observedGeneration: rs.metadata.generation });
}
