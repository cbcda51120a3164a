// Field ownership for `kubespec serve` (metadata.managedFields, FieldsV1), computed as kube-apiserver's
// fieldmanager computes it over sigs.k8s.io/structured-merge-diff (SMD): field sets from the served
// OpenAPI schema (list-map keys, sets, atomic lists and structs), the Compare of two versions an
// Update records, the Merge, prune and conflict check of an Apply, and the managedFields entries
// (one per manager, operation and subresource), sorted and encoded as upstream encodes them.
//
// Upstream sources followed (read, not copied): structured-merge-diff v4 typed/{tofieldset,compare,
// merge,remove}.go, merge/{update,conflict}.go, fieldpath/{set,path,element,serialize}.go; and
// k8s.io/apimachinery/pkg/util/managedfields/internal (fieldmanager.go, structuredmerge.go,
// stripmeta.go, managedfieldsupdater.go, capmanagers.go, conflict.go, managedfields.go,
// lastappliedmanager.go), k8s.io/apiserver/pkg/endpoints/handlers/{create,rest}.go
// (prefixFromUserAgent).
//
// Deviations, all documented here:
//  - writes the control plane makes itself (controllers, the kubelet, the scheduler) record no
//    entries: only requests through `kubespec serve`'s REST layer do (upstream records e.g.
//    "kube-controller-manager" Update entries on status and on the objects controllers create);
//  - writes to the status subresource record none (the embedded ApiServer keeps the stored
//    metadata on a status write);
//  - the schema is the served OpenAPI document's, plus the `+structType=atomic` / `+mapType=atomic`
//    markers it does not carry (ATOMIC_TYPES, ATOMIC_FIELDS below);
//  - a field the schema does not know is treated as one atomic value (SMD refuses the object;
//    here the REST layer's field validation has already dropped or refused unknown fields).
import { defaultStrategies } from '../../apiserver/registry';
import type { KubeObject } from '../../apiserver/types';
import { deepClone, deepEqual, setKey } from '../../util/clone';
import { parseJson, stringifyJson } from '../../util/json';
import { HttpError } from '../http/status';
import { openapiV3Document } from '../openapi';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o: Obj, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

// ---- schema ----------------------------------------------------------------------------------

/**
 * SMD's schema atoms, as kube-openapi's schemaconv builds them from the OpenAPI models: a struct
 * (declared fields; `atomic` for +structType=atomic), a map (additionalProperties; granular unless
 * +mapType=atomic), a list (atomic, set or map with keys) or a scalar. `untyped` stands for what
 * the schema leaves open (RawExtension, FieldsV1, unknown fields): one atomic value.
 */
type SchemaNode =
  | { t: 'scalar' }
  | { t: 'untyped' }
  | { t: 'struct'; fields: Map<string, SchemaNode>; atomic: boolean }
  | { t: 'map'; elem: SchemaNode; atomic: boolean }
  | { t: 'list'; elem: SchemaNode; rel: 'atomic' | 'set' | 'map'; keys: string[] };

const SCALAR: SchemaNode = { t: 'scalar' };
const UNTYPED: SchemaNode = { t: 'untyped' };

/** Types marked `+structType=atomic` in k8s.io/api and apimachinery (v1.32), which the served document omits. */
const ATOMIC_TYPES = new Set([
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector',
  'io.k8s.api.core.v1.LocalObjectReference',
  'io.k8s.api.core.v1.ObjectReference',
  'io.k8s.api.core.v1.TypedLocalObjectReference',
  'io.k8s.api.core.v1.TypedObjectReference',
  'io.k8s.api.core.v1.SecretReference',
  'io.k8s.api.core.v1.ConfigMapKeySelector',
  'io.k8s.api.core.v1.SecretKeySelector',
  'io.k8s.api.core.v1.ObjectFieldSelector',
  'io.k8s.api.core.v1.ResourceFieldSelector',
  'io.k8s.api.core.v1.NodeSelector',
  'io.k8s.api.core.v1.NodeSelectorTerm',
]);
/** Map fields marked `+mapType=atomic` (ServiceSpec.Selector, PodSpec.NodeSelector). */
const ATOMIC_FIELDS = new Set(['io.k8s.api.core.v1.ServiceSpec.selector', 'io.k8s.api.core.v1.PodSpec.nodeSelector']);
/** List-map key fields with a `+default` (ContainerPort.protocol, ServicePort.protocol): SMD keys an item by its defaulted key. */
const KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };

/** The served kinds' root models, by the OpenAPI v3 document holding them. */
const ROOTS: Record<string, [string, string]> = {
  Pod: ['api/v1', 'io.k8s.api.core.v1.Pod'],
  Service: ['api/v1', 'io.k8s.api.core.v1.Service'],
  Endpoints: ['api/v1', 'io.k8s.api.core.v1.Endpoints'],
  Node: ['api/v1', 'io.k8s.api.core.v1.Node'],
  Namespace: ['api/v1', 'io.k8s.api.core.v1.Namespace'],
  Event: ['api/v1', 'io.k8s.api.core.v1.Event'],
  ConfigMap: ['api/v1', 'io.k8s.api.core.v1.ConfigMap'],
  Secret: ['api/v1', 'io.k8s.api.core.v1.Secret'],
  ServiceAccount: ['api/v1', 'io.k8s.api.core.v1.ServiceAccount'],
  Deployment: ['apis/apps/v1', 'io.k8s.api.apps.v1.Deployment'],
  ReplicaSet: ['apis/apps/v1', 'io.k8s.api.apps.v1.ReplicaSet'],
  DaemonSet: ['apis/apps/v1', 'io.k8s.api.apps.v1.DaemonSet'],
  EndpointSlice: ['apis/discovery.k8s.io/v1', 'io.k8s.api.discovery.v1.EndpointSlice'],
};

const schemaCache = new Map<string, SchemaNode>();

