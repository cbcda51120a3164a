// The object assertion: select (kind, name | selector, fieldSelector, namespace, where), count the
// selection, then check `match` and `ownedBy` on every selected object. A failure names the objects
// found, every mismatching field with its path, and a pruned YAML diff.
import type { ApiServer } from '../../apiserver/apiserver';
import type { KubeObject } from '../../apiserver/types';
import type { Failure, Mismatch } from '../../runner/result';
import type { ObjectAssertion } from '../model';
import { describeSelection, flow, plural } from '../summary';
import { matchPartial } from './match';
import { unifiedDiff, withIdentity } from './diff';
import { nameList, objectName, selectObjects } from './select';
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
    return quals.length ? `${a.kind}(${quals.join(', ')})` : a.kind;
  }
  let s = plural(a.kind, n);
  if (a.name) s += msg(t.phraseNamed, { name: a.name });
  if (a.selector !== undefined) s += msg(t.phraseSelector, { selector: a.selector || msg(t.everything) });
  if (a.fieldSelector) s += msg(t.phraseFields, { fields: a.fieldSelector, and: a.selector !== undefined ? 1 : '' });
  if (a.namespace === '*') s += msg(t.phraseAnyNamespace);
  else if (a.namespace !== 'default') s += msg(t.phraseNamespace, { ns: a.namespace });
  if (a.where) s += msg(t.phraseWhere, { where: flow(a.where) });
  return s;
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

/** Whether one selected object satisfies `match` and `ownedBy` (no details: for incremental checks). */
export function objectHolds(api: ApiServer, a: ObjectAssertion, o: KubeObject): boolean {
  if (a.match !== undefined && !matchPartial(a.match, o).ok) return false;
  return a.ownedBy === undefined || ownerCheck(api, a, o).mismatch === undefined;
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

/** The controller ownerReference each object must (or must not) carry. */
function ownerCheck(api: ApiServer, a: ObjectAssertion, o: KubeObject): { mismatch?: Mismatch; expected: unknown; actual: unknown } {
  const refs = o.metadata.ownerReferences ?? [];
  const shown = refs.map((r) => ({ kind: r.kind, name: r.name, uid: r.uid, ...(r.controller ? { controller: true } : {}) }));
  if (a.ownedBy === 'none') {
    if (refs.length === 0) return { expected: undefined, actual: undefined };
    return { mismatch: { path: 'metadata.ownerReferences', expected: [], actual: shown, note: msg(t.noteNoOwner) }, expected: [], actual: shown };
  }
  const want = a.ownedBy!;
  const owner = api.get(want.kind, want.name, o.metadata.namespace);
  const ctl = refs.find((r) => r.controller === true);
  const expected = [{ kind: want.kind, name: want.name, ...(owner ? { uid: owner.metadata.uid } : {}), controller: true }];
  if (!owner) {
    return { mismatch: { path: 'metadata.ownerReferences', expected, actual: shown, note: msg(t.noteOwnerMissing, { kind: want.kind, name: want.name }) }, expected, actual: shown };
  }
  if (ctl && ctl.uid === owner.metadata.uid) return { expected: shown, actual: shown };
  let note = msg(t.noteNoController);
  if (ctl && ctl.kind === want.kind && ctl.name === want.name) note = msg(t.noteEarlierOwner, { kind: want.kind, name: want.name, old: ctl.uid, uid: owner.metadata.uid! });
  else if (ctl) note = msg(t.noteControlledBy, { kind: ctl.kind, name: ctl.name });
  return { mismatch: { path: 'metadata.ownerReferences', expected, actual: shown, note }, expected, actual: shown };
}

/** Check one object assertion against the cluster now. Returns a Failure, or undefined when it holds. */
export function checkObjectAssertion(api: ApiServer, a: ObjectAssertion, kind: 'expect' | 'throughout' = 'expect'): Failure | undefined {
  const { selected, beforeWhere } = selectObjects(api, a);
  const selection = describeSelection(a);
  const selectedNames = selected.slice(0, MAX_SELECTED).map(objectName);
  if (selected.length > MAX_SELECTED) selectedNames.push(msg(t.andMoreSelected, { n: selected.length - MAX_SELECTED }));

  const checks: ObjectCheck[] = [];
  if (a.match !== undefined || a.ownedBy !== undefined) {
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
      if (a.ownedBy !== undefined) {
        const oc = ownerCheck(api, a, o);
        if (oc.mismatch) {
          fields.push(oc.mismatch);
          expectedView = { ...expectedView, metadata: { ...(expectedView.metadata as object), ownerReferences: oc.expected } };
          actualView = { ...actualView, metadata: { ...(actualView.metadata as object), ...(oc.actual !== undefined ? { ownerReferences: oc.actual } : {}) } };
        }
      }
      if (fields.length) checks.push({ object: o, fields, expectedView, actualView });
    }
  }

  const countMsg = countProblem(a, selected.length);
  if (!countMsg && checks.length === 0) return undefined;

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
  return failure;
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
  if (m.note && m.note.startsWith('expected ') && m.actual !== undefined && typeof m.actual !== 'object') return `${m.path}: ${m.note}, found ${short(m.actual)}`;
  if (m.note && !m.note.startsWith('expected ')) return `${m.path}: ${m.note}${m.actual !== undefined && typeof m.actual !== 'object' ? ` (found ${short(m.actual)})` : ''}`;
  if (m.note) return `${m.path}: ${m.note}`;
  return `${m.path}: expected ${short(m.expected)}, found ${short(m.actual)}`;
}

function short(v: unknown): string {
  const s = flow(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
