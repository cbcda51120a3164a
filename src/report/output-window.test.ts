// A long kubectl output in a failure is cut to the lines around the first place it differs from the
// step's `output:` (issue: "cut to the lines near the miss, with a count of what was left out").
import { textDiff } from '../spec/assertions/diff';
import type { StepResult } from '../runner/result';
import { outputLines } from './text';

function step(output: string, expected?: string): StepResult {
  const diff = expected === undefined ? undefined : textDiff(expected, output);
  return {
    name: 'kubectl get pods',
    status: 'failed',
    durationMs: 1,
    points: 1,
    score: 0,
    output,
    failures: [{ message: 'output differs', kind: 'expect', ...(diff ? { diff, mismatches: [{ object: 'kubectl', fields: [] }] } : {}) }],
  } as StepResult;
}

const lines = Array.from({ length: 100 }, (_, i) => `pod-${String(i).padStart(3, '0')}   1/1   Running   0   5s`);
const actual = `${lines.join('\n')}\n`;

test('the window starts a few lines before the first difference, with what was left out either side', () => {
  const expected = `${lines.map((l, i) => (i === 70 ? l.replace('Running', 'Pending') : l)).join('\n')}\n`;
  const shown = outputLines(step(actual, expected), 30);
  expect(shown[0]).toBe('… 65 lines before');
  expect(shown[1]).toBe(lines[65]);
  expect(shown).toContain(lines[70]);
  expect(shown[30]).toBe(lines[94]);
  expect(shown[31]).toBe('… 5 more lines');
});

test('a difference near the end shows the last lines; near the start, the first', () => {
  const late = `${lines.map((l, i) => (i === 99 ? 'pod-099 gone' : l)).join('\n')}\n`;
  const end = outputLines(step(actual, late), 30);
  expect(end[0]).toBe('… 70 lines before');
  expect(end[end.length - 1]).toBe(lines[99]);
  const early = `${lines.map((l, i) => (i === 2 ? 'x' : l)).join('\n')}\n`;
  const start = outputLines(step(actual, early), 30);
  expect(start[0]).toBe(lines[0]);
  expect(start[30]).toBe('… 70 more lines');
});

test('without an output assertion, the first lines; short outputs whole; --verbose (Infinity) everything', () => {
  expect(outputLines(step(actual), 30)).toEqual([...lines.slice(0, 30), '… 70 more lines']);
  expect(outputLines(step('a\nb\n'), 30)).toEqual(['a', 'b']);
  expect(outputLines(step(actual, 'nothing like it\n'), Infinity)).toEqual(lines);
});
