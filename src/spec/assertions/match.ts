// Partial-object matching, the semantics of `match` and `where`: maps by key, scalars by equality,
// `/.../` strings as regular expressions on the value's text, `null` for absent-or-null, lists
// element by element (same length) or `{ contains: [...] }`, `{ exists: true|false }` (present with
// any value, or absent), `{ any: [...] }` (one of the alternatives), and (extension) `{ min, max }`
// bounds. Each operator is a map with that single key.
//
// Besides pass/fail it returns every mismatching field with its path, and two pruned views (what was
// expected, what is there) shaped alike so that a YAML diff of them shows only what differs.
import type { Mismatch } from '../../runner/result';
import { checkpoint } from '../../util/deadline';
import { compileRegexLiteral, isRegexLiteral, type SpecRegex } from '../pattern';
import { msg } from '../../i18n';
import { flow as flowText } from '../summary';
import { specMessages as t } from '../../i18n/messages/spec';

/** Marks a field left out of a view (absent in the object and not worth showing). */
const ABSENT: unique symbol = Symbol('absent');
type View = unknown;

export interface MatchResult {
  ok: boolean;
  mismatches: Mismatch[];
  /** The expectation, with every field that matched replaced by the actual value. */
  expectedView: View;
  /** The actual object pruned to the fields the expectation names. */
  actualView: View;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const regexCache = new Map<string, SpecRegex>();
function regexOf(s: string): SpecRegex | undefined {
  if (!isRegexLiteral(s)) return undefined;
  let r = regexCache.get(s);
  if (!r) {
    r = compileRegexLiteral(s);
    if (regexCache.size > 10_000) regexCache.clear();
    regexCache.set(s, r);
  }
  return r;
}

/** `{ contains: [...] }`: the list operator. */
export function isContains(v: unknown): v is { contains: unknown[] } {
  return isObj(v) && Object.keys(v).length === 1 && Array.isArray(v.contains);
}

/** `{ exists: true|false }`: the field is present with any value (not null), or absent (or null). */
export function isExists(v: unknown): v is { exists: boolean } {
  return isObj(v) && Object.keys(v).length === 1 && typeof v.exists === 'boolean';
}

/** `{ any: [...] }`: the value matches one of the alternatives (each itself a partial value). */
export function isAny(v: unknown): v is { any: unknown[] } {
  return isObj(v) && Object.keys(v).length === 1 && Array.isArray(v.any);
}

/** `{ min: N }`, `{ max: N }`, `{ min: N, max: M }` with numbers: the bounds operator (extension). */
export function isBounds(v: unknown): v is { min?: number; max?: number } {
  if (!isObj(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => (k === 'min' || k === 'max') && typeof v[k] === 'number');
}

/** `status.readyReplicas`, `spec.containers[0].image`, `metadata.labels["app.kubernetes.io/name"]` */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return base ? `${base}.${key}` : key;
  return `${base}[${JSON.stringify(key)}]`;
}

/** Whether `actual` matches the partial object `expected` (no details: for `where`). */
export function matches(expected: unknown, actual: unknown): boolean {
  return matchPartial(expected, actual).ok;
}

export function matchPartial(expected: unknown, actual: unknown, base = ''): MatchResult {
  const mismatches: Mismatch[] = [];
  const [e, a] = walk(expected, actual, base, mismatches);
  return { ok: mismatches.length === 0, mismatches, expectedView: e === ABSENT ? {} : e, actualView: a === ABSENT ? {} : a };
}

function scalarEquals(exp: unknown, act: unknown): boolean {
  if (exp === act) return true;
  // YAML reads `1` and `true` as a number and a boolean; Kubernetes stores label values, env values
  // and annotations as text. Let the same text match either way.
  // A bigint is an int64 past 2^53 (src/util/json.ts), a number with every digit.
  if (typeof exp === 'string' && (typeof act === 'number' || typeof act === 'bigint' || typeof act === 'boolean')) return String(act) === exp;
  if (typeof act === 'string' && (typeof exp === 'number' || typeof exp === 'bigint' || typeof exp === 'boolean')) return String(exp) === act;
  return false;
}

function kindOf(v: unknown): string {
  if (v === undefined) return msg(t.kindMissing);
  if (v === null) return 'null';
  if (Array.isArray(v)) return msg(t.kindList);
  if (typeof v === 'object') return msg(t.kindMap);
  return typeName(typeof v);
}

/** `string`, `number`, `boolean` (in Korean too: 문자열, 숫자, 불리언). */
function typeName(type: string): string {
  const m = type === 'string' ? t.typeString : type === 'number' || type === 'bigint' ? t.typeNumber : type === 'boolean' ? t.typeBoolean : undefined;
  return m ? msg(m) : type;
}

/** The expectation as it reads in a diff (operators rendered, nothing matched yet). */
function render(exp: unknown): View {
  if (isContains(exp)) return exp.contains.map(render);
  if (isExists(exp)) return msg(exp.exists ? t.existsPresent : t.existsAbsent);
  if (isAny(exp)) return msg(t.anyOf, { alternatives: exp.any.map((x) => (typeof x === 'string' ? x : flowText(render(x)))).join(' | ') });
  if (isBounds(exp)) return boundsText(exp);
  if (Array.isArray(exp)) return exp.map(render);
  if (isObj(exp)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(exp)) out[k] = render(v);
    return out;
  }
  return exp;
}

