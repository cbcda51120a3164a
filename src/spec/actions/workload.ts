// Actions on workloads, as kubectl does them: `scale`, `setImage` (kubectl set image), `rollout`
// (undo, restart, pause, resume), `label` (--overwrite) and `patch`.
import type { ApiServer } from '../../apiserver/apiserver';
import type { KubeObject } from '../../apiserver/types';
import { deepClone, deepEqual } from '../../util/clone';
import type { Action } from '../model';
import { ActionError, isActionFailure, renderError, type ActionContext, type ActionOutcome } from './context';
import { nameOf } from './names';
import { infoOf, resolveTarget } from './target';

type Of<T extends Action['type']> = Extract<Action, { type: T }>;

export function scaleAction(a: Of<'scale'>, ctx: ActionContext): ActionOutcome {
  // kubectl checks the count before sending anything (cmd/scale/scale.go Validate).
  if (a.replicas < 0) throw new ActionError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const info = infoOf(a.kind);
  // kubectl scale writes the scale subresource: only spec.replicas changes.
  ctx.cluster.api.getOrThrow(info.kind, a.name, a.namespace);
  ctx.cluster.api.patch(info.kind, a.name, { spec: { replicas: a.replicas } }, 'merge', { namespace: a.namespace });
  return { output: `${nameOf(info, a.name)} scaled` };
}

/** The pod spec inside an object: a Pod's own, or a workload's template. */
function podSpecOf(obj: KubeObject): any {
  return obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
}

export function setImageAction(a: Of<'setImage'>, ctx: ActionContext): ActionOutcome {
  const api = ctx.cluster.api;
  const info = infoOf(a.kind);
  const obj = deepClone(api.getOrThrow(info.kind, a.name, a.namespace));
  const spec = podSpecOf(obj);
  // kubectl set image: `*` sets every container (and init container); otherwise the named one.
  const lists = [spec?.initContainers ?? [], spec?.containers ?? []] as { name: string; image?: string }[][];
  let found = false;
  for (const list of lists) {
    for (const c of list) {
      if (a.container === '*' || c.name === a.container) {
        c.image = a.image;
        found = true;
      }
    }
  }
  if (!found) throw new ActionError(`unable to find container named ${JSON.stringify(a.container)}`);
  api.update(obj);
  return { output: `${nameOf(info, a.name)} image updated` };
}

const REVISION = 'deployment.kubernetes.io/revision';
const HASH_LABEL = 'pod-template-hash';
/** polymorphichelpers/rollback.go annotationsToSkip: kept from the Deployment, not copied from the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

function withoutHash(template: any): any {
  const t = deepClone(template ?? {});
  if (t.metadata?.labels) {
    delete t.metadata.labels[HASH_LABEL];
  }
  return t;
}

/** polymorphichelpers/rollback.go deploymentRevision: the ReplicaSet of `toRevision` (0: the previous one). */
function deploymentRevision(api: ApiServer, d: KubeObject, toRevision: number): KubeObject {
  const owned = api.listDependents(d.metadata.uid!).filter((o) => o.kind === 'ReplicaSet' && o.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid));
  let latest: KubeObject | undefined;
  let latestRev = -1;
  let previous: KubeObject | undefined;
  let previousRev = -1;
  for (const rs of owned) {
    const text = rs.metadata.annotations?.[REVISION];
    if (text === undefined || !/^\d+$/.test(text)) continue;
    const v = Number(text);
    if (toRevision === 0) {
      if (latestRev < v) {
        previousRev = latestRev;
        previous = latest;
        latestRev = v;
        latest = rs;
      } else if (previousRev < v) {
        previousRev = v;
        previous = rs;
      }
    } else if (toRevision === v) return rs;
  }
  if (toRevision > 0) throw new ActionError(`unable to find specified revision ${toRevision} in history`);
  if (!previous) throw new ActionError(`no rollout history found for deployment ${JSON.stringify(d.metadata.name)}`);
  return previous;
}

