// The object assertion: select (kind, name | selector, fieldSelector, namespace, where, pick), count
// the selection, then check `match`, `not` and `ownedBy` on every selected object. A failure names
// the objects found, every mismatching field with its path, and a pruned YAML diff. `capture` reads
// fields of the first selected object (capture.ts).
import type { ClusterApi } from '../../cluster/backend';
import type { KubeObject } from '../../apiserver/types';
import type { Failure, Mismatch } from '../../runner/result';
import type { ObjectAssertion, OwnedBy, Pick } from '../model';
import { describeSelection, flow, pickText, plural } from '../summary';
import { joinPath, matchPartial } from './match';
import { unifiedDiff, withIdentity } from './diff';
import { byCreation, nameList, objectName, selectObjects } from './select';
import { compileRegexLiteral, isRegexLiteral } from '../pattern';
import { captureField, parseFieldPath, type Captured } from './capture';
import { getLang, msg } from '../../i18n';
import { specMessages as t } from '../../i18n/messages/spec';

/** Most objects listed in `selected` / `mismatches`, and shown in a diff. */
const MAX_SELECTED = 100;
const MAX_MISMATCHED = 20;
const MAX_DIFFED = 5;

/** `3 Pods with selector app=nginx`, `Deployment named web`... (without the number). */
export function selectionPhrase(a: ObjectAssertion, n: number): string {
  if (getLang() !== 'en') {
    // `Pod(selector app=nginx, 네임스페이스 web)`: the kind, then what narrows it, in parentheses
    // (no particle to choose after an English name).
    const quals: string[] = [];
    if (a.name) quals.push(msg(t.phraseNamed, { name: a.name }));
    if (a.selector !== undefined) quals.push(msg(t.phraseSelector, { selector: a.selector || msg(t.everything) }));
    if (a.fieldSelector) quals.push(msg(t.phraseFields, { fields: a.fieldSelector, and: a.selector !== undefined ? 1 : '' }));
    if (a.namespace === '*') quals.push(msg(t.phraseAnyNamespace));
    else if (a.namespace !== 'default') quals.push(msg(t.phraseNamespace, { ns: a.namespace }));
    if (a.where) quals.push(msg(t.phraseWhere, { where: flow(a.where) }));
    if (a.pick !== undefined && a.pick !== 'all') quals.push(pickText(a.pick).trim().replace(/^\((.*)\)$/, '$1'));
    return quals.length ? `${a.kind}(${quals.join(', ')})` : a.kind;
  }
  let s = plural(a.kind, n);
  if (a.name) s += msg(t.phraseNamed, { name: a.name });
  if (a.selector !== undefined) s += msg(t.phraseSelector, { selector: a.selector || msg(t.everything) });
  if (a.fieldSelector) s += msg(t.phraseFields, { fields: a.fieldSelector, and: a.selector !== undefined ? 1 : '' });
  if (a.namespace === '*') s += msg(t.phraseAnyNamespace);
  else if (a.namespace !== 'default') s += msg(t.phraseNamespace, { ns: a.namespace });
  if (a.where) s += msg(t.phraseWhere, { where: flow(a.where) });
  if (a.pick !== undefined && a.pick !== 'all') s += pickText(a.pick);
  return s;
}

/** How far `n` selected objects are from the assertion's count (0 when it holds). */
export function countGap(a: ObjectAssertion, n: number): number {
  if (a.absent === true) return n;
  const c = a.count;
  if (c === undefined) return n >= 1 ? 0 : 1;
  if (typeof c === 'number') return Math.abs(n - c);
  if (c.min !== undefined && n < c.min) return c.min - n;
  if (c.max !== undefined && n > c.max) return n - c.max;
  return 0;
}

/** The selection narrowed by `pick` (sorted by creation, oldest first). */
export function applyPick(objs: KubeObject[], pick: Pick | undefined): KubeObject[] {
  if (pick === undefined || pick === 'all') return objs;
  const sorted = byCreation(objs);
  if (pick === 'oldest') return sorted.slice(0, 1);
  if (pick === 'newest') return sorted.slice(-1);
  return pick < sorted.length ? [sorted[pick]] : [];
}

