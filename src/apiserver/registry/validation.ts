// Validation helpers shared by the kinds, ported from
//  - k8s.io/apimachinery/pkg/util/validation/validation.go (IsDNS1123Label, IsQualifiedName, ... and
//    their messages, RegexError's wording with its double space before "or"),
//  - k8s.io/apimachinery/pkg/api/validation/objectmeta.go (ValidateObjectMeta, ValidateAnnotations,
//    ValidateOwnerReferences, ValidateObjectMetaUpdate),
//  - k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go (ValidateLabels, ValidateLabelSelector).
// Values in `Invalid value:` bodies render as the v1.32 field.Error does (./govalue): Go's %#v of
// the value upstream passes, e.g. `map[string]string{"app":"nginx"}` or
// `v1.LabelSelector{MatchLabels:map[string]string{"app":"nginx"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`.
import { fieldError, type FieldError } from '../errors';
import type { LabelSelector, ObjectMeta } from '../types';
import { LABEL_SELECTOR, OWNER_REFERENCE, goErrorValue, goSharp, goString, sliceOf, type GoType } from '../govalue';

// ---- field paths -----------------------------------------------------------------------------

/**
 * field.Path: `child('a','b')`, `index(0)`, `key('k')` → `a.b[0][k]`. The text is built only when
 * asked for (on an error), so the common, valid case allocates little.
 */
export class Path {
  private rendered: string | undefined;
  private constructor(
    private readonly parent: Path | undefined,
    /** `.name`, `[0]` or `[key]`, already punctuated (without the dot for a root). */
    private readonly part: string,
  ) {}
  static of(...names: string[]): Path {
    return new Path(undefined, names.join('.'));
  }
  child(...names: string[]): Path {
    return new Path(this, names.join('.'));
  }
  index(i: number): Path {
    return new Path(this, `[${i}]`);
  }
  key(k: string): Path {
    return new Path(this, `[${k}]`);
  }
  get text(): string {
    if (this.rendered === undefined) {
      if (!this.parent) this.rendered = this.part;
      else {
        const head = this.parent.text;
        this.rendered = this.part.startsWith('[') ? head + this.part : head ? `${head}.${this.part}` : this.part;
      }
    }
    return this.rendered;
  }
  toString(): string {
    return this.text;
  }
}

// ---- value rendering -------------------------------------------------------------------------

/** Go's json.Marshal of a JSON-like value: map keys sorted (struct keys must be ordered by the caller). */
export function goJSON(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(goJSON).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${goJSON(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** A metav1.LabelSelector (as *metav1.LabelSelector, which ErrorBody dereferences) as a v1.32 error prints it. */
export function labelSelectorValue(sel: LabelSelector | undefined | null): string {
  return goErrorValue(sel, { kind: 'ptr', elem: LABEL_SELECTOR });
}

/** field.Invalid(path, value, detail) with the value's Go type, rendered as v1.32's ErrorBody does. */
export function invalidGo(path: Path, value: unknown, type: GoType, detail: string): FieldError {
  return fieldError.invalidRaw(path.text, goErrorValue(value, type), detail);
}

// ---- k8s.io/apimachinery/pkg/util/validation -------------------------------------------------

/** validation.RegexError: note the two spaces before "or" that upstream's loop produces. */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (!examples.length) return `${msg} (regex used for validation is '${fmt}')`;
  let s = `${msg} (e.g. `;
  examples.forEach((e, i) => {
    if (i > 0) s += ' or ';
    s += `'${e}', `;
  });
  return `${s}regex used for validation is '${fmt}')`;
}

export const maxLenError = (n: number) => `must be no more than ${n} characters`;
export const EMPTY_ERROR = 'must be non-empty';
export const inclusiveRangeError = (lo: number, hi: number) => `must be between ${lo} and ${hi}, inclusive`;
export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';
export const FIELD_IMMUTABLE_ERROR_MSG = 'field is immutable';

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_ERR = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_ERR = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QNAME_ERR = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const QNAME_RE = new RegExp(`^${QNAME_FMT}$`);
const LABEL_VALUE_FMT = `(${QNAME_FMT})?`;
const LABEL_VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const PERCENT_FMT = '[0-9]+%';
const PERCENT_RE = new RegExp(`^${PERCENT_FMT}$`);

/**
 * The same label keys, values and names are validated again and again (every pod of a ReplicaSet
 * carries its template's labels): the pure checks below remember their answers, within a bound.
 */
function memo(fn: (v: string) => string[]): (v: string) => string[] {
  const cache = new Map<string, string[]>();
  return (v: string) => {
    let r = cache.get(v);
    if (r === undefined) {
      if (cache.size >= 4096) cache.clear();
      cache.set(v, (r = fn(v)));
    }
    return r;
  };
}

export const isDNS1123Label = memo(function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL_RE.test(v)) {
    // It was a valid subdomain and not a valid label: since length was checked, it must be dots.
    if (DNS1123_SUBDOMAIN_RE.test(v)) errs.push('must not contain dots');
    else errs.push(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
});

export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(v)) errs.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}
const isDNS1123SubdomainMemo = memo(isDNS1123Subdomain);

