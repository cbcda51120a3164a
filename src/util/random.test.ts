import fc from 'fast-check';
import { Random } from './random';

// uuid() must draw exactly as the template-string version it replaced did: uids are part of every
// stored object and of the suite's output, so same seed => same uids, and the streams after them.
function referenceUuid(r: Random): string {
  const hex = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += r.int(16).toString(16);
    return s;
  };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[r.int(4)]}${hex(3)}-${hex(12)}`;
}

describe('Random.uuid', () => {
  it('is a version-4-shaped UUID', () => {
    expect(new Random(1).uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('draws the same digits in the same order as the reference', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 20 }), (seed, n) => {
        const a = new Random(seed);
        const b = new Random(seed);
        for (let i = 0; i < n; i++) if (a.uuid() !== referenceUuid(b)) return false;
        return a.next() === b.next();
      }),
    );
  });
});
