// The RollingUpdate strategy: grow the new ReplicaSet within the surge budget, shrink the old ones
// within the availability budget, one step per sync. Ported from
// pkg/controller/deployment/rolling.go; function names are upstream's.
import { isStatusError } from '../../apiserver/errors';
import type { Deployment, ReplicaSet } from '../../apiserver/types';
import { syncRolloutStatus } from './progress';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent, withNew, type DeploymentSyncContext } from './sync';
import {
  DeploymentComplete,
  FilterActiveReplicaSets,
  GetAvailableReplicaCountForReplicaSets,
  GetReplicaCountForReplicaSets,
  MaxUnavailable,
  NewRSNewReplicas,
  ReplicaSetsByCreationTimestamp,
  deploymentReplicas,
  rsReplicas,
} from './util';

/** The "got invalid request to scale down" errors of cleanupUnhealthyReplicas / scaleDownOldReplicaSetsForRollingUpdate. */
export class InvalidScaleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidScaleError';
  }
}

/**
 * rolloutRolling: create the new RS if needed, scale it up if the surge budget allows (and stop
 * there), else scale old RSs down if availability allows; once complete, clean up old revisions.
 */
export function rolloutRolling(dc: DeploymentSyncContext, d: Deployment, rsList: readonly ReplicaSet[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = withNew(oldRSs, newRS);

  // Scale up, if we can.
  const scaledUp = reconcileNewReplicaSet(dc, allRSs, newRS!, d);
  if (scaledUp) return syncRolloutStatus(dc, allRSs, newRS, d);

  // Scale down, if we can.
  const scaledDown = reconcileOldReplicaSets(dc, allRSs, FilterActiveReplicaSets(oldRSs), newRS!, d);
  if (scaledDown) return syncRolloutStatus(dc, allRSs, newRS, d);

  if (DeploymentComplete(d, d.status ?? {})) cleanupDeployment(dc, oldRSs, d);
  syncRolloutStatus(dc, allRSs, newRS, d);
}

/**
 * reconcileNewReplicaSet: the new RS at replicas → nothing; above → scaled down to replicas;
 * below → NewRSNewReplicas (surge budget only, availability plays no part). Returns whether it scaled.
 */
export function reconcileNewReplicaSet(dc: DeploymentSyncContext, allRSs: readonly ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  if (rsReplicas(newRS) === deploymentReplicas(d)) return false;
  if (rsReplicas(newRS) > deploymentReplicas(d)) {
    return scaleReplicaSetAndRecordEvent(dc, newRS, deploymentReplicas(d), d)[0];
  }
  const newReplicasCount = NewRSNewReplicas(d, allRSs, newRS);
  return scaleReplicaSetAndRecordEvent(dc, newRS, newReplicasCount, d)[0];
}

/**
 * reconcileOldReplicaSets: maxScaledDown = Σ spec(all) − minAvailable − unavailable pods of the new
 * RS (so that a broken new RS never lets availability drop further). Unhealthy old replicas go
 * first, then old RSs shrink, oldest first, by what availability above minAvailable allows.
 * Returns whether anything was scaled down.
 */
export function reconcileOldReplicaSets(dc: DeploymentSyncContext, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  const oldPodsCount = GetReplicaCountForReplicaSets(oldRSs);
  if (oldPodsCount === 0) return false; // Can't scale down further.
  const allPodsCount = GetReplicaCountForReplicaSets(allRSs);
  const maxUnavailable = MaxUnavailable(d);
  const minAvailable = deploymentReplicas(d) - maxUnavailable;
  const newRSUnavailablePodCount = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return false;

  // Clean up unhealthy replicas first, otherwise they would block the rollout (kubernetes#16737).
  // Upstream swallows errors of both steps here (`return false, nil`): the sync goes on to the
  // status, and the next change brings the deployment back. That includes the "invalid request"
  // of an old RS whose status, not yet caught up with a scale-down, shows more available pods
  // than its spec. (API errors and those only; anything else is a bug and still throws.)
  let cleanedOldRSs: ReplicaSet[];
  let cleanupCount: number;
  try {
    [cleanedOldRSs, cleanupCount] = cleanupUnhealthyReplicas(dc, oldRSs, d, maxScaledDown);
  } catch (err) {
    if (!isStatusError(err) && !(err instanceof InvalidScaleError)) throw err;
    return false;
  }
  let scaledDownCount: number;
  try {
    scaledDownCount = scaleDownOldReplicaSetsForRollingUpdate(dc, withNew(cleanedOldRSs, newRS), cleanedOldRSs, d);
  } catch (err) {
    if (!isStatusError(err) && !(err instanceof InvalidScaleError)) throw err;
    return false;
  }
  return cleanupCount + scaledDownCount > 0;
}

/**
 * cleanupUnhealthyReplicas: oldest first, shrink each old RS by its unavailable replicas, up to
 * `maxCleanupCount` in all. Returns [the old RSs as they now stand, the number removed].
 */
export function cleanupUnhealthyReplicas(dc: DeploymentSyncContext, oldRSs: readonly ReplicaSet[], d: Deployment, maxCleanupCount: number): [ReplicaSet[], number] {
  const sorted = [...oldRSs].sort(ReplicaSetsByCreationTimestamp);
  let totalScaledDown = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (totalScaledDown >= maxCleanupCount) break;
    const targetRS = sorted[i];
    const replicas = rsReplicas(targetRS);
    const available = targetRS.status?.availableReplicas ?? 0;
    if (replicas === 0) continue; // cannot scale down this replica set.
    if (replicas === available) continue; // no unhealthy replicas found.
    const scaledDownCount = Math.min(maxCleanupCount - totalScaledDown, replicas - available);
    const newReplicasCount = replicas - scaledDownCount;
    if (newReplicasCount > replicas) {
      throw new InvalidScaleError(`when cleaning up unhealthy replicas, got invalid request to scale down ${targetRS.metadata.namespace}/${targetRS.metadata.name} ${replicas} -> ${newReplicasCount}`);
    }
    const [, updatedOldRS] = scaleReplicaSetAndRecordEvent(dc, targetRS, newReplicasCount, d);
    totalScaledDown += scaledDownCount;
    sorted[i] = updatedOldRS;
  }
  return [sorted, totalScaledDown];
}

