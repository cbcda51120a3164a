// PATCH bodies: JSON merge patch (RFC 7386), strategic merge patch (Kubernetes' list-merge by key,
// as k8s.io/apimachinery/pkg/util/strategicpatch with the patchMergeKey tags of k8s.io/api), and
// JSON patch (RFC 6902).
import { StatusError } from './errors';
import type { KubeObject } from './types';
import { deepClone, deepEqual, equalityKey, getOwn, setKey } from '../util/clone';
import { checkpoint } from '../util/deadline';

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
    else setKey(out, k, mergePatch(getOwn(out, k) as Json | undefined, v));
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
  checkpoint();
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
    // Own keys only: an inherited `__proto__` would merge the patch into Object.prototype.
    const cur = getOwn(target, k) as Json | undefined;
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
    const list = getOwn(target, field);
    const mk = mergeKeyFor(kind, [...path, field]);
    if (Array.isArray(list) && mk) setKey(target, field, applyOrder(list, elementOrder, mk));
  }
  return target;
}

function mergeList(cur: Json[], patch: Json[], kind: string, path: string[]): Json[] {
  const field = path[path.length - 1];
  const mk = mergeKeyFor(kind, path);
  if (SET_LISTS.has(field)) {
    const out = [...cur];
    const seen = new Set(cur.map(equalityKey));
    for (const v of patch) {
      const k = equalityKey(v);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(v);
      }
    }
    return out;
  }
  if (!mk || !patch.every(isObject)) return patch.map(stripDirectives);
  if (patch.some((e) => isObject(e) && e['$patch'] === 'replace')) {
    return patch.filter((e) => !(isObject(e) && e['$patch'] === 'replace')).map(stripDirectives);
  }
  // Each patch element goes to the first element with its merge key (a delete removes that one, and
  // the next with the key is then the first). Indexed by key, not searched: a list of 40,000 env
  // entries patched into itself was 1.6e9 comparisons.
  const out: (Json | undefined)[] = cur.map((e) => deepClone(e));
  const byKey = new Map<string, { at: number[]; next: number }>();
  const index = (i: number) => {
    const x = out[i];
    if (!isObject(x)) return;
    const k = equalityKey(x[mk]);
    const slot = byKey.get(k);
    if (slot) slot.at.push(i);
    else byKey.set(k, { at: [i], next: 0 });
  };
  for (let i = 0; i < out.length; i++) index(i);
  for (const e of patch as JsonObject[]) {
    const slot = byKey.get(equalityKey(e[mk]));
    const idx = slot && slot.next < slot.at.length ? slot.at[slot.next] : -1;
    if (e['$patch'] === 'delete') {
      if (idx >= 0) {
        out[idx] = undefined;
        slot!.next++;
      }
      continue;
    }
    if (idx >= 0) out[idx] = strategicMerge(out[idx] as JsonObject, e, kind, path);
    else {
      out.push(stripDirectives(e));
      index(out.length - 1);
    }
  }
  return out.filter((e): e is Json => e !== undefined);
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

/**
 * A JSON patch that does not apply. The apiserver answers 422 Invalid with a generic message and
 * empty details (NewGenericServerResponse without the library's text, in
 * k8s.io/apiserver/pkg/endpoints/handlers/patch.go), which kubectl prints as `The request is
 * invalid: the server rejected our request...`; `why` keeps the library's message (gopkg.in/evanphx/json-patch.v4) for tests and logs.
 */
export class JsonPatchError extends StatusError {
  constructor(readonly why: string) {
    super('Invalid', 'the server rejected our request due to an error in our request', [], undefined, '');
  }
}

function patchFailed(why: string): JsonPatchError {
  return new JsonPatchError(why);
}

/**
 * RFC 6902 (add, remove, replace, move, copy, test) with the checks and messages of the library the
 * apiserver uses (gopkg.in/evanphx/json-patch.v4): a path that does not exist is an error, not a no-op.
 */
export function jsonPatch(doc: Json, ops: unknown): Json {
  if (!Array.isArray(ops)) throw new StatusError('BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let root = doc;
  for (const op of ops as JsonObject[]) {
    if (!isObject(op)) throw new StatusError('BadRequest', 'json: cannot unmarshal into Go value of type jsonpatch.Operation');
    const rawPath = String(op.path ?? '');
    const path = parsePointer(rawPath);
    switch (op.op) {
      case 'add':
        if (!('value' in op)) throw patchFailed('add operation failed to decode value: missing value');
        root = setAt(root, path, deepClone(op.value), 'add', rawPath);
        break;
      case 'replace':
        if (!('value' in op)) throw patchFailed('replace operation failed to decode value: missing value');
        root = setAt(root, path, deepClone(op.value), 'replace', rawPath);
        break;
      case 'remove':
        root = removeAt(root, path, rawPath);
        break;
      case 'test': {
        const at = getAt(root, path);
        if (at === undefined && path.length && getAt(root, path.slice(0, -1)) === undefined) throw patchFailed(`test operation does not apply: is missing path: ${rawPath}: missing value`);
        if (!deepEqual(at ?? null, op.value ?? null)) throw patchFailed(`testing value ${rawPath} failed: test failed`);
        break;
      }
      case 'move':
      case 'copy': {
        const rawFrom = String(op.from ?? '');
        const from = parsePointer(rawFrom);
        const v = getAt(root, from);
        if (v === undefined) throw patchFailed(`${op.op} operation does not apply: doc is missing from path: ${rawFrom}: missing value`);
        const value = deepClone(v);
        if (op.op === 'move') root = removeAt(root, from, rawFrom);
        root = setAt(root, path, value as Json, 'add', rawPath);
        break;
      }
      default:
        throw patchFailed(`Unexpected kind: ${String(op.op)}`);
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
    if (Array.isArray(cur)) cur = /^\d+$/.test(seg) ? cur[Number(seg)] : undefined;
    else if (isObject(cur)) cur = Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg] : undefined;
    else return undefined;
  }
  return cur;
}

function arrayIndex(seg: string, length: number, allowEnd: boolean): number {
  const i = /^\d+$/.test(seg) ? Number(seg) : NaN;
  if (!(i >= 0 && (allowEnd ? i <= length : i < length))) throw patchFailed(`Unable to access invalid index: ${seg}: invalid index referenced`);
  return i;
}

function setAt(doc: Json, path: string[], value: Json, op: 'add' | 'replace', raw: string): Json {
  if (path.length === 0) return value;
  const parent = getAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    if (op === 'add') {
      const i = last === '-' ? parent.length : arrayIndex(last, parent.length, true);
      parent.splice(i, 0, value);
    } else {
      parent[arrayIndex(last, parent.length, false)] = value;
    }
  } else if (isObject(parent)) {
    // v4's object lookup never fails, so `replace` of a missing key adds it (v5 refuses; the apiserver uses v4).
    setKey(parent, last, value);
  } else {
    throw patchFailed(`${op} operation does not apply: doc is missing path: ${op === 'add' ? JSON.stringify(raw) : raw}: missing value`);
  }
  return doc;
}

function removeAt(doc: Json, path: string[], raw: string): Json {
  const parent = getAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    parent.splice(arrayIndex(last, parent.length, false), 1);
  } else if (isObject(parent)) {
    if (!Object.prototype.hasOwnProperty.call(parent, last)) throw patchFailed(`error in remove for path: '${raw}': Unable to remove nonexistent key: ${last}: missing value`);
    delete parent[last];
  } else {
    throw patchFailed(`remove operation does not apply: doc is missing path: "${raw}": missing value`);
  }
  return doc;
}