function boundsText(b: { min?: number; max?: number }): string {
  if (b.min !== undefined && b.max !== undefined) return msg(t.boundsBetween, { min: b.min, max: b.max });
  return b.min !== undefined ? msg(t.boundsAtLeast, { min: b.min }) : msg(t.boundsAtMost, { max: b.max! });
}

/** `actual` pruned to the shape of `exp` (for context in views). */
function prune(exp: unknown, act: unknown): View {
  if (act === undefined) return ABSENT;
  if (isContains(exp) || isBounds(exp) || isExists(exp) || isAny(exp) || !isObj(exp)) {
    if (Array.isArray(exp) && Array.isArray(act)) return act.map((x, i) => prune(exp[Math.min(i, exp.length - 1)], x));
    if (isContains(exp) && Array.isArray(act)) return act.map((x) => pruneUnion(exp.contains, x));
    return act;
  }
  if (!isObj(act)) return act;
  const out: Obj = {};
  for (const k of Object.keys(exp)) {
    const v = prune(exp[k], act[k]);
    if (v !== ABSENT) out[k] = v;
  }
  return out;
}

function pruneUnion(shapes: unknown[], act: unknown): View {
  const objs = shapes.filter(isObj);
  if (!objs.length || !isObj(act)) return act;
  const merged: Obj = {};
  for (const o of objs) for (const k of Object.keys(o)) merged[k] = k in merged && isObj(merged[k]) && isObj(o[k]) ? { ...(merged[k] as Obj), ...(o[k] as Obj) } : o[k];
  return prune(merged, act);
}