export function rolloutAction(a: Of<'rollout'>, ctx: ActionContext): ActionOutcome {
  const api = ctx.cluster.api;
  const info = infoOf(a.kind);
  const d = api.getOrThrow(info.kind, a.name, a.namespace);
  const name = nameOf(info, a.name);
  switch (a.action) {
    case 'pause':
    case 'resume': {
      // kubectl rollout pause/resume: an empty patch prints "already paused" / "already resumed".
      const want = a.action === 'pause';
      if (!!d.spec?.paused === want) return { output: `${name} already ${a.action === 'pause' ? 'paused' : 'resumed'}` };
      api.patch(info.kind, a.name, { spec: { paused: want ? true : null } }, 'strategic', { namespace: a.namespace });
      return { output: `${name} ${a.action === 'pause' ? 'paused' : 'resumed'}` };
    }
    case 'restart': {
      // polymorphichelpers/objectrestarter.go: paused deployments are refused; otherwise the
      // template gets kubectl.kubernetes.io/restartedAt = now (RFC 3339).
      if (d.spec?.paused) throw new ActionError("can't restart paused deployment (run rollout resume first)");
      api.patch(info.kind, a.name, { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': ctx.cluster.clock.timestamp() } } } } }, 'strategic', {
        namespace: a.namespace,
      });
      return { output: `${name} restarted` };
    }
    case 'undo': {
      // polymorphichelpers/rollback.go DeploymentRollbacker.Rollback.
      const toRevision = a.toRevision ?? 0;
      const rs = deploymentRevision(api, d, toRevision);
      if (d.spec?.paused) throw new ActionError(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${a.name}' and try again`);
      if (deepEqual(withoutHash(rs.spec?.template), withoutHash(d.spec?.template))) {
        return { output: `${name} skipped rollback (current template already matches revision ${toRevision})` };
      }
      const annotations: Record<string, string> = {};
      for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
      for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
      api.patch(
        info.kind,
        a.name,
        [
          { op: 'replace', path: '/spec/template', value: withoutHash(rs.spec?.template) },
          { op: 'replace', path: '/metadata/annotations', value: annotations },
        ],
        'json',
        { namespace: a.namespace },
      );
      return { output: `${name} rolled back` };
    }
  }
}

export function labelAction(a: Of<'label'>, ctx: ActionContext): ActionOutcome {
  const api = ctx.cluster.api;
  const { info, objects } = resolveTarget(api, a);
  if (!objects.length) return { output: '', error: `error: no objects passed to label (no ${info.kind} matches selector ${JSON.stringify(a.selector ?? '')})` };
  const lines: string[] = [];
  const errors: string[] = [];
  for (const o of objects) {
    const labels: Record<string, string | null> = { ...a.set };
    for (const k of a.remove) {
      if (!(k in (o.metadata.labels ?? {}))) lines.push(`label ${JSON.stringify(k)} not found.`);
      labels[k] = null;
    }
    try {
      const after = api.patch(info.kind, o.metadata.name!, { metadata: { labels } }, 'merge', { namespace: o.metadata.namespace });
      lines.push(`${nameOf(info, o.metadata.name!)} ${after.metadata.resourceVersion === o.metadata.resourceVersion ? 'not labeled' : 'labeled'}`);
    } catch (e) {
      if (!isActionFailure(e)) throw e;
      errors.push(renderError(e));
    }
  }
  return { output: lines.join('\n'), ...(errors.length ? { error: errors.join('\n') } : {}) };
}

export function patchAction(a: Of<'patch'>, ctx: ActionContext): ActionOutcome {
  const api = ctx.cluster.api;
  const info = infoOf(a.kind);
  const before = api.getOrThrow(info.kind, a.name, a.namespace);
  const after = api.patch(info.kind, a.name, a.patch, a.patchType, { namespace: a.namespace });
  return { output: `${nameOf(info, a.name)} patched${after.metadata.resourceVersion === before.metadata.resourceVersion ? ' (no change)' : ''}` };
}
