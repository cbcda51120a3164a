// The Recreate strategy: scale every old ReplicaSet to 0, wait until no old pod runs, then bring
// the new ReplicaSet up to full size at once. Ported from pkg/controller/deployment/recreate.go;
// function names are upstream's.
import type { Deployment, Pod, ReplicaSet } from '../../apiserver/types';
import { syncRolloutStatus } from './progress';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent, withNew, type DeploymentSyncContext } from './sync';
import { DeploymentComplete, FilterActiveReplicaSets, GetActualReplicaCountForReplicaSets, deploymentReplicas, rsReplicas } from './util';

/** Pods of the deployment by the uid of the ReplicaSet that controls them (upstream's podMap). */
export type PodMap = ReadonlyMap<string, readonly Pod[]>;

/** A pod map, or a function that builds it: only Recreate needs pods, and only at the end. */
export type PodMapSource = PodMap | (() => PodMap);

/**
 * rolloutRecreate: old RSs to 0 (and stop there); while any old pod runs, only the status; then the
 * new RS (created now if missing) straight to replicas; clean-up once complete.
 */
export function rolloutRecreate(dc: DeploymentSyncContext, d: Deployment, rsList: readonly ReplicaSet[], podMap: PodMapSource): void {
  // Don't create a new RS if not already existed, so that we avoid scaling up before scaling down.
  let [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  let allRSs = withNew(oldRSs, newRS);
  const activeOldRSs = FilterActiveReplicaSets(oldRSs);

  const scaledDown = scaleDownOldReplicaSetsForRecreate(dc, activeOldRSs, d);
  if (scaledDown) return syncRolloutStatus(dc, allRSs, newRS, d);

  // Do not process a deployment when it has old pods running.
  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(dc, allRSs, newRS, d);

  if (!newRS) {
    [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
    allRSs = withNew(oldRSs, newRS);
  }

  scaleUpNewReplicaSetForRecreate(dc, newRS!, d);

  if (DeploymentComplete(d, d.status ?? {})) cleanupDeployment(dc, oldRSs, d);
  syncRolloutStatus(dc, allRSs, newRS, d);
}

/** scaleDownOldReplicaSetsForRecreate: every old RS to 0; returns whether any was scaled. */
export function scaleDownOldReplicaSetsForRecreate(dc: DeploymentSyncContext, oldRSs: ReplicaSet[], d: Deployment): boolean {
  let scaled = false;
  for (let i = 0; i < oldRSs.length; i++) {
    const rs = oldRSs[i];
    if (rsReplicas(rs) === 0) continue;
    const [scaledRS, updatedRS] = scaleReplicaSetAndRecordEvent(dc, rs, 0, d);
    if (scaledRS) {
      oldRSs[i] = updatedRS;
      scaled = true;
    }
  }
  return scaled;
}

/**
 * oldPodsRunning: an old RS still reports pods, or a pod not of the new RS is in any phase but
 * Succeeded/Failed (Unknown counts as running; so does a terminating pod, which still exists).
 */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], podMap: PodMapSource): boolean {
  if (GetActualReplicaCountForReplicaSets(oldRSs) > 0) return true;
  const map = typeof podMap === 'function' ? podMap() : podMap;
  for (const [rsUid, podList] of map) {
    // Pods of the new ReplicaSet do not count.
    if (newRS && newRS.metadata.uid === rsUid) continue;
    for (const pod of podList) {
      switch (pod.status?.phase) {
        case 'Failed':
        case 'Succeeded':
          continue; // Terminal pods do not count.
        default:
          // Pending, Running, and the deprecated Unknown (a node out of touch: it may still run).
          return true;
      }
    }
  }
  return false;
}

/** scaleUpNewReplicaSetForRecreate: the new RS straight to replicas. */
export function scaleUpNewReplicaSetForRecreate(dc: DeploymentSyncContext, newRS: ReplicaSet, d: Deployment): boolean {
  return scaleReplicaSetAndRecordEvent(dc, newRS, deploymentReplicas(d), d)[0];
}
