// The API server's decode step, before defaulting and validation: the request body is unmarshalled
// into the kind's Go struct (sigs.k8s.io/json, a fork of encoding/json) with strict field
// validation, which kubectl asks for by default (`--validate=strict`). Two failures come out of it,
// both `400 BadRequest` worded by the apimachinery serializer as
//   `<Kind> in version "<version>" cannot be handled as a <Kind>: <error>`:
//  - a value of the wrong JSON type:
//    `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`
//  - fields the type does not have: `strict decoding error: unknown field "spec.foo", unknown field "x"`
//
// How it is checked here:
//  - One walk over the object against the Go-shaped type table generated from kubernetes-models
//    (schema/types.generated.ts) finds unknown fields and candidate type errors. It is cheap
//    (microseconds for a pod) and needs no module loading, so the 10,000 pods a ReplicaSet creates
//    cost little and CLI start-up stays fast.
//  - A candidate type error is confirmed by Kubernetes' own OpenAPI schema: the kubernetes-models
//    validator of the kind (its precompiled ajv code, bundled at build time into generated/), loaded
//    lazily on that error path only. Its
//    errors decide what is reported; null values are never errors (Go decodes null as the zero value).
//  - Go decodes IntOrString, Quantity and Time with their own UnmarshalJSON, whose errors abort the
//    decode at once, while plain type mismatches are saved and decoding goes on: so the reported
//    error is the first aborting one in document order if any, else the first saved one. kubectl sends
//    JSON marshalled from a map, keys sorted, so "document order" is sorted-key order.
import * as path from 'path';
import { StatusError, type FieldError } from '../errors';
import { packageRoot } from '../../serve/openapi';
import type { KubeObject } from '../types';
import { ROOTS, STRUCTS } from './schema/types.generated';
import { deeperThan } from '../../util/clone';
import { checkpoint } from '../../util/deadline';
import { INT64_MAX, INT64_MIN, stringifyJson } from '../../util/json';

type Scalar = 'string' | 'bool' | 'int32' | 'int64' | 'float64' | 'intstr' | 'quantity' | 'time' | 'raw';

/** A Go type, compiled from the table. */
interface GoType {
  k: 'scalar' | 'struct' | 'slice' | 'map';
  /** reflect.Type's String(): `int32`, `v1.Protocol`, `[]v1.Container`, `map[string]string`. */
  go: string;
  scalar?: Scalar;
  /** Struct: reflect.Type's Name() (`DeploymentSpec`), used as UnmarshalTypeError.Struct. */
  name?: string;
  fields?: Map<string, GoType>;
  elem?: GoType;
}

const SCALAR_GO: Record<Scalar, string> = {
  string: 'string',
  bool: 'bool',
  int32: 'int32',
  int64: 'int64',
  float64: 'float64',
  intstr: 'intstr.IntOrString',
  quantity: 'resource.Quantity',
  time: 'v1.Time',
  raw: 'runtime.RawExtension',
};

const compiled = new Map<string, GoType>();

function structType(id: string): GoType {
  let t = compiled.get(id);
  if (t) return t;
  const entry = STRUCTS[id];
  if (!entry) throw new Error(`kubespec: no schema for ${id}`);
  const [go, fields] = entry;
  t = { k: 'struct', go, name: go.slice(go.indexOf('.') + 1), fields: new Map() };
  compiled.set(id, t); // before the fields: types are recursive (JSONSchemaProps-like cycles)
  for (const [field, spec] of Object.entries(fields)) t.fields!.set(field, parseType(spec));
  return t;
}