export function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!DNS1035_LABEL_RE.test(v)) errs.push(regexError(DNS1035_LABEL_ERR, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

export const isQualifiedName = memo(function isQualifiedName(v: string): string[] {
  const errs: string[] = [];
  const parts = v.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const [prefix] = parts;
    name = parts[1];
    if (prefix.length === 0) errs.push(`prefix part ${EMPTY_ERROR}`);
    else for (const m of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${m}`);
  } else {
    return [`a qualified name ${regexError(QNAME_ERR, QNAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push(`name part ${EMPTY_ERROR}`);
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!QNAME_RE.test(name)) errs.push(`name part ${regexError(QNAME_ERR, QNAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
});

export const isValidLabelValue = memo(function isValidLabelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(v)) errs.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
});

export function isValidPortNum(p: number): string[] {
  return p >= 1 && p <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** IsValidPortName: an IANA_SVC_NAME. */
export function isValidPortName(p: string): string[] {
  const errs: string[] = [];
  if (p.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(p)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(p)) errs.push('must contain at least one letter (a-z)');
  if (p.includes('--')) errs.push('must not contain consecutive hyphens');
  if (p.length > 0 && (p[0] === '-' || p[p.length - 1] === '-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** IsValidPercent. */
export function isValidPercent(p: string): string[] {
  return PERCENT_RE.test(p) ? [] : [regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, '1%', '93%')];
}

/** IsValidIP / IsValidIPForLegacyField (non-strict: ParseIPSloppy accepts leading zeros). */
export function isValidIPv4(v: string): boolean {
  const parts = v.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

// ---- name functions (apimachinery/pkg/api/validation/generic.go) -------------------------------

export type NameFn = (name: string, prefix: boolean) => string[];

/** maskTrailingDash: a generateName may end with '-'. */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

export const nameIsDNSSubdomain: NameFn = (name, prefix) => (prefix ? isDNS1123SubdomainMemo(maskTrailingDash(name)) : isDNS1123Subdomain(name));
export const nameIsDNSLabel: NameFn = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: NameFn = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);

// ---- field validators ------------------------------------------------------------------------

export function validateNonnegativeField(value: number | undefined, path: Path): FieldError[] {
  return (value ?? 0) < 0 ? [fieldError.invalid(path.text, value, IS_NEGATIVE_ERROR_MSG)] : [];
}

export function validateDNS1123Label(value: string, path: Path): FieldError[] {
  return isDNS1123Label(value).map((m) => fieldError.invalid(path.text, value, m));
}

export function validateDNS1123Subdomain(value: string, path: Path): FieldError[] {
  return isDNS1123Subdomain(value).map((m) => fieldError.invalid(path.text, value, m));
}

export function validateQualifiedName(value: string, path: Path): FieldError[] {
  return isQualifiedName(value).map((m) => fieldError.invalid(path.text, value, m));
}

/**
 * ValidateLabels: keys are qualified names, values label values; errors name the map's path.
 * Go iterates the map in random order; keys are visited sorted here, for determinism.
 */
export function validateLabels(labels: Record<string, string> | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels) return errs;
  const keys = Object.keys(labels);
  // Fast path: nothing to report (the common case) needs no sorting.
  if (keys.every((k) => isQualifiedName(k).length === 0 && isValidLabelValue(labels[k]).length === 0)) return errs;
  for (const k of keys.sort()) {
    for (const m of isQualifiedName(k)) errs.push(fieldError.invalid(path.text, k, m));
    for (const m of isValidLabelValue(labels[k])) errs.push(fieldError.invalid(path.text, labels[k], m));
  }
  return errs;
}

/** TotalAnnotationSizeLimitB (256 KiB). */
export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;

/** ValidateAnnotations: keys are qualified names (case-insensitive), total size ≤ 256 KiB. */
export function validateAnnotations(annotations: Record<string, string> | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!annotations) return errs;
  let size = 0;
  for (const k of Object.keys(annotations).sort()) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(fieldError.invalid(path.text, k, m));
    size += k.length + (annotations[k]?.length ?? 0);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(fieldError.tooLong(path.text, TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

/** ValidateLabelSelectorRequirement / ValidateLabelSelector (AllowInvalidLabelValueInSelector: false). */
export function validateLabelSelector(sel: LabelSelector | undefined | null, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!sel) return errs;
  errs.push(...validateLabels(sel.matchLabels, path.child('matchLabels')));
  (sel.matchExpressions ?? []).forEach((e, i) => {
    const p = path.child('matchExpressions').index(i);
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (!e.values?.length) errs.push(fieldError.required(p.child('values').text, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (e.values?.length) errs.push(fieldError.forbidden(p.child('values').text, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(fieldError.invalid(p.child('operator').text, e.operator, 'not a valid selector operator'));
    }
    for (const m of isQualifiedName(e.key ?? '')) errs.push(fieldError.invalid(p.child('key').text, e.key ?? '', m));
    (e.values ?? []).forEach((v, j) => {
      for (const m of isValidLabelValue(v)) errs.push(fieldError.invalid(p.child('values').index(j).text, v, m));
    });
  });
  return errs;
}

/** metav1.LabelSelectorAsSelector fails on an operator it does not know. */
export function labelSelectorConvertible(sel: LabelSelector | undefined | null): boolean {
  return (sel?.matchExpressions ?? []).every((e) => ['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator));
}

/** ValidateOwnerReferences (errors name the list's path, not the item's). */
export function validateOwnerReferences(refs: ObjectMeta['ownerReferences'], path: Path): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const apiVersion = ref.apiVersion ?? '';
    const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
    if (!version) errs.push(fieldError.invalid(path.child('apiVersion').text, ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(fieldError.invalid(path.child('kind').text, ref.kind ?? '', 'must not be empty'));
    if (!ref.name) errs.push(fieldError.invalid(path.child('name').text, ref.name ?? '', 'must not be empty'));
    if (!ref.uid) errs.push(fieldError.invalid(path.child('uid').text, ref.uid ?? '', 'must not be empty'));
    if (ref.controller) {
      const cur = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(
          // field.Invalid(fldPath, ownerReferences, ...): the whole []metav1.OwnerReference.
          invalidGo(path, refs, sliceOf(OWNER_REFERENCE), `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`),
        );
      } else firstController = cur;
    }
  }
  return errs;
}

/** ValidateFinalizers (apimachinery): qualified names, not both orphan and foregroundDeletion. */
export function validateFinalizers(finalizers: string[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of finalizers ?? []) errs.push(...validateQualifiedName(f, path));
  if (finalizers?.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(invalidGo(path, finalizers, sliceOf(goString), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

/** ValidateObjectMeta (ValidateObjectMetaAccessor). */
export function validateObjectMeta(meta: ObjectMeta, requiresNamespace: boolean, nameFn: NameFn, path: Path = Path.of('metadata')): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) for (const m of nameFn(meta.generateName, true)) errs.push(fieldError.invalid(path.child('generateName').text, meta.generateName, m));
  if (!meta.name) errs.push(fieldError.required(path.child('name').text, 'name or generateName is required'));
  else for (const m of nameFn(meta.name, false)) errs.push(fieldError.invalid(path.child('name').text, meta.name, m));
  if (requiresNamespace) {
    if (!meta.namespace) errs.push(fieldError.required(path.child('namespace').text));
    else for (const m of isDNS1123Label(meta.namespace)) errs.push(fieldError.invalid(path.child('namespace').text, meta.namespace, m));
  } else if (meta.namespace) {
    errs.push(fieldError.forbidden(path.child('namespace').text, 'not allowed on this type'));
  }
  if ((meta.generation ?? 0) < 0) errs.push(...validateNonnegativeField(meta.generation, path.child('generation')));
  if (meta.labels) errs.push(...validateLabels(meta.labels, path.child('labels')));
  if (meta.annotations) errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  if (meta.ownerReferences) errs.push(...validateOwnerReferences(meta.ownerReferences, path.child('ownerReferences')));
  if (meta.finalizers) errs.push(...validateFinalizers(meta.finalizers, path.child('finalizers')));
  return errs;
}

/**
 * ValidateObjectMetaUpdate. The API server keeps name, namespace, uid and timestamps from the stored
 * object itself, so what is left to check here is what a client can change.
 */
export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta, path: Path = Path.of('metadata')): FieldError[] {
  const errs: FieldError[] = [];
  if (old.deletionTimestamp) {
    // ValidateNoNewFinalizers: %#v of the set difference's List(), sorted and without repeats.
    const extra = [...new Set((meta.finalizers ?? []).filter((f) => !(old.finalizers ?? []).includes(f)))].sort();
    if (extra.length) {
      errs.push(fieldError.forbidden(path.child('finalizers').text, `no new finalizers can be added if the object is being deleted, found new finalizers ${goSharp(extra, sliceOf(goString))}`));
    }
  }
  if ((meta.generation ?? 0) < (old.generation ?? 0)) errs.push(fieldError.invalid(path.child('generation').text, meta.generation ?? 0, 'must not be decremented'));
  errs.push(...validateLabels(meta.labels, path.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, path.child('ownerReferences')));
  return errs;
}
