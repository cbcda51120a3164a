import fc from 'fast-check';
import { selectShard, shardRange } from './shard';

describe('selectShard', () => {
  it('splits like Jest: sizes differ by at most one, the larger shards first', () => {
    const items = Array.from({ length: 10 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    expect([1, 2, 3, 4].map((index) => selectShard(items, { index, count: 4 }))).toEqual([
      ['s00', 's01', 's02'],
      ['s03', 's04', 's05'],
      ['s06', 's07'],
      ['s08', 's09'],
    ]);
    expect(selectShard(['a'], { index: 2, count: 3 })).toEqual([]);
  });

  it('sorts by code units, whatever order or locale the listing came in', () => {
    const listing = ['émile', 'Zoe', 'alice', 'Bob', 'bob'];
    expect(selectShard(listing, undefined)).toEqual(['Bob', 'Zoe', 'alice', 'bob', 'émile']);
    expect(selectShard([...listing].reverse(), { index: 1, count: 2 })).toEqual(selectShard(listing, { index: 1, count: 2 }));
  });

  it('covers every item exactly once across the shards, for any list and shard count', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (items, count) => {
        const shards = Array.from({ length: count }, (_, i) => selectShard(items, { index: i + 1, count }));
        const all = shards.flat();
        expect(all).toEqual(selectShard(items, undefined)); // in order, no gaps, no repeats
        const sizes = shards.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        // deterministic: the same input in another order gives the same shards
        const again = Array.from({ length: count }, (_, i) => selectShard([...items].reverse(), { index: i + 1, count }));
        expect(again).toEqual(shards);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a shard outside 1..count', () => {
    expect(() => shardRange(5, { index: 0, count: 2 })).toThrow(RangeError);
    expect(() => shardRange(5, { index: 3, count: 2 })).toThrow(RangeError);
    expect(() => shardRange(5, { index: 1, count: 0 })).toThrow(RangeError);
  });
});
