// Go's fmt for the values a template handles: %v (what an action prints), print/println's spacing,
// and printf's verbs with flags, width and precision, down to the `%!d(string=x)`, `%!d(MISSING)`
// and `%!(EXTRA ...)` texts for what does not fit.
import { goQuote } from './lex';
import { fromJson, sortedKeys, typeName, type GoValue } from './value';

/** The exact decimal digits of a double and the position of its point: 0.125 → ['125', 0]. */
function exactDecimal(f: number): { digits: string; point: number } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(f));
  const bits = buf.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let e2: number;
  if (expBits === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = expBits - 1075;
  }
  // value = mant * 2^e2 = mant * 5^-e2 / 10^-e2 when e2 < 0.
  let digits: string;
  let point: number;
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    point = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-e2)).toString();
    point = digits.length + e2;
  }
  digits = digits.replace(/0+$/, '');
  if (!digits) return { digits: '0', point: 1 };
  return { digits, point };
}

/** Round decimal digits to `n` of them, half to even (strconv's decimal rounding). */
function roundDigits(d: { digits: string; point: number }, n: number): { digits: string; point: number } {
  if (n < 0) return { digits: '', point: d.point };
  if (d.digits.length <= n) return d;
  const keep = d.digits.slice(0, n);
  const next = d.digits[n];
  const rest = d.digits.slice(n + 1);
  const last = n > 0 ? Number(keep[n - 1]) : 0;
  const up = next > '5' || (next === '5' && (/[1-9]/.test(rest) || last % 2 === 1));
  if (!up) return { digits: keep, point: d.point };
  const bumped = (BigInt(keep || '0') + 1n).toString();
  if (n === 0) return { digits: '1', point: d.point + 1 };
  if (bumped.length > keep.length) return { digits: bumped.slice(0, n), point: d.point + 1 };
  return { digits: bumped.padStart(n, '0'), point: d.point };
}

/** %.Nf: fixed notation with N digits after the point, exactly rounded. */
export function formatFixed(f: number, prec: number): string {
  if (!Number.isFinite(f)) return formatFloatG(f);
  const neg = f < 0 || Object.is(f, -0) ? '-' : '';
  const d = f === 0 ? { digits: '0', point: 1 } : roundDigits(exactDecimal(f), exactDecimal(f).point + prec);
  let intPart: string;
  let frac: string;
  if (d.point <= 0) {
    intPart = '0';
    frac = ('0'.repeat(-d.point) + d.digits).padEnd(prec, '0').slice(0, prec);
  } else {
    intPart = d.digits.slice(0, d.point).padEnd(d.point, '0');
    frac = d.digits.slice(d.point).padEnd(prec, '0').slice(0, prec);
  }
  return `${neg}${intPart || '0'}${prec > 0 ? '.' + frac : ''}`;
}

/** %.Ne: one digit, the point, N digits, the exponent (at least two digits), exactly rounded. */
export function formatExp(f: number, prec: number, upper = false): string {
  if (!Number.isFinite(f)) return formatFloatG(f);
  const neg = f < 0 || Object.is(f, -0) ? '-' : '';
  let d = f === 0 ? { digits: '0', point: 1 } : roundDigits(exactDecimal(f), prec + 1);
  d = { digits: d.digits.padEnd(prec + 1, '0'), point: d.point };
  const exp = f === 0 ? 0 : d.point - 1;
  return `${neg}${d.digits[0]}${prec > 0 ? '.' + d.digits.slice(1) : ''}${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/**
 * strconv.FormatFloat(f, 'g', prec, 64) (prec -1: the shortest digits that read back): an exponent
 * when it is below -4 or at least the precision (6 for the shortest), trailing zeros dropped.
 */
export function formatFloatG(f: number, prec = -1, upper = false): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const p = prec === 0 ? 1 : prec;
  let digits: string;
  let exp: number;
  if (prec < 0) {
    const [m, e] = Math.abs(f).toExponential().split('e');
    digits = m.replace('.', '').replace(/0+$/, '') || '0';
    exp = Number(e);
  } else {
    const d = roundDigits(exactDecimal(f), p);
    digits = d.digits.replace(/0+$/, '') || '0';
    exp = d.point - 1;
  }
  const eprec = prec < 0 ? 6 : p;
  const neg = f < 0 ? '-' : '';
  if (exp < -4 || exp >= eprec) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${neg}${mant}${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp >= 0) {
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    return neg + (frac ? `${intPart}.${frac}` : intPart);
  }
  return `${neg}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/** fmt's %v of a value (%+v is the same for these types): what an action prints. */
export function formatV(g: GoValue, top = true): string {
  switch (g.kind) {
    case 'invalid':
      return top ? '<no value>' : '<invalid reflect.Value>';
    case 'nil':
      return '<nil>';
    case 'string':
      return g.v as string;
    case 'bool':
      return g.v ? 'true' : 'false';
    case 'int':
    case 'int64':
      return String(g.v);
    case 'float64':
      return formatFloatG(g.v as number);
    case 'slice':
      return `[${(g.v as unknown[]).map((x) => formatV(fromJson(x), false)).join(' ')}]`;
    case 'map': {
      const m = g.v as Record<string, unknown>;
      return `map[${sortedKeys(m)
        .map((k) => `${k}:${formatV(fromJson(m[k]), false)}`)
        .join(' ')}]`;
    }
  }
}

const isStringy = (g: GoValue) => g.kind === 'string';

/** fmt.Sprint: operands side by side, a space between two that are neither strings. */
export function sprint(args: GoValue[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && !isStringy(a) && !isStringy(args[i - 1])) out += ' ';
    out += formatV(a, false).replace(/^<invalid reflect.Value>$/, '<nil>');
  });
  return out;
}

