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
  // Patch.remove wraps the array's error with the path (fmt.Errorf("error in remove for path: '%s': %w")).
  expect(why([{ op: 'remove', path: '/spec/list/5' }])).toBe("error in remove for path: '/spec/list/5': Unable to access invalid index: 5: invalid index referenced");
  expect(why([{ op: 'test', path: '/spec/replicas', value: 9 }])).toBe('testing value /spec/replicas failed: test failed');
  // The from path's parent exists, so upstream gets to con.get (nil, no error for an object) and
  // con.remove, which names the key: "error in move for path: '%s': %w" with key, not path.
  expect(why([{ op: 'move', from: '/spec/nope', path: '/spec/x' }])).toBe("error in move for path: 'nope': Unable to remove nonexistent key: nope: missing value");
  expect(why([{ op: 'move', from: '/nope/deeper', path: '/spec/x' }])).toBe('move operation does not apply: doc is missing from path: /nope/deeper: missing value');
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

// The rest of gopkg.in/evanphx/json-patch.v4 as kubernetes/kubernetes vendors it
// (vendor/gopkg.in/evanphx/json-patch.v4/patch.go), operation by operation.
describe('json-patch v4, case by case', () => {
  const d = () => ({ spec: { replicas: 2, list: ['a', 'b'], nested: { x: 1 }, nothing: null as null, name: 'web' } });
  const apply = (ops: unknown) => jsonPatch(d(), ops) as ReturnType<typeof d> & Record<string, unknown>;
  const whyOf = (ops: unknown): string => {
    try {
      jsonPatch(d(), ops);
    } catch (e) {
      if (e instanceof JsonPatchError) return e.why;
      throw e;
    }
    throw new Error('the patch applied');
  };

  test.each([
    // remove / replace of what is not there
    [[{ op: 'remove', path: '/spec/nope/x' }], 'remove operation does not apply: doc is missing path: "/spec/nope/x": missing value'],
    [[{ op: 'replace', path: '/spec/list/2', value: 'c' }], 'replace operation does not apply: doc is missing key: /spec/list/2: missing value'],
    [[{ op: 'replace', path: '/spec/list/x', value: 'c' }], 'replace operation does not apply: doc is missing key: /spec/list/x: missing value'],
    // indices: strconv.Atoi's errors, out of range on either side, `-` only for add
    [[{ op: 'add', path: '/spec/list/3', value: 'c' }], "error in add for path: '/spec/list/3': Unable to access invalid index: 3: invalid index referenced"],
    [[{ op: 'add', path: '/spec/list/-4', value: 'c' }], "error in add for path: '/spec/list/-4': Unable to access invalid index: -4: invalid index referenced"],
    [[{ op: 'add', path: '/spec/list/x', value: 'c' }], `error in add for path: '/spec/list/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`],
    [[{ op: 'add', path: '/spec/list/99999999999999999999', value: 'c' }], `error in add for path: '/spec/list/99999999999999999999': value was not a proper array index: '99999999999999999999': strconv.Atoi: parsing "99999999999999999999": value out of range`],
    [[{ op: 'remove', path: '/spec/list/-' }], `error in remove for path: '/spec/list/-': strconv.Atoi: parsing "-": invalid syntax`],
    [[{ op: 'remove', path: '/spec/list/-3' }], "error in remove for path: '/spec/list/-3': Unable to access invalid index: -3: invalid index referenced"],
    [[{ op: 'replace', path: '/spec/list/-', value: 'c' }], 'replace operation does not apply: doc is missing key: /spec/list/-: missing value'],
    [[{ op: 'add', path: '/spec/list/-/x', value: 'c' }], 'add operation does not apply: doc is missing path: "/spec/list/-/x": missing value'],
    // through a scalar or null: no container
    [[{ op: 'add', path: '/spec/replicas/x', value: 1 }], 'add operation does not apply: doc is missing path: "/spec/replicas/x": missing value'],
    [[{ op: 'add', path: '/spec/nothing/x', value: 1 }], 'add operation does not apply: doc is missing path: "/spec/nothing/x": missing value'],
    // a missing or malformed path, from or op
    [[{ op: 'add', value: 1 }], 'add operation failed to decode path: missing value'],
    [[{ op: 'remove' }], 'remove operation failed to decode path: missing value'],
    [[{ op: 'replace', value: 1 }], 'replace operation failed to decode path: operation missing path field: missing value'],
    [[{ op: 'replace', path: 7, value: 1 }], 'replace operation failed to decode path: json: cannot unmarshal number into Go value of type string'],
    [[{ op: 'test', value: 1 }], 'test operation failed to decode path: operation missing path field: missing value'],
    [[{ op: 'move', path: '/spec/x' }], 'move operation failed to decode from: operation, missing from field: missing value'],
    [[{ op: 'copy', path: '/spec/x' }], 'copy operation failed to decode from: operation, missing from field: missing value'],
    [[{ op: 'copy', from: '/spec/replicas' }], 'copy operation failed to decode path: missing value'],
    [[{ op: 'move', from: '/spec/replicas' }], 'move operation failed to decode path: operation missing path field: missing value'],
    [[{ path: '/spec/replicas' }], 'Unexpected kind: unknown'],
    [[{ op: 5, path: '/spec/replicas' }], 'Unexpected kind: unknown'],
    [[{ op: 'merge', path: '/spec/replicas' }], 'Unexpected kind: merge'],
    [[null], 'Unexpected kind: unknown'],
    // the whole document: "" names nothing for add and remove
    [[{ op: 'add', path: '', value: {} }], 'add operation does not apply: doc is missing path: "": missing value'],
    [[{ op: 'remove', path: '' }], 'remove operation does not apply: doc is missing path: "": missing value'],
    [[{ op: 'replace', path: '', value: 3 }], 'replace operation value must be object or array: %!w(<nil>)'],
    [[{ op: 'test', path: '', value: {} }], 'testing value  failed: test failed'],
    // test
    [[{ op: 'test', path: '/spec/replicas', value: '2' }], 'testing value /spec/replicas failed: test failed'],
    [[{ op: 'test', path: '/spec/replicas' }], 'testing value /spec/replicas failed: test failed'],
    [[{ op: 'test', path: '/spec/missing', value: 1 }], 'testing value /spec/missing failed: test failed'],
    [[{ op: 'test', path: '/spec/list/5', value: 1 }], "error in test for path: '/spec/list/5': Unable to access invalid index: 5: invalid index referenced"],
    [[{ op: 'test', path: '/nope/x', value: 1 }], 'test operation does not apply: is missing path: /nope/x: missing value'],
    // move and copy
    [[{ op: 'move', from: '/spec/list/7', path: '/spec/x' }], "error in move for path: '7': Unable to access invalid index: 7: invalid index referenced"],
    [[{ op: 'move', from: '/spec/missing', path: '/spec/x' }], "error in move for path: 'missing': Unable to remove nonexistent key: missing: missing value"],
    [[{ op: 'move', from: '/spec/nested', path: '/spec/nested/inner' }], 'move operation does not apply: doc is missing destination path: /spec/nested/inner: missing value'],
    [[{ op: 'move', from: '/spec/name', path: '/spec/list/9' }], "error in move for path: '/spec/list/9': Unable to access invalid index: 9: invalid index referenced"],
    [[{ op: 'copy', from: '/spec/list/9', path: '/spec/x' }], "error in copy for from: '/spec/list/9': Unable to access invalid index: 9: invalid index referenced"],
    [[{ op: 'copy', from: '/nope/x', path: '/spec/x' }], 'copy operation does not apply: doc is missing from path: /nope/x: missing value'],
    [[{ op: 'copy', from: '/spec/name', path: '/nope/x' }], 'copy operation does not apply: doc is missing destination path: /nope/x: missing value'],
    [[{ op: 'copy', from: '/spec/name', path: '/spec/list/9' }], 'error while adding value during copy: Unable to access invalid index: 9: invalid index referenced'],
  ])('%j fails: %s', (ops, want) => {
    expect(whyOf(ops)).toBe(want);
  });

  test('what applies: negative indices, Atoi spellings, `-`, null and absent values, quirky paths', () => {
    expect(apply([{ op: 'remove', path: '/spec/list/-1' }]).spec.list).toEqual(['a']);
    expect(apply([{ op: 'add', path: '/spec/list/-1', value: 'z' }]).spec.list).toEqual(['a', 'b', 'z']);
    expect(apply([{ op: 'add', path: '/spec/list/-3', value: 'z' }]).spec.list).toEqual(['z', 'a', 'b']);
    expect(apply([{ op: 'replace', path: '/spec/list/-2', value: 'z' }]).spec.list).toEqual(['z', 'b']);
    expect(apply([{ op: 'add', path: '/spec/list/+1', value: 'z' }]).spec.list).toEqual(['a', 'z', 'b']);
    expect(apply([{ op: 'replace', path: '/spec/list/001', value: 'z' }]).spec.list).toEqual(['a', 'z']);
    expect(apply([{ op: 'add', path: '/spec/list/2', value: 'c' }]).spec.list).toEqual(['a', 'b', 'c']);
    expect(apply([{ op: 'add', path: '/spec/x' }]).spec).toMatchObject({ x: null });
    expect(apply([{ op: 'replace', path: '/spec/replicas', value: null }]).spec.replicas).toBeNull();
    expect(apply([{ op: 'copy', from: '/spec/missing', path: '/spec/x' }]).spec).toMatchObject({ x: null });
    expect(apply([{ op: 'move', from: '/spec/nothing', path: '/spec/x' }]).spec).toMatchObject({ x: null });
    expect('nothing' in apply([{ op: 'move', from: '/spec/nothing', path: '/spec/x' }]).spec).toBe(false);
    // The first segment is not looked at: "spec/replicas" is the root's "replicas".
    expect(apply([{ op: 'add', path: 'spec/replicas', value: 5 }])).toMatchObject({ replicas: 5, spec: { replicas: 2 } });
    // RFC 6901 escapes
    expect(apply([{ op: 'add', path: '/spec/a~1b~0c', value: 1 }]).spec).toMatchObject({ 'a/b~c': 1 });
    // test: missing or null against absent or null passes
    expect(() => apply([{ op: 'test', path: '/spec/missing' }])).not.toThrow();
    expect(() => apply([{ op: 'test', path: '/spec/nothing', value: null }])).not.toThrow();
    expect(() => apply([{ op: 'test', path: '/spec/nested', value: { x: 1 } }])).not.toThrow();
    expect(() => apply([{ op: 'test', path: '', value: d() }])).not.toThrow();
    // the whole document
    expect(apply([{ op: 'replace', path: '', value: { kind: 'X' } }])).toEqual({ kind: 'X' });
    // no operations
    expect(jsonPatch(d(), null)).toEqual(d());
    expect(jsonPatch(d(), [])).toEqual(d());
  });

  test('__proto__ segments are own keys, never the prototype', () => {
    const out = apply([
      { op: 'add', path: '/spec/__proto__', value: { polluted: true } },
      { op: 'add', path: '/spec/__proto__/deeper', value: 1 },
    ]);
    expect(Object.prototype.hasOwnProperty.call(out.spec, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out.spec)).toBe(Object.prototype);
    expect((out.spec as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(out.spec, '__proto__')!.value).toEqual({ polluted: true, deeper: 1 });
    expect(whyOf([{ op: 'remove', path: '/spec/__proto__' }])).toBe("error in remove for path: '/spec/__proto__': Unable to remove nonexistent key: __proto__: missing value");
    expect(whyOf([{ op: 'add', path: '/spec/__proto__/x', value: 1 }])).toBe('add operation does not apply: doc is missing path: "/spec/__proto__/x": missing value');
  });

  test('DecodePatch: a body that is not a list of objects is a 400 with encoding/json\'s words', () => {
    for (const [body, kind] of [
      [{}, 'object'],
      ['x', 'string'],
      [1, 'number'],
      [true, 'bool'],
    ] as const) {
      expect(() => jsonPatch(d(), body)).toThrow(expect.objectContaining({ code: 400, message: `json: cannot unmarshal ${kind} into Go value of type jsonpatch.Patch` }));
    }
    for (const [op, kind] of [
      [1, 'number'],
      ['add', 'string'],
      [[], 'array'],
      [false, 'bool'],
    ] as const) {
      expect(() => jsonPatch(d(), [op])).toThrow(expect.objectContaining({ code: 400, message: `json: cannot unmarshal ${kind} into Go value of type jsonpatch.Operation` }));
    }
  });

  test('copies may grow the document by 3 MiB at most (JSONPatchMaxCopyBytes as AccumulatedCopySizeLimit)', () => {
    const big = { data: 'x'.repeat(1024 * 1024) };
    const ops = [0, 1, 2, 3].map((i) => ({ op: 'copy', from: '/data', path: `/c${i}` }));
    expect(() => jsonPatch({ ...big }, ops.slice(0, 2))).not.toThrow();
    let why = '';
    try {
      jsonPatch({ ...big }, ops);
    } catch (e) {
      why = (e as JsonPatchError).why;
    }
    expect(why).toBe(`Unable to complete the copy, the accumulated size increase of copy is ${3 * (1024 * 1024 + 2)}, exceeding the limit ${3 * 1024 * 1024}`);
  });
});
