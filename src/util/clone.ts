// Copying and freezing plain JSON-like data. The API server freezes what it stores so readers can
// share objects without copying (as client-go's informer caches do); writers clone first.

/** Deep copy of JSON-like data (objects, arrays, primitives). Faster than structuredClone for this. */
/**
 * `obj[k] = v`, except that a key named `__proto__` stays an own key. Untrusted YAML can hold one
 * (the \`yaml\` package keeps it as an own property); a plain assignment would set the copy's
 * prototype instead, hiding the key from validation and lending its fields to the copy.
 */
export function setKey(obj: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
  else obj[k] = v;
}

/**
 * `obj[k]` for an own key only. `obj['__proto__']` on a plain object without that own key is
 * Object.prototype itself: a merge that reads it and writes into the result pollutes every object
 * in the process (a strategic merge patch of `{"metadata": {"__proto__": {"labels": ...}}}` did).
 */
export function getOwn(obj: object, k: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, k) ? (obj as Record<string, unknown>)[k] : undefined;
}

/**
 * Whether `v` holds an object or array more than `levels` levels down (`v` itself is level 1).
 * Recursive, but never more than `levels` frames deep: it is the guard that lets every other walk
 * here (and JSON.stringify) recurse safely on what passed it. Frozen parts are stored versions,
 * which passed it when they were written, and are skipped.
 */
export function deeperThan(v: unknown, levels: number): boolean {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return false;
  if (levels <= 0) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (deeperThan(v[i], levels - 1)) return true;
    return false;
  }
  for (const k in v) if (deeperThan((v as Record<string, unknown>)[k], levels - 1)) return true;
  return false;
}

export function deepClone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = deepClone(v[i]);
    return out as unknown as T;
  }
  const out: Record<string, unknown> = {};
  // for-in rather than Object.keys (no key array per object): the same keys in the same order for
  // JSON-like data, whose prototypes have no enumerable properties.
  for (const k in v as object) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) setKey(out, k, deepClone(x));
  }
  return out as T;
}

/**
 * Deep copy that keeps frozen subtrees as they are. Anything frozen is immutable, so a new object
 * version can share it with the previous one (structural sharing): less to copy, less to freeze,
 * and deepEqual short-circuits on the shared parts. Only for values nothing will mutate in place.
 */
export function cloneSharingFrozen<T>(v: T): T {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return v;
  if (Array.isArray(v)) return v.map(cloneSharingFrozen) as unknown as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v as object)) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) setKey(out, k, cloneSharingFrozen(x));
  }
  return out as T;
}

/**
 * Like cloneSharingFrozen, and wherever the copy would be identical to the same place in `prev` (a
 * frozen earlier version: same values, same key order), that part of `prev` is used instead. A
 * status write that changes one condition then stores one new condition and shares the rest; a
 * write that changes nothing returns `prev` itself, which the no-op check sees at once.
 */
export function cloneReusing<T>(v: T, prev: unknown): T {
  if (v === prev || v === null || typeof v !== 'object' || Object.isFrozen(v)) return v;
  const p = prev !== null && typeof prev === 'object' && Object.isFrozen(prev) ? (prev as Record<string, unknown>) : undefined;
  if (Array.isArray(v)) {
    const pa = Array.isArray(p) ? (p as unknown[]) : undefined;
    const same = pa !== undefined && pa.length === v.length;
    // As for objects below: the copy is made at the first element that differs.
    let out: unknown[] | undefined = same ? undefined : new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = cloneReusing(v[i], pa?.[i]);
      if (out === undefined && x !== pa![i]) out = pa!.slice(0, i);
      if (out !== undefined) out[i] = x;
    }
    return (out ?? pa) as T;
  }
  const po = p && !Array.isArray(p) ? p : undefined;
  // The copy is built only once a value differs from `prev`'s: an unchanged subtree (most of a
  // status write) allocates nothing. Until then every value seen so far is `prev`'s own.
  let out: Record<string, unknown> | undefined = po === undefined ? {} : undefined;
  let n = 0;
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined) continue;
    const y = cloneReusing(x, po?.[k]);
    if (out === undefined && y !== po![k]) {
      out = {};
      for (const k2 in v) {
        if (k2 === k) break;
        const x2 = (v as Record<string, unknown>)[k2];
        if (x2 !== undefined) out[k2] = po![k2];
      }
    }
    if (out !== undefined) setKey(out, k, y);
    n++;
  }
  if (out !== undefined) return out as T;
  // Same values: `prev` stands in only with no other keys and the same key order.
  const prevKeys = Object.keys(po!);
  let j = 0;
  let sameOrder = prevKeys.length === n;
  if (sameOrder) {
    for (const k in v) {
      if ((v as Record<string, unknown>)[k] === undefined) continue;
      if (prevKeys[j++] !== k) {
        sameOrder = false;
        break;
      }
    }
  }
  if (sameOrder) return po as T;
  const copy: Record<string, unknown> = {};
  for (const k in v) if ((v as Record<string, unknown>)[k] !== undefined) setKey(copy, k, po![k]);
  return copy as T;
}