function parseType(spec: string): GoType {
  if (spec.startsWith('[]')) {
    const elem = parseType(spec.slice(2));
    return { k: 'slice', go: `[]${elem.go}`, elem };
  }
  if (spec.startsWith('map[string]')) {
    const elem = parseType(spec.slice('map[string]'.length));
    return { k: 'map', go: `map[string]${elem.go}`, elem };
  }
  const named = /^([A-Za-z0-9_]+\.[A-Za-z0-9_]+)=(.*)$/.exec(spec);
  if (named) return { ...parseType(named[2]), go: named[1] };
  if (spec.startsWith('@')) return structType(spec.slice(1));
  const scalar = spec as Scalar;
  if (!(scalar in SCALAR_GO)) throw new Error(`kubespec: bad schema type ${spec}`);
  return { k: 'scalar', go: SCALAR_GO[scalar], scalar };
}

/** The root Go type of a kind, or undefined for kinds without a schema. */
export function kindType(kind: string): GoType | undefined {
  const id = ROOTS[kind];
  return id ? structType(id) : undefined;
}

// ---- the walk -----------------------------------------------------------------------------

type Seg = string | number;

interface TypeProblem {
  path: Seg[];
  /** UnmarshalJSON errors (IntOrString, Quantity, Time) abort the decode; others are saved. */
  aborts: boolean;
  /** Decided without the OpenAPI validator (Go-only rules: Quantity's and Time's parsers). */
  goOnly: boolean;
}

interface WalkResult {
  unknown: Seg[][];
  problems: TypeProblem[];
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_EDGE = 2 ** 63;
const QUANTITY_SUFFIXES = new Set(['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E']);
/** RFC 3339 as metav1.Time.UnmarshalJSON parses it (time.RFC3339). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Does `v` (not null) fit Go type `t`? Mirrors what the OpenAPI validator checks, plus Go's parsers. */
function scalarFits(s: Scalar, v: unknown): { ok: boolean; goOnly?: boolean; aborts?: boolean } {
  // A bigint is an integer past 2^53 (src/util/json.ts), which the OpenAPI validator cannot judge:
  // Go's rules alone decide it, here.
  if (typeof v === 'bigint') {
    if (s === 'int64') return v >= INT64_MIN && v <= INT64_MAX ? { ok: true } : { ok: false, goOnly: true };
    if (s === 'float64' || s === 'quantity' || s === 'raw') return { ok: true };
    return { ok: false, goOnly: true, aborts: s === 'intstr' || s === 'time' };
  }
  switch (s) {
    case 'string':
      return { ok: typeof v === 'string' };
    case 'bool':
      return { ok: typeof v === 'boolean' };
    case 'int32':
      return { ok: typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX };
    case 'int64':
      // Go's range, which the OpenAPI schema (integer, format int64) does not check: 1e300 is an
      // integer to JavaScript (a JSON number written as a float: 1e19).
      // 2^63 itself is such a float (what 9223372036854775808 becomes on kubectl's side, sent as 9223372036854776000).
      if (typeof v === 'number' && Number.isInteger(v) && (v < -INT64_EDGE || v >= INT64_EDGE)) return { ok: false, goOnly: true };
      return { ok: typeof v === 'number' && Number.isInteger(v) };
    case 'float64':
      return { ok: typeof v === 'number' && Number.isFinite(v) };
    case 'intstr':
      return { ok: typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX), aborts: true };
    case 'quantity':
      if (typeof v === 'number') return { ok: Number.isFinite(v) };
      return { ok: typeof v === 'string' && quantityError(v.trim()) === undefined, goOnly: true, aborts: true };
    case 'time':
      if (typeof v === 'string') return { ok: RFC3339.test(v), goOnly: true, aborts: true };
      return { ok: false, aborts: true };
    case 'raw':
      return { ok: true };
  }
}

const FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/**
 * resource.ParseQuantity's error for a string, or undefined when it parses: a port of
 * parseQuantityString (quantity.go) and the suffixer's interpret (suffix.go).
 */
