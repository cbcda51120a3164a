// Rollout status with progress estimation: the Progressing condition (NewReplicaSetAvailable,
// ReplicaSetUpdated, ProgressDeadlineExceeded), ReplicaSet failures surfaced on the Deployment,
// and the requeue that lets a stuck rollout time out. Ported from
// pkg/controller/deployment/progress.go; function names are upstream's.
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from '../../apiserver/types';
import { parseTime } from '../../util/clock';
import { calculateStatus, statusEqual, updateDeploymentStatus, type DeploymentSyncContext } from './sync';
import {
  DeploymentComplete,
  DeploymentProgressing,
  DeploymentTimedOut,
  GetDeploymentCondition,
  HasProgressDeadline,
  NewDeploymentCondition,
  NewRSAvailableReason,
  RemoveDeploymentCondition,
  ReplicaSetToDeploymentCondition,
  ReplicaSetUpdatedReason,
  SetDeploymentCondition,
  TimedOutReason,
  progressDeadlineSeconds,
} from './util';

/**
 * syncRolloutStatus: the status during a rollout. Progress is estimated only while the latest
 * rollout has not completed: complete → NewReplicaSetAvailable; progress since the last status →
 * ReplicaSetUpdated (lastUpdateTime refreshed); no progress for progressDeadlineSeconds →
 * ProgressDeadlineExceeded. An unchanged status arms the progress-deadline check instead.
 */
export function syncRolloutStatus(dc: DeploymentSyncContext, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const now = dc.clock.timestamp();
  const newStatus = calculateStatus(allRSs, newRS, d, now);

  // Without progressDeadlineSeconds there is no Progressing condition at all.
  if (!HasProgressDeadline(d)) RemoveDeploymentCondition(newStatus, 'Progressing');

  // A resync of a completed rollout estimates nothing.
  const currentCond = GetDeploymentCondition(d.status, 'Progressing');
  const isCompleteDeployment = (newStatus.replicas ?? 0) === (newStatus.updatedReplicas ?? 0) && currentCond?.reason === NewRSAvailableReason;
  if (HasProgressDeadline(d) && !isCompleteDeployment) {
    if (DeploymentComplete(d, newStatus)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      SetDeploymentCondition(newStatus, NewDeploymentCondition('Progressing', 'True', NewRSAvailableReason, msg, now));
    } else if (DeploymentProgressing(d, newStatus)) {
      // Progress: refresh lastUpdateTime even though the reason stays the same (which
      // SetDeploymentCondition alone would not do); keep lastTransitionTime if already True.
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const condition = NewDeploymentCondition('Progressing', 'True', ReplicaSetUpdatedReason, msg, now);
      if (currentCond) {
        if (currentCond.status === 'True') condition.lastTransitionTime = currentCond.lastTransitionTime;
        RemoveDeploymentCondition(newStatus, 'Progressing');
      }
      SetDeploymentCondition(newStatus, condition);
    } else if (DeploymentTimedOut(d, newStatus, dc.clock.now())) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      SetDeploymentCondition(newStatus, NewDeploymentCondition('Progressing', 'False', TimedOutReason, msg, now));
    }
  }

  // ReplicaSet failures become the deployment's ReplicaFailure condition (the new RS's first).
  const replicaFailureCond = getReplicaFailures(allRSs, newRS);
  if (replicaFailureCond.length > 0) SetDeploymentCondition(newStatus, replicaFailureCond[0]);
  else RemoveDeploymentCondition(newStatus, 'ReplicaFailure');

  if (statusEqual(d.status, newStatus)) {
    requeueStuckDeployment(dc, d, newStatus);
    return;
  }
  d.status = newStatus;
  updateDeploymentStatus(dc, d);
}

/** getReplicaFailures: ReplicaFailure conditions of the new RS, or else of any RS. */
export function getReplicaFailures(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentCondition[] {
  const conditions: DeploymentCondition[] = [];
  for (const c of newRS?.status?.conditions ?? []) if (c.type === 'ReplicaFailure') conditions.push(ReplicaSetToDeploymentCondition(c));
  if (conditions.length > 0) return conditions;
  for (const rs of allRSs) {
    for (const c of rs?.status?.conditions ?? []) if (c.type === 'ReplicaFailure') conditions.push(ReplicaSetToDeploymentCondition(c));
  }
  return conditions;
}

/**
 * requeueStuckDeployment: a rollout that shows no progress is checked again when its deadline
 * passes (Progressing.lastUpdateTime + progressDeadlineSeconds, plus upstream's extra second).
 * Returns the delay in ms, or −1 when no check is needed. The timer never blocks settling: only
 * someone who waits reaches it.
 */
export function requeueStuckDeployment(dc: DeploymentSyncContext, d: Deployment, newStatus: DeploymentStatus): number {
  const currentCond = GetDeploymentCondition(d.status, 'Progressing');
  if (!HasProgressDeadline(d) || !currentCond) return -1;
  if (DeploymentComplete(d, newStatus) || currentCond.reason === TimedOutReason) return -1;
  const after = parseTime(currentCond.lastUpdateTime) + progressDeadlineSeconds(d) * 1000 - dc.clock.now();
  // Upstream requeues (rate-limited) at once when less than a second is left; simulated time
  // stands still during a settle, so the check is scheduled for when the deadline has passed.
  const delay = Math.max(after, 0) + 1000;
  dc.enqueueAfter(d, delay);
  return after < 1000 ? 0 : after;
}
