// resource.Quantity (k8s.io/apimachinery/pkg/api/resource/quantity.go): parsing, comparison, sums
// and the canonical String() the API server stores and prints (`0.5` → `500m`, `1024Mi` → `1Gi`).
// Values are exact: a BigInt mantissa times a power of ten, rounded up (away from zero) at nano as
// ParseQuantity rounds. canonicalizeQuantities puts every Quantity field of an object in the form a
// GET returns, as Quantity.UnmarshalJSON then MarshalJSON do on the way into storage.
import { kindType } from './decode';

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export interface Quantity {
  /** The value is mantissa × 10^exponent, exactly; exponent ≥ -9 (nano is the precision). */
  mantissa: bigint;
  exponent: number;
  /**
   * The value × 10^9. Exact up to 10^400; past that (`1e999999`, which parses upstream) it
   * saturates at ±10^409, so its sign and its order against any ordinary value stay right.
   */
  nanos: bigint;
  format: QuantityFormat;
  /**
   * The text as written, when ParseQuantity keeps it (its fast path, for a text already in canonical
   * shape: `100m`, `3Ki`, `1e3`, and quirks such as `+1` or `1.100`): String() returns it as is.
   */
  s?: string;
}

const BINARY_EXP: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_EXP: Record<string, number> = { '': 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIX = new Map<number, string>(Object.entries(DECIMAL_EXP).map(([s, e]) => [e, s]));
const BINARY_SUFFIX = new Map<number, string>(Object.entries(BINARY_EXP).map(([s, e]) => [e / 10, s]));
/** maxAllowed: a BinarySI quantity is capped, silently, at 2^63-1. */
const MAX_BINARY = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** maxInt64Factors: the decimal digits the int64 fast path takes. */
const MAX_INT64_FACTORS = 18;
const EXACT_NANOS_EXP = 400;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

function makeQuantity(mantissa: bigint, exponent: number, format: QuantityFormat, s?: string): Quantity {
  // Trailing zeros moved into the exponent keep the mantissa small (`1E` is 1 × 10^18).
  if (mantissa === 0n) exponent = 0;
  else
    while (mantissa % 10n === 0n) {
      mantissa /= 10n;
      exponent++;
    }
  let nanos: bigint;
  if (mantissa === 0n) nanos = 0n;
  else if (exponent + 9 > EXACT_NANOS_EXP) nanos = (mantissa < 0n ? -1n : 1n) * pow10(EXACT_NANOS_EXP + 9);
  else nanos = mantissa * pow10(exponent + 9);
  const q: Quantity = { mantissa, exponent, nanos, format };
  if (s !== undefined) q.s = s;
  return q;
}

interface Scanned {
  positive: boolean;
  /** Numerator digits, leading zeros removed ("0" when none are left). */
  num: string;
  /** Digits after the point. */
  denom: string;
  suffix: string;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** parseQuantityString's scan: sign, numerator, denominator, suffix; undefined for ErrFormatWrong. */
function scan(str: string): Scanned | undefined {
  let pos = 0;
  const end = str.length;
  let positive = true;
  if (str[0] === '-' || str[0] === '+') {
    positive = str[0] === '+';
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  let start = pos;
  while (pos < end && isDigit(str[pos])) pos++;
  const num = str.slice(start, pos) || '0';
  if (pos >= end) return { positive, num, denom: '', suffix: '' };
  let denom = '';
  if (str[pos] === '.') {
    start = ++pos;
    while (pos < end && isDigit(str[pos])) pos++;
    denom = str.slice(start, pos);
    if (pos >= end) return { positive, num, denom, suffix: '' };
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) return undefined;
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

/** The suffixer's interpret: base, exponent and format, or undefined for ErrSuffix. */
function interpret(suffix: string): { base: 2 | 10; exp: number; format: QuantityFormat } | undefined {
  if (suffix in DECIMAL_EXP) return { base: 10, exp: DECIMAL_EXP[suffix], format: 'DecimalSI' };
  if (suffix in BINARY_EXP) return { base: 2, exp: BINARY_EXP[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    // strconv.ParseInt(…, 10, 64), then int32(parsed): a 64-bit exponent is truncated to 32 bits.
    const parsed = BigInt(suffix.slice(1));
    if (parsed < INT64_MIN || parsed > INT64_MAX) return undefined;
    return { base: 10, exp: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return undefined;
}

/**
 * resource.ParseQuantity; undefined where it returns an error. Numbers are what YAML gave:
 * Quantity.UnmarshalJSON reads a JSON number's literal text, which JavaScript's String() writes
 * as encoding/json does for a float64 (`0.25`, `1e+21`).
 */
export function parseQuantity(input: string | number | bigint): Quantity | undefined {
  // A bigint is an integer past 2^53 (src/util/json.ts): its digits are the literal text.
  const str = typeof input === 'number' || typeof input === 'bigint' ? String(input) : input.trim();
  if (str === '') return undefined;
  if (str === '0') return makeQuantity(0n, 0, 'DecimalSI', '0');
  const sc = scan(str);
  if (!sc) return undefined;
  const suf = interpret(sc.suffix);
  if (!suf) return undefined;
  const { num, denom, positive } = sc;
  let { format } = suf;
  const shifted = num + denom;
  // Trailing zeros go to the exponent as text: stripping them from a BigInt one division at a time
  // was quadratic (a 30,000-digit `1000…0` took 250 ms; the 1 MiB a manifest may hold, minutes).
  let end = shifted.length;
  while (end > 0 && shifted[end - 1] === '0') end--;
  const significant = shifted.slice(0, end);
  const zeros = shifted.length - end;
  const digits = significant === '' ? 0n : BigInt(significant);
  const sign = positive ? 1n : -1n;

  // The int64 fast path, whose only visible effect is keeping the text when it is in canonical shape.
  let keep = false;
  if (format === 'BinarySI') {
    // 1Mi (2^20) has about 6 decimal digits of precision: exponent*3/10 - 1 digits (float32 in Go).
    const precision = 15 - num.length - Math.trunc((suf.exp * 3) / 10) - 1;
    if (denom === '' && precision >= 0 && digits << BigInt(suf.exp) <= INT64_MAX) keep = suf.exp % 10 === 0 && (digits & 7n) !== 0n;
  } else {
    const precision = MAX_INT64_FACTORS - (num.length + denom.length);
    const scale = suf.exp - denom.length;
    if (precision >= 0 && scale >= -9) keep = scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
  }

  let mantissa: bigint;
  let exponent: number;
  if (suf.base === 2) {
    mantissa = digits << BigInt(suf.exp);
    exponent = zeros - denom.length;
  } else {
    mantissa = digits;
    exponent = suf.exp - denom.length + zeros;
  }
  if (exponent < -9) {
    // Rounded up, away from zero, to nano: "if you want some resources, you should get some". On
    // the digits as text: dividing by a 10^k of half a million digits took minutes.
    const k = -9 - exponent;
    const text = mantissa.toString();
    if (mantissa !== 0n && text.length <= k) mantissa = 1n;
    else if (mantissa !== 0n) mantissa = BigInt(text.slice(0, text.length - k)) + (/[1-9]/.test(text.slice(text.length - k)) ? 1n : 0n);
    exponent = -9;
  }
  if (format === 'BinarySI') {
    // The cap, on the rounded value whatever its scale (a fraction too: 9.5Ei).
    const over = exponent >= 0 ? exponent <= 19 && mantissa * pow10(exponent) > MAX_BINARY : mantissa > MAX_BINARY * pow10(-exponent);
    if (over || exponent > 19) {
      mantissa = MAX_BINARY;
      exponent = 0;
    }
    // Between 0 and 1 a binary quantity is decimal ("This avoids rounding and hopefully confusion").
    if (mantissa !== 0n && exponent < 0 && mantissa < pow10(-exponent)) format = 'DecimalSI';
  }
  return makeQuantity(sign * mantissa, exponent, format, keep ? str : undefined);
}

/** A quantity of mantissa × 10^exponent (quantity_test.go's decQuantity; NewScaledQuantity). */
export function newQuantity(mantissa: bigint, exponent: number, format: QuantityFormat): Quantity {
  return makeQuantity(mantissa, exponent, format);
}

/** Quantity.Cmp: exact across formats and magnitudes. */
export function compareQuantity(a: Quantity, b: Quantity): number {
  const sa = a.mantissa === 0n ? 0 : a.mantissa < 0n ? -1 : 1;
  const sb = b.mantissa === 0n ? 0 : b.mantissa < 0n ? -1 : 1;
  if (sa !== sb || sa === 0) return sa < sb ? -1 : sa > sb ? 1 : 0;
  // Same sign: compare magnitudes by their number of digits first, then aligned.
  const ma = abs(a.mantissa);
  const mb = abs(b.mantissa);
  const da = ma.toString().length + a.exponent;
  const db = mb.toString().length + b.exponent;
  let cmp: number;
  if (da !== db) cmp = da < db ? -1 : 1;
  else {
    const e = Math.min(a.exponent, b.exponent);
    const x = ma * pow10(a.exponent - e);
    const y = mb * pow10(b.exponent - e);
    cmp = x === y ? 0 : x < y ? -1 : 1;
  }
  return cmp === 0 ? 0 : sa * cmp;
}

/** Quantity.String(): the kept text, else the canonical form (CanonicalizeBytes). */
export function formatQuantity(q: Quantity): string {
  if (q.s !== undefined) return q.s;
  if (q.mantissa === 0n) return '0';
  const neg = q.mantissa < 0n;
  let mantissa = abs(q.mantissa);
  let exponent = q.exponent;
  let format = q.format;
  if (format === 'BinarySI') {
    // Under 1024 in magnitude, or not whole: shown as DecimalSI, so that nothing is rounded.
    if (exponent < 0 || mantissa * pow10(exponent) < 1024n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let v = mantissa * pow10(exponent);
    let k = 0;
    while (v % 1024n === 0n) {
      v /= 1024n;
      k++;
    }
    return `${neg ? '-' : ''}${v}${BINARY_SUFFIX.get(k) ?? ''}`;
  }
  // AsCanonicalBytes: the exponent goes down to a multiple of three (makeQuantity already moved
  // every factor of ten into it), so that no fractional digit is written.
  const r = ((exponent % 3) + 3) % 3;
  mantissa *= pow10(r);
  exponent -= r;
  let suffix: string;
  if (format === 'DecimalExponent') suffix = exponent === 0 ? '' : `e${exponent}`;
  else {
    // DecimalSI has no suffix past E (10^18): upstream falls back to exponent notation rather than
    // dropping the exponent (quantity_test.go TestQuantityString: 1000E is "1e21").
    suffix = DECIMAL_SUFFIX.get(exponent) ?? `e${exponent}`;
  }
  return `${neg ? '-' : ''}${mantissa}${suffix}`;
}

/** Quantity.Add: the receiver's format, or the argument's when the receiver is zero; no kept text. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  const e = Math.min(a.exponent, b.exponent);
  const sum = a.mantissa * pow10(a.exponent - e) + b.mantissa * pow10(b.exponent - e);
  return makeQuantity(sum, e, a.mantissa === 0n ? b.format : a.format);
}

/** The canonical text of a Quantity field's value (a string or a JSON number), or undefined when it does not parse. */
export function canonicalQuantity(v: string | number | bigint): string | undefined {
  const q = parseQuantity(v);
  return q ? formatQuantity(q) : undefined;
}

// ---- every Quantity field of an object ---------------------------------------------------------

type GoType = NonNullable<ReturnType<typeof kindType>>;

/** Whether a value of type `t` can hold a Quantity somewhere (the type graph is cyclic: a DFS per type). */
const holdsQuantity = new Map<GoType, boolean>();

function reachesQuantity(t: GoType): boolean {
  const known = holdsQuantity.get(t);
  if (known !== undefined) return known;
  const seen = new Set<GoType>();
  const stack = [t];
  let found = false;
  while (stack.length && !found) {
    const x = stack.pop()!;
    if (seen.has(x)) continue;
    seen.add(x);
    if (x.k === 'scalar') found = x.scalar === 'quantity';
    else if (x.k === 'struct') for (const f of x.fields!.values()) stack.push(f);
    else stack.push(x.elem!);
  }
  holdsQuantity.set(t, found);
  return found;
}

function canonicalizeIn(v: unknown, t: GoType): void {
  if (v === null || typeof v !== 'object') return;
  if (t.k === 'slice') {
    if (!Array.isArray(v)) return;
    for (let i = 0; i < v.length; i++) visit(v as unknown[], i, t.elem!);
    return;
  }
  if (Array.isArray(v)) return;
  const o = v as Record<string, unknown>;
  if (t.k === 'map') {
    for (const k of Object.keys(o)) visit(o, k, t.elem!);
    return;
  }
  if (t.k !== 'struct') return;
  const fields = quantityFields(t);
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (Object.prototype.hasOwnProperty.call(o, f.key)) visit(o, f.key, f.type);
  }
}

/**
 * A struct's fields that can hold a Quantity, once per type. The walk went over every field of
 * every struct it met (a Map entry array each: 94 MB of the 1.6 GB a 10,000-pod spec allocates,
 * the largest share) where a PodSpec has a handful that matter; each field is independent, so
 * visiting only these, in the same order, canonicalizes the same values.
 */
const reachingFields = new Map<GoType, { key: string; type: GoType }[]>();

function quantityFields(t: GoType): { key: string; type: GoType }[] {
  let fields = reachingFields.get(t);
  if (!fields) {
    fields = [];
    for (const [key, type] of t.fields!) if (reachesQuantity(type)) fields.push({ key, type });
    reachingFields.set(t, fields);
  }
  return fields;
}

function visit(container: Record<string, unknown> | unknown[], key: string | number, t: GoType): void {
  if (!reachesQuantity(t)) return;
  const v = (container as Record<string | number, unknown>)[key];
  if (t.k === 'scalar') {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'bigint') return;
    const c = canonicalQuantity(v);
    if (c !== undefined && c !== v) (container as Record<string | number, unknown>)[key] = c;
    return;
  }
  canonicalizeIn(v, t);
}

/**
 * In place, every Quantity field of `obj` (resources requests and limits, emptyDir sizeLimit, pod
 * overhead, a node's capacity...) in the form a GET returns: Quantity.UnmarshalJSON parses it and
 * MarshalJSON writes String(), always a JSON string (`cpu: 2` reads back as `cpu: "2"`). For an
 * object that decoded (decodeObject): a value that does not parse is left alone. Only the parts of
 * the object whose types can hold a Quantity are walked.
 */
export function canonicalizeQuantities(obj: { kind?: string }): void {
  const root = typeof obj.kind === 'string' ? kindType(obj.kind) : undefined;
  if (root && reachesQuantity(root)) canonicalizeIn(obj, root);
}
