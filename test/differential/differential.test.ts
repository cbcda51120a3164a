// The differential test: every command line of the corpus through the emulation and through the
// real kubectl against `kubespec serve`, on twin clusters. A command that is not a known difference
// (known-differences.txt, the kubectl emulation issue's work list) must print the same; a known
// difference that has become identical must be struck from the list, so the list stays true.
import * as fs from 'fs';
import * as path from 'path';
import { CORPUS, corpusSize } from './corpus';
import { normalise, runScenario, type Row } from './harness';

jest.setTimeout(300_000);

const KNOWN_FILE = path.join(__dirname, 'known-differences.txt');

/**
 * The list: `id` is a known difference; `~ id` may go either way, because what it prints depends on
 * the wall clock on serve's side (which of several equally ranked pods a scale-down picks: the
 * ranking compares timestamps, which the emulation's simulated clock makes equal).
 */
function known(): { differs: Set<string>; either: Set<string> } {
  const differs = new Set<string>();
  const either = new Set<string>();
  for (const raw of fs.readFileSync(KNOWN_FILE, 'utf8').split('\n')) {
    // A comment starts at two spaces and a '#' (ids have one space before theirs: `namespaces #3`).
    const l = raw.replace(/\s{2,}#.*$/, '').trim();
    if (!l || l.startsWith('#')) continue;
    if (l.startsWith('~ ')) either.add(l.slice(2).trim());
    else differs.add(l);
  }
  return { differs, either };
}

function show(r: Row): string {
  const side = (name: string, o: Row['real']) => `[${name}] exit ${o.code}\n${normalise(o.stdout)}${normalise(o.stderr)}`;
  return `${r.id}: ${r.command}\n${side('emulation', r.emulation)}\n${side('real kubectl', r.real)}`;
}

test('the corpus has at least 150 command lines', () => {
  expect(corpusSize()).toBeGreaterThanOrEqual(150);
});

describe.each(CORPUS.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
  test('prints what the real kubectl prints against kubespec serve, but for the known differences', async () => {
    const rows = await runScenario(scenario);
    expect(rows).toHaveLength(scenario.commands.length);
    const { differs, either } = known();
    const regressions = rows.filter((r) => !r.identical && !differs.has(r.id) && !either.has(r.id)).map(show);
    const fixed = rows.filter((r) => r.identical && differs.has(r.id)).map((r) => `${r.id} is identical now: strike it from known-differences.txt`);
    expect([...regressions, ...fixed]).toEqual([]);
  });
});
