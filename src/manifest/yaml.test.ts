// Safe YAML: the expanded size of a document is bounded, not only the alias count (one large
// anchor referenced 100 times grew a 600 KB file into 1.75 GB), without expanding it to measure.
import { parseYaml, YamlError } from './yaml';

const bomb = (refs: number, size: number) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    a: &a "${'x'.repeat(size)}"\n${Array.from({ length: refs }, (_, i) => `    a${i}: *a`).join('\n')}\n`;

test('one large anchor referenced 99 times is refused with a clear message and position', () => {
  const text = bomb(99, 590_000);
  expect(() => parseYaml(text, 'bomb.yaml')).toThrow(YamlError);
  try {
    parseYaml(text, 'bomb.yaml');
  } catch (e) {
    expect(String(e)).toBe('bomb.yaml:6:5: YAML aliases expand this document past 16777216 nodes and bytes: refusing a possible alias bomb');
  }
});

test('ordinary anchors and aliases still load, and expand as YAML says', () => {
  const [doc] = parseYaml(bomb(3, 10), 'ok.yaml');
  expect((doc.value as any).metadata.annotations).toEqual({ a: 'xxxxxxxxxx', a0: 'xxxxxxxxxx', a1: 'xxxxxxxxxx', a2: 'xxxxxxxxxx' });
});

test('the bound counts what the aliases expand to, so a small limit shows it', () => {
  expect(() => parseYaml(bomb(3, 100), 'x.yaml', { maxExpandedSize: 300 })).toThrow(/expand this document past 300 nodes and bytes/);
  expect(() => parseYaml(bomb(1, 100), 'x.yaml', { maxExpandedSize: 300 })).not.toThrow();
});

test('tags that make non-JSON values (!!set, !!omap, !!binary, !!timestamp) are errors at their value', () => {
  const cases: [string, string][] = [
    ['metadata:\n  labels: !!set {a, b}\n', 'x.yaml:2:17: the YAML tag !!set makes a value JSON cannot hold: a manifest\'s values are strings, numbers, booleans, null, lists and maps'],
    ['a: !!omap [{x: 1}]\n', 'x.yaml:1:11: the YAML tag !!omap makes'],
    ['a: !!binary aGVsbG8=\n', 'x.yaml:1:13: the YAML tag !!binary makes'],
    ['a: !!timestamp 2001-12-14\n', 'x.yaml:1:16: the YAML tag !!timestamp makes'],
  ];
  for (const [text, message] of cases) {
    let err = '';
    try {
      parseYaml(text, 'x.yaml');
    } catch (e) {
      err = String(e);
    }
    expect(err.startsWith(message)).toBe(true);
  }
  // Tags with JSON values stay fine.
  expect(parseYaml('a: !!str 1\nb: !!int "2"\n', 'x.yaml')[0].value).toEqual({ a: '1', b: 2 });
});

test('a list or map as a key is an error at the key, without the yaml package’s process warning', async () => {
  // go-yaml v2 (what kubectl reads manifests with) fails such a key: "invalid map key" (decode.go).
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  try {
    const cases: [string, string][] = [
      ['data:\n  ? [x]\n  : y\n', 'x.yaml:2:5: invalid map key: a list cannot be a key'],
      ['data: {{a: 1}: y}\n', 'x.yaml:1:8: invalid map key: a map cannot be a key'],
      ['l: &l [x]\ndata:\n  *l : y\n', 'x.yaml:3:3: invalid map key: a list cannot be a key'],
    ];
    for (const [text, message] of cases) {
      let err = '';
      try {
        parseYaml(text, 'x.yaml');
      } catch (e) {
        err = String(e);
      }
      expect(err).toContain(message);
    }
    // an alias of a scalar stays a fine key (and y is YAML 1.1's true, as go-yaml v2 reads a manifest)
    expect(parseYaml('k: &k name\ndata:\n  *k : y\n', 'x.yaml')[0].value).toEqual({ k: 'name', data: { name: true } });
    // process warnings are emitted on the next tick
    await new Promise((r) => setImmediate(r));
  } finally {
    process.off('warning', onWarning);
  }
  expect(warnings).toEqual([]);
});