export function quantityError(str: string): string | undefined {
  if (str.length === 0) return FORMAT_WRONG;
  const end = str.length;
  let pos = 0;
  const digit = (c: string) => c >= '0' && c <= '9';
  if (str[0] === '-' || str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return undefined;
  while (pos < end && digit(str[pos])) pos++;
  if (pos >= end) return undefined;
  if (str[pos] === '.') {
    pos++;
    while (pos < end && digit(str[pos])) pos++;
    if (pos >= end) return undefined;
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && digit(str[pos])) pos++;
  if (pos < end) return FORMAT_WRONG;
  const suffix = str.slice(suffixStart);
  if (QUANTITY_SUFFIXES.has(suffix)) return undefined;
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) return undefined;
  return "unable to parse quantity's suffix";
}

function walk(v: unknown, t: GoType, path: Seg[], out: WalkResult): void {
  if (v === null || v === undefined) return;
  checkpoint();
  switch (t.k) {
    case 'scalar': {
      // The common, well-typed case without scalarFits' result object (one per leaf of every write).
      if (typeof v === 'string' ? t.scalar === 'string' || t.scalar === 'intstr' || t.scalar === 'raw' : typeof v === 'boolean' && t.scalar === 'bool') return;
      const fit = scalarFits(t.scalar!, v);
      if (!fit.ok) out.problems.push({ path: [...path], aborts: !!fit.aborts, goOnly: !!fit.goOnly });
      return;
    }
    case 'struct': {
      if (!isPlainObject(v)) {
        out.problems.push({ path: [...path], aborts: false, goOnly: typeof v === 'bigint' });
        return;
      }
      const fields = t.fields!;
      for (const key in v) {
        const ft = fields.get(key);
        path.push(key);
        if (!ft) out.unknown.push([...path]);
        else walk(v[key], ft, path, out);
        path.pop();
      }
      return;
    }
    case 'slice': {
      if (!Array.isArray(v)) {
        out.problems.push({ path: [...path], aborts: false, goOnly: typeof v === 'bigint' });
        return;
      }
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i], t.elem!, path, out);
        path.pop();
      }
      return;
    }
    case 'map': {
      if (!isPlainObject(v)) {
        out.problems.push({ path: [...path], aborts: false, goOnly: typeof v === 'bigint' });
        return;
      }
      for (const key in v) {
        path.push(key);
        walk(v[key], t.elem!, path, out);
        path.pop();
      }
      return;
    }
  }
}

/** Segment-wise order of paths = the order a sorted-key JSON document visits them. */
function comparePaths(a: Seg[], b: Seg[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

/** field.Path rendering: `spec.template.spec.containers[0].image`, map keys as `[key]`. */
export function renderPath(path: Seg[], root: GoType | undefined): string {
  let s = '';
  let t = root;
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (t?.k === 'map') s += `[${seg}]`;
    else s += s ? `.${seg}` : seg;
    t = t === undefined ? undefined : t.k === 'struct' ? t.fields!.get(String(seg)) : t.elem;
  }
  return s;
}

// ---- the OpenAPI validator (kubernetes-models), loaded on the error path only ----------------

interface AjvError {
  instancePath: string;
  keyword: string;
}
type ModelClass = { prototype: { validate(this: unknown): void } };

/**
 * kubernetes-models' model classes of the kinds the API server decodes, bundled at build time into
 * generated/validators.js (schema/bundle-validators.ts), so the models package is not needed at
 * run time. Loaded on the error path only.
 */
let bundled: Record<string, () => ModelClass> | undefined;
function modelOf(kind: string): ModelClass | undefined {
  if (!bundled) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a build artefact, loaded when first needed
    bundled = require(path.join(packageRoot(__dirname), 'generated', 'validators.js')) as Record<string, () => ModelClass>;
  }
  return Object.prototype.hasOwnProperty.call(bundled, kind) ? bundled[kind]() : undefined;
}

const loadedModels = new Map<string, ModelClass>();

/**
 * Paths at which Kubernetes' OpenAPI schema (kubernetes-models' precompiled validator) finds a
 * value of the wrong type or format. `required` is not a decode error (validation reports missing
 * fields with its own messages), and null is never one.
 */
