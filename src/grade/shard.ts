// `--shard INDEX/COUNT`: a deterministic split of a sorted list (spec files for `run`, student
// folders for `grade`) into COUNT contiguous parts whose sizes differ by at most one, so a CI
// matrix of COUNT machines covers every item exactly once. The sizes are Jest's
// (@jest/test-sequencer `_shardPosition`: the first `length % count` shards get one item more);
// the order is plain code-unit order of the keys, the same on every machine and locale.

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Code-unit order (not localeCompare: a CI machine's locale must not change the split). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The half-open range [start, end) of shard `index` (1-based) of `count` over `length` items. */
export function shardRange(length: number, shard: Shard): [number, number] {
  const { index, count } = shard;
  if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 1 || index > count) {
    throw new RangeError(`invalid shard ${index}/${count}`);
  }
  const base = Math.floor(length / count);
  const rest = length % count;
  const start = (index - 1) * base + Math.min(index - 1, rest);
  const end = start + base + (index - 1 < rest ? 1 : 0);
  return [start, end];
}

/** The items of one shard, after sorting them by `key` (default: the item as a string). */
export function selectShard<T>(items: readonly T[], shard: Shard | undefined, key: (item: T) => string = String): T[] {
  const sorted = [...items].sort((a, b) => compareKeys(key(a), key(b)));
  if (!shard) return sorted;
  const [start, end] = shardRange(sorted.length, shard);
  return sorted.slice(start, end);
}