/** What is wrong with `n` selected objects for the assertion's count, given what was found; undefined when it holds. */
function countProblem(a: ObjectAssertion, n: number): ((found: string) => string) | undefined {
  const say = (m: (typeof t)[keyof typeof t], p: Record<string, string | number>) => (found: string) => msg(m, { ...p, found });
  if (a.absent === true) return n === 0 ? undefined : say(t.expectedNone, { what: selectionPhrase(a, 2) });
  const c = a.count;
  if (c === undefined) return n >= 1 ? undefined : a.name && !a.where ? say(t.expectedExist, { kind: a.kind, name: a.name }) : say(t.expectedOne, { what: selectionPhrase(a, 1) });
  if (typeof c === 'number') return n === c ? undefined : say(t.expectedCount, { n: c, what: selectionPhrase(a, c) });
  const okMin = c.min === undefined || n >= c.min;
  const okMax = c.max === undefined || n <= c.max;
  if (okMin && okMax) return undefined;
  if (c.min !== undefined && c.max !== undefined) return say(t.expectedBetween, { min: c.min, max: c.max, what: selectionPhrase(a, 2) });
  return c.min !== undefined ? say(t.expectedAtLeast, { min: c.min, what: selectionPhrase(a, c.min) }) : say(t.expectedAtMost, { max: c.max!, what: selectionPhrase(a, c.max!) });
}

/** Whether `n` selected objects satisfy the assertion's count (or `absent`, or "at least one"). */
export function countHolds(a: ObjectAssertion, n: number): boolean {
  return countProblem(a, n) === undefined;
}

/** Whether one selected object satisfies `match`, `not` and `ownedBy` (no details: for incremental checks). */
export function objectHolds(api: ClusterApi, a: ObjectAssertion, o: KubeObject): boolean {
  return objectMisses(api, a, o).misses === 0;
}

/**
 * How many of `match`'s fields, `not` and `ownedBy` one selected object fails (0: it satisfies them),
 * and the uids of the owners its `ownedBy` looked at (a change to one of them can change the outcome).
 */
export function objectMisses(api: ClusterApi, a: ObjectAssertion, o: KubeObject): { misses: number; owners: string[] } {
  let misses = 0;
  if (a.match !== undefined) misses += matchPartial(a.match, o).mismatches.length;
  if (a.not !== undefined && matchPartial(a.not, o).ok) misses++;
  let owners: string[] = [];
  if (a.ownedBy !== undefined) {
    const oc = ownerCheck(api, a, o);
    if (oc.mismatch) misses++;
    owners = oc.owners;
  }
  return { misses, owners };
}

/** Whether `ownedBy` is the core form: the controller, of this kind and exactly this name. */
export function simpleOwner(o: OwnedBy): o is OwnedBy & { name: string } {
  return o.controller !== false && o.transitive !== true && o.name !== undefined && !isRegexLiteral(o.name);
}

function found(objs: KubeObject[]): string {
  if (objs.length === 0) return msg(t.foundNone);
  return msg(t.foundSome, { n: objs.length, names: nameList(objs) });
}

interface ObjectCheck {
  object: KubeObject;
  fields: Mismatch[];
  expectedView: Record<string, unknown>;
  actualView: Record<string, unknown>;
}