function walk(exp: unknown, act: unknown, path: string, out: Mismatch[]): [View, View] {
  // `contains` over a student's long lists is |wanted| × |list|: the spec's deadline bounds it.
  checkpoint();
  // null: absent or null.
  if (exp === null) {
    if (act === undefined) return [ABSENT, ABSENT];
    if (act === null) return [null, null];
    out.push({ path, expected: null, actual: act, note: msg(t.noteAbsentOrNull) });
    return [null, act];
  }
  if (typeof exp === 'string') {
    const re = regexOf(exp);
    if (re) {
      if (act === undefined) {
        out.push({ path, expected: exp, actual: undefined, note: msg(t.noteMissing) });
        return [exp, ABSENT];
      }
      if (act === null || typeof act === 'object') {
        out.push({ path, expected: exp, actual: act, note: msg(t.noteRegexOnScalars, { kind: kindOf(act) }) });
        return [exp, act];
      }
      if (re.test(String(act))) return [act, act];
      out.push({ path, expected: exp, actual: act, note: msg(t.noteNoRegexMatch, { re: exp }) });
      return [exp, act];
    }
  }
  if (exp === undefined || typeof exp !== 'object') {
    if (scalarEquals(exp, act)) return [act, act];
    out.push({ path, expected: exp, actual: act, ...(act === undefined ? { note: msg(t.noteMissing) } : typeof act === 'object' && act !== null ? { note: msg(t.noteWrongType, { type: typeName(typeof exp), kind: kindOf(act) }) } : {}) });
    return [exp, act === undefined ? ABSENT : act];
  }
  if (isBounds(exp)) {
    const numeric = typeof act === 'number' || typeof act === 'bigint';
    if (numeric && (exp.min === undefined || act >= exp.min) && (exp.max === undefined || act <= exp.max)) return [act, act];
    out.push({ path, expected: exp, actual: act, note: act === undefined ? msg(t.noteMissing) : numeric ? msg(t.noteBounds, { bounds: boundsText(exp) }) : msg(t.noteNumberBounds, { bounds: boundsText(exp), kind: kindOf(act) }) });
    return [boundsText(exp), act === undefined ? ABSENT : act];
  }
  if (isContains(exp)) return walkContains(exp.contains, act, path, out);
  if (isExists(exp)) {
    const present = act !== undefined && act !== null;
    if (present === exp.exists) return [act === undefined ? ABSENT : act, act === undefined ? ABSENT : act];
    out.push({ path, expected: render(exp), actual: act, note: msg(exp.exists ? t.noteMissing : t.noteShouldBeAbsent) });
    return [render(exp), act === undefined ? ABSENT : act];
  }
  if (isAny(exp)) {
    for (const alt of exp.any) {
      const r: Mismatch[] = [];
      const [, a] = walk(alt, act, path, r);
      if (r.length === 0) return [a, a];
    }
    out.push({ path, expected: render(exp), actual: act, note: act === undefined ? msg(t.noteMissing) : msg(t.noteNoAlternative, { n: exp.any.length }) });
    return [render(exp), act === undefined ? ABSENT : act];
  }
  if (Array.isArray(exp)) {
    if (!Array.isArray(act)) {
      out.push({ path, expected: exp, actual: act, note: act === undefined ? msg(t.noteMissing) : msg(t.noteList, { kind: kindOf(act) }) });
      return [render(exp), act === undefined ? ABSENT : act];
    }
    if (exp.length !== act.length) out.push({ path, expected: exp.length, actual: act.length, note: msg(t.noteElements, { n: exp.length, found: act.length }) });
    const ev: View[] = [];
    const av: View[] = [];
    for (let i = 0; i < Math.max(exp.length, act.length); i++) {
      if (i < exp.length && i < act.length) {
        const [e, a] = walk(exp[i], act[i], joinPath(path, i), out);
        ev.push(e === ABSENT ? null : e);
        av.push(a === ABSENT ? null : a);
      } else if (i < exp.length) ev.push(render(exp[i]));
      else {
        const a = exp.length ? prune(exp[exp.length - 1], act[i]) : act[i];
        av.push(a === ABSENT ? null : a);
      }
    }
    return [ev, av];
  }
  // A map.
  const e = exp as Obj;
  if (act !== undefined && act !== null && !isObj(act)) {
    out.push({ path, expected: exp, actual: act, note: msg(t.noteMap, { kind: kindOf(act) }) });
    return [render(exp), act];
  }
  const actual = (act ?? {}) as Obj;
  const ev: Obj = {};
  const av: Obj = {};
  for (const k of Object.keys(e)) {
    const [x, y] = walk(e[k], actual[k], joinPath(path, k), out);
    if (x !== ABSENT) ev[k] = x;
    if (y !== ABSENT) av[k] = y;
  }
  return [ev, act === undefined && Object.keys(av).length === 0 ? ABSENT : av];
}

function walkContains(wanted: unknown[], act: unknown, path: string, out: Mismatch[]): [View, View] {
  if (!Array.isArray(act)) {
    out.push({ path, expected: { contains: wanted }, actual: act, note: act === undefined ? msg(t.noteMissing) : msg(t.noteList, { kind: kindOf(act) }) });
    return [wanted.map(render), act === undefined ? ABSENT : act];
  }
  const ev: View[] = [];
  const av: View[] = [];
  for (const w of wanted) {
    let best: { i: number; n: number } | undefined;
    for (let i = 0; i < act.length; i++) {
      const r = matchPartial(w, act[i]);
      if (r.ok) {
        best = { i, n: 0 };
        break;
      }
      if (!best || r.mismatches.length < best.n) best = { i, n: r.mismatches.length };
    }
    if (best && best.n === 0) {
      const [x, y] = walk(w, act[best.i], joinPath(path, best.i), []);
      ev.push(x);
      av.push(y);
      continue;
    }
    out.push({
      path,
      expected: w,
      actual: act.length > 10 ? [...act.slice(0, 10).map((x) => prune(w, x)), msg(t.moreElements, { n: act.length - 10 })] : act.map((x) => prune(w, x)),
      note: msg(act.length ? t.noteNoElement : t.noteEmptyList),
    });
    ev.push(render(w));
    if (best) {
      const y = prune(w, act[best.i]);
      if (y !== ABSENT) av.push(y);
    }
  }
  return [ev, av];
}