function rootSchema(kind: string): SchemaNode {
  const cached = schemaCache.get(kind);
  if (cached) return cached;
  const root = ROOTS[kind];
  const doc = root && openapiV3Document(root[0]);
  if (!root || !doc) return UNTYPED;
  const schemas = (JSON.parse(doc.body.toString('utf8')) as { components: { schemas: Record<string, Obj> } }).components.schemas;
  const named = new Map<string, SchemaNode>();
  const byName = (name: string): SchemaNode => {
    const done = named.get(name);
    if (done) return done;
    const s = schemas[name];
    if (!s || !isObj(s.properties)) {
      // Quantity, IntOrString, Time, MicroTime: scalars; FieldsV1, RawExtension: open.
      const node = s && (s.type === 'string' || s.oneOf || s.format) ? SCALAR : UNTYPED;
      named.set(name, node);
      return node;
    }
    // Registered before its fields are resolved, so a recursive model ends.
    const node: SchemaNode = { t: 'struct', fields: new Map(), atomic: ATOMIC_TYPES.has(name) };
    named.set(name, node);
    for (const [field, prop] of Object.entries(s.properties as Record<string, Obj>)) {
      node.fields.set(field, resolve(prop, ATOMIC_FIELDS.has(`${name}.${field}`)));
    }
    return node;
  };
  const refName = (s: Obj): string | undefined => {
    const ref = typeof s.$ref === 'string' ? s.$ref : Array.isArray(s.allOf) && isObj(s.allOf[0]) ? (s.allOf[0].$ref as string | undefined) : undefined;
    return ref?.replace('#/components/schemas/', '');
  };
  const resolve = (s: Obj, atomicMap = false): SchemaNode => {
    const ref = refName(s);
    if (ref) return byName(ref);
    if (s.type === 'array') {
      const elem = isObj(s.items) ? resolve(s.items) : UNTYPED;
      return { t: 'list', elem, ...listRelation(s) };
    }
    if (s.type === 'object') {
      if (isObj(s.additionalProperties)) return { t: 'map', elem: resolve(s.additionalProperties), atomic: atomicMap };
      return UNTYPED;
    }
    return SCALAR;
  };
  const node = byName(root[1]);
  schemaCache.set(kind, node);
  return node;
}

/**
 * A list's element relationship, as kube-openapi's schemaconv reads it: x-kubernetes-list-type
 * first; else a `merge` patch strategy makes it associative (keyed by the patch merge key, or a
 * set without one); else atomic.
 */
function listRelation(s: Obj): { rel: 'atomic' | 'set' | 'map'; keys: string[] } {
  const type = s['x-kubernetes-list-type'];
  if (type === 'atomic') return { rel: 'atomic', keys: [] };
  if (type === 'set') return { rel: 'set', keys: [] };
  if (type === 'map') {
    const keys = Array.isArray(s['x-kubernetes-list-map-keys']) ? (s['x-kubernetes-list-map-keys'] as string[]) : [];
    return keys.length ? { rel: 'map', keys } : { rel: 'atomic', keys: [] };
  }
  const strategy = s['x-kubernetes-patch-strategy'];
  if (typeof strategy === 'string' && strategy.split(',').includes('merge')) {
    const key = s['x-kubernetes-patch-merge-key'];
    return typeof key === 'string' ? { rel: 'map', keys: [key] } : { rel: 'set', keys: [] };
  }
  return { rel: 'atomic', keys: [] };
}

function fieldNode(node: SchemaNode, name: string): SchemaNode {
  if (node.t === 'struct') return node.fields.get(name) ?? UNTYPED;
  if (node.t === 'map') return node.elem;
  return UNTYPED;
}

// ---- path elements and paths -------------------------------------------------------------------

/**
 * A path element in its FieldsV1 spelling (fieldpath.SerializePathElement): `f:<name>` a field,
 * `k:<json>` a list-map item by its keys (fields sorted by name), `v:<json>` a set item, `i:<n>` an
 * index. A path is an array of them.
 */
type PE = string;
type Path = PE[];

/** JSON as Go's encoder writes it (HTML-safe escapes), which is how SMD spells keys and values. */
export function goJSON(v: unknown): string {
  return stringifyJson(v, (_k, x) => (isObj(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x))
    .replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The path element of a list item, or undefined when it has none (an item without its keys). */
function itemPE(list: Extract<SchemaNode, { t: 'list' }>, item: unknown, index: number): PE | undefined {
  if (list.rel === 'set') return `v:${goJSON(item)}`;
  if (list.rel === 'map') {
    if (!isObj(item)) return undefined;
    const key: Obj = {};
    for (const k of [...list.keys].sort()) {
      const v = own(item, k) ?? KEY_DEFAULTS[k];
      if (v !== undefined && v !== null) key[k] = v;
    }
    return Object.keys(key).length ? `k:${goJSON(key)}` : undefined;
  }
  return `i:${index}`;
}

/** value.Compare's total order: numbers, strings, booleans, lists, maps, null. */
function compareValues(a: unknown, b: unknown): number {
  // A bigint is an int64 past 2^53 (src/util/json.ts): a number here too.
  const rank = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? 0 : typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : Array.isArray(v) ? 3 : isObj(v) ? 4 : 5);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' || typeof a === 'bigint' || typeof a === 'string' || typeof a === 'boolean') return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
  const ja = goJSON(a);
  const jb = goJSON(b);
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

/** PathElement.Compare: fields (by name) before keys, values, then indexes. */
function comparePE(a: PE, b: PE): number {
  const order = 'fkvi';
  const ta = order.indexOf(a[0]);
  const tb = order.indexOf(b[0]);
  if (ta !== tb) return ta - tb;
  const ra = a.slice(2);
  const rb = b.slice(2);
  switch (a[0]) {
    case 'f':
      return ra < rb ? -1 : ra > rb ? 1 : 0;
    case 'k': {
      // FieldList.Compare: field by field (name, then value), a shorter list first.
      const ka = Object.entries(parseJson(ra) as Obj);
      const kb = Object.entries(parseJson(rb) as Obj);
      for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
        if (i >= ka.length) return -1;
        if (i >= kb.length) return 1;
        if (ka[i][0] !== kb[i][0]) return ka[i][0] < kb[i][0] ? -1 : 1;
        const c = compareValues(ka[i][1], kb[i][1]);
        if (c) return c;
      }
      return 0;
    }
    case 'v':
      return compareValues(parseJson(ra), parseJson(rb));
    default:
      return Number(ra) - Number(rb);
  }
}

/** value.ToString as Path.String prints values: strings quoted, the rest as JSON. */
const printValue = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : goJSON(v));

