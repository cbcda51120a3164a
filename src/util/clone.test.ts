import fc from 'fast-check';
import { cloneSharingFrozen, deepClone, deepFreeze, shareUnchanged } from './clone';

// shareUnchanged puts a frozen earlier version's parts into a new version wherever they are equal
// (values, key order): the new version must serialise exactly as before, and share what is equal.
describe('shareUnchanged', () => {
  it('shares equal subtrees and keeps changed ones', () => {
    const prev = deepFreeze({ metadata: { name: 'a', labels: { x: '1' } }, spec: { replicas: 1, template: { spec: { containers: [{ name: 'c' }] } } } });
    const next = deepClone(prev) as typeof prev;
    (next.spec as { replicas: number }).replicas = 2;
    expect(shareUnchanged(next, prev)).toBe(false);
    expect(next.spec.template).toBe(prev.spec.template);
    expect(next.metadata.labels).toBe(prev.metadata.labels);
    expect(next.spec).not.toBe(prev.spec);
    expect(next.spec.replicas).toBe(2);
  });

  it('keeps a part whose keys are in another order or that holds undefined values', () => {
    const prev = deepFreeze({ a: { x: 1, y: 2 }, b: { z: 1 } });
    const next: Record<string, unknown> = { a: { y: 2, x: 1 }, b: { z: 1, w: undefined } };
    shareUnchanged(next, prev);
    expect(next.a).not.toBe(prev.a);
    expect(next.b).not.toBe(prev.b);
    expect(Object.keys(next.b as object)).toEqual(['z', 'w']);
  });

  it('changes no value and no key order, for any pair of JSON values', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    const obj = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), json);
    fc.assert(
      fc.property(obj, obj, fc.boolean(), (p, n, fromPrev) => {
        const prev = deepFreeze(deepClone(p));
        const next = fromPrev ? (deepClone({ ...p, ...n }) as Record<string, unknown>) : (deepClone(n) as Record<string, unknown>);
        const before = JSON.stringify(next);
        const all = shareUnchanged(next, prev);
        if (JSON.stringify(next) !== before) return false;
        if (Object.isFrozen(next)) return false;
        return all === (before === JSON.stringify(prev));
      }),
    );
  });
});

describe('deepClone', () => {
  it('copies JSON values with the same keys in the same order, dropping undefined, sharing nothing', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => {
        const c = deepClone(v);
        if (JSON.stringify(c) !== JSON.stringify(v)) return false;
        return v === null || typeof v !== 'object' || c !== v;
      }),
    );
    const withUndefined = { b: 1, a: undefined, 2: 'x', 1: { y: undefined, z: [1] } };
    const c = deepClone(withUndefined);
    expect(Object.keys(c)).toEqual(['1', '2', 'b']);
    expect(Object.keys(c[1])).toEqual(['z']);
    expect(c[1].z).not.toBe(withUndefined[1].z);
  });
});

describe('a `__proto__` key from untrusted YAML', () => {
  // The yaml package keeps `__proto__:` as an own key; a copy must keep it as a key too, never
  // turn it into the copy's prototype (found by the property test above).
  const withProto = () => JSON.parse('{"a":1,"__proto__":{"polluted":"yes"}}') as Record<string, unknown>;
  it('stays an own key through deepClone and cloneSharingFrozen', () => {
    for (const copy of [deepClone(withProto()), cloneSharingFrozen(withProto())]) {
      expect(Object.keys(copy)).toEqual(['a', '__proto__']);
      expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
      expect((copy as Record<string, unknown>).polluted).toBeUndefined();
    }
  });
});