export function openApiTypeErrors(kind: string, obj: unknown): Seg[][] {
  let model = loadedModels.get(kind);
  if (!model) {
    model = modelOf(kind);
    if (!model) return [];
    loadedModels.set(kind, model);
  }
  let errors: AjvError[] = [];
  try {
    // Model.prototype.validate runs the compiled validator on `this` and throws on failure; calling
    // it on the plain object avoids the copy a `new Model(obj)` makes.
    model.prototype.validate.call(obj);
  } catch (e) {
    errors = ((e as { errors?: AjvError[] }).errors ?? []) as AjvError[];
  }
  const out = new Map<string, Seg[]>();
  for (const err of errors) {
    // Missing fields and enum values are validation's business (Required / Unsupported value), not the decoder's.
    if (err.keyword === 'required' || err.keyword === 'enum') continue;
    const path = err.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const segs: Seg[] = [];
    let cur: unknown = obj;
    for (const s of path) {
      const seg: Seg = Array.isArray(cur) && /^\d+$/.test(s) ? Number(s) : s;
      segs.push(seg);
      cur = cur === null || cur === undefined ? undefined : (cur as Record<string, unknown>)[seg as string];
    }
    // Integers past 2^53 are bigints, which the validator takes for a wrong type: the walk has
    // judged every one of them by Go's rules already (scalarFits).
    if (cur === null || cur === undefined || typeof cur === 'bigint') continue;
    out.set(JSON.stringify(segs), segs);
  }
  return [...out.values()].sort(comparePaths);
}

// ---- rendering -------------------------------------------------------------------------------

/** UnmarshalTypeError.Value: the JSON kind of the value, with the literal for numbers Go cannot store. */
function goValueKind(v: unknown, t: GoType): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  const integer = t.scalar === 'int32' || t.scalar === 'int64' || t.scalar === 'intstr';
  // Go's UnmarshalTypeError quotes the number's literal text: every digit of a bigint.
  if (typeof v === 'bigint') return integer ? `number ${v}` : 'number';
  if (typeof v === 'number' && integer && !scalarFits(t.scalar === 'intstr' ? 'int32' : t.scalar!, v).ok) return `number ${JSON.stringify(v)}`;
  return 'number';
}

/** Go's error text for a type problem at `path`. */
function goTypeError(root: GoType, obj: unknown, path: Seg[]): string {
  let t: GoType = root;
  let v: unknown = obj;
  let struct = root.name!;
  const fieldStack: string[] = [];
  for (const seg of path) {
    if (t.k === 'struct') {
      struct = t.name!;
      fieldStack.push(String(seg));
      t = t.fields!.get(String(seg))!;
    } else {
      t = t.elem!;
    }
    v = (v as Record<string, unknown>)[seg as string];
  }
  let goType = t.go;
  // Quantity.UnmarshalJSON parses the raw JSON text (unquoted when it is a string, trimmed).
  if (t.scalar === 'quantity') return quantityError(typeof v === 'string' ? v.trim() : stringifyJson(v)) ?? FORMAT_WRONG;
  if (t.scalar === 'time') {
    // metav1.Time.UnmarshalJSON: a non-string fails json.Unmarshal into a string; a string fails time.Parse.
    if (typeof v === 'string') return `parsing time ${JSON.stringify(v)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(v)} as "2006"`;
    goType = 'string';
  }
  // intstr.IntOrString.UnmarshalJSON: anything but a JSON string is unmarshalled into its int32.
  if (t.scalar === 'intstr') goType = 'int32';
  return `json: cannot unmarshal ${goValueKind(v, t)} into Go struct field ${struct}.${fieldStack.join('.')} of type ${goType}`;
}

function typeAt(root: GoType, path: Seg[]): GoType | undefined {
  let t: GoType | undefined = root;
  for (const seg of path) t = t === undefined ? undefined : t.k === 'struct' ? t.fields!.get(String(seg)) : t.elem;
  return t;
}

