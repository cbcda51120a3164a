// Client-side `kubectl apply`: the last-applied-configuration annotation and the three-way strategic
// merge patch kubectl computes from it, the new manifest and the live object
// (k8s.io/kubectl/pkg/util/apply.go GetModifiedConfiguration,
// k8s.io/apimachinery/pkg/util/strategicpatch CreateThreeWayMergePatch).
import { mergeKeyFor } from '../apiserver/patch';
import type { KubeObject } from '../apiserver/types';
import { deepClone, deepEqual, equalityKey, getOwn, setKey } from '../util/clone';
import { toCompactJson } from './printers/json';
import { parseJson, stringifyJson } from '../util/json';
import { checkpoint } from '../util/deadline';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Json = null | boolean | number | bigint | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * util.GetModifiedConfiguration(obj, annotate=true): the object serialised without the annotation
 * becomes the annotation (compact JSON, sorted keys, trailing newline as json.Encoder writes it);
 * `annotations` is present even when empty, as in real last-applied configurations.
 */
export function modifiedConfiguration(obj: KubeObject): { modified: KubeObject; lastApplied: string } {
  const copy = deepClone(obj);
  copy.metadata = copy.metadata ?? {};
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata.annotations = annotations;
  const lastApplied = toCompactJson(copy) + '\n';
  const modified = deepClone(copy);
  modified.metadata.annotations = { ...annotations, [LAST_APPLIED]: lastApplied };
  return { modified, lastApplied };
}

/** Fields whose patch strategy is `retainKeys` (k8s.io/api: DeploymentSpec.Strategy, Volume sources). */
function retainKeysAt(kind: string, path: string[]): boolean {
  return kind === 'Deployment' && path.join('.') === 'spec.strategy';
}

interface DiffOptions {
  ignoreDeletions: boolean;
  ignoreChangesAndAdditions: boolean;
  buildRetainKeys: boolean;
}

/** strategicpatch diffMaps. */
function diffMaps(original: JsonObject, modified: JsonObject, kind: string, path: string[], opts: DiffOptions): JsonObject {
  checkpoint();
  const patch: JsonObject = {};
  const retainKeys: string[] = [];
  for (const [key, m] of Object.entries(modified)) {
    if (m === undefined) continue;
    if (opts.buildRetainKeys && m !== null) retainKeys.push(key);
    // Own keys only, and written as own keys (setKey): `key in original` is true for `__proto__`
    // on any object, and `patch.__proto__ = m` would set the patch's prototype and drop the field,
    // so that a re-apply silently accepted what create refuses as an unknown field.
    const o = getOwn(original, key) as Json | undefined;
    if (o === undefined) {
      if (!opts.ignoreChangesAndAdditions) setKey(patch, key, m);
      continue;
    }
    const sameType = (isObject(o) && isObject(m)) || (Array.isArray(o) && Array.isArray(m)) || (!isObject(o) && !Array.isArray(o) && !isObject(m) && !Array.isArray(m) && typeof o === typeof m && (o === null) === (m === null));
    if (!sameType) {
      if (!opts.ignoreChangesAndAdditions) setKey(patch, key, m);
      continue;
    }
    const p = [...path, key];
    if (isObject(o) && isObject(m)) {
      const sub = diffMaps(o, m, kind, p, { ...opts, buildRetainKeys: retainKeysAt(kind, p) });
      if (Object.keys(sub).length) setKey(patch, key, sub);
    } else if (Array.isArray(o) && Array.isArray(m)) {
      diffSlice(key, o, m, patch, kind, p, opts);
    } else if (!opts.ignoreChangesAndAdditions && !deepEqual(o, m)) {
      setKey(patch, key, m);
    }
  }
  if (!opts.ignoreDeletions) {
    for (const key of Object.keys(original)) if (original[key] !== undefined && getOwn(modified, key) === undefined) setKey(patch, key, null);
  }
  const hasAdditionalNewField = Object.keys(original).some((k) => original[k] !== null && original[k] !== undefined && getOwn(modified, k) === undefined);
  if (retainKeys.length && (Object.keys(patch).length || hasAdditionalNewField)) patch['$retainKeys'] = retainKeys.sort();
  return patch;
}