/** Freeze a JSON-like value and everything inside it. Returns the same value. */
export function deepFreeze<T>(v: T): T {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return v;
  Object.freeze(v);
  // Index and for-in loops rather than Object.keys: every stored object passes here.
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) deepFreeze(v[i]);
  else for (const k in v) deepFreeze((v as Record<string, unknown>)[k]);
  return v;
}

/**
 * A text equal for two values exactly when deepEqual holds (keys sorted, undefined-valued keys
 * left out, `undefined` itself its own text): lets a list be indexed by value in a Map, where a
 * search with deepEqual per element made merging two long lists quadratic.
 */
export function equalityKey(v: unknown): string {
  if (v === undefined) return 'u';
  // A bigint (an int64 past 2^53, src/util/json.ts) by its digits: never equal to a number, which is always safe.
  if (typeof v === 'bigint') return `${v}n`;
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'u' : equalityKey(x))).join(',')}]`;
  const o = v as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(o).sort()) if (o[k] !== undefined) parts.push(`${JSON.stringify(k)}:${equalityKey(o[k])}`);
  return `{${parts.join(',')}}`;
}

/** Structural equality of JSON-like values (undefined-valued keys count as absent). */
export function deepEqual(a: unknown, b: unknown): boolean {
  return equal(a, b, false);
}

/**
 * deepEqual of two objects, one key aside at their top level (e.g. `resourceVersion` in
 * metadata): compares in place, without copies that leave the key out.
 */
export function deepEqualExcept(a: Record<string, unknown>, b: Record<string, unknown>, skip: string): boolean {
  return a === b || objectsEqual(a, b, false, skip);
}

/** The one equality walk; `sameOrder` also requires the same key order (see shareUnchanged). */
function equal(a: unknown, b: unknown, sameOrder: boolean): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], bb[i], sameOrder)) return false;
    return true;
  }
  return objectsEqual(a as Record<string, unknown>, b as Record<string, unknown>, sameOrder);
}

function objectsEqual(a: Record<string, unknown>, b: Record<string, unknown>, sameOrder: boolean, skip?: string): boolean {
  if (sameOrder) {
    const bk = Object.keys(b);
    let j = 0;
    for (const k in a) {
      const x = a[k];
      if (x === undefined || bk[j++] !== k || !equal(x, b[k], true)) return false;
    }
    return j === bk.length;
  }
  // Count defined keys instead of collecting them: no key arrays on a hot path. A key defined in
  // `a` but absent from `b` fails equal(value, undefined); the count catches extra keys in `b`.
  let n = 0;
  for (const k in a) {
    const v = a[k];
    if (v === undefined || k === skip) continue;
    n++;
    if (!equal(v, b[k], false)) return false;
  }
  for (const k in b) if (b[k] !== undefined && k !== skip) n--;
  return n === 0;
}

/**
 * In place, replace every part of `v` (a mutable, unfrozen copy) that is equal to the same place in
 * `prev` (a frozen earlier version) by `prev`'s part: same values, same keys in the same order, no
 * undefined values. The new version then shares its unchanged subtrees with the previous one, as
 * cloneReusing's copies do, so freezing it and comparing it skip them. `v` itself is never replaced
 * (its caller still writes into it); returns whether all of it equals `prev` in that sense.
 */
export function shareUnchanged(v: Record<string, unknown>, prev: Record<string, unknown> | undefined): boolean {
  return shareInto(v, prev) === prev && prev !== undefined;
}

/** shareUnchanged of one value: `prev` itself when equal in that sense, else `v` with equal parts of `prev` put in. */
function shareValue(v: unknown, prev: unknown): unknown {
  if (v === prev) return prev;
  if (v === null || typeof v !== 'object' || prev === null || typeof prev !== 'object' || !Object.isFrozen(prev)) return v;
  if (Object.isFrozen(v)) return deepEqualSameOrder(v, prev) ? prev : v;
  return shareInto(v as Record<string, unknown>, prev as Record<string, unknown>);
}

function shareInto(v: Record<string, unknown>, prev: Record<string, unknown> | undefined): unknown {
  if (prev === undefined || prev === null || typeof prev !== 'object' || !Object.isFrozen(prev)) return v;
  if (Array.isArray(v)) {
    if (!Array.isArray(prev)) return v;
    const pa = prev as unknown[];
    let same = pa.length === v.length;
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as unknown;
      const y = i < pa.length ? shareValue(x, pa[i]) : x;
      if (y !== x) v[i] = y;
      if (y !== pa[i] || y === undefined) same = false;
    }
    return same ? prev : v;
  }
  if (Array.isArray(prev)) return v;
  const prevKeys = Object.keys(prev);
  let same = true;
  let j = 0;
  for (const k in v) {
    const x = v[k];
    if (x === undefined || prevKeys[j++] !== k) same = false;
    if (x === undefined || !Object.prototype.hasOwnProperty.call(prev, k)) continue;
    const y = shareValue(x, prev[k]);
    if (y !== x) setKey(v, k, y);
    if (y !== prev[k]) same = false;
  }
  return same && j === prevKeys.length ? prev : v;
}

/** deepEqual that also requires the same key order (frozen values compared without copying). */
function deepEqualSameOrder(a: unknown, b: unknown): boolean {
  return equal(a, b, true);
}