/**
 * sigs.k8s.io/json's saveStrictError (internal/golang/encoding/json/kubernetes_patch.go, vendored
 * by kubernetes/kubernetes) keeps at most 100 strict errors, de-duplicated by message: a manifest
 * with 5,000 unknown fields is answered with the first 100 (in the sorted-key order kubectl's JSON
 * visits them), not with a 5,000-cause Status. Paths are unique, so are their messages.
 */
const MAX_STRICT_ERRORS = 100;

function firstStrictErrors(paths: Seg[][]): Seg[][] {
  return paths.sort(comparePaths).slice(0, MAX_STRICT_ERRORS);
}

function handledAs(obj: KubeObject, detail: string, causes: FieldError[]): StatusError {
  const version = String(obj.apiVersion ?? '').split('/').pop();
  return new StatusError('BadRequest', `${obj.kind} in version "${version}" cannot be handled as a ${obj.kind}: ${detail}`, causes, obj.kind, obj.metadata?.name);
}

/**
 * Decode-time checks of `obj` as its kind's Go type. Returns the BadRequest the API server answers
 * with, or undefined when the object decodes. Causes carry the field path of each problem.
 */
/** Past this many type problems in one object, confirm them one by one (see decodeObject). */
const MANY_PROBLEMS = 256;

/** Whether the OpenAPI validator reports a type error at `path` with nothing else in the object. */
function confirmedAlone(obj: KubeObject, path: Seg[]): boolean {
  const skeleton: Record<string, unknown> = { apiVersion: obj.apiVersion, kind: obj.kind, metadata: {} };
  let src: unknown = obj;
  let dst: Record<string, unknown> | unknown[] = skeleton;
  const at: Seg[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    src = (src as Record<string, unknown>)[seg as string];
    // A list item goes to index 0 of a one-item list: no holes for the validator to walk.
    const key: Seg = typeof seg === 'number' ? 0 : seg;
    at.push(key);
    if (i === path.length - 1) (dst as Record<string, unknown>)[key as string] = src;
    else {
      const next = Array.isArray(src) ? [] : {};
      (dst as Record<string, unknown>)[key as string] = next;
      dst = next;
    }
  }
  const want = JSON.stringify(at);
  return openApiTypeErrors(obj.kind, skeleton).some((p) => JSON.stringify(p) === want);
}

export function decodeObject(obj: KubeObject): StatusError | undefined {
  const root = kindType(obj.kind);
  if (!root) return undefined;
  const out: WalkResult = { unknown: [], problems: [] };
  walk(obj, root, [], out);
  if (out.problems.length > MANY_PROBLEMS) {
    // Hostile input (`args: [1, 2, ... 500000]`): validating the whole object reports every item,
    // and the validator is superlinear in its error count. The answer names one problem, so confirm
    // candidates one at a time on a skeleton holding only that value, in path order.
    const sorted = [...out.problems].sort((a, b) => comparePaths(a.path, b.path));
    const candidates = [...sorted.filter((p) => p.aborts).slice(0, MANY_PROBLEMS), ...sorted.slice(0, MANY_PROBLEMS)];
    const first = candidates.find((p) => p.goOnly || confirmedAlone(obj, p.path));
    if (first) {
      const detail = goTypeError(root, obj, first.path);
      return handledAs(obj, detail, [{ type: 'Invalid', field: renderPath(first.path, root), detail }]);
    }
  } else if (out.problems.length) {
    // Type errors: confirmed by the OpenAPI validator, except Go-only parser rules.
    const openApi = openApiTypeErrors(obj.kind, obj);
    const confirmed = new Set(openApi.map((p) => JSON.stringify(p)));
    const problems = out.problems.filter((p) => p.goOnly || confirmed.has(JSON.stringify(p.path)));
    // A set of the paths already there: `args: [1, 2, ...40000]` is 40,000 problems, and looking
    // each one up in the list was quadratic (26 s for one student's manifest).
    const seen = new Set(problems.map((q) => JSON.stringify(q.path)));
    for (const p of openApi) {
      if (!seen.has(JSON.stringify(p))) {
        const t = typeAt(root, p);
        problems.push({ path: p, aborts: t?.scalar === 'intstr' || t?.scalar === 'quantity' || t?.scalar === 'time', goOnly: false });
      }
    }
    if (problems.length) {
      problems.sort((a, b) => comparePaths(a.path, b.path));
      const first = problems.find((p) => p.aborts) ?? problems[0];
      const detail = goTypeError(root, obj, first.path);
      return handledAs(obj, detail, [{ type: 'Invalid', field: renderPath(first.path, root), detail }]);
    }
  }
  if (out.unknown.length) {
    const unknown = firstStrictErrors(out.unknown).map((p) => renderPath(p, root));
    const detail = `strict decoding error: ${unknown.map((u) => `unknown field ${JSON.stringify(u)}`).join(', ')}`;
    return handledAs(
      obj,
      detail,
      unknown.map((u) => ({ type: 'Invalid', field: u, detail: `unknown field ${JSON.stringify(u)}` })),
    );
  }
  return undefined;
}

