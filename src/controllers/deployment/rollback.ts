// Rollback. Two halves:
// - the controller's legacy server-side rollback, asked for with the `deprecated.deployment.rollback.to`
//   annotation (pkg/controller/deployment/rollback.go), kept for completeness;
// - what `kubectl rollout undo` does in apps/v1, client-side: find the ReplicaSet of a revision and
//   patch the deployment's template and annotations back to it
//   (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollback.go), exported for the kubectl emulation.
import type { ApiServer } from '../../apiserver/apiserver';
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../../apiserver/types';
import { deepClone } from '../../util/clone';
import { controllerOf } from '../util/controllerref';
import { labelSelectorMatches } from '../../apiserver/labels';
import { COMPONENT, getAllReplicaSetsAndSyncRevision, updateDeployment, withNew, type DeploymentSyncContext } from './sync';
import {
  ANNOTATIONS_TO_SKIP,
  DefaultDeploymentUniqueLabelKey,
  EqualIgnoreHash,
  FindNewReplicaSet,
  FindOldReplicaSets,
  LastRevision,
  Revision,
  RollbackDone,
  RollbackRevisionNotFound,
  RollbackTemplateUnchanged,
  SetDeploymentAnnotationsTo,
  SetFromReplicaSetTemplate,
  getRollbackTo,
  setRollbackTo,
} from './util';

export { getRollbackTo, setRollbackTo };

// ---- controller side (legacy annotation) ------------------------------------------------------

/**
 * rollback: roll the deployment back to the revision the annotation names (0: the previous one) by
 * copying that RS's template; in every case the annotation is cleared.
 */
export function rollback(dc: DeploymentSyncContext, d: Deployment, rsList: readonly ReplicaSet[]): void {
  const [newRS, allOldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = withNew(allOldRSs, newRS);
  const rollbackTo = getRollbackTo(d)!;
  if (rollbackTo.revision === 0n) {
    rollbackTo.revision = LastRevision(allRSs);
    if (rollbackTo.revision === 0n) {
      emitRollbackWarningEvent(dc, d, RollbackRevisionNotFound, 'Unable to find last revision.');
      return updateDeploymentAndClearRollbackTo(dc, d);
    }
  }
  for (const rs of allRSs) {
    const v = Revision(rs);
    if (v === undefined) continue;
    if (v === rollbackTo.revision) {
      // The revision number itself moves on at the next getAllReplicaSetsAndSyncRevision.
      const performedRollback = rollbackToTemplate(dc, d, rs);
      if (performedRollback) emitRollbackNormalEvent(dc, d, `Rolled back deployment "${d.metadata.name}" to revision ${rollbackTo.revision}`);
      return;
    }
  }
  emitRollbackWarningEvent(dc, d, RollbackRevisionNotFound, 'Unable to find the revision to rollback to.');
  updateDeploymentAndClearRollbackTo(dc, d);
}

/**
 * rollbackToTemplate: take the RS's template (and its annotations) unless the templates already
 * match; clear the rollback annotation either way. Returns whether the template changed.
 */
export function rollbackToTemplate(dc: DeploymentSyncContext, d: Deployment, rs: ReplicaSet): boolean {
  let performedRollback = false;
  if (!EqualIgnoreHash(d.spec.template, rs.spec?.template)) {
    SetFromReplicaSetTemplate(d, rs.spec!.template!);
    // The RS's annotations come back with it; otherwise the current ones (say change-cause) would
    // be copied onto the RS we roll back to.
    SetDeploymentAnnotationsTo(d, rs);
    performedRollback = true;
  } else {
    emitRollbackWarningEvent(dc, d, RollbackTemplateUnchanged, `The rollback revision contains the same template as current deployment "${d.metadata.name}"`);
  }
  updateDeploymentAndClearRollbackTo(dc, d);
  return performedRollback;
}

function emitRollbackWarningEvent(dc: DeploymentSyncContext, d: Deployment, reason: string, message: string): void {
  dc.recorder.record(COMPONENT, d, 'Warning', reason, message);
}

function emitRollbackNormalEvent(dc: DeploymentSyncContext, d: Deployment, message: string): void {
  dc.recorder.record(COMPONENT, d, 'Normal', RollbackDone, message);
}

/** updateDeploymentAndClearRollbackTo: drop the annotation and update the deployment. */
export function updateDeploymentAndClearRollbackTo(dc: DeploymentSyncContext, d: Deployment): void {
  setRollbackTo(d, undefined);
  updateDeployment(dc, d);
}

// ---- kubectl side (`kubectl rollout undo`) -----------------------------------------------------

/** An error kubectl prints as `error: <message>`. */
export class RollbackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RollbackError';
  }
}

const rollbackSuccess = 'rolled back';
const rollbackSkipped = 'skipped rollback';

/**
 * GetAllReplicaSets (kubectl/pkg/util/deployment): the RSs the deployment controls and whose labels
 * its selector matches, as { oldRSs (with replicas), allOldRSs, newRS }.
 */
