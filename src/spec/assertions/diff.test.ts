// textDiff: the unified diffs failures show. Each side's lines can be read back from the diff, and
// texts that differ throughout cost linear time: each side is compared up to MAX_DIFF_INPUT_LINES
// and the minimal-diff search gives up past an edit distance, showing the sides whole instead.
import fc from 'fast-check';
import { MAX_DIFF_INPUT_LINES, MAX_DIFF_LINES, textDiff } from './diff';

/** The two sides read back from a diff's body: ` ` lines are both, `-` the first, `+` the second. */
function sides(diff: string): [string[], string[]] {
  const body = diff.split('\n').slice(3);
  const old: string[] = [];
  const now: string[] = [];
  for (const l of body) {
    if (l.startsWith(' ') || l.startsWith('-')) old.push(l.slice(1));
    if (l.startsWith(' ') || l.startsWith('+')) now.push(l.slice(1));
  }
  return [old, now];
}

const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => `${f(i)}\n`).join('');

test('equal texts have no diff; a changed line shows as removed then added, inside its context', () => {
  expect(textDiff('a\nb\n', 'a\nb\n')).toBe('');
  expect(textDiff('a\nb\nc\n', 'a\nB\nc\n')).toBe(['--- expected', '+++ actual', '@@ -1,3 +1,3 @@', ' a', '-b', '+B', ' c'].join('\n'));
});

test('property: both sides can be read back from the diff', () => {
  const text = fc.array(fc.constantFrom('a', 'b', 'c', 'replicas: 3', ''), { maxLength: 40 }).map((ls) => ls.map((l) => `${l}\n`).join(''));
  fc.assert(
    fc.property(text, text, (e, a) => {
      const d = textDiff(e, a);
      if (e === a) return d === '';
      const [old, now] = sides(d);
      return old.join('\n') === e.slice(0, -1) && now.join('\n') === a.slice(0, -1);
    }),
  );
});

test('two long texts that differ throughout: the first lines of each, removed then added, and what was not compared', () => {
  // 20,000 lines a side took 110 s with an unbounded search.
  const e = lines(20_000, (i) => `- x${i}`);
  const a = lines(20_000, (i) => `- y${i}`);
  const d = textDiff(e, a).split('\n');
  expect(d.slice(0, 5)).toEqual(['--- expected', '+++ actual', `@@ -1,${MAX_DIFF_INPUT_LINES} +1,${MAX_DIFF_INPUT_LINES} @@`, '-- x0', '-- x1']);
  expect(d).toHaveLength(MAX_DIFF_LINES + 1);
  expect(d[MAX_DIFF_LINES]).toBe(`... ${3 + 2 * MAX_DIFF_INPUT_LINES + 1 - MAX_DIFF_LINES} more lines`);
});

test('a long text alike up to a late difference is compared from just before it, its line numbers kept', () => {
  const same = lines(10_000, (i) => `line ${i}`);
  const d = textDiff(`${same}tail\n`, `${same}tail!\nmore\n`);
  expect(d.split('\n')).toEqual(['--- expected', '+++ actual', '@@ -9998,4 +9998,5 @@', ' line 9997', ' line 9998', ' line 9999', '-tail', '+tail!', '+more']);
});

test('past the compared lines, the rest of each side is not compared, and the shown diff is cut as always', () => {
  // a0..a4009 against a1..a4025: -a0, 3,999 lines alike, +a4000 in the windows; 10 and 25 lines uncompared
  const d = textDiff(lines(MAX_DIFF_INPUT_LINES + 10, (i) => `a${i}`), lines(MAX_DIFF_INPUT_LINES + 25, (i) => `a${i + 1}`)).split('\n');
  expect(d.slice(2, 5)).toEqual([`@@ -1,${MAX_DIFF_INPUT_LINES} +1,${MAX_DIFF_INPUT_LINES} @@`, '-a0', ' a1']);
  expect(d.at(-1)).toBe(`... ${3 + MAX_DIFF_INPUT_LINES + 1 + 1 - MAX_DIFF_LINES} more lines`);
  // alike up to the end of the shorter: only the added line and its lead
  const short = textDiff(lines(MAX_DIFF_INPUT_LINES + 10, () => 'x'), `${lines(MAX_DIFF_INPUT_LINES + 10, () => 'x')}y\n`);
  expect(short.split('\n').slice(2)).toEqual([`@@ -${MAX_DIFF_INPUT_LINES + 8},3 +${MAX_DIFF_INPUT_LINES + 8},4 @@`, ' x', ' x', ' x', '+y']);
});
