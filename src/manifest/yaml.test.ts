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
