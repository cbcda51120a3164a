import fc from 'fast-check';
import { formatTime, parseTime } from './clock';

// parseTime remembers recent results: it must still answer exactly as Date.parse (0 for nothing or
// for what does not parse), whatever it met before.
describe('parseTime', () => {
  it('reads what formatTime writes, and 0 for what does not parse', () => {
    expect(parseTime('2024-01-01T00:00:05Z')).toBe(Date.UTC(2024, 0, 1, 0, 0, 5));
    expect(parseTime(undefined)).toBe(0);
    expect(parseTime('')).toBe(0);
    expect(parseTime('not a time')).toBe(0);
    expect(parseTime('not a time')).toBe(0);
  });

  it('agrees with Date.parse across more instants than it remembers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4e12 }), { minLength: 1, maxLength: 600 }), (secs) => {
        for (const s of [...secs, ...secs]) {
          const ts = formatTime(s * 1000);
          if (parseTime(ts) !== Date.parse(ts)) return false;
        }
        return true;
      }),
      { numRuns: 20 },
    );
  });
});

describe('formatTime over the whole int64 range', () => {
  // terminationGracePeriodSeconds: 9223372036854775807 is a valid int64; its deletionTimestamp made
  // a later delete an internal error (`Invalid time value`).
  test('instants past RFC 3339 years clamp to 9999-12-31T23:59:59Z / 0000-01-01T00:00:00Z', () => {
    expect(formatTime(Number(2n ** 63n - 1n) * 1000)).toBe('9999-12-31T23:59:59Z');
    expect(formatTime(Number.MAX_VALUE)).toBe('9999-12-31T23:59:59Z');
    expect(formatTime(Infinity)).toBe('9999-12-31T23:59:59Z');
    expect(formatTime(Number(-(2n ** 63n)) * 1000)).toBe('0000-01-01T00:00:00Z');
    expect(formatTime(NaN)).toBe('1970-01-01T00:00:00Z');
    expect(formatTime(Date.UTC(2024, 0, 1))).toBe('2024-01-01T00:00:00Z');
  });
});