interface OwnerRef {
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

type OwnerOutcome = { mismatch?: Mismatch; expected: unknown; actual: unknown; owners: string[] };

/** How far up a chain of owners `transitive` looks (a Deployment's pods are two links away). */
const MAX_OWNER_DEPTH = 16;

/** The controller ownerReference each object must (or must not) carry. */
function ownerCheck(api: ClusterApi, a: ObjectAssertion, o: KubeObject): OwnerOutcome {
  const refs = (o.metadata.ownerReferences ?? []) as OwnerRef[];
  const shown = refs.map((r) => ({ kind: r.kind, name: r.name, uid: r.uid, ...(r.controller ? { controller: true } : {}) }));
  if (a.ownedBy === 'none') {
    if (refs.length === 0) return { expected: undefined, actual: undefined, owners: [] };
    return { mismatch: { path: 'metadata.ownerReferences', expected: [], actual: shown, note: msg(t.noteNoOwner) }, expected: [], actual: shown, owners: [] };
  }
  const want = a.ownedBy!;
  if (!simpleOwner(want)) return ownerSearch(api, want, o, shown);
  const owner = api.get(want.kind, want.name, o.metadata.namespace);
  const ctl = refs.find((r) => r.controller === true);
  const expected = [{ kind: want.kind, name: want.name, ...(owner ? { uid: owner.metadata.uid } : {}), controller: true }];
  const owners = owner?.metadata.uid ? [owner.metadata.uid] : [];
  if (!owner) {
    return { mismatch: { path: 'metadata.ownerReferences', expected, actual: shown, note: msg(t.noteOwnerMissing, { kind: want.kind, name: want.name }) }, expected, actual: shown, owners };
  }
  if (ctl && ctl.uid === owner.metadata.uid) return { expected: shown, actual: shown, owners };
  let note = msg(t.noteNoController);
  if (ctl && ctl.kind === want.kind && ctl.name === want.name) note = msg(t.noteEarlierOwner, { kind: want.kind, name: want.name, old: ctl.uid ?? '', uid: owner.metadata.uid! });
  else if (ctl) note = msg(t.noteControlledBy, { kind: ctl.kind, name: ctl.name });
  return { mismatch: { path: 'metadata.ownerReferences', expected, actual: shown, note }, expected, actual: shown, owners };
}

/** Whether an owner's name is the one `ownedBy` asks for (any, when it names none; `/regex/`). */
function ownerNameMatches(want: OwnedBy, name: string): boolean {
  if (want.name === undefined) return true;
  if (isRegexLiteral(want.name)) return compileRegexLiteral(want.name).test(name);
  return want.name === name;
}

/** The object a reference names, as it exists now (the same uid), in the dependent's namespace. */
function resolveRef(api: ClusterApi, r: OwnerRef, namespace: string | undefined): KubeObject | undefined {
  let owner: KubeObject | undefined;
  try {
    owner = api.get(r.kind, r.name, namespace);
  } catch {
    return undefined; // a kind the cluster does not serve
  }
  return owner && (!r.uid || owner.metadata.uid === r.uid) ? owner : undefined;
}

/** The references `want` follows from `x`: its controller one, or all of them with `controller: false`. */
function links(want: OwnedBy, x: KubeObject): OwnerRef[] {
  return ((x.metadata.ownerReferences ?? []) as OwnerRef[]).filter((r) => want.controller === false || r.controller === true);
}

/**
 * `ownedBy` with a `/regex/` name or none, `transitive` or `controller: false`: a search up the
 * owner references (the controller one only, unless `controller: false`), each link an object that
 * exists now with the uid referenced (as the garbage collector resolves owners).
 */
function ownerSearch(api: ClusterApi, want: OwnedBy, o: KubeObject, shown: unknown[]): OwnerOutcome {
  const owners: string[] = [];
  const seen = new Set<string>([o.metadata.uid ?? '']);
  let frontier: KubeObject[] = [o];
  for (let depth = 0; depth < MAX_OWNER_DEPTH && frontier.length; depth++) {
    const next: KubeObject[] = [];
    for (const x of frontier) {
      for (const r of links(want, x)) {
        const owner = resolveRef(api, r, o.metadata.namespace);
        if (!owner) continue;
        owners.push(owner.metadata.uid!);
        if (owner.kind === want.kind && ownerNameMatches(want, owner.metadata.name!)) return { expected: shown, actual: shown, owners };
        if (want.transitive === true && !seen.has(owner.metadata.uid!)) {
          seen.add(owner.metadata.uid!);
          next.push(owner);
        }
      }
    }
    frontier = next;
  }
  const wanted = want.name === undefined ? msg(t.ownerAnyName, { kind: want.kind }) : `${want.kind} ${want.name}`;
  const expected = [{ kind: want.kind, ...(want.name !== undefined ? { name: want.name } : {}), ...(want.controller !== false ? { controller: true } : {}) }];
  const note = msg(want.transitive === true ? t.noteNotAmongOwners : t.noteNotOwner, { wanted, chain: ownerChain(api, want, o) });
  return { mismatch: { path: 'metadata.ownerReferences', expected, actual: shown, note }, expected, actual: shown, owners };
}

/** The chain of owners from `o` as a failure reads it: `ReplicaSet web-5d8f → no controller`. */
function ownerChain(api: ClusterApi, want: OwnedBy, o: KubeObject): string {
  const parts: string[] = [];
  let x: KubeObject = o;
  const seen = new Set<string>();
  for (let depth = 0; depth < (want.transitive === true ? MAX_OWNER_DEPTH : 1); depth++) {
    const refs = links(want, x);
    if (refs.length === 0) {
      parts.push(msg(want.controller !== false ? t.chainNoController : t.chainNoOwner));
      break;
    }
    const r = refs[0];
    const owner = resolveRef(api, r, o.metadata.namespace);
    if (!owner) {
      parts.push(msg(t.chainGone, { kind: r.kind, name: r.name }));
      break;
    }
    parts.push(`${owner.kind} ${owner.metadata.name}${refs.length > 1 ? msg(t.chainMore, { n: refs.length - 1 }) : ''}`);
    if (seen.has(owner.metadata.uid!)) break;
    seen.add(owner.metadata.uid!);
    x = owner;
  }
  return parts.join(' → ');
}

/** The first scalar field a partial object names (`spec.nodeName`), for a `not` mismatch's path. */
function firstLeaf(v: unknown, base = ''): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const [k, x] = Object.entries(v)[0] ?? [];
    return k === undefined ? base : firstLeaf(x, joinPath(base, k));
  }
  return base;
}

