// The client-side logic of `kubectl rollout` for Deployments: revisions of the ReplicaSets a
// Deployment owns (k8s.io/kubectl/pkg/util/deployment), the rollback target and patch
// (polymorphichelpers/rollback.go DeploymentRollbacker), the status message
// (polymorphichelpers/rollout_status.go DeploymentStatusViewer) and the history table
// (polymorphichelpers/history.go DeploymentHistoryViewer).
import type { ApiServer } from '../apiserver/apiserver';
import type { KubeObject } from '../apiserver/types';
import { deepClone, deepEqual } from '../util/clone';
import { LAST_APPLIED } from './apply';
import { KubectlError } from './resources';
import { formatTable, TABBED_STRING } from './printers/tabwriter';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const DEPRECATED_ROLLBACK_TO = 'deprecated.deployment.rollback.to';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** deploymentutil.Revision: the RS's revision annotation as a number (undefined if unparsable). */
export function revisionOf(obj: KubeObject): number | undefined {
  const v = obj.metadata.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  return /^-?\d+$/.test(v) ? Number(v) : undefined;
}

/** The ReplicaSets whose controller is the Deployment (deploymentutil.GetAllReplicaSets: old and new). */
export function ownedReplicaSets(api: ApiServer, d: KubeObject): KubeObject[] {
  return api
    .listDependents(d.metadata.uid!)
    .filter((o) => o.kind === 'ReplicaSet' && (o.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === d.metadata.uid));
}

/** rollback.go equalIgnoreHash: pod templates equal once the pod-template-hash label is dropped. */
export function equalIgnoreHash(a: any, b: any): boolean {
  const strip = (t: any) => {
    const c = deepClone(t ?? {});
    if (c.metadata?.labels) {
      delete c.metadata.labels[POD_TEMPLATE_HASH];
      if (!Object.keys(c.metadata.labels).length) delete c.metadata.labels;
    }
    if (c.metadata && !Object.keys(c.metadata).length) delete c.metadata;
    return c;
  };
  return deepEqual(strip(a), strip(b));
}

/** rollback.go deploymentRevision: the RS of `toRevision`, or (0) the second newest revision. */
export function deploymentRevision(api: ApiServer, d: KubeObject, toRevision: number): KubeObject {
  let latest: KubeObject | undefined;
  let latestRevision = -1;
  let previous: KubeObject | undefined;
  let previousRevision = -1;
  for (const rs of ownedReplicaSets(api, d)) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (toRevision === 0) {
      if (latestRevision < v) {
        previousRevision = latestRevision;
        previous = latest;
        latestRevision = v;
        latest = rs;
      } else if (previousRevision < v) {
        previousRevision = v;
        previous = rs;
      }
    } else if (toRevision === v) {
      return rs;
    }
  }
  if (toRevision > 0) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
  if (!previous) throw new KubectlError(`no rollout history found for deployment ${JSON.stringify(d.metadata.name)}`);
  return previous;
}

/** rollback.go annotationsToSkip: kept from the Deployment, never copied from the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([LAST_APPLIED, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, DEPRECATED_ROLLBACK_TO]);

/**
 * DeploymentRollbacker.Rollback: the JSON patch restoring the revision's template and annotations,
 * or the `skipped rollback` message when the template already matches.
 */
export function rollbackPatch(api: ApiServer, d: KubeObject, toRevision: number): { patch: unknown[] } | { skipped: string } {
  if (toRevision < 0) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
  const rs = deploymentRevision(api, d, toRevision);
  if (d.spec?.paused) throw new KubectlError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  if (equalIgnoreHash(rs.spec?.template, d.spec?.template)) {
    return { skipped: `skipped rollback (current template already matches revision ${toRevision})` };
  }
  const template = deepClone(rs.spec.template);
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH];
  const annotations: Record<string, string> = {};
  for (const k of ANNOTATIONS_TO_SKIP) {
    const v = d.metadata.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  return {
    patch: [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ],
  };
}

function condition(d: KubeObject, type: string): any {
  return (d.status?.conditions ?? []).find((c: any) => c.type === type);
}

/**
 * DeploymentStatusViewer.Status: the message `kubectl rollout status` prints for the Deployment as
 * it stands, whether the rollout is done, or an error (exceeded progress deadline, revision mismatch).
 */
export function deploymentStatus(d: KubeObject, revision: number): { message: string; done: boolean } {
  const name = JSON.stringify(d.metadata.name);
  if (revision > 0) {
    const rev = revisionOf(d);
    if (rev === undefined) throw new KubectlError(`cannot get the revision of deployment ${name}: strconv.ParseInt: parsing ${JSON.stringify(d.metadata.annotations?.[REVISION_ANNOTATION])}: invalid syntax`);
    if (revision !== rev) throw new KubectlError(`desired revision (${revision}) is different from the running revision (${rev})`);
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
export function deploymentHistory(api: ApiServer, d: KubeObject, revision: number, printTemplate: (t: unknown) => string): string {
  const history = new Map<number, { template: any; changeCause: string }>();
  for (const rs of ownedReplicaSets(api, d)) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    history.set(v, { template: rs.spec?.template, changeCause: rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '' });
  }
  if (!history.size) return 'No rollout history found.';
  if (revision > 0) {
    const h = history.get(revision);
    if (!h) throw new KubectlError('unable to find the specified revision');
    const template = deepClone(h.template ?? {});
    if (h.changeCause) {
      template.metadata = template.metadata ?? {};
      template.metadata.annotations = { ...(template.metadata.annotations ?? {}), [CHANGE_CAUSE_ANNOTATION]: h.changeCause };
    }
    return printTemplate(template);
  }
  const rows = [['REVISION', 'CHANGE-CAUSE'], ...[...history.keys()].sort((a, b) => a - b).map((r) => [String(r), history.get(r)!.changeCause || '<none>'])];
  return formatTable(rows, TABBED_STRING);
}