/**
 * scaleDownOldReplicaSetsForRollingUpdate: with Σ available(all RSs) above minAvailable, remove the
 * difference from old RSs, oldest first. Returns the number removed.
 */
export function scaleDownOldReplicaSetsForRollingUpdate(dc: DeploymentSyncContext, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], d: Deployment): number {
  const maxUnavailable = MaxUnavailable(d);
  const minAvailable = deploymentReplicas(d) - maxUnavailable;
  const availablePodCount = GetAvailableReplicaCountForReplicaSets(allRSs);
  if (availablePodCount <= minAvailable) return 0; // Cannot scale down.

  const sorted = [...oldRSs].sort(ReplicaSetsByCreationTimestamp);
  let totalScaledDown = 0;
  const totalScaleDownCount = availablePodCount - minAvailable;
  for (const targetRS of sorted) {
    if (totalScaledDown >= totalScaleDownCount) break;
    const replicas = rsReplicas(targetRS);
    if (replicas === 0) continue;
    const scaleDownCount = Math.min(replicas, totalScaleDownCount - totalScaledDown);
    const newReplicasCount = replicas - scaleDownCount;
    if (newReplicasCount > replicas) {
      throw new InvalidScaleError(`when scaling down old RS, got invalid request to scale down ${targetRS.metadata.namespace}/${targetRS.metadata.name} ${replicas} -> ${newReplicasCount}`);
    }
    scaleReplicaSetAndRecordEvent(dc, targetRS, newReplicasCount, d);
    totalScaledDown += scaleDownCount;
  }
  return totalScaledDown;
}