/** fmt.Sprintln: spaces between every operand, a newline at the end. */
export function sprintln(args: GoValue[]): string {
  return args.map((a) => formatV(a, false).replace(/^<invalid reflect.Value>$/, '<nil>')).join(' ') + '\n';
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  const w = spec.width;
  if (w === undefined || [...s].length >= w) return s;
  const n = w - [...s].length;
  if (spec.minus) return s + ' '.repeat(n);
  if (spec.zero && numeric) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(n) + s.slice(sign.length);
  }
  return ' '.repeat(n) + s;
}

function badVerb(verb: string, g: GoValue): string {
  if (g.kind === 'invalid' || g.kind === 'nil') return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(g)}=${formatV(g, false)})`;
}

function fmtInt(v: bigint, verb: string, spec: Spec): string | undefined {
  const neg = v < 0n;
  const a = neg ? -v : v;
  let s: string;
  switch (verb) {
    case 'd':
    case 'v':
      s = a.toString(10);
      break;
    case 'b':
      s = a.toString(2);
      break;
    case 'o':
      s = a.toString(8);
      if (spec.sharp) s = '0' + s;
      break;
    case 'O':
      s = '0o' + a.toString(8);
      break;
    case 'x':
      s = (spec.sharp ? '0x' : '') + a.toString(16);
      break;
    case 'X':
      s = (spec.sharp ? '0X' : '') + a.toString(16).toUpperCase();
      break;
    case 'c':
      return String.fromCodePoint(Number(v));
    case 'q':
      return `'${String.fromCodePoint(Number(v))}'`;
    case 'U':
      return `U+${a.toString(16).toUpperCase().padStart(4, '0')}`;
    default:
      return undefined;
  }
  if (spec.prec !== undefined) s = s.padStart(spec.prec, '0');
  const sign = neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  return sign + s;
}

function fmtFloat(f: number, verb: string, spec: Spec): string | undefined {
  let s: string;
  switch (verb) {
    case 'v':
    case 'g':
      s = formatFloatG(f, spec.prec ?? -1);
      break;
    case 'G':
      s = formatFloatG(f, spec.prec ?? -1, true);
      break;
    case 'f':
    case 'F':
      s = formatFixed(f, spec.prec ?? 6);
      break;
    case 'e':
    case 'E':
      s = formatExp(f, spec.prec ?? 6, verb === 'E');
      break;
    default:
      return undefined;
  }
  if (spec.plus && !s.startsWith('-')) s = '+' + s;
  else if (spec.space && !s.startsWith('-')) s = ' ' + s;
  return s;
}

/** One operand under one verb (maps and slices format their elements with it). */
function formatArg(g: GoValue, verb: string, spec: Spec): string {
  if (verb === 'T') return pad(typeName(g).replace(/^<nil>$/, '<nil>'), spec, false);
  if (verb === 'v' && (g.kind === 'invalid' || g.kind === 'nil')) return pad('<nil>', spec, false);
  switch (g.kind) {
    case 'string': {
      const s = g.v as string;
      if (verb === 'v' || verb === 's') return pad(spec.prec !== undefined ? [...s].slice(0, spec.prec).join('') : s, spec, false);
      if (verb === 'q') return pad(goQuote(s), spec, false);
      if (verb === 'x' || verb === 'X') {
        const h = Buffer.from(s).toString('hex');
        return pad(verb === 'X' ? h.toUpperCase() : h, spec, false);
      }
      return badVerb(verb, g);
    }
    case 'bool':
      if (verb === 'v' || verb === 't') return pad(g.v ? 'true' : 'false', spec, false);
      return badVerb(verb, g);
    case 'int':
    case 'int64': {
      const s = fmtInt(g.v as bigint, verb, spec);
      return s === undefined ? badVerb(verb, g) : pad(s, spec, spec.prec === undefined);
    }
    case 'float64': {
      const s = fmtFloat(g.v as number, verb, spec);
      return s === undefined ? badVerb(verb, g) : pad(s, spec, true);
    }
    case 'slice':
      if (verb === 'v' || 'sdqxXbofFeEgGtcU'.includes(verb)) return `[${(g.v as unknown[]).map((x) => formatArg(fromJson(x, false), verb, spec)).join(' ')}]`;
      return badVerb(verb, g);
    case 'map': {
      const m = g.v as Record<string, unknown>;
      return `map[${sortedKeys(m)
        .map((k) => `${formatArg({ kind: 'string', v: k }, verb, spec)}:${formatArg(fromJson(m[k], false), verb, spec)}`)
        .join(' ')}]`;
    }
    default:
      return badVerb(verb, g);
  }
}

/** fmt.Sprintf over template values. */
export function sprintf(format: string, args: GoValue[]): string {
  let out = '';
  let argi = 0;
  const chars = [...format];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false };
    i++;
    for (; i < chars.length; i++) {
      const f = chars[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = !spec.minus;
      else break;
    }
    const num = (): number | undefined => {
      if (chars[i] === '*') {
        i++;
        const a = args[argi++];
        return a && (a.kind === 'int' || a.kind === 'int64') ? Number(a.v) : undefined;
      }
      let s = '';
      while (i < chars.length && chars[i] >= '0' && chars[i] <= '9') s += chars[i++];
      return s ? Number(s) : undefined;
    };
    spec.width = num();
    if (chars[i] === '.') {
      i++;
      spec.prec = num() ?? 0;
    }
    if (i >= chars.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = chars[i];
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatArg(args[argi++], verb, spec);
  }
  if (argi < args.length) {
    out += `%!(EXTRA ${args
      .slice(argi)
      .map((a) => (a.kind === 'invalid' || a.kind === 'nil' ? '<nil>' : `${typeName(a)}=${formatV(a, false)}`))
      .join(', ')})`;
  }
  return out;
}
