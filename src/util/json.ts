// Exact JSON for Kubernetes objects: Go decodes an int64 field (terminationGracePeriodSeconds,
// generation, a revision) with every digit, while JSON.parse rounds any integer past 2^53 to the
// nearest double. Here a safe integer stays a number and only an integer past ±(2^53 - 1) is a
// bigint, so the values a manifest, a request body or a journal line holds keep their digits, and
// writing them out (JSON.stringify throws on a bigint) gives the same digits back.

/** int64's bounds (math.MinInt64, math.MaxInt64). */
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/** An integer of a JSON value: a number for a safe integer, a bigint past 2^53 (never a bigint that is safe). */
export function jsonInteger(n: bigint): number | bigint {
  return n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n;
}

/** Whether `v` is an integer of a JSON value (an integral number, or a bigint). */
export function isJsonInteger(v: unknown): v is number | bigint {
  return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
}

/** The exact value of an integral JSON number as a bigint (undefined for anything else). */
export function toBigInt(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return undefined;
}

/** Whether `v` is an integer Go's int64 holds. */
export function isInt64(v: unknown): boolean {
  const b = toBigInt(v);
  return b !== undefined && b >= INT64_MIN && b <= INT64_MAX;
}

/**
 * strconv.ParseInt(s, 10, 64) exactly: an optional sign and decimal digits, in int64's range. The
 * error is Go's text (`strconv.ParseInt: parsing "x": invalid syntax` / `value out of range`).
 */
export function parseInt64(s: string): { value: bigint } | { error: string } {
  if (!/^[+-]?[0-9]+$/.test(s)) return { error: `strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax` };
  const value = BigInt(s);
  if (value < INT64_MIN || value > INT64_MAX) return { error: `strconv.ParseInt: parsing ${JSON.stringify(s)}: value out of range` };
  return { value };
}

/** A run of 16 digits: every integer past 2^53 has one (JSON allows no leading zeros). */
const LONG_DIGITS = /[0-9]{16}/;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;

/** A JSON number token's value: a bigint for an integer past 2^53, else what JSON.parse gives. */
function numberValue(token: string): number | bigint {
  if (token.length >= 16 && !/[.eE]/.test(token)) return jsonInteger(BigInt(token));
  return Number(token);
}

/**
 * JSON.parse, except that integers past 2^53 are bigints with every digit. Syntax errors are
 * JSON.parse's own (the text is checked by it first). Linear: a text without a run of 16 digits is
 * JSON.parse's alone; one with such a run is read once more by an iterative scanner (no recursion,
 * so nesting costs no stack).
 */
export function parseJson(text: string): unknown {
  const fast = JSON.parse(text) as unknown;
  if (!LONG_DIGITS.test(text)) return fast;
  return parseExact(text);
}

type Container = unknown[] | Record<string, unknown>;

/** The scanner of parseJson, for text JSON.parse has accepted. */
function parseExact(text: string): unknown {
  const n = text.length;
  let i = 0;
  const skip = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const readString = (): string => {
    const start = i;
    i++;
    let escaped = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 92) {
        escaped = true;
        i += 2;
        continue;
      }
      i++;
      if (c === 34) break;
    }
    const raw = text.slice(start, i);
    return escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  };
  const stack: Container[] = [];
  const keys: (string | undefined)[] = [];
  for (;;) {
    skip();
    // A value.
    let value: unknown;
    let opened = false;
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      skip();
      const empty = text[i] === (c === '{' ? '}' : ']');
      if (empty) {
        i++;
        value = c === '{' ? {} : [];
      } else {
        stack.push(c === '{' ? {} : []);
        if (c === '{') {
          keys.push(readString());
          skip();
          i++; // ':'
        } else keys.push(undefined);
        opened = true;
      }
    } else if (c === '"') value = readString();
    else if (c === 't' || c === 'f' || c === 'n') {
      value = c === 't' ? true : c === 'f' ? false : null;
      i += c === 'f' ? 5 : 4;
    } else {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text)!;
      i += m[0].length;
      value = numberValue(m[0]);
    }
    if (opened) continue;
    // Put the value in its container, closing containers as they end.
    for (;;) {
      if (stack.length === 0) return value;
      const top = stack[stack.length - 1];
      if (Array.isArray(top)) top.push(value);
      else {
        const k = keys[keys.length - 1]!;
        if (k === '__proto__') Object.defineProperty(top, k, { value, enumerable: true, writable: true, configurable: true });
        else top[k] = value;
      }
      skip();
      if (text[i] === ',') {
        i++;
        if (!Array.isArray(top)) {
          skip();
          keys[keys.length - 1] = readString();
          skip();
          i++; // ':'
        }
        break;
      }
      i++; // '}' or ']'
      value = stack.pop();
      keys.pop();
    }
  }
}

