// The client-side logic of `kubectl rollout` for Deployments: revisions of the ReplicaSets a
// Deployment owns (k8s.io/kubectl/pkg/util/deployment), the rollback target and patch
// (polymorphichelpers/rollback.go DeploymentRollbacker), the status message
// (polymorphichelpers/rollout_status.go DeploymentStatusViewer) and the history table
// (polymorphichelpers/history.go DeploymentHistoryViewer).
import type { ClusterApi } from '../cluster/backend';
import type { Deployment, KubeObject, ReplicaSet } from '../apiserver/types';
import { deepClone } from '../util/clone';
import { EqualIgnoreHash, Revision } from '../controllers/deployment/util';
import {
  GetAllReplicaSets,
  RollbackError,
  deploymentRevision,
  getDeploymentPatch,
  revisionNotFoundErr,
  rollbackAnnotations,
  templateForRollback,
} from '../controllers/deployment/rollback';
import { KubectlError } from './resources';
import { parseInt64 } from '../util/json';
import { formatTable, TABBED_STRING } from './printers/tabwriter';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

/** deploymentutil.Revision: the revision annotation as an int64 (exact), 0 when absent, undefined when unparsable. */
export function revisionOf(obj: KubeObject): bigint | undefined {
  return Revision(obj);
}

/** GetAllReplicaSets (kubectl/pkg/util/deployment): the ReplicaSets the Deployment controls, old and new. */
export function ownedReplicaSets(api: ClusterApi, d: KubeObject): ReplicaSet[] {
  const { allOldRSs, newRS } = GetAllReplicaSets(api, d as Deployment);
  return newRS ? [...allOldRSs, newRS] : allOldRSs;
}

/**
 * DeploymentRollbacker.Rollback (polymorphichelpers/rollback.go), from the Deployment controller's
 * exported halves of it: the JSON patch restoring the revision's template and annotations, or the
 * `skipped rollback` message when the template already matches.
 */
export function rollbackPatch(api: ClusterApi, d: KubeObject, toRevision: number | bigint): { patch: unknown[] } | { skipped: string } {
  try {
    if (toRevision < 0) throw revisionNotFoundErr(toRevision);
    const rs = deploymentRevision(api, d as Deployment, toRevision);
    // kubectl v1.32's text (the deployment's name is not in it).
    if (d.spec?.paused) throw new KubectlError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    if (EqualIgnoreHash(rs.spec?.template, d.spec?.template)) {
      return { skipped: `skipped rollback (current template already matches revision ${toRevision})` };
    }
    return { patch: getDeploymentPatch(templateForRollback(rs), rollbackAnnotations(d as Deployment, rs)) };
  } catch (e) {
    if (e instanceof RollbackError) throw new KubectlError(e.message);
    throw e;
  }
}

function condition(d: KubeObject, type: string): any {
  return (d.status?.conditions ?? []).find((c: any) => c.type === type);
}

/**
 * DeploymentStatusViewer.Status: the message `kubectl rollout status` prints for the Deployment as
 * it stands, whether the rollout is done, or an error (exceeded progress deadline, revision mismatch).
 */
export function deploymentStatus(d: KubeObject, revision: number | bigint): { message: string; done: boolean } {
  const name = JSON.stringify(d.metadata.name);
  if (revision > 0) {
    const rev = revisionOf(d);
    // ParseInt's error: invalid syntax, or value out of range past int64.
    const parsed = parseInt64(d.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
    if (rev === undefined) throw new KubectlError(`cannot get the revision of deployment ${name}: ${'error' in parsed ? parsed.error : ''}`);
    if (BigInt(revision) !== rev) throw new KubectlError(`desired revision (${revision}) is different from the running revision (${rev})`);
  }
  const status = d.status ?? {};
  if ((d.metadata.generation ?? 0) <= (status.observedGeneration ?? 0)) {
    const cond = condition(d, 'Progressing');
    if (cond && cond.reason === 'ProgressDeadlineExceeded') throw new KubectlError(`deployment ${name} exceeded its progress deadline`);
    const replicas = d.spec?.replicas;
    const updated = status.updatedReplicas ?? 0;
    if (replicas !== undefined && updated < replicas) {
      return { message: `Waiting for deployment ${name} rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
    }
    if ((status.replicas ?? 0) > updated) {
      return { message: `Waiting for deployment ${name} rollout to finish: ${(status.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
    }
    if ((status.availableReplicas ?? 0) < updated) {
      return { message: `Waiting for deployment ${name} rollout to finish: ${status.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
    }
    return { message: `deployment ${name} successfully rolled out\n`, done: true };
  }
  return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
}

/** DeploymentHistoryViewer.ViewHistory: the REVISION / CHANGE-CAUSE table, or one revision's template. */
export function deploymentHistory(api: ClusterApi, d: KubeObject, revision: number | bigint, printTemplate: (t: unknown) => string): string {
  // Keyed by the exact int64 revision (a bigint), as upstream's map[int64]*corev1.PodTemplateSpec.
  const history = new Map<bigint, { template: any; changeCause: string }>();
  for (const rs of ownedReplicaSets(api, d)) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    history.set(v, { template: rs.spec?.template, changeCause: rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '' });
  }
  if (!history.size) return 'No rollout history found.';
  if (revision > 0) {
    const h = history.get(BigInt(revision));
    if (!h) throw new KubectlError('unable to find the specified revision');
    const template = deepClone(h.template ?? {});
    if (h.changeCause) {
      template.metadata = template.metadata ?? {};
      template.metadata.annotations = { ...(template.metadata.annotations ?? {}), [CHANGE_CAUSE_ANNOTATION]: h.changeCause };
    }
    return printTemplate(template);
  }
  const rows = [['REVISION', 'CHANGE-CAUSE'], ...[...history.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((r) => [String(r), history.get(r)!.changeCause || '<none>'])];
  return formatTable(rows, TABBED_STRING);
}
