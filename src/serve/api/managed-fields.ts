// Field ownership for `kubespec serve` (metadata.managedFields, FieldsV1), as the apiserver's
// fieldmanager records it over sigs.k8s.io/structured-merge-diff: which manager set which field,
// server-side apply's conflicts (409 with upstream's wording) and its removal of fields a manager
// stopped applying. Sets are computed from the objects as the requests carry them (an apply's
// configuration; what a create, update or patch changed), so fields the server defaulted on create
// are nobody's here, where upstream gives them to the creating manager (documented deviation).
import { mergeKeyFor } from '../../apiserver/patch';
import type { KubeObject } from '../../apiserver/types';
import { deepEqual } from '../../util/clone';
import { HttpError } from '../http/status';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A path in FieldsV1 keys (`f:spec`, `k:{"name":"nginx"}`, `.`), joined by SEP. */
type FieldPath = string;
const SEP = '\u0001';

/** Fields that are the object's identity or the server's, never anyone's. */
const SERVER_META = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds']);
/** Maps whose own node is recorded (`.`), as upstream's FieldsV1 shows for labels and annotations. */
const MAP_NODES = new Set(['labels', 'annotations']);

export interface ManagedEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Obj;
  subresource?: string;
}

/** The list-map key of a list item (`k:{"containerPort":80,"protocol":"TCP"}`), or undefined for an atomic list. */
function itemKey(kind: string, names: string[], item: unknown): string | undefined {
  const mk = mergeKeyFor(kind, names);
  if (!mk || !isObj(item) || names[names.length - 1] === 'conditions' || names[names.length - 1] === 'ownerReferences') return undefined;
  const key: Obj = { [mk]: item[mk] };
  // Ports are keyed by port and protocol (x-kubernetes-list-map-keys), protocol defaulting to TCP.
  if (names[names.length - 1] === 'ports') key.protocol = item.protocol ?? 'TCP';
  return `k:${JSON.stringify(key)}`;
}

/** Every leaf path an object sets (status and server-owned metadata left out). */
export function fieldSet(obj: KubeObject, kind: string): Set<FieldPath> {
  const out = new Set<FieldPath>();
  const walk = (v: unknown, path: string[], names: string[]): void => {
    if (isObj(v)) {
      const keys = Object.keys(v);
      if (!keys.length) {
        out.add(path.join(SEP));
        return;
      }
      if (MAP_NODES.has(names[names.length - 1]) && names[names.length - 2] === 'metadata') out.add([...path, '.'].join(SEP));
      for (const k of keys) {
        if (v[k] === undefined) continue;
        if (path.length === 0 && (k === 'apiVersion' || k === 'kind' || k === 'status')) continue;
        if (path.length === 1 && names[0] === 'metadata' && SERVER_META.has(k)) continue;
        walk(v[k], [...path, `f:${k}`], [...names, k]);
      }
      return;
    }
    if (Array.isArray(v) && v.length && v.every((item) => itemKey(kind, names, item) !== undefined)) {
      for (const item of v) {
        const p = [...path, itemKey(kind, names, item)!];
        out.add([...p, '.'].join(SEP));
        walk(item, p, names);
      }
      return;
    }
    if (path.length) out.add(path.join(SEP));
  };
  walk(obj, [], []);
  return out;
}

/** The value at a path, or undefined (`.` is the node itself). */
function valueAt(obj: unknown, path: FieldPath, kind: string): unknown {
  let cur: unknown = obj;
  const names: string[] = [];
  for (const seg of path.split(SEP)) {
    if (seg === '.') return cur;
    if (seg.startsWith('f:')) {
      if (!isObj(cur)) return undefined;
      names.push(seg.slice(2));
      cur = cur[seg.slice(2)];
    } else if (seg.startsWith('k:')) {
      if (!Array.isArray(cur)) return undefined;
      cur = cur.find((item) => itemKey(kind, names, item) === seg);
    } else return undefined;
  }
  return cur;
}

