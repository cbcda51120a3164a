// PATCH bodies: JSON merge patch (RFC 7386), strategic merge patch (Kubernetes' list-merge by key,
// as k8s.io/apimachinery/pkg/util/strategicpatch with the patchMergeKey tags of k8s.io/api), and
// JSON patch (RFC 6902).
import { StatusError } from './errors';
import type { KubeObject } from './types';
import { deepClone, deepEqual, equalityKey, getOwn, setKey } from '../util/clone';
import { checkpoint } from '../util/deadline';
import { stringifyJson } from '../util/json';
import { goQuote } from './govalue';

export type PatchType = 'merge' | 'strategic' | 'json';

type Json = null | boolean | number | bigint | string | Json[] | { [k: string]: Json };
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
  const keyOf = (e: Json) => (isObject(e) ? stringifyJson(e[mk]) : stringifyJson(e));
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
 * RFC 6902 as the API server applies it: gopkg.in/evanphx/json-patch.v4 (vendored by
 * kubernetes/kubernetes, vendor/gopkg.in/evanphx/json-patch.v4/patch.go), quirks included, each
 * failure with the library's text (`why`; the client sees the generic 422 of JsonPatchError):
 *  - a path is split on `/` and its first segment ignored (`""` names nothing, except for a whole-
 *    document replace or test); every segment but the last must name an object or an array;
 *  - array indices are strconv.Atoi's (`+1`, `007` and, with SupportNegativeIndices, `-1` from the
 *    end); `-` only appends on add;
 *  - an object's lookup never fails: replace of a missing key adds it, copy from one adds null,
 *    test of one passes against a missing or null value; remove of one is an error;
 *  - a missing value is null (add, replace), a missing path or from fails with upstream's words;
 *  - copies grow the document by at most the API server's JSONPatchMaxCopyBytes (3 MiB).
 * Keys are own properties whatever their name (`__proto__` stays a key).
 */
export function jsonPatch(doc: Json, ops: unknown): Json {
  // DecodePatch: json.Unmarshal into []Operation (map[string]*json.RawMessage); null is no operation.
  if (ops === null) return doc;
  if (!Array.isArray(ops)) throw new StatusError('BadRequest', `json: cannot unmarshal ${goJsonKind(ops)} into Go value of type jsonpatch.Patch`);
  for (const op of ops) {
    if (op !== null && !isObject(op)) throw new StatusError('BadRequest', `json: cannot unmarshal ${goJsonKind(op)} into Go value of type jsonpatch.Operation`);
  }
  const state: PatchState = { root: doc, copied: 0 };
  for (const op of ops as (JsonObject | null)[]) {
    checkpoint();
    const o: JsonObject = op ?? {};
    const kind = stringField(o, 'op');
    switch (kind.ok ? kind.value : 'unknown') {
      case 'add':
        opAdd(state, o);
        break;
      case 'remove':
        opRemove(state, o);
        break;
      case 'replace':
        opReplace(state, o);
        break;
      case 'move':
        opMove(state, o);
        break;
      case 'test':
        opTest(state, o);
        break;
      case 'copy':
        opCopy(state, o);
        break;
      default:
        throw patchFailed(`Unexpected kind: ${kind.ok ? kind.value : 'unknown'}`);
    }
  }
  return state.root;
}

interface PatchState {
  root: Json;
  /** accumulatedCopySize, in bytes of JSON. */
  copied: number;
}

/** k8s.io/apiserver's default JSONPatchMaxCopyBytes, which it sets as AccumulatedCopySizeLimit. */
const MAX_COPY_BYTES = 3 * 1024 * 1024;

type Container = JsonObject | Json[];
type Result<T> = { ok: true; value: T } | { ok: false; err: string };

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(err: string): Result<T> => ({ ok: false, err });

/** The JSON kind encoding/json names in an UnmarshalTypeError. */
function goJsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'bool';
    default:
      return 'object';
  }
}

/**
 * Operation.Path / From / Kind: a JSON string, else an error (absent and null are "missing").
 * Returns the string, or the error text Path() / From() give.
 */
function stringField(op: JsonObject, name: 'op' | 'path' | 'from'): Result<string> {
  const v = getOwn(op, name) as Json | undefined;
  if (v === undefined || v === null) return fail(name === 'from' ? 'operation, missing from field: missing value' : 'operation missing path field: missing value');
  if (typeof v !== 'string') return fail(`json: cannot unmarshal ${goJsonKind(v)} into Go value of type string`);
  return ok(v);
}

/** The operation's value: absent or null both become null in the document (a nil lazyNode marshals as null). */
function opValue(op: JsonObject): Json {
  const v = getOwn(op, 'value') as Json | undefined;
  return v === undefined ? null : deepClone(v);
}


