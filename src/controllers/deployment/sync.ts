// The parts of a deployment sync shared by every strategy: finding (or creating) the new
// ReplicaSet and syncing revisions, proportional scaling on scaling events and while paused,
// scaling one ReplicaSet with its event, revision-history clean-up and the status calculation.
// Ported from pkg/controller/deployment/sync.go (1.28); function names are upstream's.
import type { ApiServer } from '../../apiserver/apiserver';
import { isStatusError } from '../../apiserver/errors';
import type { Deployment, DeploymentStatus, ReplicaSet } from '../../apiserver/types';
import type { EventRecorder } from '../../cluster/events';
import type { Clock } from '../../util/clock';
import { deepClone, deepEqual } from '../../util/clone';
import { controllerOf } from '../util/controllerref';
import {
  CloneAndAddLabel,
  CloneSelectorAndAddLabel,
  ComputeHash,
  DefaultDeploymentUniqueLabelKey,
  EqualIgnoreHash,
  FailedRSCreateReason,
  FilterActiveReplicaSets,
  FindActiveOrLatest,
  FindNewReplicaSet,
  FindOldReplicaSets,
  FoundNewRSReason,
  GetActualReplicaCountForReplicaSets,
  GetAvailableReplicaCountForReplicaSets,
  GetDeploymentCondition,
  GetDesiredReplicasAnnotation,
  GetProportion,
  GetReadyReplicaCountForReplicaSets,
  GetReplicaCountForReplicaSets,
  HasProgressDeadline,
  HasRevisionHistoryLimit,
  IsRollingUpdate,
  IsSaturated,
  MaxRevision,
  MaxSurge,
  MaxUnavailable,
  MinimumReplicasAvailable,
  MinimumReplicasUnavailable,
  NewDeploymentCondition,
  NewReplicaSetReason,
  NewRSNewReplicas,
  PausedDeployReason,
  ReplicaSetsByRevision,
  ReplicaSetsBySizeNewer,
  ReplicaSetsBySizeOlder,
  ReplicasAnnotationsNeedUpdate,
  ResumedDeployReason,
  SetDeploymentCondition,
  SetDeploymentRevision,
  SetNewReplicaSetAnnotations,
  SetReplicasAnnotations,
  RevisionAnnotation,
  TimedOutReason,
  deploymentReplicas,
  getRollbackTo,
  minReadySeconds,
  revisionHistoryLimit,
  rsReplicas,
} from './util';

/** The event source of everything this controller records. */
export const COMPONENT = 'deployment-controller';

/** Limit revision history length to 100 elements (~2000 chars). */
export const maxRevHistoryLengthInChars = 2000;

/**
 * What the sync functions use of the controller (upstream: the DeploymentController's client,
 * event recorder and queue). Functions take it first, where upstream has a method receiver.
 */
export interface DeploymentSyncContext {
  api: ApiServer;
  clock: Clock;
  recorder: EventRecorder;
  /** Requeue the deployment after `ms` of simulated time (a progress check; never blocks settle). */
  enqueueAfter(d: Deployment, ms: number): void;
}

// ---- writes that keep the caller's copy current ------------------------------------------------

/**
 * UpdateStatus of `d` (a mutable copy), with optimistic concurrency. The new resourceVersion is
 * copied back so that later writes in the same sync do not conflict with this one (upstream's
 * later writes would conflict and the sync would be retried; the end state is the same).
 */
export function updateDeploymentStatus(dc: DeploymentSyncContext, d: Deployment): void {
  const out = dc.api.updateStatus(d);
  d.metadata.resourceVersion = out.metadata.resourceVersion;
}

/** Update of the deployment itself (spec/metadata), keeping the copy's resourceVersion current. */
export function updateDeployment(dc: DeploymentSyncContext, d: Deployment): void {
  const out = dc.api.update(d);
  d.metadata.resourceVersion = out.metadata.resourceVersion;
  d.metadata.generation = out.metadata.generation;
}

// ---- syncStatusOnly / sync / paused conditions ------------------------------------------------

