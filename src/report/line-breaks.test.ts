// Every reporter over student text holding the characters a terminal or a CI log reads as control:
// raw ESC, the C1 controls NEL (U+0085, a line break to .NET, GitHub's runner) and CSI (U+009B, an
// 8-bit escape sequence), and the Unicode line and paragraph separators (U+2028/U+2029). None
// reaches the output raw; JSON and XML carry them as escapes, so parsers get the text back.
import { renderGithub } from './github';
import { GradescopeReporter } from './gradescope';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { PrettyReporter } from './pretty';
import { renderTap } from './tap';
import { parseTap } from './testing/tap-check';
import { CWD, sampleResult } from './testing/sample-result';
import type { RunResult } from '../runner/result';

const HOSTILE = 'x\u001b[2Jy\u0085::error::nel\u009b31mz\u2028::warning::ls\u2029##[add-mask]ps';
// eslint-disable-next-line no-control-regex
const RAW = /[\u001b\u0085\u009b\u2028\u2029]/;

/** The sample run with the hostile text appended to every string a student or a spec can set. */
function hostileResult(): RunResult {
  const keep = new Set(['status', 'kind', 'file']);
  const walk = (v: unknown, key = ''): unknown => {
    if (typeof v === 'string') return keep.has(key) ? v : `${v}${HOSTILE}`;
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(sampleResult()) as RunResult;
}

function pretty(result: RunResult): string {
  let out = '';
  new PrettyReporter({ write: (t) => void (out += t), close: () => undefined }, CWD, false).onRunComplete(result);
  return out;
}

const result = hostileResult();

test.each([
  ['pretty', () => pretty(result)],
  ['tap', () => renderTap(result, CWD)],
  ['junit', () => renderJunit(result, CWD)],
  ['json', () => renderJson(result, CWD)],
  ['gradescope', () => { let out = ''; new GradescopeReporter({ write: (t) => void (out += t), close: () => undefined }, CWD).onRunComplete(result); return out; }],
  ['github', () => renderGithub(result, CWD)],
])('%s: no raw ESC, NEL, CSI, LS or PS in the output', (_name, render) => {
  const text = render();
  expect(text).toContain('\\u0085');
  expect(text).not.toMatch(RAW);
});

test('json: the escapes are JSON escapes, so the document still reads back the student text', () => {
  const doc = JSON.parse(renderJson(result, CWD));
  expect(doc.specs[1].steps[1].failures[0].message).toBe(`expected 3 Pods with app=nginx, found 2${HOSTILE}`);
});

test('tap: still one TAP document, its descriptions on one line', () => {
  const doc = parseTap(renderTap(result, CWD));
  expect(doc.plan).toBe(4);
  expect(doc.points[1].subtest!.points[1].description).toContain('set the image');
});
