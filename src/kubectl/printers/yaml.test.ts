import * as fs from 'fs';
import * as path from 'path';
import { toYaml, yamlKeyLess, resolvesToNonString } from './yaml';
import { toJson } from './json';

// Pairs of (object, the YAML kubectl v1.32 printed for it), captured with
// `kubectl create ... --dry-run=client -o json` and `-o yaml`.
const fixtures = JSON.parse(fs.readFileSync(path.join(__dirname, '__fixtures__', 'kubectl-yaml.json'), 'utf8')) as {
  cases: { command: string; input: unknown; yaml: string }[];
};

describe('toYaml matches kubectl -o yaml byte for byte', () => {
  it.each(fixtures.cases.map((c) => [c.command, c] as const))('%s', (_name, c) => {
    expect(toYaml(c.input)).toBe(c.yaml);
  });

  it('prints empty collections in flow style and nested sequences inline', () => {
    expect(toYaml({ a: [], b: {}, c: [[1, 2], []], d: null })).toBe('a: []\nb: {}\nc:\n- - 1\n  - 2\n- []\nd: null\n');
  });
});

describe('yaml.v2 key order', () => {
  it('compares digit runs as numbers and puts non-letters before letters', () => {
    const keys = ['b', 'a10', 'a9', 'a.b', 'a-b', 'A', 'a'];
    expect([...keys].sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0))).toEqual(['A', 'a', 'a-b', 'a.b', 'a9', 'a10', 'b']);
  });
});

describe('yaml.v2 resolve', () => {
  it.each(['yes', 'No', 'on', '~', '', '12', '-3', '0x1F', '0o17', '1.5', '.5', '1e3', '2024-01-01', '2024-1-2T3:04:05Z', '1_000'])('%j would not read back as a string', (s) => {
    expect(resolvesToNonString(s)).toBe(true);
  });
  it.each(['nginx', 'nginx:1.14.2', '1.2.3', 'v1', '-', '2024-13-01', 'true-ish'])('%j reads back as a string', (s) => {
    expect(resolvesToNonString(s)).toBe(false);
  });
});

describe('toJson', () => {
  it('sorts keys, indents by 4 and escapes <, >, & as Go does', () => {
    expect(toJson({ b: '<none> & more', a: [1, { z: 1, y: 2 }], c: {} })).toBe(
      '{\n    "a": [\n        1,\n        {\n            "y": 2,\n            "z": 1\n        }\n    ],\n    "b": "\\u003cnone\\u003e \\u0026 more",\n    "c": {}\n}\n',
    );
  });
});
