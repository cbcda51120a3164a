// Go's rendering of the value in a validation error, as a v1.32 API server prints it.
//
// k8s.io/apimachinery/pkg/util/validation/field/errors.go (v1.32) ErrorBody: a nil value or nil
// pointer prints as the string "null" (quoted: `Invalid value: "null"`); a non-nil pointer is
// dereferenced; then int64, int32, float64, float32 and bool print with %v, a string with %q, a
// fmt.Stringer with its String(), and anything else with %#v. (1.34 renders composite values as
// JSON instead; 1.32 does not.) intstr.IntOrString's String() has a pointer receiver, so an
// IntOrString value is no Stringer there: it prints as %#v, `intstr.IntOrString{Type:1, IntVal:0,
// StrVal:"25"}` (as servers print it, e.g. flant/helm-apps#2).
//
// Validation runs on the internal types (pkg/apis/core, pkg/apis/apps), so %#v names them
// `core.ServicePort`, `apps.DeploymentStrategy`; metav1 types stay `v1.LabelSelector`. The Go type
// of each value comes from a small descriptor (GoType) that the caller picks to match the value
// upstream passes to field.Invalid.

/** The Go shape of a JSON value, enough for %#v. */
export type GoType =
  | { kind: 'string'; name?: string }
  | { kind: 'int'; name: string }
  | { kind: 'bool' }
  | { kind: 'slice'; elem: GoType }
  | { kind: 'map'; name?: string; elem: GoType }
  | { kind: 'ptr'; elem: GoType }
  | { kind: 'struct'; name: string; fields: [goName: string, jsonName: string, type: GoType][] }
  /** intstr.IntOrString: a struct (its String() is on the pointer). */
  | { kind: 'intstr' };

export const goString: GoType = { kind: 'string' };
export const goInt32: GoType = { kind: 'int', name: 'int32' };
export const goBool: GoType = { kind: 'bool' };
export const goIntstr: GoType = { kind: 'intstr' };
export const sliceOf = (elem: GoType): GoType => ({ kind: 'slice', elem });
export const ptrTo = (elem: GoType): GoType => ({ kind: 'ptr', elem });
export const mapOf = (elem: GoType, name?: string): GoType => ({ kind: 'map', elem, name });
export const named = (name: string): GoType => ({ kind: 'string', name });
export const struct = (name: string, fields: [string, string, GoType][]): GoType => ({ kind: 'struct', name, fields });

/** metav1.LabelSelectorRequirement and metav1.LabelSelector (k8s.io/apimachinery/pkg/apis/meta/v1/types.go, field order). */
export const LABEL_SELECTOR_REQUIREMENT = struct('v1.LabelSelectorRequirement', [
  ['Key', 'key', goString],
  ['Operator', 'operator', named('v1.LabelSelectorOperator')],
  ['Values', 'values', sliceOf(goString)],
]);
export const LABEL_SELECTOR = struct('v1.LabelSelector', [
  ['MatchLabels', 'matchLabels', mapOf(goString)],
  ['MatchExpressions', 'matchExpressions', sliceOf(LABEL_SELECTOR_REQUIREMENT)],
]);
/** metav1.OwnerReference (field order of k8s.io/apimachinery/pkg/apis/meta/v1/types.go). */
export const OWNER_REFERENCE = struct('v1.OwnerReference', [
  ['APIVersion', 'apiVersion', goString],
  ['Kind', 'kind', goString],
  ['Name', 'name', goString],
  ['UID', 'uid', named('types.UID')],
  ['Controller', 'controller', ptrTo(goBool)],
  ['BlockOwnerDeletion', 'blockOwnerDeletion', ptrTo(goBool)],
]);
/** A map[string]string such as labels and Service selectors. */
export const STRING_MAP = mapOf(goString);

/**
 * The address %#v prints for a non-nil pointer nested in a value. Go prints the real heap address
 * (`(*bool)(0xc000a4e2b8)`), which differs on every run; kubespec prints one fixed, Go-looking
 * address so that the same input gives the same message.
 */
export const POINTER_PLACEHOLDER = '0xc000000000';

