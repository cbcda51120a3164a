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