/** `b` merged into `a` (maps key by key; otherwise `b`). */
function mergeViews(a: unknown, b: unknown): unknown {
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [k, v] of Object.entries(b)) out[k] = k in out ? mergeViews(out[k], v) : v;
    return out;
  }
  return b === undefined ? a : b;
}

/** Check one object assertion against the cluster now. Returns a Failure, or undefined when it holds. */
export function checkObjectAssertion(api: ClusterApi, a: ObjectAssertion, kind: Failure['kind'] = 'expect'): Failure | undefined {
  return evaluateObjectAssertion(api, a, kind).failure;
}

/** The objects an assertion selects now, `pick` applied. */
export function selectForAssertion(api: ClusterApi, a: ObjectAssertion): { selected: KubeObject[]; beforeWhere: KubeObject[] } {
  const r = selectObjects(api, a);
  return a.pick === undefined || a.pick === 'all' ? r : { selected: applyPick(r.selected, a.pick), beforeWhere: r.beforeWhere };
}

/**
 * Check one object assertion, and how far the cluster is from satisfying it (`misses`: the failing
 * fields of every selected object plus how far the count is off; 0 when it holds), which
 * `eventually` uses to keep the closest state.
 */
export function evaluateObjectAssertion(api: ClusterApi, a: ObjectAssertion, kind: Failure['kind'] = 'expect'): { failure?: Failure; misses: number } {
  const { selected, beforeWhere } = selectForAssertion(api, a);
  const selection = describeSelection(a);
  const selectedNames = selected.slice(0, MAX_SELECTED).map(objectName);
  if (selected.length > MAX_SELECTED) selectedNames.push(msg(t.andMoreSelected, { n: selected.length - MAX_SELECTED }));

  const checks: ObjectCheck[] = [];
  let misses = countGap(a, selected.length);
  if (a.match !== undefined || a.ownedBy !== undefined || a.not !== undefined) {
    for (const o of selected) {
      const fields: Mismatch[] = [];
      let expectedView: Record<string, unknown> = {};
      let actualView: Record<string, unknown> = {};
      if (a.match !== undefined) {
        const r = matchPartial(a.match, o);
        fields.push(...r.mismatches);
        expectedView = r.expectedView as Record<string, unknown>;
        actualView = r.actualView as Record<string, unknown>;
      }
      if (a.not !== undefined) {
        const r = matchPartial(a.not, o);
        if (r.ok) {
          fields.push({ path: firstLeaf(a.not) || 'not', expected: a.not, actual: r.actualView, note: msg(t.noteMatchesNot, { not: short(a.not) }) });
          actualView = mergeViews(actualView, r.actualView) as Record<string, unknown>;
        }
      }
      if (a.ownedBy !== undefined) {
        const oc = ownerCheck(api, a, o);
        if (oc.mismatch) {
          fields.push(oc.mismatch);
          expectedView = { ...expectedView, metadata: { ...(expectedView.metadata as object), ownerReferences: oc.expected } };
          actualView = { ...actualView, metadata: { ...(actualView.metadata as object), ...(oc.actual !== undefined ? { ownerReferences: oc.actual } : {}) } };
        }
      }
      misses += fields.length;
      if (fields.length) checks.push({ object: o, fields, expectedView, actualView });
    }
  }

  const countMsg = countProblem(a, selected.length);
  if (!countMsg && checks.length === 0) return { misses: 0 };

  let message: string;
  if (countMsg) {
    message = countMsg(found(selected));
    if (a.where && beforeWhere.length > selected.length) {
      message += msg(t.leftOutByWhere, { n: beforeWhere.length - selected.length, names: nameList(beforeWhere.filter((o) => !selected.includes(o)), 5) });
    }
  } else if (selected.length === 1) {
    const c = checks[0];
    message = msg(t.doesNotMatch, { kind: a.kind, name: c.object.metadata.name!, field: fieldLine(c.fields[0]), more: c.fields.length - 1 });
  } else {
    const first = checks[0];
    message = msg(t.everyMustMatch, {
      n: selected.length,
      what: selectionPhrase(a, selected.length),
      failing: checks.length,
      names: nameList(
        checks.map((c) => c.object),
        5,
      ),
      first: first.object.metadata.name!,
      field: fieldLine(first.fields[0]),
    });
  }

  const failure: Failure = { message, location: a.location, kind, selection, selected: selectedNames };
  if (checks.length) {
    failure.mismatches = checks.slice(0, MAX_MISMATCHED).map((c) => ({ object: objectName(c.object), fields: c.fields }));
    const diffed = checks.slice(0, MAX_DIFFED);
    let diff = unifiedDiff(
      diffed.map((c) => withIdentity(c.object, c.expectedView)),
      diffed.map((c) => withIdentity(c.object, c.actualView)),
    );
    if (checks.length > MAX_DIFFED) diff += `\n${msg(t.moreObjectsDiffer, { n: checks.length - MAX_DIFFED })}`;
    failure.diff = diff;
  }
  return { failure, misses: Math.max(1, misses) };
}

