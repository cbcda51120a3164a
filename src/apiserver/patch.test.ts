// JSON patch (RFC 6902) as the apiserver applies it: with gopkg.in/evanphx/json-patch.v4, a path
// that does not exist is an error (422, "the server rejected our request..."), never a silent no-op.
import fc from 'fast-check';
import { JsonPatchError, jsonPatch } from './patch';

const doc = () => ({ spec: { replicas: 2, list: ['a', 'b'], nested: { x: 1 } } });

function why(ops: unknown): string {
  try {
    jsonPatch(doc(), ops);
  } catch (e) {
    if (e instanceof JsonPatchError) {
      expect(e).toMatchObject({ code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request' });
      return e.why;
    }
    throw e;
  }
  throw new Error('the patch applied');
}

test('operations that apply', () => {
  expect(
    jsonPatch(doc(), [
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/spec/list/-', value: 'c' },
      { op: 'add', path: '/spec/list/0', value: 'z' },
      { op: 'remove', path: '/spec/nested/x' },
      { op: 'copy', from: '/spec/replicas', path: '/spec/copy' },
      { op: 'move', from: '/spec/copy', path: '/spec/moved' },
      { op: 'test', path: '/spec/moved', value: 3 },
    ]),
  ).toEqual({ spec: { replicas: 3, list: ['z', 'a', 'b', 'c'], nested: {}, moved: 3 } });
});

test('replace of a missing key adds it, as json-patch v4 does (v5 would refuse)', () => {
  expect(jsonPatch(doc(), [{ op: 'replace', path: '/spec/new', value: 1 }])).toMatchObject({ spec: { new: 1 } });
});

test('paths that do not exist are errors with the library’s messages', () => {
  expect(why([{ op: 'remove', path: '/spec/nope' }])).toBe("error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value");
  expect(why([{ op: 'replace', path: '/nope/deeper', value: 1 }])).toBe('replace operation does not apply: doc is missing path: /nope/deeper: missing value');
  expect(why([{ op: 'add', path: '/nope/deeper', value: 1 }])).toBe('add operation does not apply: doc is missing path: "/nope/deeper": missing value');
  expect(why([{ op: 'remove', path: '/spec/list/5' }])).toBe('Unable to access invalid index: 5: invalid index referenced');
  expect(why([{ op: 'test', path: '/spec/replicas', value: 9 }])).toBe('testing value /spec/replicas failed: test failed');
  expect(why([{ op: 'move', from: '/spec/nope', path: '/spec/x' }])).toBe('move operation does not apply: doc is missing from path: /spec/nope: missing value');
});

test('one operation that does not apply fails the whole patch', () => {
  // The API server patches a deep copy (applyPatch), so throwing is enough to leave the stored object as it was.
  fc.assert(
    fc.property(fc.array(fc.constantFrom('/spec/replicas', '/nope/deeper', '/spec/list/0', '/spec/list/9'), { minLength: 1, maxLength: 5 }), (paths) => {
      const ops = paths.map((path) => ({ op: 'replace', path, value: 7 }));
      const valid = paths.every((p) => p === '/spec/replicas' || p === '/spec/list/0');
      if (valid) expect(() => jsonPatch(doc(), ops)).not.toThrow();
      else expect(() => jsonPatch(doc(), ops)).toThrow(JsonPatchError);
    }),
  );
});
