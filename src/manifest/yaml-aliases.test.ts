// The expanded-size check resolves aliases in the same pass that weighs the document: looking each
// alias up with the yaml package's Alias.resolve(doc) walked the whole document once per alias,
// 100 walks of a 1 MiB file (seconds) before the alias count could even apply.
import * as path from 'path';
import { parseYaml } from './yaml';

// The module Alias.resolve calls `visit` through (the package's exports hide it; a path does not).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const visitModule = require(path.join(path.dirname(require.resolve('yaml/package.json')), 'dist', 'visit.js')) as { visit: (...args: unknown[]) => unknown };

test('a document with 99 aliases is walked a bounded number of times, not once per alias', () => {
  const items = Array.from({ length: 2_000 }, (_, i) => `s${i}`).join(', ');
  const text = `a: &a [${items}]\n` + Array.from({ length: 99 }, (_, i) => `b${i}: *a`).join('\n') + '\n';
  const spy = jest.spyOn(visitModule, 'visit');
  try {
    const [doc] = parseYaml(text, 'aliases.yaml');
    expect((doc.value as Record<string, string[]>).b98).toHaveLength(2_000);
    // One walk: toJS's own alias lookup, which it caches for the document.
    expect(spy.mock.calls.length).toBeLessThanOrEqual(1);
  } finally {
    spy.mockRestore();
  }
});
