// `apply` and `create`, as `kubectl apply -f` / `kubectl create -f` do them: every object in order;
// an error on one object does not stop the others, and all errors are reported together.
//
// apply is client-side apply: a new object is created with the
// `kubectl.kubernetes.io/last-applied-configuration` annotation; an existing one is patched with a
// three-way strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch
// CreateThreeWayMergePatch): fields of the new manifest, `null` for fields the last applied
// manifest had and the new one drops, `$patch: delete` for list elements (by merge key) it drops.
// Fields nobody applied (spec.replicas set by `kubectl scale`, a Service's allocated clusterIP)
// are left alone. Simplification: no `$setElementOrder` directives (list order of merged lists
// follows the live object).
import type { ApiServer } from '../../apiserver/apiserver';
import { mergeKeyFor } from '../../apiserver/patch';
import type { KubeObject } from '../../apiserver/types';
import { deepClone } from '../../util/clone';
import type { ManifestSource } from '../model';
import { isActionFailure, renderError, type ActionContext, type ActionOutcome } from './context';
import { loadManifests, type ManifestObject } from './manifests';
import { nameOf } from './names';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function applyAction(mode: 'apply' | 'create', source: ManifestSource, ctx: ActionContext): ActionOutcome {
  const objects = loadManifests(source, ctx);
  if (!objects.length) return { output: '', error: 'error: no objects passed to ' + mode };
  const lines: string[] = [];
  const errors: string[] = [];
  for (const m of objects) {
    try {
      lines.push(mode === 'create' ? createOne(ctx.cluster.api, m) : applyOne(ctx.cluster.api, m));
    } catch (e) {
      if (!isActionFailure(e)) throw e;
      errors.push(renderError(e, mode === 'create' ? 'creating' : 'applying', 'files' in source ? m.source : undefined));
    }
  }
  return { output: lines.join('\n'), ...(errors.length ? { error: errors.join('\n') } : {}) };
}

function createOne(api: ApiServer, m: ManifestObject): string {
  const created = api.create(deepClone(m.object));
  return `${nameOf(m.info, created.metadata.name!)} created`;
}

/** The manifest as kubectl records it in the annotation: without the annotation itself. */
function lastAppliedOf(obj: KubeObject): string {
  const copy = deepClone(obj) as Obj;
  if (isObj(copy.metadata?.annotations)) {
    delete copy.metadata.annotations[LAST_APPLIED];
    if (Object.keys(copy.metadata.annotations).length === 0) delete copy.metadata.annotations;
  }
  return JSON.stringify(copy);
}

function withAnnotation(obj: KubeObject, value: string): KubeObject {
  const copy = deepClone(obj) as Obj;
  copy.metadata = { ...(copy.metadata ?? {}) };
  copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [LAST_APPLIED]: value };
  return copy as KubeObject;
}

function applyOne(api: ApiServer, m: ManifestObject): string {
  const obj = m.object;
  const name = obj.metadata?.name;
  const ns = m.info.namespaced ? (obj.metadata?.namespace ?? 'default') : undefined;
  const annotation = lastAppliedOf(obj);
  const modified = withAnnotation(obj, annotation);
  const live = typeof name === 'string' && name ? api.get(m.info.kind, name, ns) : undefined;
  if (!live) {
    const created = api.create(modified);
    return `${nameOf(m.info, created.metadata.name!)} created`;
  }
  let original: Obj | undefined;
  const recorded = live.metadata.annotations?.[LAST_APPLIED];
  if (recorded) {
    try {
      original = JSON.parse(recorded);
    } catch {
      original = undefined;
    }
  }
  const patch = threeWayPatch(original, modified as Obj, m.info.kind, []);
  const after = api.patch(m.info.kind, name!, patch, 'strategic', { namespace: ns });
  return `${nameOf(m.info, name!)} ${after.metadata.resourceVersion === live.metadata.resourceVersion ? 'unchanged' : 'configured'}`;
}

/**
 * The strategic merge patch from `original` (last applied) to `modified` (the new manifest):
 * everything `modified` sets, plus deletions of what `original` set and `modified` no longer does.
 */
export function threeWayPatch(original: Obj | undefined, modified: Obj, kind: string, path: string[]): Obj {
  const patch: Obj = {};
  for (const [k, v] of Object.entries(modified)) {
    const o = original?.[k];
    const p = [...path, k];
    if (isObj(v) && isObj(o)) patch[k] = threeWayPatch(o, v, kind, p);
    else if (Array.isArray(v) && Array.isArray(o)) patch[k] = listPatch(o, v, kind, p);
    else patch[k] = deepClone(v);
  }
  for (const k of Object.keys(original ?? {})) if (!(k in modified)) patch[k] = null;
  return patch;
}

function listPatch(original: unknown[], modified: unknown[], kind: string, path: string[]): unknown[] {
  const mk = mergeKeyFor(kind, path);
  if (!mk || !modified.every(isObj) || !original.every(isObj)) return deepClone(modified);
  const out: unknown[] = [];
  for (const e of modified as Obj[]) {
    const before = (original as Obj[]).find((o) => o[mk] === e[mk]);
    out.push(before ? { ...threeWayPatch(before, e, kind, path), [mk]: e[mk] } : deepClone(e));
  }
  for (const o of original as Obj[]) {
    if (!(modified as Obj[]).some((e) => e[mk] === o[mk])) out.push({ [mk]: o[mk], $patch: 'delete' });
  }
  return out;
}
