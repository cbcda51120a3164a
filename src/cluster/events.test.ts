import fc from 'fast-check';
import { hex16 } from './events';

// Event names end in 16 hex digits of (clock ms × 1000 + sequence); hex16 must render exactly what
// Number#toString(16) padded / cut to 16 digits does, for every value the recorder can meet.
const reference = (v: number): string => v.toString(16).padStart(16, '0').slice(-16);

describe('hex16', () => {
  it('matches toString(16) on the boundaries of its two halves', () => {
    for (const v of [0, 1, 15, 16, 0xfffffff, 0x10000000, 0x10000001, 2 ** 31, 2 ** 32, 2 ** 52, Number.MAX_SAFE_INTEGER, 1764143476000000 + 7]) {
      expect(hex16(v)).toBe(reference(v));
    }
    expect(hex16(0x10000000)).toBe('0000000010000000');
  });

  it('matches toString(16) for any safe integer, and falls back for anything else', () => {
    fc.assert(fc.property(fc.maxSafeNat(), (v) => hex16(v) === reference(v)));
    fc.assert(fc.property(fc.double({ min: 0, max: 1e16, noNaN: true }), (v) => hex16(v) === reference(v)));
  });
});