export function GetAllReplicaSets(api: Pick<ApiServer, 'list' | 'listDependents'>, d: Deployment): { oldRSs: ReplicaSet[]; allOldRSs: ReplicaSet[]; newRS: ReplicaSet | undefined } {
  const rsList = api
    .listDependents(d.metadata.uid!)
    .filter((o) => o.kind === 'ReplicaSet' && controllerOf(o)?.uid === d.metadata.uid && labelSelectorMatches(d.spec?.selector, o.metadata.labels)) as ReplicaSet[];
  const [oldRSs, allOldRSs] = FindOldReplicaSets(d, rsList);
  return { oldRSs, allOldRSs, newRS: FindNewReplicaSet(d, rsList) };
}

/**
 * deploymentRevision: the RS of `toRevision`, or (0) of the revision before the latest. Throws
 * RollbackError with kubectl's messages.
 */
export function deploymentRevision(api: Pick<ApiServer, 'list' | 'listDependents'>, d: Deployment, revision: number | bigint): ReplicaSet {
  // int64, exact: `--to-revision=3546343826724305833` names that revision and no other.
  const toRevision = BigInt(revision);
  const { allOldRSs, newRS } = GetAllReplicaSets(api, d);
  const allRSs = withNew(allOldRSs, newRS);
  let latestReplicaSet: ReplicaSet | undefined;
  let latestRevision = -1n;
  let previousReplicaSet: ReplicaSet | undefined;
  let previousRevision = -1n;
  for (const rs of allRSs) {
    const v = Revision(rs);
    if (v === undefined) continue;
    if (toRevision === 0n) {
      if (latestRevision < v) {
        previousRevision = latestRevision;
        previousReplicaSet = latestReplicaSet;
        latestRevision = v;
        latestReplicaSet = rs;
      } else if (previousRevision < v) {
        previousRevision = v;
        previousReplicaSet = rs;
      }
    } else if (toRevision === v) {
      return rs;
    }
  }
  if (toRevision > 0n) throw revisionNotFoundErr(toRevision);
  if (!previousReplicaSet) throw new RollbackError(`no rollout history found for deployment "${d.metadata.name}"`);
  return previousReplicaSet;
}

export function revisionNotFoundErr(r: number | bigint): RollbackError {
  return new RollbackError(`unable to find specified revision ${r} in history`);
}

/**
 * The annotations `kubectl rollout undo` gives the deployment: its own skip-listed ones
 * (last-applied-configuration, revision, ...) kept, every other one taken from the RS.
 */
export function rollbackAnnotations(d: Deployment, rs: ReplicaSet): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const k of ANNOTATIONS_TO_SKIP) {
    const v = d.metadata.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) {
    if (!ANNOTATIONS_TO_SKIP.includes(k)) annotations[k] = v;
  }
  return annotations;
}

/** getDeploymentPatch: the JSON patch that restores a template and the annotations. */
export function getDeploymentPatch(podTemplate: PodTemplateSpec, annotations: Record<string, string>): { op: 'replace'; path: string; value: unknown }[] {
  return [
    { op: 'replace', path: '/spec/template', value: podTemplate },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
}

/**
 * The RS's template without the pod-template-hash label: what the patch puts back.
 */
export function templateForRollback(rs: ReplicaSet): PodTemplateSpec {
  const t = deepClone(rs.spec?.template ?? {});
  if (t.metadata?.labels) delete t.metadata.labels[DefaultDeploymentUniqueLabelKey];
  return t;
}

/**
 * DeploymentRollbacker.Rollback: what `kubectl rollout undo deployment/<name> [--to-revision=N]
 * [--dry-run=server]` does and returns: `rolled back`, or `skipped rollback (current template
 * already matches revision N)` (N is the flag's value, 0 when not given). Errors are RollbackError
 * with kubectl's text (a missing deployment: `failed to retrieve Deployment <name>: <api error>`).
 * Client dry-run prints the target template: use deploymentRevision for it.
 */
export function rollbackDeployment(api: ApiServer, namespace: string, name: string, toRevision: number | bigint, opts: { dryRun?: 'server' } = {}): string {
  if (toRevision < 0) throw revisionNotFoundErr(toRevision);
  const deployment = api.get('Deployment', name, namespace) as Deployment | undefined;
  if (!deployment) throw new RollbackError(`failed to retrieve Deployment ${name}: deployments.apps "${name}" not found`);
  const rsForRevision = deploymentRevision(api, deployment, toRevision);
  if (deployment.spec?.paused) {
    throw new RollbackError(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again`);
  }
  // Skip if the revision already matches the current deployment.
  if (EqualIgnoreHash(rsForRevision.spec?.template, deployment.spec?.template)) {
    return `${rollbackSkipped} (current template already matches revision ${toRevision})`;
  }
  const patch = getDeploymentPatch(templateForRollback(rsForRevision), rollbackAnnotations(deployment, rsForRevision));
  try {
    api.patch('Deployment', name, patch, 'json', { namespace, dryRun: opts.dryRun === 'server' });
  } catch (err) {
    throw new RollbackError(`failed restoring revision ${toRevision}: ${(err as Error).message}`);
  }
  return rollbackSuccess;
}