/** syncStatusOnly: a deployment being deleted only gets its status updated. */
export function syncStatusOnly(dc: DeploymentSyncContext, d: Deployment, rsList: readonly ReplicaSet[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  syncDeploymentStatus(dc, withNew(oldRSs, newRS), newRS, d);
}

/**
 * sync: reconcile a scaling event or a paused deployment: proportional scaling, clean-up of old
 * revisions while paused (unless a rollback is pending), then the status (no progress estimation).
 */
export function sync(dc: DeploymentSyncContext, d: Deployment, rsList: readonly ReplicaSet[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  scale(dc, d, newRS, oldRSs);
  if (d.spec.paused && getRollbackTo(d) === undefined) cleanupDeployment(dc, oldRSs, d);
  syncDeploymentStatus(dc, withNew(oldRSs, newRS), newRS, d);
}

/**
 * checkPausedConditions: Progressing=Unknown DeploymentPaused / DeploymentResumed, so that time
 * spent paused never counts against the progress deadline. A timed-out condition is left alone.
 */
export function checkPausedConditions(dc: DeploymentSyncContext, d: Deployment): void {
  if (!HasProgressDeadline(d)) return;
  const cond = GetDeploymentCondition(d.status, 'Progressing');
  if (cond && cond.reason === TimedOutReason) return;
  const pausedCondExists = !!cond && cond.reason === PausedDeployReason;
  let needsUpdate = false;
  const now = dc.clock.timestamp();
  d.status = d.status ?? {};
  if (d.spec.paused && !pausedCondExists) {
    SetDeploymentCondition(d.status, NewDeploymentCondition('Progressing', 'Unknown', PausedDeployReason, 'Deployment is paused', now));
    needsUpdate = true;
  } else if (!d.spec.paused && pausedCondExists) {
    SetDeploymentCondition(d.status, NewDeploymentCondition('Progressing', 'Unknown', ResumedDeployReason, 'Deployment is resumed', now));
    needsUpdate = true;
  }
  if (needsUpdate) updateDeploymentStatus(dc, d);
}

// ---- new and old ReplicaSets -------------------------------------------------------------------

/** `append(oldRSs, newRS)` without the nil. */
export function withNew(oldRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): ReplicaSet[] {
  return newRS ? [...oldRSs, newRS] : [...oldRSs];
}

/**
 * getAllReplicaSetsAndSyncRevision: [new RS (created if asked and missing), all old RSs], with the
 * new RS's revision raised to max(old)+1 and copied to the deployment.
 */
export function getAllReplicaSetsAndSyncRevision(
  dc: DeploymentSyncContext,
  d: Deployment,
  rsList: readonly ReplicaSet[],
  createIfNotExisted: boolean,
): [ReplicaSet | undefined, ReplicaSet[]] {
  const [, allOldRSs] = FindOldReplicaSets(d, rsList);
  const newRS = getNewReplicaSet(dc, d, rsList, allOldRSs, createIfNotExisted);
  return [newRS, allOldRSs];
}

/**
 * getNewReplicaSet: the RS whose template matches the deployment's. An existing one gets its
 * annotations and minReadySeconds synced; a missing one is created (if asked) as
 * `<deployment>-<hash>` with the hash label in its selector and template. A name taken by a
 * ReplicaSet that is not this one is a hash collision: status.collisionCount is bumped and the
 * error returned, so the next sync tries another name.
 */
export function getNewReplicaSet(
  dc: DeploymentSyncContext,
  d: Deployment,
  rsList: readonly ReplicaSet[],
  oldRSs: readonly ReplicaSet[],
  createIfNotExisted: boolean,
): ReplicaSet | undefined {
  const existingNewRS = FindNewReplicaSet(d, rsList);
  const maxOldRevision = MaxRevision(oldRSs);
  // strconv.FormatInt(maxOldRevision+1, 10): an int64 sum, exact, and wrapping past MaxInt64 as Go's does.
  const newRevision = String(BigInt.asIntN(64, maxOldRevision + 1n));

  if (existingNewRS) {
    // Only the annotations and spec.minReadySeconds are written: copies of those containers suffice
    // (the stored RS is frozen; api.update copies what it keeps).
    const rsCopy: ReplicaSet = { ...existingNewRS, metadata: { ...existingNewRS.metadata }, spec: { ...existingNewRS.spec } };
    if (existingNewRS.metadata.annotations) rsCopy.metadata.annotations = { ...existingNewRS.metadata.annotations };
    const annotationsUpdated = SetNewReplicaSetAnnotations(d, rsCopy, newRevision, true, maxRevHistoryLengthInChars);
    const minReadySecondsNeedsUpdate = minReadySeconds(rsCopy) !== minReadySeconds(d);
    if (annotationsUpdated || minReadySecondsNeedsUpdate) {
      setMinReadySeconds(rsCopy, minReadySeconds(d));
      return dc.api.update(rsCopy) as ReplicaSet;
    }
    // The deployment's revision comes from the RS, which was set before.
    let needsUpdate = SetDeploymentRevision(d, rsCopy.metadata.annotations?.[RevisionAnnotation] ?? '');
    // A deployment without any Progressing condition starts its clock when its new RS is found.
    const cond = GetDeploymentCondition(d.status, 'Progressing');
    if (HasProgressDeadline(d) && !cond) {
      d.status = d.status ?? {};
      SetDeploymentCondition(d.status, NewDeploymentCondition('Progressing', 'True', FoundNewRSReason, `Found new replica set "${rsCopy.metadata.name}"`, dc.clock.timestamp()));
      needsUpdate = true;
    }
    if (needsUpdate) updateDeploymentStatus(dc, d);
    return rsCopy;
  }

  if (!createIfNotExisted) return undefined;

  // new ReplicaSet does not exist, create one.
  const newRSTemplate = deepClone(d.spec.template ?? {});
  const podTemplateSpecHash = ComputeHash(newRSTemplate, d.status?.collisionCount);
  newRSTemplate.metadata = { ...newRSTemplate.metadata, labels: CloneAndAddLabel(d.spec.template?.metadata?.labels, DefaultDeploymentUniqueLabelKey, podTemplateSpecHash) };
  const newRSSelector = CloneSelectorAndAddLabel(d.spec.selector, DefaultDeploymentUniqueLabelKey, podTemplateSpecHash);

  const newRS: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      // The name is deterministic, to ensure idempotence.
      name: `${d.metadata.name}-${podTemplateSpecHash}`,
      namespace: d.metadata.namespace,
      labels: { ...newRSTemplate.metadata.labels },
      ownerReferences: [deploymentControllerRef(d)],
    },
    spec: { replicas: 0, selector: newRSSelector, template: newRSTemplate },
  };
  setMinReadySeconds(newRS, minReadySeconds(d));
  const newReplicasCount = NewRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec.replicas = newReplicasCount;
  SetNewReplicaSetAnnotations(d, newRS, newRevision, false, maxRevHistoryLengthInChars);

  let alreadyExists = false;
  let createdRS: ReplicaSet;
  try {
    createdRS = dc.api.create(newRS) as ReplicaSet;
  } catch (err) {
    if (isStatusError(err, 'AlreadyExists')) {
      alreadyExists = true;
      const rs = dc.api.get('ReplicaSet', newRS.metadata.name!, d.metadata.namespace) as ReplicaSet | undefined;
      if (!rs) throw err;
      // Ours and with the same template: it is the new RS (a stale read upstream; here, a retry).
      const ref = controllerOf(rs);
      if (ref && ref.uid === d.metadata.uid && EqualIgnoreHash(d.spec.template, rs.spec?.template)) {
        createdRS = rs;
      } else {
        // A hash collision: bump collisionCount and retry with the next hash.
        d.status = d.status ?? {};
        d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
        try {
          updateDeploymentStatus(dc, d);
        } catch {
          // The original error is what gets the deployment retried.
        }
        throw err;
      }
    } else {
      const msg = `Failed to create new replica set "${newRS.metadata.name}": ${(err as Error).message}`;
      if (HasProgressDeadline(d)) {
        d.status = d.status ?? {};
        SetDeploymentCondition(d.status, NewDeploymentCondition('Progressing', 'False', FailedRSCreateReason, msg, dc.clock.timestamp()));
        try {
          updateDeploymentStatus(dc, d);
        } catch {
          // A bigger issue is being reported already.
        }
      }
      dc.recorder.record(COMPONENT, d, 'Warning', FailedRSCreateReason, msg);
      throw err;
    }
  }
  if (!alreadyExists && newReplicasCount > 0) {
    // v1.31+ wording (kubernetes/kubernetes#125118, "Order ScalingReplicaSet message from->to"): a new
    // replica set is scaled up "from 0 to N".
    dc.recorder.record(COMPONENT, d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${createdRS.metadata.name} from 0 to ${newReplicasCount}`);
  }
  let needsUpdate = SetDeploymentRevision(d, newRevision);
  if (!alreadyExists && HasProgressDeadline(d)) {
    d.status = d.status ?? {};
    SetDeploymentCondition(d.status, NewDeploymentCondition('Progressing', 'True', NewReplicaSetReason, `Created new replica set "${createdRS.metadata.name}"`, dc.clock.timestamp()));
    needsUpdate = true;
  }
  if (needsUpdate) updateDeploymentStatus(dc, d);
  return createdRS;
}

/** metav1.NewControllerRef(d, apps/v1 Deployment). */
export function deploymentControllerRef(d: Deployment): { apiVersion: string; kind: string; name: string; uid: string; controller: boolean; blockOwnerDeletion: boolean } {
  return { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name!, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** minReadySeconds is omitempty: 0 is not written. */
function setMinReadySeconds(rs: ReplicaSet, v: number): void {
  if (v) rs.spec.minReadySeconds = v;
  else delete rs.spec.minReadySeconds;
}

// ---- scaling ------------------------------------------------------------------------------------

/**
 * scale: proportional scaling, so that a scaling event during a rollout neither hastens nor
 * reverses it. One active RS (or none: the newest) takes the whole size; a saturated new RS lets
 * the old ones go to 0; otherwise (RollingUpdate) replicas + maxSurge − Σ spec is shared out over
 * the active RSs in proportion to their size, leftovers to the largest.
 */
export function scale(dc: DeploymentSyncContext, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): void {
  const activeOrLatest = FindActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (rsReplicas(activeOrLatest) === deploymentReplicas(d)) return;
    scaleReplicaSetAndRecordEvent(dc, activeOrLatest, deploymentReplicas(d), d);
    return;
  }

  // A saturated new RS means the old ones should be fully scaled down (adoption during a rollout).
  if (IsSaturated(d, newRS)) {
    for (const old of FilterActiveReplicaSets(oldRSs)) scaleReplicaSetAndRecordEvent(dc, old, 0, d);
    return;
  }

  if (!IsRollingUpdate(d)) return;
  const allRSs = FilterActiveReplicaSets(withNew(oldRSs, newRS));
  const allRSsReplicas = GetReplicaCountForReplicaSets(allRSs);
  const allowedSize = deploymentReplicas(d) > 0 ? deploymentReplicas(d) + MaxSurge(d) : 0;
  // Replicas to add (or, negative, to remove), shared out over the active RSs.
  const deploymentReplicasToAdd = allowedSize - allRSsReplicas;

  // Larger RSs first; among equals, newer first when adding and older first when removing.
  let scalingOperation = '';
  if (deploymentReplicasToAdd > 0) {
    allRSs.sort(ReplicaSetsBySizeNewer);
    scalingOperation = 'up';
  } else if (deploymentReplicasToAdd < 0) {
    allRSs.sort(ReplicaSetsBySizeOlder);
    scalingOperation = 'down';
  }

  let deploymentReplicasAdded = 0;
  const nameToSize = new Map<string, number>();
  for (const rs of allRSs) {
    if (deploymentReplicasToAdd !== 0) {
      const proportion = GetProportion(rs, d, deploymentReplicasToAdd, deploymentReplicasAdded);
      nameToSize.set(rs.metadata.name!, rsReplicas(rs) + proportion);
      deploymentReplicasAdded += proportion;
    } else {
      nameToSize.set(rs.metadata.name!, rsReplicas(rs));
    }
  }

  allRSs.forEach((rs, i) => {
    // Add or remove the leftovers to or from the largest RS.
    if (i === 0 && deploymentReplicasToAdd !== 0) {
      const leftover = deploymentReplicasToAdd - deploymentReplicasAdded;
      nameToSize.set(rs.metadata.name!, Math.max(0, nameToSize.get(rs.metadata.name!)! + leftover));
    }
    scaleReplicaSet(dc, rs, nameToSize.get(rs.metadata.name!)!, d, scalingOperation);
  });
}

/** scaleReplicaSetAndRecordEvent: [scaled, the RS as it now stands]. */
export function scaleReplicaSetAndRecordEvent(dc: DeploymentSyncContext, rs: ReplicaSet, newScale: number, d: Deployment): [boolean, ReplicaSet] {
  if (rsReplicas(rs) === newScale) return [false, rs];
  const scalingOperation = rsReplicas(rs) < newScale ? 'up' : 'down';
  return scaleReplicaSet(dc, rs, newScale, d, scalingOperation);
}

/**
 * scaleReplicaSet: write spec.replicas and the desired/max-replicas annotations when either is
 * off; the event (1.28 wording) only when the size changed.
 */
export function scaleReplicaSet(dc: DeploymentSyncContext, rs: ReplicaSet, newScale: number, d: Deployment, scalingOperation: string): [boolean, ReplicaSet] {
  const sizeNeedsUpdate = rsReplicas(rs) !== newScale;
  const desired = deploymentReplicas(d);
  const max = desired + MaxSurge(d);
  const annotationsNeedUpdate = ReplicasAnnotationsNeedUpdate(rs, desired, max);
  if (!sizeNeedsUpdate && !annotationsNeedUpdate) return [false, rs];
  const oldScale = rsReplicas(rs);
  const rsCopy = deepClone(rs);
  rsCopy.spec = rsCopy.spec ?? {};
  rsCopy.spec.replicas = newScale;
  SetReplicasAnnotations(rsCopy, desired, max);
  const updated = dc.api.update(rsCopy) as ReplicaSet;
  if (sizeNeedsUpdate) {
    // scaleReplicaSet's event, "from <old> to <new>" since v1.31 (kubernetes/kubernetes#125118; it was
    // "to <new> from <old>" after #101142).
    dc.recorder.record(COMPONENT, d, 'Normal', 'ScalingReplicaSet', `Scaled ${scalingOperation} replica set ${updated.metadata.name} from ${oldScale} to ${newScale}`);
  }
  return [sizeNeedsUpdate, updated];
}

// ---- clean-up -----------------------------------------------------------------------------------

/**
 * cleanupDeployment: keep at most revisionHistoryLimit old RSs, deleting the lowest revisions
 * first; an RS with replicas (spec or status), not yet observed, or being deleted is skipped but
 * still counts.
 */
export function cleanupDeployment(dc: DeploymentSyncContext, oldRSs: readonly ReplicaSet[], d: Deployment): void {
  if (!HasRevisionHistoryLimit(d)) return;
  const cleanableRSes = oldRSs.filter((rs) => rs && !rs.metadata.deletionTimestamp);
  const diff = cleanableRSes.length - revisionHistoryLimit(d);
  if (diff <= 0) return;
  cleanableRSes.sort(ReplicaSetsByRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanableRSes[i];
    if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata.deletionTimestamp) continue;
    try {
      dc.api.delete('ReplicaSet', rs.metadata.name!, { namespace: rs.metadata.namespace });
    } catch (err) {
      if (!isStatusError(err, 'NotFound')) throw err;
    }
  }
}

// ---- status -------------------------------------------------------------------------------------

/** syncDeploymentStatus: write the calculated status if it differs. */
export function syncDeploymentStatus(dc: DeploymentSyncContext, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const newStatus = calculateStatus(allRSs, newRS, d, dc.clock.timestamp());
  if (statusEqual(d.status, newStatus)) return;
  d.status = newStatus;
  updateDeploymentStatus(dc, d);
}

/**
 * calculateStatus: the deployment's status from its RSs' statuses, with the Available condition
 * (available ≥ replicas − maxUnavailable). Zero counts are left out, as the API's omitempty does.
 */
export function calculateStatus(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, now: string): DeploymentStatus {
  const availableReplicas = GetAvailableReplicaCountForReplicaSets(allRSs);
  const totalReplicas = GetReplicaCountForReplicaSets(allRSs);
  // More available than desired (e.g. while scaling down) is no unavailability.
  const unavailableReplicas = Math.max(0, totalReplicas - availableReplicas);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: GetActualReplicaCountForReplicaSets(allRSs),
    updatedReplicas: GetActualReplicaCountForReplicaSets([newRS]),
    readyReplicas: GetReadyReplicaCountForReplicaSets(allRSs),
    availableReplicas,
    unavailableReplicas,
    conditions: (d.status?.conditions ?? []).map((c) => ({ ...c })),
    collisionCount: d.status?.collisionCount,
  };
  if (availableReplicas >= deploymentReplicas(d) - MaxUnavailable(d)) {
    SetDeploymentCondition(status, NewDeploymentCondition('Available', 'True', MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    SetDeploymentCondition(status, NewDeploymentCondition('Available', 'False', MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return compactStatus(status);
}

/** Drop what Go's omitempty drops: zero counts, no conditions, an unset collisionCount. */
export function compactStatus(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {};
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.replicas) out.replicas = s.replicas;
  if (s.updatedReplicas) out.updatedReplicas = s.updatedReplicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.unavailableReplicas) out.unavailableReplicas = s.unavailableReplicas;
  if (s.conditions && s.conditions.length) out.conditions = s.conditions;
  if (s.collisionCount !== undefined && s.collisionCount !== null) out.collisionCount = s.collisionCount;
  return out;
}

/** reflect.DeepEqual of two statuses, zero values and omitted fields being the same. */
export function statusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  return deepEqual(compactStatus(a ?? {}), compactStatus(b ?? {}));
}

/**
 * isScalingEvent: an active RS whose desired-replicas annotation differs from spec.replicas means
 * the deployment was scaled (as opposed to its template changed).
 */
export function isScalingEvent(dc: DeploymentSyncContext, d: Deployment, rsList: readonly ReplicaSet[]): boolean {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  for (const rs of FilterActiveReplicaSets(withNew(oldRSs, newRS))) {
    const desired = GetDesiredReplicasAnnotation(rs);
    if (desired === undefined) continue;
    if (desired !== deploymentReplicas(d)) return true;
  }
  return false;
}