/** The Go name of a type, as %#v writes it in `[]T(nil)` and `(*T)(nil)`. */
export function goTypeName(t: GoType): string {
  switch (t.kind) {
    case 'string':
      return t.name ?? 'string';
    case 'int':
      return t.name;
    case 'bool':
      return 'bool';
    case 'slice':
      return `[]${goTypeName(t.elem)}`;
    case 'map':
      return t.name ?? `map[string]${goTypeName(t.elem)}`;
    case 'ptr':
      return `*${goTypeName(t.elem)}`;
    case 'struct':
      return t.name;
    case 'intstr':
      return 'intstr.IntOrString';
  }
}

/** Go's IsPrint, as far as JavaScript's Unicode properties tell it: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** strconv.Quote: Go's %q of a string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd'; // a lone surrogate reaches Go's decoder as U+FFFD (printable)
    else if (PRINTABLE.test(ch)) out += ch;
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\v') out += '\\v';
    else if (c < 0x80) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

function isNil(v: unknown): boolean {
  return v === undefined || v === null;
}

/** IntOrString as the JSON holds it: a number is Type 0 (Int), a string Type 1 (String). */
function intstrParts(v: unknown): { type: 0 | 1; intVal: number; strVal: string } {
  if (typeof v === 'string') return { type: 1, intVal: 0, strVal: v };
  return { type: 0, intVal: typeof v === 'number' ? v : 0, strVal: '' };
}

/** fmt's %#v of a value of Go type `t` (map keys sorted, as fmt prints maps). */
export function goSharp(v: unknown, t: GoType): string {
  switch (t.kind) {
    case 'string':
      return goQuote(typeof v === 'string' ? v : '');
    case 'int':
      // A bigint is an int64 past 2^53 (src/util/json.ts): %#v prints its digits.
      return String(typeof v === 'number' || typeof v === 'bigint' ? v : 0);
    case 'bool':
      return String(v === true);
    case 'slice':
      if (!Array.isArray(v)) return `${goTypeName(t)}(nil)`;
      return `${goTypeName(t)}{${v.map((e) => goSharp(e, t.elem)).join(', ')}}`;
    case 'map': {
      if (isNil(v) || typeof v !== 'object') return `${goTypeName(t)}(nil)`;
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort();
      return `${goTypeName(t)}{${keys.map((k) => `${goQuote(k)}:${goSharp(o[k], t.elem)}`).join(', ')}}`;
    }
    case 'ptr':
      return `(${goTypeName(t)})(${isNil(v) ? 'nil' : POINTER_PLACEHOLDER})`;
    case 'struct': {
      const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
      return `${t.name}{${t.fields.map(([g, j, ft]) => `${g}:${goSharp(o[j], ft)}`).join(', ')}}`;
    }
    case 'intstr': {
      const p = intstrParts(v);
      return `intstr.IntOrString{Type:${p.type}, IntVal:${p.intVal}, StrVal:${goQuote(p.strVal)}}`;
    }
  }
}

/** The value part of a field.Error of Go type `t`, as ErrorBody prints it (see the top of this file). */
export function goErrorValue(v: unknown, t: GoType): string {
  let type = t;
  if (type.kind === 'ptr') {
    if (isNil(v)) return '"null"';
    type = type.elem;
  }
  return type.kind === 'string' ? goQuote(typeof v === 'string' ? v : '') : goSharp(v, type);
}

/**
 * Go's `fmt.Sprintf("%v", v)` of an unstructured JSON value (what kubectl's custom-columns printer
 * writes for each cell): strings as they are, `<nil>`, integers in full, floats in strconv's
 * shortest 'g' form (`1e-05`, `1e+21`), `[a b]` for lists and `map[k:v ...]` with sorted keys for
 * maps (fmt sorts map keys since Go 1.12).
 */
export function goPlainValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'number') return goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goPlainValue).join(' ')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[${keys.map((k) => `${k}:${goPlainValue(o[k])}`).join(' ')}]`;
}

/** strconv.FormatFloat(f, 'g', -1, 64); an integer (int64 in unstructured JSON) prints its digits. */
function goFloat(f: number): string {
  if (Number.isInteger(f) && Math.abs(f) < 1e21) return String(f);
  if (!Number.isFinite(f)) return Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf';
  const [mant, e] = f.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 21) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(f);
}