/**
 * The deepest nesting of a JSON value the API server takes (an object or list 512 levels down).
 * Kubernetes' JSON decoder (encoding/json's scanner, as forked by sigs.k8s.io/json) refuses 10,000;
 * kubespec walks values recursively (cloning, merging, comparing, hashing, and V8's JSON.stringify
 * itself), which overflowed the stack at 2,000-5,000 levels, so its bound is lower and checked
 * first. The deepest real objects (managedFields of a deep template) are a few dozen levels; YAML
 * manifests stop at 64 (DEFAULT_YAML_LIMITS.maxDepth).
 */
export const MAX_NESTING = 512;

/** The BadRequest for `value` (an object of `kind`, or a patch of one) nested past MAX_NESTING, if it is. */
export function nestingError(kind: string, apiVersion: string | undefined, name: string | undefined, value: unknown): StatusError | undefined {
  if (!deeperThan(value, MAX_NESTING)) return undefined;
  const version = String(apiVersion ?? '').split('/').pop();
  const detail = `json: nested deeper than ${MAX_NESTING} levels (kubespec's limit; Kubernetes' JSON decoder stops at 10000)`;
  return new StatusError('BadRequest', `${kind} in version "${version}" cannot be handled as a ${kind}: ${detail}`, [], kind, name);
}

/**
 * For `fieldValidation=Warn` and `Ignore` (upstream's non-strict decoding): remove the fields the
 * kind's type does not have, as a non-strict Go decode silently drops them, and return their
 * rendered paths (`spec.foo`) for the Warning headers. Type errors are left for decodeObject.
 */
export function pruneUnknownFields(obj: KubeObject): string[] {
  const root = kindType(obj.kind);
  if (!root) return [];
  const out: WalkResult = { unknown: [], problems: [] };
  walk(obj, root, [], out);
  if (!out.unknown.length) return [];
  const sorted = out.unknown.sort(comparePaths);
  // Every unknown field is dropped, as a non-strict Go decode drops them; the warnings are the
  // strict errors the same decode would have saved, so at most MAX_STRICT_ERRORS of them.
  const rendered = sorted.slice(0, MAX_STRICT_ERRORS).map((p) => renderPath(p, root));
  for (const p of sorted) {
    let cur: unknown = obj;
    for (let i = 0; i < p.length - 1 && cur !== null && typeof cur === 'object'; i++) cur = (cur as Record<string | number, unknown>)[p[i]];
    if (cur !== null && typeof cur === 'object') delete (cur as Record<string | number, unknown>)[p[p.length - 1]];
  }
  return rendered;
}
