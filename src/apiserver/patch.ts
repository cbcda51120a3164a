// PATCH bodies: JSON merge patch (RFC 7386), strategic merge patch (Kubernetes' list-merge by key,
// as k8s.io/apimachinery/pkg/util/strategicpatch with the patchMergeKey tags of k8s.io/api), and
// JSON patch (RFC 6902).
import { StatusError } from './errors';
import type { KubeObject } from './types';
import { deepClone, deepEqual, setKey } from '../util/clone';

export type PatchType = 'merge' | 'strategic' | 'json';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

export function applyPatch(target: KubeObject, patch: unknown, type: PatchType, kind: string): KubeObject {
  switch (type) {
    case 'merge':
      if (!isObject(patch)) throw new StatusError('BadRequest', 'merge patch must be a JSON object');
      return mergePatch(deepClone(target) as unknown as Json, patch) as unknown as KubeObject;
    case 'strategic':
      if (!isObject(patch)) throw new StatusError('BadRequest', 'strategic merge patch must be a JSON object');
      return strategicMerge(deepClone(target) as unknown as JsonObject, patch, kind, []) as unknown as KubeObject;
    case 'json':
      return jsonPatch(deepClone(target) as unknown as Json, patch) as unknown as KubeObject;
  }
}

/** RFC 7386. */
export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return deepClone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else setKey(out, k, mergePatch(out[k], v));
  }
  return out;
}

/**
 * The merge key of a list field, by its path (field names only, list indices dropped), as declared
 * by `patchMergeKey` in k8s.io/api. Lists without one are replaced whole; `finalizers` merge as sets.
 */
export function mergeKeyFor(kind: string, path: string[]): string | undefined {
  const field = path[path.length - 1];
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'imagePullSecrets':
    case 'env':
    case 'resourceClaims':
    case 'readinessGates':
      return field === 'readinessGates' ? 'conditionType' : 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'hostAliases':
      return 'ip';
    case 'ownerReferences':
      return 'uid';
    case 'conditions':
      return 'type';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'ports': {
      const parent = path[path.length - 2];
      if (parent === 'spec' && kind === 'Service') return 'port';
      return 'containerPort';
    }
    default:
      return undefined;
  }
}

const SET_LISTS = new Set(['finalizers']);

/** Strategic merge patch of `patch` into `target` (mutates and returns target). */
export function strategicMerge(target: JsonObject, patch: JsonObject, kind: string, path: string[]): JsonObject {
  if (patch['$patch'] === 'replace') {
    const { $patch: _, ...rest } = patch;
    return stripDirectives(rest) as JsonObject;
  }
  // `$retainKeys` (patch strategy retainKeys): fields of the target not listed are cleared.
  const retain = patch['$retainKeys'];
  if (Array.isArray(retain)) {
    for (const k of Object.keys(target)) if (!retain.includes(k)) delete target[k];
  }
  const order: Record<string, Json[]> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/')) {
      order[k.slice('$setElementOrder/'.length)] = v as Json[];
      continue;
    }
    if (k.startsWith('$')) continue;
    if (v === null) {
      delete target[k];
      continue;
    }
    const cur = target[k];
    const p = [...path, k];
    if (isObject(v)) {
      if (v['$patch'] === 'delete') delete target[k];
      else setKey(target, k, strategicMerge(isObject(cur) ? cur : {}, v, kind, p));
    } else if (Array.isArray(v)) {
      setKey(target, k, mergeList(Array.isArray(cur) ? cur : [], v, kind, p));
    } else {
      setKey(target, k, v);
    }
  }
  for (const [field, elementOrder] of Object.entries(order)) {
    const list = target[field];
    const mk = mergeKeyFor(kind, [...path, field]);
    if (Array.isArray(list) && mk) target[field] = applyOrder(list, elementOrder, mk);
  }
  return target;
}

function mergeList(cur: Json[], patch: Json[], kind: string, path: string[]): Json[] {
  const field = path[path.length - 1];
  const mk = mergeKeyFor(kind, path);
  if (SET_LISTS.has(field)) {
    const out = [...cur];
    for (const v of patch) if (!out.some((x) => deepEqual(x, v))) out.push(v);
    return out;
  }
  if (!mk || !patch.every(isObject)) return patch.map(stripDirectives);
  if (patch.some((e) => isObject(e) && e['$patch'] === 'replace')) {
    return patch.filter((e) => !(isObject(e) && e['$patch'] === 'replace')).map(stripDirectives);
  }
  const out = cur.map((e) => deepClone(e));
  for (const e of patch as JsonObject[]) {
    const idx = out.findIndex((x) => isObject(x) && deepEqual(x[mk], e[mk]));
    if (e['$patch'] === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = strategicMerge(out[idx] as JsonObject, e, kind, path);
    else out.push(stripDirectives(e));
  }
  return out;
}

function applyOrder(list: Json[], order: Json[], mk: string): Json[] {
  const keyOf = (e: Json) => (isObject(e) ? JSON.stringify(e[mk]) : JSON.stringify(e));
  const rank = new Map(order.map((o, i) => [keyOf(o), i]));
  return [...list].sort((a, b) => (rank.get(keyOf(a)) ?? Infinity) - (rank.get(keyOf(b)) ?? Infinity));
}

function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) setKey(out, k, stripDirectives(x));
  return out;
}

/** RFC 6902 (add, remove, replace, test; move/copy as remove+add). */
export function jsonPatch(doc: Json, ops: unknown): Json {
  if (!Array.isArray(ops)) throw new StatusError('BadRequest', 'json patch must be an array of operations');
  let root = doc;
  for (const op of ops as JsonObject[]) {
    const path = parsePointer(String(op.path ?? ''));
    switch (op.op) {
      case 'add':
      case 'replace':
        root = setAt(root, path, deepClone(op.value), op.op === 'add');
        break;
      case 'remove':
        root = removeAt(root, path);
        break;
      case 'test':
        if (!deepEqual(getAt(root, path), op.value)) throw new StatusError('Invalid', `the server rejected our request due to an error in our request: test failed at ${op.path}`);
        break;
      case 'move':
      case 'copy': {
        const from = parsePointer(String(op.from ?? ''));
        const v = deepClone(getAt(root, from));
        if (op.op === 'move') root = removeAt(root, from);
        root = setAt(root, path, v as Json, true);
        break;
      }
      default:
        throw new StatusError('BadRequest', `Unexpected kind: ${String(op.op)}`);
    }
  }
  return root;
}

function parsePointer(p: string): string[] {
  if (p === '') return [];
  return p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function getAt(doc: Json, path: string[]): Json | undefined {
  let cur: Json | undefined = doc;
  for (const seg of path) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isObject(cur)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

function setAt(doc: Json, path: string[], value: Json, insert: boolean): Json {
  if (path.length === 0) return value;
  const parent = getAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (insert) parent.splice(i, 0, value);
    else parent[i] = value;
  } else if (isObject(parent)) {
    parent[last] = value;
  } else {
    throw new StatusError('Invalid', `doc is missing path: /${path.join('/')}`);
  }
  return doc;
}

function removeAt(doc: Json, path: string[]): Json {
  const parent = getAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (isObject(parent)) delete parent[last];
  return doc;
}