type Replacer = (this: unknown, key: string, value: unknown) => unknown;

/**
 * JSON.stringify that writes a bigint as its digits (JSON.stringify throws on one). Values without
 * a bigint are JSON.stringify's alone; the others are written by a walk with the same rules
 * (toJSON, the replacer, undefined and functions dropped from objects and null in arrays, `space`).
 */
export function stringifyJson(value: unknown, replacer?: Replacer | null, space?: number | string): string {
  try {
    return JSON.stringify(value, replacer ?? undefined, space);
  } catch (e) {
    if (!(e instanceof TypeError) || !/BigInt/i.test(e.message)) throw e;
  }
  const indent = typeof space === 'number' ? ' '.repeat(Math.min(10, Math.max(0, Math.floor(space)))) : typeof space === 'string' ? space.slice(0, 10) : '';
  const write = (holder: unknown, key: string, v: unknown, prefix: string): string | undefined => {
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON(k: string): unknown }).toJSON(key);
    if (replacer) v = replacer.call(holder, key, v);
    if (v === null) return 'null';
    switch (typeof v) {
      case 'bigint':
        return v.toString();
      case 'number':
        return Number.isFinite(v) ? String(v) : 'null';
      case 'string':
        return JSON.stringify(v);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'object':
        break;
      default:
        return undefined;
    }
    if (v instanceof Number || v instanceof String || v instanceof Boolean) return JSON.stringify(v);
    const inner = prefix + indent;
    const open = indent ? `\n${inner}` : '';
    const close = indent ? `\n${prefix}` : '';
    const sep = indent ? `,\n${inner}` : ',';
    const parts: string[] = [];
    if (Array.isArray(v)) {
      for (let j = 0; j < v.length; j++) parts.push(write(v, String(j), v[j], inner) ?? 'null');
      return parts.length ? `[${open}${parts.join(sep)}${close}]` : '[]';
    }
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const s = write(o, k, o[k], inner);
      if (s !== undefined) parts.push(`${JSON.stringify(k)}:${indent ? ' ' : ''}${s}`);
    }
    return parts.length ? `{${open}${parts.join(sep)}${close}}` : '{}';
  };
  return write({ '': value }, '', value, '') as string;
}

/**
 * In place, what kubectl's decoding of a manifest into an unstructured object does to integers past
 * int64 (UnstructuredJSONScheme reads a json.Number as Int64, else as Float64): each becomes the
 * nearest double, which kubectl then sends as Go writes a float64 (9223372036854775808 is sent as
 * 9223372036854776000). Integers within int64 are untouched. Iterative; returns `v`.
 */
export function asUnstructured<T>(v: T): T {
  const stack: unknown[] = [v];
  while (stack.length) {
    const x = stack.pop();
    if (x === null || typeof x !== 'object') continue;
    const o = x as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const y = o[k];
      if (typeof y === 'bigint') {
        if (y < INT64_MIN || y > INT64_MAX) o[k] = Number(y);
      } else if (y !== null && typeof y === 'object') stack.push(y);
    }
  }
  return v;
}
