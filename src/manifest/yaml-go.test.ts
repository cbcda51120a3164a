// Manifests read as kubectl reads them: YAML 1.1 through sigs.k8s.io/yaml's goyaml.v2 fork, whose
// resolve.go decides what a plain scalar is (resolveMap, the first-character hint, ParseInt /
// ParseUint base 0 with underscores removed, yamlStyleFloat). Spec files keep YAML 1.2's core
// schema. test/serve/data-fidelity.test.ts checks the same manifests against the real kubectl.
import { goYamlResolve, parseYaml, YamlError } from './yaml';

describe("resolve.go's table: every spelling of a boolean and a null", () => {
  test.each(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'])('%s is true', (s) => expect(goYamlResolve(s)).toBe(true));
  test.each(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'])('%s is false', (s) => expect(goYamlResolve(s)).toBe(false));
  test.each(['', '~', 'null', 'Null', 'NULL'])('%j is null', (s) => expect(goYamlResolve(s)).toBeNull());
  test.each(['yEs', 'oN', 'NUll', 'True!', 'nginx', 'on-call', 'tRUE'])('%s stays a string', (s) => expect(goYamlResolve(s)).toBe(s));
  test('.inf, -.inf and .nan are floats (refused later: JSON cannot hold them)', () => {
    expect(goYamlResolve('.inf')).toBe(Infinity);
    expect(goYamlResolve('-.Inf')).toBe(-Infinity);
    expect(goYamlResolve('+.INF')).toBe(Infinity);
    expect(goYamlResolve('.NaN')).toBeNaN();
  });
});

describe('numbers: ParseInt(·, 0, 64), ParseUint, then a float in YAML style', () => {
  test.each([
    ['0644', 420],
    ['0o17', 15],
    ['0x1F', 31],
    ['0X1f', 31],
    ['-0x1F', -31],
    ['+0x1F', 31],
    ['0b101', 5],
    ['-0b101', -5],
    ['1_000', 1000],
    ['1__0', 10],
    ['12_', 12],
    ['-1_0', -10],
    ['0', 0],
    ['00', 0],
    ['+7', 7],
    ['08', 8],
    ['09.5', 9.5],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1.', 1],
    ['.5', 0.5],
    ['+.5', 0.5],
    ['-.5e1', -5],
    ['1_0.5', 10.5],
    ['-1.5e-3', -0.0015],
  ])('%s is %d', (s, n) => expect(goYamlResolve(s)).toBe(n));
  test.each(['_1', '0x', '0b2', '0o8', '1e400', '-1e400', '1:20', '2001-12-14', '1.5Gi', '0.1.2', '+', '-', '.', '.e3', '.5_5', '1e', 'x1'])('%s stays a string', (s) => {
    expect(goYamlResolve(s)).toBe(s);
  });
});

describe('parseYaml: manifests (the default) against specs', () => {
  const text = 'a: yes\nb: 0644\nc: on\nd: 1_000\ne: "0644"\nf: 0x10\ng: y\n0x10: h\nyes: i\n';
  test('a manifest reads as kubectl reads it; keys resolve, then print as sigs.k8s.io/yaml prints them', () => {
    expect(parseYaml(text, 'm.yaml')[0].value).toEqual({ a: true, b: 420, c: true, d: 1000, e: '0644', f: 16, g: true, 16: 'h', true: 'i' });
  });
  test('a spec reads as YAML 1.2 (core schema), as it always has', () => {
    expect(parseYaml(text, 's.yaml', { reading: 'spec' })[0].value).toEqual({ a: 'yes', b: 644, c: 'on', d: '1_000', e: '0644', f: 16, g: 'y', 16: 'h', yes: 'i' });
  });
  test('quoted and block scalars are strings, whatever they spell', () => {
    expect(parseYaml("a: 'yes'\nb: \"0x1F\"\nc: |\n  on\n", 'm.yaml')[0].value).toEqual({ a: 'yes', b: '0x1F', c: 'on\n' });
  });
  test('an explicit tag must resolve to its kind (an integer may be a float): go-yaml\'s "cannot decode"', () => {
    expect(parseYaml('a: !!int "0644"\nb: !!float 1\nc: !!bool yes\nd: !!str yes\ne: !!null ~\n', 'm.yaml')[0].value).toEqual({ a: 420, b: 1, c: true, d: 'yes', e: null });
    let err: unknown;
    try {
      parseYaml('a: !!int yes\n', 'm.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(YamlError);
    expect(String(err)).toBe('m.yaml:1:10: cannot decode !!bool `yes` as a !!int');
  });
  test('an anchored scalar resolves once, and its aliases share the value', () => {
    expect(parseYaml('a: &x 0644\nb: *x\n', 'm.yaml')[0].value).toEqual({ a: 420, b: 420 });
  });
});

describe('merge keys (<<), which go-yaml v2 merges into their map (decode.go merge)', () => {
  test('a map, an alias of one, or a list of them; explicit keys after the merge win', () => {
    expect(parseYaml('base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  b: 3\nz:\n  <<: [*b, {c: 4}]\n', 'm.yaml')[0].value).toEqual({
      base: { a: 1, b: 2 },
      x: { a: 1, b: 3 },
      z: { a: 1, b: 2, c: 4 },
    });
  });
  test('anything else is failWantMap; a quoted "<<" is an ordinary key; specs do not merge', () => {
    expect(() => parseYaml('x:\n  <<: 1\n', 'm.yaml')).toThrow('map merge requires map or sequence of maps as the value');
    expect(parseYaml('x:\n  "<<": {a: 1}\n', 'm.yaml')[0].value).toEqual({ x: { '<<': { a: 1 } } });
    expect(parseYaml('b: &b {a: 1}\nx:\n  <<: *b\n', 's.yaml', { reading: 'spec' })[0].value).toEqual({ b: { a: 1 }, x: { '<<': { a: 1 } } });
  });
  test('the merged values are resolved as YAML 1.1 too', () => {
    expect(parseYaml('x: {<<: {a: yes, b: 0644}}\n', 'm.yaml')[0].value).toEqual({ x: { a: true, b: 420 } });
  });
});
