// Exact JSON (src/util/json.ts): int64 values keep every digit through parse and stringify, and
// everything else reads and writes as JSON.parse and JSON.stringify do.
import fc from 'fast-check';
import { INT64_MAX, INT64_MIN, isInt64, jsonInteger, parseInt64, parseJson, stringifyJson } from './json';

/** A JSON value whose integers are anywhere in int64 (bigints past 2^53, as parseJson gives them). */
const jsonValue = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.bigInt({ min: INT64_MIN, max: INT64_MAX }).map(jsonInteger),
    fc.integer(),
    // An integral double past 2^53 is written with its digits and read back as that exact integer.
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0) && !(Number.isInteger(d) && !Number.isSafeInteger(d) && Math.abs(d) < 1e21)),
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('v'), { maxKeys: 4 }),
  ),
})).v;

describe('parseJson and stringifyJson', () => {
  test('the int64 edges keep every digit (JSON.parse rounds them to 2^63)', () => {
    const text = '{"a":9223372036854775807,"b":-9223372036854775808,"c":3546343826724305833,"d":9007199254740993}';
    const v = parseJson(text) as Record<string, unknown>;
    expect(v).toEqual({ a: 9223372036854775807n, b: -9223372036854775808n, c: 3546343826724305833n, d: 9007199254740993n });
    expect(stringifyJson(v)).toBe(text);
    expect(JSON.stringify(JSON.parse(text))).not.toBe(text);
  });

  test('a safe integer stays a number, floats and strings are untouched, even with long digit runs', () => {
    const v = parseJson('[9007199254740991, 1000000000000000, 1234567890123456.5, 1e300, "12345678901234567890", {"k\\"1234567890123456789": 1}]');
    expect(v).toEqual([9007199254740991, 1000000000000000, 1234567890123456.5, 1e300, '12345678901234567890', { 'k"1234567890123456789': 1 }]);
  });

  test('a __proto__ key stays an own key, as JSON.parse keeps it', () => {
    const v = parseJson('{"__proto__": {"x": 12345678901234567890}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(stringifyJson(v)).toBe('{"__proto__":{"x":12345678901234567890}}');
  });

  test('syntax errors are JSON.parse errors', () => {
    expect(() => parseJson('{"a": 12345678901234567890,}')).toThrow(SyntaxError);
  });

  test('deep nesting costs no stack (the scanner is iterative)', () => {
    const n = 100_000;
    const v = parseJson(`${'['.repeat(n)}12345678901234567890${']'.repeat(n)}`);
    let depth = 0;
    let x: unknown = v;
    while (Array.isArray(x)) {
      x = x[0];
      depth++;
    }
    expect([depth, x]).toEqual([n, 12345678901234567890n]);
  });

  test('stringifyJson with a bigint writes what JSON.stringify writes for the same value with numbers', () => {
    const v = { a: [1, { b: 'x', c: undefined, d: () => 1 }, undefined], e: 2n ** 60n, f: { toJSON: () => 'y' } };
    const same = { ...v, e: 1 };
    for (const space of [undefined, 2, 4, '\t']) {
      expect(stringifyJson(v, null, space)).toBe(JSON.stringify(same, null, space).replace('"e":1', '"e":1152921504606846976').replace('"e": 1', '"e": 1152921504606846976'));
    }
  });

  test('property: any JSON value with int64 integers survives stringify → parse unchanged', () => {
    fc.assert(
      fc.property(jsonValue, fc.constantFrom(undefined, 2), (v, space) => {
        expect(parseJson(stringifyJson(v, null, space))).toEqual(v);
      }),
      { numRuns: 300, seed: 64 },
    );
  });
});

describe('int64 helpers', () => {
  test('strconv.ParseInt(s, 10, 64): exact, with Go\'s errors', () => {
    expect(parseInt64('3546343826724305833')).toEqual({ value: 3546343826724305833n });
    expect(parseInt64('+7')).toEqual({ value: 7n });
    expect(parseInt64('9223372036854775808')).toEqual({ error: 'strconv.ParseInt: parsing "9223372036854775808": value out of range' });
    expect(parseInt64('1.0')).toEqual({ error: 'strconv.ParseInt: parsing "1.0": invalid syntax' });
    expect(parseInt64('')).toEqual({ error: 'strconv.ParseInt: parsing "": invalid syntax' });
  });

  test('isInt64 and jsonInteger', () => {
    expect([isInt64(INT64_MAX), isInt64(INT64_MAX + 1n), isInt64(INT64_MIN), isInt64(INT64_MIN - 1n), isInt64(1.5), isInt64('1')]).toEqual([true, false, true, false, false, false]);
    expect(jsonInteger(5n)).toBe(5);
    expect(jsonInteger(2n ** 53n)).toBe(2n ** 53n);
  });
});