/** Remove the field at `path` from `obj` (mutates); a keyed item goes with its `.`. */
function removeAt(obj: Obj, path: FieldPath, kind: string): void {
  const segs = path.split(SEP);
  const last = segs[segs.length - 1] === '.' ? segs.length - 2 : segs.length - 1;
  const parentPath = segs.slice(0, last).join(SEP);
  const parent = parentPath ? valueAt(obj, parentPath, kind) : obj;
  const seg = segs[last];
  if (seg.startsWith('f:') && isObj(parent)) delete parent[seg.slice(2)];
  else if (seg.startsWith('k:') && Array.isArray(parent)) {
    const names = segs.slice(0, last).filter((s) => s.startsWith('f:')).map((s) => s.slice(2));
    const i = parent.findIndex((item) => itemKey(kind, names, item) === seg);
    if (i >= 0) parent.splice(i, 1);
  }
}

export function toFieldsV1(set: Set<FieldPath>): Obj {
  const root: Obj = {};
  for (const p of [...set].sort()) {
    let node = root;
    for (const seg of p.split(SEP)) node = (node[seg] ??= {}) as Obj;
  }
  return root;
}

export function fromFieldsV1(v: unknown): Set<FieldPath> {
  const out = new Set<FieldPath>();
  const walk = (node: unknown, path: string[]): void => {
    if (!isObj(node)) return;
    const keys = Object.keys(node);
    if (!keys.length && path.length) out.add(path.join(SEP));
    for (const k of keys) walk(node[k], [...path, k]);
  };
  walk(v, []);
  return out;
}

/** `.spec.replicas`, `.spec.template.spec.containers[name="nginx"].image`, as structured-merge-diff prints paths. */
function printPath(path: FieldPath): string {
  let s = '';
  for (const seg of path.split(SEP)) {
    if (seg === '.') continue;
    if (seg.startsWith('f:')) s += `.${seg.slice(2)}`;
    else if (seg.startsWith('k:')) {
      const key = JSON.parse(seg.slice(2)) as Obj;
      s += `[${Object.entries(key)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    }
  }
  return s;
}

interface Owner {
  entry: ManagedEntry;
  set: Set<FieldPath>;
}

function owners(obj: KubeObject | undefined): Owner[] {
  return ((obj?.metadata.managedFields ?? []) as ManagedEntry[]).filter((e) => e && typeof e === 'object').map((entry) => ({ entry, set: fromFieldsV1(entry.fieldsV1) }));
}

function entries(list: Owner[]): ManagedEntry[] {
  return list.filter((o) => o.set.size > 0).map((o) => ({ ...o.entry, fieldsV1: toFieldsV1(o.set) }));
}

/**
 * The 409 of an apply that would change fields others own: `Apply failed with 1 conflict: conflict
 * with "kubectl-client-side-apply" using apps/v1: .spec.replicas` (the fieldmanager's
 * NewConflictError over structured-merge-diff's merge.Conflicts).
 */
function conflictError(conflicts: { manager: string; apiVersion: string; path: FieldPath }[], plural: string, group: string, name: string): HttpError {
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const who = `"${c.manager}" using ${c.apiVersion}`;
    byManager.set(who, [...(byManager.get(who) ?? []), printPath(c.path)]);
  }
  const n = conflicts.length;
  let message: string;
  if (n === 1) {
    message = `Apply failed with 1 conflict: conflict with ${[...byManager.keys()][0]}: ${printPath(conflicts[0].path)}`;
  } else {
    const parts = [...byManager.entries()].map(([who, paths]) => `conflicts with ${who}:\n${paths.map((p) => `- ${p}`).join('\n')}`);
    message = `Apply failed with ${n} conflicts: ${parts.join('\n')}`;
  }
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with "${c.manager}" using ${c.apiVersion}`, field: printPath(c.path) }));
  return new HttpError(409, 'Conflict', message, { name, ...(group ? { group } : {}), kind: plural, causes });
}

/**
 * Server-side apply over an existing object: conflicts (unless `force`), the merge done by the
 * caller (`merged`), then removal of what this manager applied before and no longer does (unless
 * another manager owns it), and the new managedFields.
 */
