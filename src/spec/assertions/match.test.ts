// `match` / `where` semantics (spec-format.md "match semantics"): maps by key, scalars by equality,
// `/.../` regexes on the value's text, null = absent or null, lists element by element with the
// same length, `{ contains: [...] }`; every mismatch reported with its path.
import fc from 'fast-check';
import { joinPath, matchPartial, matches } from './match';

describe('matchPartial', () => {
  const pod = {
    kind: 'Pod',
    metadata: { name: 'web-1', labels: { app: 'web', version: '2', 'app.kubernetes.io/name': 'web' }, annotations: null },
    spec: {
      nodeName: 'worker0',
      containers: [
        { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] },
        { name: 'sidecar', image: 'busybox' },
      ],
    },
    status: { phase: 'Running', restartCount: 0, ready: true },
  };

  it('maps match when every given key matches (other keys ignored)', () => {
    expect(matches({ spec: { nodeName: 'worker0' }, status: { phase: 'Running' } }, pod)).toBe(true);
    expect(matches({}, pod)).toBe(true);
  });

  it('scalars by equality; a number matches the same digits as text, as YAML reads `2` as a number', () => {
    expect(matches({ status: { restartCount: 0, ready: true } }, pod)).toBe(true);
    expect(matches({ metadata: { labels: { version: 2 } } }, pod)).toBe(true);
    expect(matches({ metadata: { labels: { version: 3 } } }, pod)).toBe(false);
    expect(matches({ status: { restartCount: '0' } }, pod)).toBe(true);
    expect(matches({ status: { ready: 'true' } }, pod)).toBe(true);
    expect(matches({ status: { ready: false } }, pod)).toBe(false);
  });

  it('`/.../` strings are regexes on the value text (numbers and booleans too)', () => {
    expect(matches({ spec: { containers: [{ image: '/^nginx:1\\.2\\d$/' }, { image: '/box/' }] } }, pod)).toBe(true);
    expect(matches({ metadata: { name: '/^WEB/i' } }, pod)).toBe(true);
    expect(matches({ status: { restartCount: '/^[0-2]$/' } }, pod)).toBe(true);
    const r = matchPartial({ metadata: { name: '/^api-/' }, spec: '/x/' }, pod);
    expect(r.mismatches).toEqual([
      { path: 'metadata.name', expected: '/^api-/', actual: 'web-1', note: 'does not match /^api-/' },
      { path: 'spec', expected: '/x/', actual: pod.spec, note: 'a regular expression matches text, numbers and booleans, not a map' },
    ]);
  });

  it('null matches a field that is absent or null, nothing else', () => {
    expect(matches({ metadata: { deletionTimestamp: null, annotations: null } }, pod)).toBe(true);
    const r = matchPartial({ spec: { nodeName: null } }, pod);
    expect(r.mismatches).toEqual([{ path: 'spec.nodeName', expected: null, actual: 'worker0', note: 'expected absent or null' }]);
  });

  it('lists match element by element, in order, with the same length', () => {
    expect(matches({ spec: { containers: [{ name: 'nginx' }, { name: 'sidecar' }] } }, pod)).toBe(true);
    expect(matches({ spec: { containers: [{ name: 'sidecar' }, { name: 'nginx' }] } }, pod)).toBe(false);
    const r = matchPartial({ spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } }, pod);
    expect(r.mismatches).toEqual([
      { path: 'spec.containers', expected: 1, actual: 2, note: 'expected 1 element, found 2' },
      { path: 'spec.containers[0].image', expected: 'nginx:1.26', actual: 'nginx:1.25' },
    ]);
  });

  it('`{ contains: [...] }`: each given element matches some element', () => {
    expect(matches({ spec: { containers: { contains: [{ image: 'busybox' }] } } }, pod)).toBe(true);
    expect(matches({ spec: { containers: { contains: [{ image: 'busybox' }, { name: '/ngi/' }] } } }, pod)).toBe(true);
    expect(matches({ spec: { containers: { contains: [] } } }, pod)).toBe(true);
    const r = matchPartial({ spec: { containers: { contains: [{ name: 'nginx', image: 'nginx:1.26' }] } } }, pod);
    expect(r.ok).toBe(false);
    expect(r.mismatches).toEqual([
      {
        path: 'spec.containers',
        expected: { name: 'nginx', image: 'nginx:1.26' },
        actual: [
          { name: 'nginx', image: 'nginx:1.25' },
          { name: 'sidecar', image: 'busybox' },
        ],
        note: 'no element matches',
      },
    ]);
    // The diff views show the closest element against what was wanted.
    expect(r.expectedView).toEqual({ spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } });
    expect(r.actualView).toEqual({ spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } });
  });

  it('contains on a scalar list', () => {
    expect(matches({ f: { contains: ['b'] } }, { f: ['a', 'b'] })).toBe(true);
    expect(matchPartial({ f: { contains: ['c'] } }, { f: ['a', 'b'] }).mismatches[0]).toMatchObject({ path: 'f', note: 'no element matches' });
    expect(matchPartial({ f: { contains: ['c'] } }, {}).mismatches[0]).toMatchObject({ path: 'f', note: 'missing' });
  });

  it('(extension) `{ min, max }` bounds a number', () => {
    expect(matches({ status: { restartCount: { max: 0 } } }, pod)).toBe(true);
    expect(matches({ n: { min: 2, max: 5 } }, { n: 5 })).toBe(true);
    expect(matchPartial({ n: { min: 2 } }, { n: 1 }).mismatches).toEqual([{ path: 'n', expected: { min: 2 }, actual: 1, note: 'expected at least 2' }]);
    // A map that is not all-numeric min/max is an ordinary partial object (LimitRange's `max: {cpu: 2}`).
    expect(matches({ max: { cpu: '2' } }, { max: { cpu: '2', memory: '1Gi' } })).toBe(true);
  });

  it('reports every mismatching field, not only the first', () => {
    const r = matchPartial({ metadata: { name: 'api', labels: { app: 'api', tier: 'be' } }, spec: { nodeName: 'worker1' }, status: { phase: 'Pending' } }, pod);
    expect(r.mismatches.map((m) => m.path)).toEqual(['metadata.name', 'metadata.labels.app', 'metadata.labels.tier', 'spec.nodeName', 'status.phase']);
    expect(r.mismatches[2]).toEqual({ path: 'metadata.labels.tier', expected: 'be', actual: undefined, note: 'missing' });
  });

  it('type mismatches say what was found', () => {
    expect(matchPartial({ spec: { containers: { name: 'x' } } }, pod).mismatches[0]).toMatchObject({ path: 'spec.containers', note: 'expected a map, found a list' });
    expect(matchPartial({ status: [1] }, pod).mismatches[0]).toMatchObject({ path: 'status', note: 'expected a list, found a map' });
    expect(matchPartial({ status: 'Running' }, pod).mismatches[0]).toMatchObject({ path: 'status', note: 'expected a string, found a map' });
  });

  it('paths quote keys that are not identifiers', () => {
    expect(matchPartial({ metadata: { labels: { 'app.kubernetes.io/name': 'api' } } }, pod).mismatches[0].path).toBe('metadata.labels["app.kubernetes.io/name"]');
    expect(joinPath('a', 0)).toBe('a[0]');
  });

  it('views keep only the named fields, with matched fields equal on both sides', () => {
    const r = matchPartial({ status: { phase: '/Run/', restartCount: 1 }, spec: { nodeName: null } }, { ...pod, spec: { ...pod.spec, nodeName: undefined } });
    expect(r.expectedView).toEqual({ status: { phase: 'Running', restartCount: 1 }, spec: {} });
    expect(r.actualView).toEqual({ status: { phase: 'Running', restartCount: 0 }, spec: {} });
  });

  it('property: any JSON value matches itself, and any part of itself', () => {
    // Regex-looking strings and the operator keys (`contains`, `min`, `max`) read as operators, not values.
    const json = fc.jsonValue({ maxDepth: 4 }).filter((v) => !/"\/|"(contains|min|max)"/.test(JSON.stringify(v)));
    fc.assert(
      fc.property(json, (v) => {
        expect(matchPartial(v, v).ok).toBe(true);
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          const keys = Object.keys(v);
          const part = Object.fromEntries(keys.slice(0, Math.ceil(keys.length / 2)).map((k) => [k, (v as any)[k]]));
          expect(matchPartial(part, v).ok).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: changing one scalar leaf is always reported at its path', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.integer(), { minKeys: 1 }), (obj) => {
        const k = Object.keys(obj)[0];
        const r = matchPartial({ spec: { [k]: obj[k] + 1 } }, { spec: obj });
        expect(r.mismatches).toEqual([{ path: `spec.${k}`, expected: obj[k] + 1, actual: obj[k] }]);
      }),
    );
  });
});