const INT_MAX = 2n ** 63n - 1n;
const INT_MIN = -(2n ** 63n);

/** strconv.Atoi (a 64-bit int): the number, or its error text. */
function atoi(s: string): Result<number> {
  if (!/^[+-]?\d+$/.test(s)) return fail(`strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n > INT_MAX || n < INT_MIN) return fail(`strconv.Atoi: parsing ${goQuote(s)}: value out of range`);
  return ok(Number(n));
}

const invalidIndex = (idx: number) => `Unable to access invalid index: ${idx}: invalid index referenced`;

/** An index into an array of `len` elements, negative ones counted from the end (SupportNegativeIndices). */
function arrayIndex(key: string, len: number): Result<number> {
  const a = atoi(key);
  if (!a.ok) return a;
  let idx = a.value;
  if (idx < 0) {
    if (idx < -len) return fail(invalidIndex(idx));
    idx += len;
  }
  if (idx >= len) return fail(invalidIndex(idx));
  return ok(idx);
}

/** container.get: an object's lookup never fails (undefined when absent); an array's checks its index. */
function containerGet(con: Container, key: string): Result<Json | undefined> {
  if (!Array.isArray(con)) return ok(getOwn(con, key) as Json | undefined);
  const i = arrayIndex(key, con.length);
  return i.ok ? ok(con[i.value]) : i;
}

function containerAdd(con: Container, key: string, value: Json): Result<void> {
  if (!Array.isArray(con)) {
    setKey(con, key, value);
    return ok(undefined);
  }
  if (key === '-') {
    con.push(value);
    return ok(undefined);
  }
  const a = atoi(key);
  if (!a.ok) return fail(`value was not a proper array index: '${key}': ${a.err}`);
  let idx = a.value;
  const size = con.length + 1;
  if (idx >= size) return fail(invalidIndex(idx));
  if (idx < 0) {
    if (idx < -size) return fail(invalidIndex(idx));
    idx += size;
  }
  con.splice(idx, 0, value);
  return ok(undefined);
}

function containerSet(con: Container, key: string, value: Json): Result<void> {
  if (!Array.isArray(con)) {
    setKey(con, key, value);
    return ok(undefined);
  }
  const i = arrayIndex(key, con.length);
  if (!i.ok) return i;
  con[i.value] = value;
  return ok(undefined);
}

function containerRemove(con: Container, key: string): Result<void> {
  if (!Array.isArray(con)) {
    if (!Object.prototype.hasOwnProperty.call(con, key)) return fail(`Unable to remove nonexistent key: ${key}: missing value`);
    delete con[key];
    return ok(undefined);
  }
  const i = arrayIndex(key, con.length);
  if (!i.ok) return i;
  con.splice(i.value, 1);
  return ok(undefined);
}

/** RFC 6901's unescaping of one reference token: ~1 then ~0. */
function decodePatchKey(k: string): string {
  return k.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** findObject: the container the path's last segment is in, and that segment; undefined when there is none. */
function findObject(root: Json, path: string): { con: Container; key: string } | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  if (root === null || typeof root !== 'object') return undefined;
  let doc: Container = root;
  for (let i = 1; i < split.length - 1; i++) {
    const next = containerGet(doc, decodePatchKey(split[i]));
    // A missing or null member, or a scalar (which does not decode as an object or array), ends the walk.
    if (!next.ok || next.value === undefined || next.value === null || typeof next.value !== 'object') return undefined;
    doc = next.value;
  }
  return { con: doc, key: decodePatchKey(split[split.length - 1]) };
}

function opAdd(st: PatchState, op: JsonObject): void {
  const path = stringField(op, 'path');
  if (!path.ok) throw patchFailed('add operation failed to decode path: missing value');
  const at = findObject(st.root, path.value);
  if (!at) throw patchFailed(`add operation does not apply: doc is missing path: "${path.value}": missing value`);
  const r = containerAdd(at.con, at.key, opValue(op));
  if (!r.ok) throw patchFailed(`error in add for path: '${path.value}': ${r.err}`);
}

function opRemove(st: PatchState, op: JsonObject): void {
  const path = stringField(op, 'path');
  if (!path.ok) throw patchFailed('remove operation failed to decode path: missing value');
  const at = findObject(st.root, path.value);
  if (!at) throw patchFailed(`remove operation does not apply: doc is missing path: "${path.value}": missing value`);
  const r = containerRemove(at.con, at.key);
  if (!r.ok) throw patchFailed(`error in remove for path: '${path.value}': ${r.err}`);
}

function opReplace(st: PatchState, op: JsonObject): void {
  const path = stringField(op, 'path');
  if (!path.ok) throw patchFailed(`replace operation failed to decode path: ${path.err}`);
  if (path.value === '') {
    // The whole document, by an object or an array. (The `%w` of a nil error prints as `%!w(<nil>)`;
    // an absent value, a nil pointer upstream, is refused the same way here.)
    const v = opValue(op);
    if (v === null || typeof v !== 'object') throw patchFailed('replace operation value must be object or array: %!w(<nil>)');
    st.root = v;
    return;
  }
  const at = findObject(st.root, path.value);
  if (!at) throw patchFailed(`replace operation does not apply: doc is missing path: ${path.value}: missing value`);
  if (!containerGet(at.con, at.key).ok) throw patchFailed(`replace operation does not apply: doc is missing key: ${path.value}: missing value`);
  const r = containerSet(at.con, at.key, opValue(op));
  if (!r.ok) throw patchFailed(`error in remove for path: '${path.value}': ${r.err}`);
}

function opMove(st: PatchState, op: JsonObject): void {
  const from = stringField(op, 'from');
  if (!from.ok) throw patchFailed(`move operation failed to decode from: ${from.err}`);
  const src = findObject(st.root, from.value);
  if (!src) throw patchFailed(`move operation does not apply: doc is missing from path: ${from.value}: missing value`);
  // Upstream names the key, not the path, in these two.
  const got = containerGet(src.con, src.key);
  if (!got.ok) throw patchFailed(`error in move for path: '${src.key}': ${got.err}`);
  const removed = containerRemove(src.con, src.key);
  if (!removed.ok) throw patchFailed(`error in move for path: '${src.key}': ${removed.err}`);
  // The value leaves before the destination is looked up: moving into its own child finds no parent.
  const path = stringField(op, 'path');
  if (!path.ok) throw patchFailed(`move operation failed to decode path: ${path.err}`);
  const dst = findObject(st.root, path.value);
  if (!dst) throw patchFailed(`move operation does not apply: doc is missing destination path: ${path.value}: missing value`);
  const r = containerAdd(dst.con, dst.key, got.value === undefined ? null : got.value);
  if (!r.ok) throw patchFailed(`error in move for path: '${path.value}': ${r.err}`);
}

function opTest(st: PatchState, op: JsonObject): void {
  const path = stringField(op, 'path');
  if (!path.ok) throw patchFailed(`test operation failed to decode path: ${path.err}`);
  const value = getOwn(op, 'value') as Json | undefined;
  if (path.value === '') {
    if (value === undefined || !deepEqual(st.root, value)) throw patchFailed('testing value  failed: test failed');
    return;
  }
  const at = findObject(st.root, path.value);
  if (!at) throw patchFailed(`test operation does not apply: is missing path: ${path.value}: missing value`);
  const got = containerGet(at.con, at.key);
  if (!got.ok) throw patchFailed(`error in test for path: '${path.value}': ${got.err}`);
  // A missing or null member passes against an absent or null value, and only then.
  if (got.value === undefined || got.value === null) {
    if (value === undefined || value === null) return;
    throw patchFailed(`testing value ${path.value} failed: test failed`);
  }
  if (value === undefined || !deepEqual(got.value, value)) throw patchFailed(`testing value ${path.value} failed: test failed`);
}

function opCopy(st: PatchState, op: JsonObject): void {
  const from = stringField(op, 'from');
  if (!from.ok) throw patchFailed(`copy operation failed to decode from: ${from.err}`);
  const src = findObject(st.root, from.value);
  if (!src) throw patchFailed(`copy operation does not apply: doc is missing from path: ${from.value}: missing value`);
  const got = containerGet(src.con, src.key);
  if (!got.ok) throw patchFailed(`error in copy for from: '${from.value}': ${got.err}`);
  const path = stringField(op, 'path');
  if (!path.ok) throw patchFailed('copy operation failed to decode path: missing value');
  const dst = findObject(st.root, path.value);
  if (!dst) throw patchFailed(`copy operation does not apply: doc is missing destination path: ${path.value}: missing value`);
  // deepCopy: a missing or null member (a nil node) copies as nothing, 0 bytes, which the add writes as null.
  const value = got.value === undefined ? null : deepClone(got.value);
  st.copied += got.value === undefined || got.value === null ? 0 : Buffer.byteLength(stringifyJson(got.value));
  if (st.copied > MAX_COPY_BYTES) {
    throw patchFailed(`Unable to complete the copy, the accumulated size increase of copy is ${st.copied}, exceeding the limit ${MAX_COPY_BYTES}`);
  }
  const r = containerAdd(dst.con, dst.key, value);
  if (!r.ok) throw patchFailed(`error while adding value during copy: ${r.err}`);
}