export function applyOwnership(
  old: KubeObject,
  applied: KubeObject,
  merged: KubeObject,
  o: { manager: string; apiVersion: string; time: string; force: boolean; kind: string; plural: string; group: string },
): KubeObject {
  const mine = fieldSet(applied, o.kind);
  const list = owners(old);
  const conflicts: { manager: string; apiVersion: string; path: FieldPath }[] = [];
  for (const other of list) {
    if (other.entry.manager === o.manager && other.entry.operation === 'Apply') continue;
    for (const p of mine) {
      if (!other.set.has(p) || p.endsWith('.')) continue;
      if (deepEqual(valueAt(old, p, o.kind) as never, valueAt(applied, p, o.kind) as never)) continue; // shared ownership
      if (o.force) other.set.delete(p);
      else conflicts.push({ manager: other.entry.manager, apiVersion: other.entry.apiVersion, path: p });
    }
  }
  if (conflicts.length) throw conflictError(conflicts, o.plural, o.group, old.metadata.name ?? '');
  const previous = list.find((x) => x.entry.manager === o.manager && x.entry.operation === 'Apply' && !x.entry.subresource);
  if (previous) {
    // Longest paths first, so that a keyed item's fields go before the item.
    for (const p of [...previous.set].sort((a, b) => b.length - a.length)) {
      if (mine.has(p) || list.some((x) => x !== previous && x.set.has(p))) continue;
      removeAt(merged as Obj, p, o.kind);
    }
  }
  // An apply that changes nothing keeps its entry's time, so that it stays a no-op (no new resourceVersion).
  const same = previous !== undefined && previous.set.size === mine.size && [...mine].every((p) => previous.set.has(p));
  const entry: ManagedEntry = { manager: o.manager, operation: 'Apply', apiVersion: o.apiVersion, time: same ? previous.entry.time : o.time, fieldsType: 'FieldsV1', fieldsV1: {} };
  const rest = list.filter((x) => x !== previous);
  const out = entries(rest);
  const at = previous ? list.indexOf(previous) : out.length;
  out.splice(Math.min(at, out.length), 0, { ...entry, fieldsV1: toFieldsV1(mine) });
  merged.metadata = { ...merged.metadata, managedFields: out };
  return merged;
}

/** A create by `manager`: it owns every field the request set. */
export function createOwnership(obj: KubeObject, o: { manager: string; apiVersion: string; time: string; kind: string; operation?: 'Apply' | 'Update' }): void {
  const set = fieldSet(obj, o.kind);
  obj.metadata.managedFields = set.size ? [{ manager: o.manager, operation: o.operation ?? 'Update', apiVersion: o.apiVersion, time: o.time, fieldsType: 'FieldsV1', fieldsV1: toFieldsV1(set) }] : [];
}

/**
 * An update, patch or subresource write by `manager`: it takes the fields it changed (from every
 * other manager: an Update is never a conflict), keeping what it owned.
 */
export function updateOwnership(old: KubeObject, next: KubeObject, o: { manager: string; apiVersion: string; time: string; kind: string; subresource?: string }): void {
  const before = fieldSet(old, o.kind);
  const after = fieldSet(next, o.kind);
  const changed = new Set<FieldPath>();
  for (const p of after) if (!before.has(p) || !deepEqual(valueAt(old, p, o.kind) as never, valueAt(next, p, o.kind) as never)) changed.add(p);
  const removed = [...before].filter((p) => !after.has(p));
  // A client that sends managedFields sets them (upstream lets it); otherwise the stored ones carry on.
  const list = owners(Array.isArray(next.metadata.managedFields) && next.metadata.managedFields !== old.metadata.managedFields ? next : old);
  for (const x of list) {
    for (const p of removed) x.set.delete(p);
    if (x.entry.manager === o.manager && x.entry.operation === 'Update' && x.entry.subresource === o.subresource) continue;
    for (const p of changed) x.set.delete(p);
  }
  let own = list.find((x) => x.entry.manager === o.manager && x.entry.operation === 'Update' && x.entry.subresource === o.subresource);
  if (!changed.size && !own) {
    next.metadata.managedFields = entries(list);
    return;
  }
  if (!own) {
    own = { entry: { manager: o.manager, operation: 'Update', apiVersion: o.apiVersion, time: o.time, fieldsType: 'FieldsV1', fieldsV1: {}, ...(o.subresource ? { subresource: o.subresource } : {}) }, set: new Set() };
    list.push(own);
  }
  if (changed.size) own.entry = { ...own.entry, time: o.time };
  for (const p of changed) own.set.add(p);
  next.metadata.managedFields = entries(list);
}

/**
 * The manager of a request without `fieldManager`: the User-Agent up to its first `/`
 * (fieldmanager's prefixFromUserAgent), `unknown` without one.
 */
export function managerOf(fieldManager: string | null, userAgent: string | undefined): string {
  if (fieldManager) return fieldManager;
  const prefix = (userAgent ?? '').split('/')[0].trim();
  return prefix ? prefix.slice(0, 128) : 'unknown';
}
