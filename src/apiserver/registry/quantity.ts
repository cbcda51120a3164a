// resource.Quantity (k8s.io/apimachinery/pkg/api/resource/quantity.go), enough of it for validation
// and QoS: parsing, comparison, and the canonical String() the API server prints in messages
// (`0.5` → `500m`, `1024Mi` → `1Gi`). Values are kept exactly, in nano-units, as BigInt.

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export interface Quantity {
  /** The value × 10^9, rounded up (Quantity's precision is nano). */
  nanos: bigint;
  format: QuantityFormat;
}

const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const NANO = 10n ** 9n;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** ceil(a / b) for b > 0. */
function divCeil(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

/** resource.ParseQuantity; undefined where it returns an error. Numbers are what YAML gave. */
export function parseQuantity(input: string | number): Quantity | undefined {
  const s = typeof input === 'number' ? numberText(input) : input.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[numkMGTPE]|)$/.exec(s);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return undefined;
  const [, sign, whole, frac = '', suffix] = m;
  const digits = BigInt(`${whole || '0'}${frac}`);
  let scaled: bigint; // value × 10^9
  let format: QuantityFormat;
  if (suffix in BINARY) {
    format = 'BinarySI';
    scaled = divCeil(digits * 1024n ** BigInt(BINARY[suffix]) * NANO, pow10(frac.length));
  } else {
    const exp = suffix in DECIMAL ? DECIMAL[suffix] : Number(suffix.slice(1));
    format = suffix in DECIMAL ? 'DecimalSI' : 'DecimalExponent';
    const e = exp + 9 - frac.length;
    scaled = e >= 0 ? digits * pow10(e) : divCeil(digits, pow10(-e));
  }
  return { nanos: sign === '-' ? -scaled : scaled, format };
}

function numberText(n: number): string {
  // YAML numbers: JS prints 1e21 as "1e+21"; Go's JSON decoder hands Quantity the literal text.
  return String(n).replace('e+', 'e');
}

export function compareQuantity(a: Quantity, b: Quantity): number {
  return a.nanos === b.nanos ? 0 : a.nanos < b.nanos ? -1 : 1;
}

/** Quantity.String(): the canonical form. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const neg = q.nanos < 0n;
  const abs = neg ? -q.nanos : q.nanos;
  let format = q.format;
  if (format === 'BinarySI') {
    // Small values, and values that are not whole, print as DecimalSI (CanonicalizeBytes).
    if (abs < 1024n * NANO || abs % NANO !== 0n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let v = abs / NANO;
    let k = 0;
    while (k < 6 && v % 1024n === 0n) {
      v /= 1024n;
      k++;
    }
    const suffix = k === 0 ? '' : Object.keys(BINARY).find((s) => BINARY[s] === k)!;
    return `${neg ? '-' : ''}${v}${suffix}`;
  }
  // Decimal: the largest exponent (a multiple of 3, from -9) leaving a whole mantissa.
  let mantissa = abs;
  let exp = -9;
  while (exp < 18 && mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    exp += 3;
  }
  const suffix = format === 'DecimalExponent' ? (exp === 0 ? '' : `e${exp}`) : DECIMAL_SUFFIX[exp];
  return `${neg ? '-' : ''}${mantissa}${suffix}`;
}

/** Sum of quantities (the format of the first wins, as Quantity.Add keeps the receiver's). */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.format };
}
