// Deep nesting in untrusted YAML: a fixed limit (maxDepth, 64), checked before anything recurses,
// reported at the first node past it in document order, the same on every run. Before, 5,000 `[`
// (10 KB) overflowed the stack of the yaml package's composer: an error whose position varied with
// the stack left, or a fatal abort of the whole process.
import { parseYaml, YamlError } from './yaml';

function failure(text: string, limits = {}): string {
  try {
    parseYaml(text, 'deep.yaml', limits);
  } catch (e) {
    expect(e).toBeInstanceOf(YamlError);
    return String(e);
  }
  return 'parsed';
}

const flow = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('nesting past maxDepth', () => {
  test('5,000 and 500,000 flow sequences: refused at the 65th, at once, every time', () => {
    for (const n of [100, 5_000, 500_000]) {
      expect(failure(flow(n))).toBe('deep.yaml:1:65: YAML is nested deeper than 64 levels');
      expect(failure(flow(n))).toBe('deep.yaml:1:65: YAML is nested deeper than 64 levels');
    }
  });

  test('exactly 64 levels load, 65 do not', () => {
    expect(failure(flow(64))).toBe('parsed');
    expect(failure(flow(65))).toBe('deep.yaml:1:65: YAML is nested deeper than 64 levels');
    expect(failure('a: ' + flow(63))).toBe('parsed');
    expect(failure('a: ' + flow(64))).toBe('deep.yaml:1:67: YAML is nested deeper than 64 levels');
  });

  test('block maps, block sequences and flow maps count alike', () => {
    const block = Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' end\n';
    // The key k63 of the 64th map is the first node at depth 65 (keys are nodes, at their value's depth).
    expect(failure(block)).toBe('deep.yaml:64:64: YAML is nested deeper than 64 levels');
    const seq = Array.from({ length: 70 }, (_, i) => `${'  '.repeat(i)}-`).join('\n') + ' x\n';
    expect(failure(seq)).toBe('deep.yaml:65:129: YAML is nested deeper than 64 levels');
    expect(failure('{a: '.repeat(100_000) + '}'.repeat(100_000))).toBe('deep.yaml:1:254: YAML is nested deeper than 64 levels');
  });

  test('the first node past the limit in document order, even when a deeper one follows', () => {
    const text = `a: ${flow(65)}\nb: ${flow(200_000)}\n`;
    expect(failure(text)).toBe('deep.yaml:1:67: YAML is nested deeper than 64 levels');
    const later = `a: ${flow(10)}\nb: ${flow(200_000)}\n`;
    expect(failure(later)).toBe('deep.yaml:2:67: YAML is nested deeper than 64 levels');
  });

  test('a complex key is refused where it starts, before its nesting is walked (go-yaml: invalid map key)', () => {
    expect(failure(`? ${flow(100)}\n: v\n`)).toBe("deep.yaml:1:3: invalid map key: a list cannot be a key; a manifest's keys are strings");
  });

  test('aliases: the depth counted is the depth once expanded', () => {
    const text = `a: &x ${flow(40)}\nb: ${'['.repeat(30)}*x${']'.repeat(30)}\n`;
    expect(failure(text)).toBe('deep.yaml:2:34: YAML is nested deeper than 64 levels');
    const ok = `a: &x ${flow(30)}\nb: ${'['.repeat(30)}*x${']'.repeat(30)}\n`;
    expect(failure(ok)).toBe('parsed');
  });

  test('in a later document, after the earlier ones were checked', () => {
    expect(failure(`a: 1\n---\nb: ${flow(1000)}\n`)).toBe('deep.yaml:3:67: YAML is nested deeper than 64 levels');
    expect(failure(`a: b: c\n---\nb: ${flow(1000)}\n`)).toMatch(/^deep\.yaml:1:\d+: Nested mappings are not allowed/);
  });

  test('a smaller limit is honoured the same way', () => {
    expect(failure(flow(10), { maxDepth: 4 })).toBe('deep.yaml:1:5: YAML is nested deeper than 4 levels');
  });
});

describe('numbers JSON cannot hold', () => {
  test('.inf, -.inf, .nan and a float past float64 are refused at their node, not turned into null', () => {
    expect(failure('a: .inf\n')).toBe('deep.yaml:1:4: the YAML value .inf is not a number JSON can hold (infinite or not a number)');
    expect(failure('a: [1, -.inf]\n')).toBe('deep.yaml:1:8: the YAML value -.inf is not a number JSON can hold (infinite or not a number)');
    expect(failure('a: !!float .nan\n')).toMatch(/^deep\.yaml:1:12: the YAML value \.nan is not a number JSON can hold/);
    // Read as a spec (YAML 1.2), 1e309 is an infinite float; read as kubectl reads a manifest (go-yaml
    // v2's resolve: ParseFloat's ErrRange leaves the text a string), it is the string "1e309".
    expect(failure('a: 1e309\n', { reading: 'spec' })).toBe('deep.yaml:1:4: the YAML value 1e309 is not a number JSON can hold (infinite or not a number)');
    expect(parseYaml('a: 1e309\n', 'deep.yaml')[0].value).toEqual({ a: '1e309' });
    expect(failure('a: 1e308\nb: 9223372036854775807\n')).toBe('parsed');
  });

  test('any other tag whose value is not JSON (!!merge is a Symbol) is refused at its node', () => {
    expect(failure('value: {a: !!merge a}\n')).toBe("deep.yaml:1:20: the YAML tag !!merge makes a value JSON cannot hold: a manifest's values are strings, numbers, booleans, null, lists and maps");
  });
});