/**
 * What an assertion's `capture` records now: each name's field of the first selected object (the
 * oldest, or the one `pick` names), or why it has no value.
 */
export function captureValues(api: ClusterApi, a: ObjectAssertion): Map<string, Captured> {
  const out = new Map<string, Captured>();
  if (!a.capture) return out;
  const first = byCreation(selectForAssertion(api, a).selected)[0];
  const at = `${a.location.file}:${a.location.line}:${a.location.column}`;
  for (const [name, field] of Object.entries(a.capture)) {
    const path = parseFieldPath(field);
    if (!first) out.set(name, { missing: msg(t.captureNothingSelected, { what: selectionPhrase(a, 1), at }) });
    else if (!path) out.set(name, { missing: msg(t.captureBadPath, { field, at }) });
    else out.set(name, captureField(first, path, objectName(first)));
  }
  return out;
}

/** `status.readyReplicas: expected 3, found 2` */
export function fieldLine(m: Mismatch): string {
  if (getLang() !== 'en') {
    // Korean notes never hold the actual value: it follows them, when it is a scalar.
    if (m.note === msg(t.noteMissing)) return msg(t.fieldMissing, { path: m.path, expected: short(m.expected) });
    if (m.note && m.actual !== undefined && typeof m.actual !== 'object') return msg(t.fieldNoteAside, { path: m.path, note: m.note, actual: short(m.actual) });
    if (m.note) return msg(t.fieldNote, { path: m.path, note: m.note });
    return msg(t.fieldDiffers, { path: m.path, expected: short(m.expected), actual: short(m.actual) });
  }
  if (m.note === 'missing') return `${m.path}: expected ${short(m.expected)}, but it is missing`;
  // A note that says what was found already (`expected 2 elements, found 1`) is the whole line.
  if (m.note && m.note.startsWith('expected ') && !m.note.includes(', found ') && m.actual !== undefined && typeof m.actual !== 'object') return `${m.path}: ${m.note}, found ${short(m.actual)}`;
  if (m.note && !m.note.startsWith('expected ')) return `${m.path}: ${m.note}${m.actual !== undefined && typeof m.actual !== 'object' ? ` (found ${short(m.actual)})` : ''}`;
  if (m.note) return `${m.path}: ${m.note}`;
  return `${m.path}: expected ${short(m.expected)}, found ${short(m.actual)}`;
}

function short(v: unknown): string {
  const s = flow(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