/** Path.String(): `.spec.template.spec.containers[name="nginx"].image`, `[=value]`, `[0]`. */
export function printPath(path: Path): string {
  let out = '';
  for (const pe of path) {
    const rest = pe.slice(2);
    if (pe.startsWith('f:')) out += `.${rest}`;
    else if (pe.startsWith('k:')) {
      out += `[${Object.entries(parseJson(rest) as Obj)
        .map(([k, v]) => `${k}=${printValue(v)}`)
        .join(',')}]`;
    } else if (pe.startsWith('v:')) out += `[=${printValue(parseJson(rest))}]`;
    else out += `[${rest}]`;
  }
  return out;
}

// ---- field sets ----------------------------------------------------------------------------------

const SEP = '\u0000';

/** fieldpath.Set: a set of paths (each path a member; its prefixes are not, unless inserted). */
export class FieldSet {
  private readonly paths = new Map<string, Path>();
  private prefixes: Set<string> | undefined;

  constructor(paths: Iterable<Path> = []) {
    for (const p of paths) this.insert(p);
  }

  get size(): number {
    return this.paths.size;
  }

  insert(path: Path): void {
    if (!path.length) return;
    this.paths.set(path.join(SEP), [...path]);
    this.prefixes = undefined;
  }

  has(path: Path): boolean {
    return this.paths.has(path.join(SEP));
  }

  /** Whether some member lies strictly below `path`. */
  hasBelow(path: Path): boolean {
    if (!this.prefixes) {
      this.prefixes = new Set();
      for (const p of this.paths.values()) for (let i = 1; i < p.length; i++) this.prefixes.add(p.slice(0, i).join(SEP));
    }
    return this.prefixes.has(path.join(SEP));
  }

  all(): Path[] {
    return [...this.paths.values()];
  }

  union(o: FieldSet): FieldSet {
    return new FieldSet([...this.all(), ...o.all()]);
  }

  difference(o: FieldSet): FieldSet {
    return new FieldSet(this.all().filter((p) => !o.has(p)));
  }

  intersection(o: FieldSet): FieldSet {
    return new FieldSet(this.all().filter((p) => o.has(p)));
  }

  /** Set.RecursiveDifference: also drops every path below a member of `o`. */
  recursiveDifference(o: FieldSet): FieldSet {
    return new FieldSet(this.all().filter((p) => !p.some((_, i) => o.has(p.slice(0, i + 1)))));
  }

  equals(o: FieldSet): boolean {
    return this.size === o.size && this.all().every((p) => o.has(p));
  }

  /** The paths in Set.Iterate's order: at each level the members (sorted), then the children's. */
  iterate(): Path[] {
    const out: Path[] = [];
    const walk = (node: TrieNode, prefix: Path) => {
      for (const pe of [...node.members].sort(comparePE)) out.push([...prefix, pe]);
      for (const pe of [...node.children.keys()].sort(comparePE)) walk(node.children.get(pe)!, [...prefix, pe]);
    };
    walk(this.trie(), []);
    return out;
  }

  /**
   * The FieldsV1 JSON (Set.ToJSON): a member is `{}`, a path with members below is an object of
   * them, and a member that also has members below carries `".": {}` first; keys in PE order.
   */
  toFieldsV1(): Obj {
    const emit = (node: TrieNode): Obj => {
      const out: Obj = {};
      const keys = new Set([...node.members, ...node.children.keys()]);
      for (const pe of [...keys].sort(comparePE)) {
        const child = node.children.get(pe);
        if (!child) setKey(out, pe, {});
        else setKey(out, pe, node.members.has(pe) ? { '.': {}, ...emit(child) } : emit(child));
      }
      return out;
    };
    return emit(this.trie());
  }

  static fromFieldsV1(v: unknown): FieldSet {
    const set = new FieldSet();
    const walk = (node: unknown, prefix: Path) => {
      if (!isObj(node)) return;
      for (const k of Object.keys(node)) {
        if (k === '.') {
          set.insert(prefix);
          continue;
        }
        const child = node[k];
        if (isObj(child) && Object.keys(child).length) walk(child, [...prefix, k]);
        else set.insert([...prefix, k]);
      }
    };
    walk(v, []);
    return set;
  }

  private trie(): TrieNode {
    const root: TrieNode = { members: new Set(), children: new Map() };
    for (const p of this.paths.values()) {
      let node = root;
      for (let i = 0; i < p.length - 1; i++) {
        let next = node.children.get(p[i]);
        if (!next) node.children.set(p[i], (next = { members: new Set(), children: new Map() }));
        node = next;
      }
      node.members.add(p[p.length - 1]);
    }
    return root;
  }
}

interface TrieNode {
  members: Set<PE>;
  children: Map<PE, TrieNode>;
}

// ---- typed operations (SMD's walkers over plain JSON values) ----------------------------------

type ListNode = Extract<SchemaNode, { t: 'list' }>;

/** Items of a list by path element, first occurrence only (duplicates are ignored, as SMD does). */
function indexList(list: ListNode, items: unknown[] | undefined): { order: PE[]; byPE: Map<PE, unknown> } {
  const order: PE[] = [];
  const byPE = new Map<PE, unknown>();
  (items ?? []).forEach((item, i) => {
    const pe = itemPE(list, item, i);
    if (pe === undefined || byPE.has(pe)) return;
    byPE.set(pe, item);
    order.push(pe);
  });
  return { order, byPE };
}

