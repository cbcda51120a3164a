// parseYaml keeps the documents of texts it parsed lately: a text read again gives what a fresh
// parse gives (values, shared aliases, int64 digits, positions), as a copy its caller may change.
import fc from 'fast-check';
import { parseYaml, YamlError } from './yaml';

test('a text parsed again gives equal documents that are copies', () => {
  const text = 'a: &x { b: [1, 2] }\nc: *x\nbig: 9223372036854775807\n---\nname: second\n';
  const first = parseYaml(text, 'kept.yaml');
  (first[0].value as any).a.b.push(3);
  const again = parseYaml(text, 'kept.yaml');
  expect(again.map((d) => d.value)).toEqual([{ a: { b: [1, 2] }, c: { b: [1, 2] }, big: 9223372036854775807n }, { name: 'second' }]);
  // An alias is the same value as its anchor, as toJS makes it.
  const v = again[0].value as any;
  expect(v.c).toBe(v.a);
  expect(again[1].position).toEqual({ file: 'kept.yaml', line: 5, column: 1 });
  expect(again[0].at(['c'])).toEqual({ file: 'kept.yaml', line: 2, column: 4 });
});

test('another text under the same name, or other options, is parsed anew', () => {
  expect(parseYaml('on: yes\n', 'same.yaml')[0].value).toEqual({ true: true });
  expect(parseYaml('on: yes\n', 'same.yaml', { reading: 'spec' })[0].value).toEqual({ on: 'yes' });
  expect(parseYaml('k: 1\n', 'same.yaml')[0].value).toEqual({ k: 1 });
  expect(() => parseYaml('k: [\n', 'same.yaml')).toThrow(YamlError);
  expect(() => parseYaml('k: [\n', 'same.yaml')).toThrow(YamlError);
});

test('any JSON value reads the same the first time and every time after', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), (obj) => {
      const text = JSON.stringify(obj);
      const fresh = parseYaml(text, `prop-${text.length}.json`).map((d) => d.value);
      const kept = parseYaml(text, `prop-${text.length}.json`).map((d) => d.value);
      expect(kept).toEqual(fresh);
      if (kept.length) expect(kept[0]).not.toBe(fresh[0]);
    }),
    { numRuns: 200 },
  );
});