/** strategicpatch handleSliceDiff: lists of maps with a merge key merge element-wise; others replace. */
function diffSlice(key: string, o: Json[], m: Json[], patch: JsonObject, kind: string, path: string[], opts: DiffOptions): void {
  const mk = mergeKeyFor(kind, path);
  const mapsWithKey = (l: Json[]) => l.every((e) => isObject(e) && e[mk!] !== undefined);
  if (!mk || !mapsWithKey(o) || !mapsWithKey(m)) {
    if (!opts.ignoreChangesAndAdditions && !deepEqual(o, m)) setKey(patch, key, m);
    return;
  }
  if (o.length === 0) {
    if (m.length && !opts.ignoreChangesAndAdditions) setKey(patch, key, m);
    return;
  }
  // stringifyJson: a merge key's value may be an integer past 2^53 (a bigint) in a student's manifest.
  const keyOf = (e: Json) => stringifyJson((e as JsonObject)[mk]);
  const origByKey = new Map(o.map((e) => [keyOf(e), e as JsonObject]));
  const modKeys = new Set(m.map(keyOf));
  const list: Json[] = [];
  // Changes and additions, in the modified list's order (normalizeSliceOrder).
  for (const e of m as JsonObject[]) {
    const oe = origByKey.get(keyOf(e));
    if (oe) {
      const sub = diffMaps(oe, e, kind, path, { ...opts, buildRetainKeys: false });
      if (Object.keys(sub).length) list.push({ ...sub, [mk]: e[mk] });
    } else if (!opts.ignoreChangesAndAdditions) {
      list.push(e);
    }
  }
  if (!opts.ignoreDeletions) {
    for (const e of o as JsonObject[]) if (!modKeys.has(keyOf(e))) list.push({ [mk]: e[mk], $patch: 'delete' });
  }
  const orderSame = o.length === m.length && o.every((e, i) => keyOf(e) === keyOf(m[i]));
  if (list.length) setKey(patch, key, list);
  if ((!opts.ignoreChangesAndAdditions && (list.length > 0 || !orderSame)) || (!opts.ignoreDeletions && list.length > 0)) {
    patch[`$setElementOrder/${key}`] = (m as JsonObject[]).map((e) => ({ [mk]: e[mk] }));
  }
}

/** strategicpatch mergeMap of two patches (deletions first, then the delta, which is additive). */
function mergePatches(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = getOwn(out, k);
    if (isObject(cur) && isObject(v)) setKey(out, k, mergePatches(cur, v));
    else if (Array.isArray(cur) && Array.isArray(v) && !k.startsWith('$')) setKey(out, k, mergeLists(cur, v));
    else setKey(out, k, v);
  }
  return out;
}

function mergeLists(a: Json[], b: Json[]): Json[] {
  // Deletion directives and changed elements refer to distinct merge-key values except for an
  // element changed in both; keep b's version of those. Each element of b is merged into the first
  // element of the list with its first key's value that is not a deletion, found through an index
  // per key name rather than a search (linear: the lists are as long as a student makes them).
  const out = [...a];
  // Every field of every element, by name and value: linear in the lists' size, whatever key names
  // a patch's elements lead with.
  const index = new Map<string, { at: number[]; next: number }>();
  const slotKey = (name: string, value: Json) => `${JSON.stringify(name)}=${equalityKey(value)}`;
  const matchable = (x: Json | undefined): x is JsonObject => isObject(x) && x['$patch'] !== 'delete';
  const add = (i: number) => {
    const x = out[i];
    if (!matchable(x)) return;
    for (const [name, value] of Object.entries(x)) {
      if (name.startsWith('$')) continue;
      const k = slotKey(name, value);
      const slot = index.get(k);
      if (slot) slot.at.push(i);
      else index.set(k, { at: [i], next: 0 });
    }
  };
  const first = (name: string, value: Json): number | undefined => {
    const slot = index.get(slotKey(name, value));
    if (!slot) return undefined;
    // an element merged into a deletion matches nothing more: skip it, once
    while (slot.next < slot.at.length && !matchable(out[slot.at[slot.next]])) slot.next++;
    return slot.at[slot.next];
  };
  for (let i = 0; i < out.length; i++) add(i);
  for (const e of b) {
    if (isObject(e)) {
      const k = Object.entries(e).find(([key]) => !key.startsWith('$'));
      const idx = k ? first(k[0], k[1]) : undefined;
      if (idx !== undefined) {
        out[idx] = mergePatches(out[idx] as JsonObject, e);
        continue;
      }
    }
    out.push(e);
    add(out.length - 1);
  }
  return out;
}

/**
 * CreateThreeWayMergePatch(original, modified, current, overwrite=true): the changes from current
 * to modified (without deletions), plus the fields deleted between original and modified.
 */
export function threeWayMergePatch(original: KubeObject | undefined, modified: KubeObject, current: KubeObject, kind: string): JsonObject {
  const delta = diffMaps(current as unknown as JsonObject, modified as unknown as JsonObject, kind, [], { ignoreDeletions: true, ignoreChangesAndAdditions: false, buildRetainKeys: false });
  const deletions = original
    ? diffMaps(original as unknown as JsonObject, modified as unknown as JsonObject, kind, [], { ignoreDeletions: false, ignoreChangesAndAdditions: true, buildRetainKeys: false })
    : {};
  return mergePatches(deletions, delta);
}

/** The last-applied configuration recorded on a live object, parsed (undefined if none or unreadable). */
export function originalConfiguration(live: KubeObject): KubeObject | undefined {
  const text = live.metadata.annotations?.[LAST_APPLIED];
  if (!text) return undefined;
  try {
    return parseJson(text) as KubeObject;
  } catch {
    return undefined;
  }
}