const asList = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);
const asMap = (v: unknown): Obj | undefined => (isObj(v) ? v : undefined);
const definedKeys = (o: Obj | undefined): string[] => (o ? Object.keys(o).filter((k) => o[k] !== undefined) : []);

/**
 * TypedValue.ToFieldSet: scalars, atomic values and list items are members; a map's keys that
 * are not declared struct fields (labels' keys) are members; a struct's own node is not.
 */
export function toFieldSet(value: unknown, node: SchemaNode): FieldSet {
  const out = new FieldSet();
  const walk = (v: unknown, n: SchemaNode, path: Path): void => {
    switch (n.t) {
      case 'scalar':
      case 'untyped':
        out.insert(path);
        return;
      case 'list': {
        if (n.rel === 'atomic') {
          out.insert(path);
          return;
        }
        const { order, byPE } = indexList(n, asList(v));
        for (const pe of order) {
          walk(byPE.get(pe), n.elem, [...path, pe]);
          out.insert([...path, pe]);
        }
        return;
      }
      default: {
        if (n.atomic) {
          out.insert(path);
          return;
        }
        const m = asMap(v);
        for (const k of definedKeys(m)) {
          walk(m![k], fieldNode(n, k), [...path, `f:${k}`]);
          if (n.t === 'map' || !n.fields.has(k)) out.insert([...path, `f:${k}`]);
        }
      }
    }
  };
  walk(value, node, []);
  return out;
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/**
 * TypedValue.Compare (lhs → rhs). Leaves (scalars, atomic values, maps and lists empty on both
 * sides) are added, removed or modified; a non-leaf node absent on one side is added or removed
 * itself too, which is where FieldsV1's `.` entries of an Update come from. Absent is `undefined`;
 * a JSON null is a present value (the zero object's `containers: null` is not an absence).
 */
export function compare(lhs: unknown, rhs: unknown, node: SchemaNode): Comparison {
  const res: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  const walk = (l: unknown, r: unknown, n: SchemaNode, path: Path): void => {
    const leaf = () => {
      if (l === undefined) res.added.insert(path);
      else if (r === undefined) res.removed.insert(path);
      else if (!deepEqual(l, r)) res.modified.insert(path);
    };
    let isLeaf = false;
    if (n.t === 'scalar' || n.t === 'untyped') {
      leaf();
      isLeaf = true;
    } else if (n.t === 'list') {
      const ll = asList(l);
      const rl = asList(r);
      if (n.rel === 'atomic' || (!ll?.length && !rl?.length)) {
        leaf();
        isLeaf = true;
      } else {
        const li = indexList(n, ll);
        const ri = indexList(n, rl);
        for (const pe of ri.order) walk(li.byPE.get(pe), ri.byPE.get(pe), n.elem, [...path, pe]);
        for (const pe of li.order) if (!ri.byPE.has(pe)) walk(li.byPE.get(pe), undefined, n.elem, [...path, pe]);
      }
    } else {
      const lm = asMap(l);
      const rm = asMap(r);
      const lk = definedKeys(lm);
      const rk = definedKeys(rm);
      if (n.atomic || (!lk.length && !rk.length)) {
        leaf();
        isLeaf = true;
      } else {
        for (const k of new Set([...lk, ...rk])) walk(lm && own(lm, k), rm && own(rm, k), fieldNode(n, k), [...path, `f:${k}`]);
      }
    }
    if (!isLeaf && path.length) {
      if (l === undefined) res.added.insert(path);
      else if (r === undefined) res.removed.insert(path);
    }
  };
  walk(lhs, rhs, node, []);
  return res;
}

/**
 * TypedValue.Merge (live ← applied configuration): the configuration's leaves win; granular maps
 * and structs merge key by key; associative lists merge item by item in SMD's order (the
 * configuration's order for the items it names, the live object's other items kept where they
 * stood). A null the configuration sets drops the field (it decodes to the field's zero value).
 */
export function merge(lhs: unknown, rhs: unknown, node: SchemaNode): unknown {
  if (rhs === undefined) return lhs;
  if (lhs === undefined) return rhs;
  if (node.t === 'scalar' || node.t === 'untyped') return rhs;
  if (node.t === 'list') {
    const ll = asList(lhs);
    const rl = asList(rhs);
    if (node.rel === 'atomic' || (!ll?.length && !rl?.length)) return rhs;
    return mergeList(node, ll, rl);
  }
  const lm = asMap(lhs);
  const rm = asMap(rhs);
  if (node.atomic || (!definedKeys(lm).length && !definedKeys(rm).length)) return rhs;
  const out: Obj = {};
  for (const k of new Set([...definedKeys(lm), ...definedKeys(rm)])) {
    const r = rm && own(rm, k);
    const v = merge(lm && own(lm, k), r, fieldNode(node, k));
    if (v === undefined || (v === null && r === null)) continue;
    setKey(out, k, v);
  }
  return Object.keys(out).length ? out : undefined;
}

function mergeList(node: ListNode, ll: unknown[] | undefined, rl: unknown[] | undefined): unknown[] | undefined {
  const l = indexList(node, ll);
  const r = indexList(node, rl);
  // Items without their keys, or twice the same key: SMD refuses such a configuration; the live
  // object's are kept as they are. Either way the configuration's list then stands whole.
  if (l.order.length !== (ll?.length ?? 0) || r.order.length !== (rl?.length ?? 0)) return rl ?? ll;
  const shared = r.order.filter((pe) => l.byPE.has(pe));
  let nextShared = shared.shift();
  const out: unknown[] = [];
  const push = (pe: PE, lv: unknown, rv: unknown) => {
    const v = merge(lv, rv, node.elem);
    if (v !== undefined) out.push(v);
  };
  for (let li = 0, ri = 0; li < l.order.length || ri < r.order.length; ) {
    if (li < l.order.length && ri < r.order.length) {
      const pe = l.order[li];
      if (pe === r.order[ri]) {
        push(pe, l.byPE.get(pe), r.byPE.get(pe));
        li++;
        ri++;
        nextShared = shared.shift();
        continue;
      }
      if (r.byPE.has(pe) && nextShared !== undefined && nextShared !== pe) {
        // A shared item, but not the one due in this round: it comes with the configuration's order.
        li++;
        continue;
      }
    }
    if (li < l.order.length && !r.byPE.has(l.order[li])) {
      const pe = l.order[li];
      push(pe, l.byPE.get(pe), undefined);
      li++;
      continue;
    }
    if (ri < r.order.length) {
      const pe = r.order[ri];
      push(pe, l.byPE.get(pe), r.byPE.get(pe));
      ri++;
      if (nextShared === pe) nextShared = shared.shift();
    } else {
      li++;
    }
  }
  return out.length ? out : undefined;
}

/**
 * TypedValue.RemoveItems: drops every member of `set` (with what lies below it) and descends into
 * paths with members below. A map or list left empty by the removal goes too.
 */
export function removeItems(value: unknown, set: FieldSet, node: SchemaNode): unknown {
  const walk = (v: unknown, n: SchemaNode, path: Path): unknown => {
    if (n.t === 'scalar' || n.t === 'untyped') return v;
    if (n.t === 'list') {
      const items = asList(v);
      if (!items?.length || n.rel === 'atomic') return undefined;
      const out: unknown[] = [];
      items.forEach((item, i) => {
        const pe = itemPE(n, item, i);
        if (pe === undefined) return void out.push(item);
        const p = [...path, pe];
        if (set.has(p)) return;
        const kept = set.hasBelow(p) ? walk(item, n.elem, p) : item;
        if (kept !== undefined) out.push(kept);
      });
      return out.length ? out : undefined;
    }
    const m = asMap(v);
    if (!m || !definedKeys(m).length || n.atomic) return undefined;
    const out: Obj = {};
    for (const k of definedKeys(m)) {
      const p = [...path, `f:${k}`];
      if (set.has(p)) continue;
      const kept = set.hasBelow(p) ? walk(m[k], fieldNode(n, k), p) : m[k];
      if (kept !== undefined) setKey(out, k, kept);
    }
    return Object.keys(out).length ? out : undefined;
  };
  return walk(value, node, []) ?? {};
}

/**
 * Set.EnsureNamedFieldsAreMembers: the set plus every struct field on the way to its members
 * (`spec`, `spec.template`, `metadata.labels`), but not map keys or list items on the way.
 */
function ensureNamedFieldsAreMembers(set: FieldSet, root: SchemaNode): FieldSet {
  const out = new FieldSet(set.all());
  for (const p of set.all()) {
    let n = root;
    for (let i = 0; i < p.length - 1; i++) {
      const pe = p[i];
      if (pe.startsWith('f:')) {
        const name = pe.slice(2);
        if (n.t === 'struct' && n.fields.has(name)) out.insert(p.slice(0, i + 1));
        n = fieldNode(n, name);
      } else if (n.t === 'list') {
        n = n.elem;
      } else break;
    }
  }
  return out;
}

// ---- managers ------------------------------------------------------------------------------------

/** A metadata.managedFields entry as the API serves it. */
export interface ManagedEntry {
  manager?: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Obj;
  subresource?: string;
}

interface Manager {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource?: string;
  time?: string;
  set: FieldSet;
}

/**
 * BuildManagerIdentifier: the entry as JSON without its time, fields and fieldsType, and without
 * the apiVersion of an Apply (an applier is one manager whatever version it applies).
 */
function identifier(m: { manager: string; operation: string; apiVersion: string; subresource?: string }): string {
  const id: Obj = {};
  if (m.manager) id.manager = m.manager;
  id.operation = m.operation;
  if (m.operation === 'Update' && m.apiVersion) id.apiVersion = m.apiVersion;
  if (m.subresource) id.subresource = m.subresource;
  return JSON.stringify(id).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

type Managers = Map<string, Manager>;

/**
 * ReconcileFieldSetWithSchema's granular-to-atomic case: a path that goes below an atomic value
 * (a set written when it was granular, e.g. `f:selector` → `f:matchLabels` before LabelSelector
 * became atomic) stands for the atomic value itself.
 */
function reconcile(set: FieldSet, root: SchemaNode): FieldSet {
  let changed = false;
  const out = new FieldSet();
  for (const p of set.all()) {
    let n = root;
    let cut = p.length;
    for (let i = 0; i < p.length; i++) {
      if (n.t === 'scalar' || n.t === 'untyped' || (n.t === 'list' && n.rel === 'atomic') || ((n.t === 'struct' || n.t === 'map') && n.atomic)) {
        cut = i;
        break;
      }
      n = n.t === 'list' ? n.elem : p[i].startsWith('f:') ? fieldNode(n, p[i].slice(2)) : UNTYPED;
    }
    if (cut < p.length && cut > 0) changed = true;
    out.insert(cut < p.length && cut > 0 ? p.slice(0, cut) : p);
  }
  return changed ? out : set;
}

/** decodeManagedFields: undefined when an entry is not a valid one (upstream's decode error). */
function decodeManagers(entries: unknown, root: SchemaNode): Managers | undefined {
  if (!Array.isArray(entries)) return new Map();
  const out: Managers = new Map();
  for (const e of entries) {
    if (!isObj(e)) return undefined;
    if (e.operation !== 'Apply' && e.operation !== 'Update') return undefined;
    if (typeof e.apiVersion !== 'string' || !e.apiVersion) return undefined;
    if (e.fieldsType !== 'FieldsV1') return undefined;
    const m: Manager = {
      manager: typeof e.manager === 'string' ? e.manager : '',
      operation: e.operation,
      apiVersion: e.apiVersion,
      subresource: typeof e.subresource === 'string' && e.subresource ? e.subresource : undefined,
      time: typeof e.time === 'string' ? e.time : undefined,
      set: reconcile(FieldSet.fromFieldsV1(e.fieldsV1), root),
    };
    out.set(identifier(m), m);
  }
  return out;
}

const seconds = (t: string | undefined) => (t ? Math.floor(Date.parse(t) / 1000) || 0 : 0);

/** encodeManagedFields + sortEncodedManagedFields: by operation, time (seconds), manager, apiVersion, subresource. */
function encodeManagers(managers: Managers): ManagedEntry[] {
  const list = [...managers.values()].filter((m) => m.set.size > 0);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  list.sort(
    (p, q) =>
      cmp(p.operation, q.operation) ||
      seconds(p.time) - seconds(q.time) ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource ?? '', q.subresource ?? ''),
  );
  // ManagedFieldsEntry's field order (manager, operation, apiVersion, time, fieldsType, fieldsV1, subresource).
  return list.map((m) => {
    const e: ManagedEntry = { ...(m.manager ? { manager: m.manager } : {}), operation: m.operation, apiVersion: m.apiVersion } as ManagedEntry;
    if (m.time) e.time = m.time;
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = m.set.toFieldsV1();
    if (m.subresource) e.subresource = m.subresource;
    return e;
  });
}

/** stripmeta.go: the fields no manager owns (identity and server-set metadata). */
const STRIPPED = new FieldSet(
  [['f:apiVersion'], ['f:kind'], ['f:metadata']].concat(
    ['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map((f) => ['f:metadata', `f:${f}`]),
  ),
);

/** Kinds whose main resource resets `status` (the strategies' GetResetFields): status belongs to /status. */
const STATUS_RESET = new Set(['Pod', 'Service', 'Node', 'Namespace', 'Deployment', 'ReplicaSet', 'DaemonSet']);

function ignoredFor(kind: string, subresource: string | undefined): FieldSet {
  return subresource === undefined && STATUS_RESET.has(kind) ? new FieldSet([['f:status']]) : new FieldSet();
}

/**
 * The object a create compares against: the kind's Go zero value as the converter to unstructured
 * renders it (scope.Creater.New): non-pointer structs present (`spec: {}`, a Deployment's
 * `strategy: {}` and template), slices without omitempty null, Time null. Which nodes are present
 * there decides which nodes of the creator's set get a `.` entry.
 */
function zeroObject(kind: string): Obj {
  const meta = { creationTimestamp: null };
  const template = { metadata: { creationTimestamp: null }, spec: { containers: null } };
  switch (kind) {
    case 'Deployment':
      return { metadata: meta, spec: { selector: null, template, strategy: {} }, status: {} };
    case 'ReplicaSet':
      return { metadata: meta, spec: { selector: null, template }, status: { replicas: 0 } };
    case 'DaemonSet':
      return { metadata: meta, spec: { selector: null, template, updateStrategy: {} }, status: { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 } };
    case 'Pod':
      return { metadata: meta, spec: { containers: null }, status: {} };
    case 'Service':
      return { metadata: meta, spec: {}, status: { loadBalancer: {} } };
    case 'Namespace':
    case 'Node':
      return { metadata: meta, spec: {}, status: {} };
    case 'Event':
      return { metadata: meta, involvedObject: {}, source: {}, firstTimestamp: null, lastTimestamp: null, eventTime: null, reportingComponent: '', reportingInstance: '' };
    case 'EndpointSlice':
      return { metadata: meta, addressType: '', endpoints: null };
    default:
      return { metadata: meta };
  }
}

const STRATEGIES = defaultStrategies();

/**
 * The object as the fieldmanager sees it: without managedFields, and defaulted as the request's
 * decoding defaults it (SetDefaults_*; upstream defaults at decode, before the fieldmanager, so
 * a creator owns the defaulted fields too). Decoding errors are the write's to report.
 */
function prepared(obj: KubeObject, kind: string, defaults: boolean): Obj {
  const copy = deepClone(obj) as KubeObject;
  if (isObj(copy.metadata)) delete copy.metadata.managedFields;
  if (defaults) {
    try {
      STRATEGIES[kind]?.defaults?.(copy);
    } catch {
      // a malformed object: its write fails in the API server's decode
    }
  }
  return copy as unknown as Obj;
}

function withoutManagedFields(obj: KubeObject): Obj {
  return { ...obj, metadata: { ...obj.metadata, managedFields: undefined } } as unknown as Obj;
}

// ---- requests ------------------------------------------------------------------------------------

export interface Owner {
  manager: string;
  /** The request's group-version (`apps/v1`). */
  apiVersion: string;
  /** RFC 3339 seconds. */
  time: string;
  kind: string;
  subresource?: string;
}

/** DefaultMaxUpdateManagers and the bucket the oldest updaters are merged into (capmanagers.go). */
const MAX_UPDATE_MANAGERS = 10;
const ANCIENT = 'ancient-changes';

/**
 * The managers an Update starts from (FieldManager.Update): those the request sends when it sends
 * valid, non-empty ones (clients may set managedFields directly; `[{}]` resets them), else the
 * stored ones. A subresource write never sets them.
 */
function requestManagers(live: KubeObject | undefined, next: KubeObject, subresource: string | undefined, root: SchemaNode): Managers {
  const sent = next.metadata?.managedFields as unknown;
  if (!subresource && Array.isArray(sent) && sent.length) {
    if (sent.length === 1 && isObj(sent[0]) && Object.keys(sent[0]).length === 0) return new Map();
    const decoded = decodeManagers(sent, root);
    if (decoded) return decoded;
  }
  return decodeManagers(live?.metadata.managedFields, root) ?? new Map();
}

/**
 * Updater.Update for the request's own manager (managedFieldsUpdater's "current-operation"):
 * every other manager loses the fields this write modified, added or removed; the writer's
 * (manager, Update, apiVersion, subresource) entry gains the ones it modified or added and takes
 * the time, unless it changed nothing.
 */
function recordUpdate(managers: Managers, cmp: Comparison, o: Owner): void {
  const changed = cmp.modified.union(cmp.added);
  for (const m of managers.values()) m.set = m.set.difference(changed).difference(cmp.removed);
  const mine = changed.difference(cmp.removed).difference(STRIPPED);
  if (mine.size) {
    const me = { manager: o.manager, operation: 'Update' as const, apiVersion: o.apiVersion, subresource: o.subresource };
    const id = identifier(me);
    const prev = managers.get(id);
    managers.set(id, { ...me, time: o.time, set: prev ? prev.set.union(mine) : mine });
  }
  for (const [id, m] of managers) if (!m.set.size) managers.delete(id);
  capUpdateManagers(managers);
}

/** capUpdateManagers: past ten updaters, the oldest are merged into one `ancient-changes` entry per apiVersion. */
function capUpdateManagers(managers: Managers): void {
  const updaters = [...managers.entries()].filter(([, m]) => m.operation === 'Update');
  if (updaters.length <= MAX_UPDATE_MANAGERS) return;
  updaters.sort(([, a], [, b]) => seconds(a.time) - seconds(b.time));
  const firstByVersion = new Map<string, string>();
  let count = updaters.length;
  for (const [id, m] of updaters) {
    if (count <= MAX_UPDATE_MANAGERS) break;
    const bucket = identifier({ manager: ANCIENT, operation: 'Update', apiVersion: m.apiVersion });
    const first = firstByVersion.get(m.apiVersion);
    if (first === undefined) {
      firstByVersion.set(m.apiVersion, id);
      continue;
    }
    if (!managers.has(bucket)) {
      const f = managers.get(first)!;
      managers.delete(first);
      managers.set(bucket, { ...f, manager: ANCIENT, subresource: undefined });
    }
    const b = managers.get(bucket)!;
    managers.set(bucket, { ...b, set: b.set.union(m.set), time: m.time });
    managers.delete(id);
    count--;
  }
}

/** A create (POST) by `o.manager`: it owns every field it set, defaulted ones included. */
export function createOwnership(obj: KubeObject, o: Owner): void {
  const node = rootSchema(o.kind);
  const managers = requestManagers(undefined, obj, o.subresource, node);
  const ignored = ignoredFor(o.kind, o.subresource);
  const cmp = exclude(compare(zeroObject(o.kind), prepared(obj, o.kind, true), node), ignored);
  recordUpdate(managers, cmp, o);
  obj.metadata.managedFields = encodeManagers(managers) as never;
}

/**
 * An update (PUT), a non-apply patch or a scale write by `o.manager`: see recordUpdate. A write
 * to /scale is recorded on the main resource's `.spec.replicas` with subresource "scale", as the
 * ScaleHandler maps it (managedfields/internal/scale... ToParent): only a changed replicas counts.
 */
export function updateOwnership(old: KubeObject, next: KubeObject, o: Owner): void {
  const node = rootSchema(o.kind);
  const managers = requestManagers(old, next, o.subresource, node);
  let cmp: Comparison;
  if (o.subresource === 'scale') {
    const replicas = ['f:spec', 'f:replicas'];
    const changed = !deepEqual(old.spec?.replicas, next.spec?.replicas);
    cmp = { added: new FieldSet(), removed: new FieldSet(), modified: new FieldSet(changed ? [replicas] : []) };
  } else {
    cmp = exclude(compare(prepared(old, o.kind, false), prepared(next, o.kind, true), node), ignoredFor(o.kind, o.subresource));
  }
  recordUpdate(managers, cmp, o);
  next.metadata = { ...next.metadata, managedFields: encodeManagers(managers) as never };
}

function exclude(c: Comparison, ignored: FieldSet): Comparison {
  if (!ignored.size) return c;
  return { added: c.added.recursiveDifference(ignored), modified: c.modified.recursiveDifference(ignored), removed: c.removed.recursiveDifference(ignored) };
}

/** One field another manager owns with another value than the applied one. */
export interface Conflict {
  /** The owner's identifier (BuildManagerIdentifier's JSON). */
  manager: string;
  path: Path;
}

export type ApplyResult = { object: KubeObject } | { conflicts: Conflict[] };

/**
 * Updater.Apply for `o.manager`'s configuration over the live object: merge, make the
 * configuration's fields this applier's set, prune what it applied last time and no longer does
 * (unless another manager owns it), then check the merged object against the live one: a field
 * another manager owns that the apply modifies or adds is a conflict, unless `force` takes it
 * from that manager. A field set to the value it already has is no conflict (shared ownership).
 */
export function applyConfiguration(live: KubeObject, config: KubeObject, o: Owner & { force: boolean }): ApplyResult {
  const node = rootSchema(o.kind);
  const ignored = ignoredFor(o.kind, undefined);
  const managers = decodeManagers(live.metadata.managedFields, node) ?? new Map<string, Manager>();
  const liveValue = withoutManagedFields(live);
  let merged = merge(liveValue, config, node) as Obj;
  const me = { manager: o.manager, operation: 'Apply' as const, apiVersion: o.apiVersion };
  const id = identifier(me);
  const last = managers.get(id);
  const set = toFieldSet(config, node).recursiveDifference(ignored);
  managers.set(id, { ...me, time: last?.time, set });
  if (last?.set.size) merged = prune(merged, managers, last.set, node);

  const cmp = exclude(compare(liveValue, merged, node), ignored);
  const touched = cmp.modified.union(cmp.added);
  const conflicts: Conflict[] = [];
  for (const [mid, m] of managers) {
    if (mid === id) continue;
    const taken = m.set.intersection(touched);
    if (!taken.size) continue;
    if (!o.force) for (const p of taken.iterate()) conflicts.push({ manager: mid, path: p });
    else m.set = m.set.difference(taken);
  }
  if (conflicts.length) return { conflicts: conflicts.sort((a, b) => (a.manager < b.manager ? -1 : a.manager > b.manager ? 1 : 0)) };
  for (const [mid, m] of managers) if (mid !== id) m.set = m.set.difference(cmp.removed);

  const mine = managers.get(id)!;
  mine.set = mine.set.difference(STRIPPED);
  // managedFieldsUpdater.Apply: the time moves only when the object changed (a no-op apply
  // returns no object upstream, and the entry keeps the time it had, or none).
  const changed = !deepEqual(liveValue, merged);
  if (changed) mine.time = o.time;
  for (const [mid, m] of managers) if (!m.set.size) managers.delete(mid);
  const object = merged as unknown as KubeObject;
  object.metadata = { ...object.metadata, managedFields: encodeManagers(managers) as never };
  return { object };
}

/** An apply that creates the object: the configuration's fields are the applier's. */
export function applyCreateOwnership(obj: KubeObject, o: Owner): void {
  const set = appliedFields(obj, o.kind);
  const managers: Managers = new Map();
  managers.set(identifier({ manager: o.manager, operation: 'Apply', apiVersion: o.apiVersion }), { manager: o.manager, operation: 'Apply', apiVersion: o.apiVersion, time: o.time, set });
  obj.metadata = { ...obj.metadata, managedFields: encodeManagers(managers) as never };
}

/**
 * Updater.prune: remove what the applier applied last time (`last`) and no longer applies, unless
 * someone (any manager, the applier's new configuration included) owns it; fields under a removed
 * node that nobody owns go with it, fields that were never the applier's stay (addBackOwnedItems,
 * addBackDanglingItems).
 */
function prune(merged: Obj, managers: Managers, last: FieldSet, node: SchemaNode): Obj {
  const named = (s: FieldSet) => ensureNamedFieldsAreMembers(s, node);
  const lastSet = named(last);
  const pruned1 = removeItems(merged, lastSet, node);
  let managed = new FieldSet();
  for (const m of managers.values()) managed = managed.union(m.set);
  const mergedSet = named(toFieldSet(merged, node));
  const pruned2 = removeItems(merged, mergedSet.difference(named(toFieldSet(pruned1, node)).union(named(managed))), node);
  return removeItems(merged, mergedSet.difference(named(toFieldSet(pruned2, node))).intersection(lastSet), node) as Obj;
}

/** The fields of the `kubectl.kubernetes.io/last-applied-configuration` annotation whose values the live object still has (lastappliedmanager.go). */
export function lastAppliedFields(live: KubeObject, apiVersion: string): FieldSet | undefined {
  const text = live.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'];
  if (!text) return undefined;
  let last: unknown;
  try {
    last = parseJson(text);
  } catch {
    return undefined;
  }
  if (!isObj(last) || last.apiVersion !== apiVersion) return undefined;
  const node = rootSchema(live.kind);
  const c = compare(last, withoutManagedFields(live), node);
  return toFieldSet(last, node).difference(c.modified).difference(c.added).difference(c.removed);
}

/** Go's %q of a string (strconv.Quote) for the printable strings managers are. */
function goQuote(s: string): string {
  const named: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  let out = '';
  for (const c of s) {
    const code = c.charCodeAt(0);
    out += named[c] ?? (code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : c);
  }
  return `"${out}"`;
}

/** printManager: `"kubectl-client-side-apply" using apps/v1`, `"kubectl" with subresource "scale" using apps/v1`, `"other"` for an applier. */
function printManager(id: string): string {
  const m = JSON.parse(id) as { manager?: string; operation?: string; apiVersion?: string; subresource?: string };
  let s = goQuote(m.manager ?? '');
  if (m.subresource) s += ` with subresource ${goQuote(m.subresource)}`;
  if (m.operation === 'Update') s += ` using ${m.apiVersion ?? ''}`;
  return s;
}

/**
 * The 409 of an apply with conflicts (internal/conflict.go NewConflictError over merge.Conflicts):
 * `Apply failed with 1 conflict: conflict with "x" using apps/v1: .spec.replicas`, or for several
 * `Apply failed with N conflicts: conflicts with "x" using apps/v1:\n- .a\n- .b` grouped by manager
 * (managers sorted), and one FieldManagerConflict cause per field. Details carry only the causes
 * (errors.NewApplyConflict).
 */
export function conflictError(conflicts: Conflict[]): HttpError {
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.manager)}`, field: printPath(c.path) }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].manager)}: ${printPath(conflicts[0].path)}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), printPath(c.path)]);
    const lines: string[] = [];
    for (const m of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${printManager(m)}:`);
      for (const p of byManager.get(m)!) lines.push(`- ${p}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new HttpError(409, 'Conflict', message, { causes });
}

/**
 * The manager of a write (managerOrUserAgent): the `fieldManager` parameter, else the User-Agent
 * up to its first `/` without unprintable characters, at most 128 bytes (prefixFromUserAgent),
 * which is `kubectl` for kubectl's own requests without one (`kubectl scale`). No User-Agent
 * gives the empty manager, as upstream.
 */
export function managerOf(fieldManager: string | null, userAgent: string | undefined): string {
  if (fieldManager) return fieldManager;
  let out = '';
  let bytes = 0;
  for (const ch of (userAgent ?? '').split('/')[0]) {
    if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) continue;
    const n = Buffer.byteLength(ch);
    if (bytes + n > 128) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** The fields an apply of `config` makes its manager's (the configuration's set, less status and server-owned metadata). */
export function appliedFields(config: unknown, kind: string): FieldSet {
  return toFieldSet(config, rootSchema(kind)).recursiveDifference(ignoredFor(kind, undefined)).difference(STRIPPED);
}
