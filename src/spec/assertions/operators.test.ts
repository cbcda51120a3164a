// `match` operators `{ exists: true|false }` and `{ any: [...] }` (each a map with that single key,
// as `contains` is), and `not:` beside `match` on an object assertion: semantics, what a failure
// shows, and their load errors.
import * as path from 'path';
import { Cluster } from '../../cluster/cluster';
import type { ObjectAssertion } from '../model';
import { loadSpecText } from '../loader';
import { matches, matchPartial } from './match';
import { checkObjectAssertion } from './object';

const pod = { metadata: { name: 'web-1', labels: { app: 'web', tier: 'front' }, deletionTimestamp: null }, spec: { nodeName: 'worker1', containers: [{ name: 'nginx', image: 'nginx:1.25' }] } };

describe('{ exists }', () => {
  test('true: present with any value (not null); false: absent or null', () => {
    expect(matches({ spec: { nodeName: { exists: true } } }, pod)).toBe(true);
    expect(matches({ metadata: { labels: { exists: true } } }, pod)).toBe(true);
    expect(matches({ spec: { hostname: { exists: false } } }, pod)).toBe(true);
    expect(matches({ metadata: { deletionTimestamp: { exists: false } } }, pod)).toBe(true);
    expect(matches({ metadata: { deletionTimestamp: { exists: true } } }, pod)).toBe(false);
    expect(matches({ spec: { nodeName: { exists: false } } }, pod)).toBe(false);
  });

  test('a mismatch says what was expected', () => {
    expect(matchPartial({ spec: { hostname: { exists: true } } }, pod).mismatches).toEqual([{ path: 'spec.hostname', expected: '(present, any value)', actual: undefined, note: 'missing' }]);
    expect(matchPartial({ spec: { nodeName: { exists: false } } }, pod).mismatches).toEqual([{ path: 'spec.nodeName', expected: '(absent)', actual: 'worker1', note: 'expected absent' }]);
  });

  test('a map with other keys beside `exists`, or a non-boolean, is a literal map (and a load error in a spec)', () => {
    expect(matches({ f: { exists: true, x: 1 } }, { f: { exists: true, x: 1 } })).toBe(true);
    expect(matches({ f: { exists: 'yes' } }, { f: { exists: 'yes' } })).toBe(true);
  });
});

describe('{ any }', () => {
  test('matches when one alternative does: scalars, regexes, bounds, maps', () => {
    expect(matches({ spec: { nodeName: { any: ['worker0', 'worker1'] } } }, pod)).toBe(true);
    expect(matches({ spec: { nodeName: { any: ['/^master$/', '/^worker\\d$/'] } } }, pod)).toBe(true);
    expect(matches({ spec: { containers: [{ image: { any: ['nginx:1.24', '/^nginx:1\\.2[5-9]$/'] } }] } }, pod)).toBe(true);
    expect(matches({ metadata: { labels: { any: [{ tier: 'back' }, { app: 'web' }] } } }, pod)).toBe(true);
    expect(matches({ n: { any: [{ min: 5 }, { max: 1 }] } }, { n: 0 })).toBe(true);
    expect(matches({ spec: { nodeName: { any: ['master', 'worker0'] } } }, pod)).toBe(false);
  });

  test('inside contains, and with null for "absent" as one alternative', () => {
    expect(matches({ spec: { containers: { contains: [{ name: { any: ['app', 'nginx'] } }] } } }, pod)).toBe(true);
    expect(matches({ spec: { hostname: { any: [null, 'x'] } } }, pod)).toBe(true);
  });

  test('a mismatch names the alternatives', () => {
    const r = matchPartial({ spec: { nodeName: { any: ['master', '/^worker0$/'] } } }, pod);
    expect(r.mismatches).toEqual([{ path: 'spec.nodeName', expected: 'any of: master | /^worker0$/', actual: 'worker1', note: 'matches none of the 2 alternatives' }]);
    expect(r.expectedView).toEqual({ spec: { nodeName: 'any of: master | /^worker0$/' } });
    expect(r.actualView).toEqual({ spec: { nodeName: 'worker1' } });
  });
});

describe('not', () => {
  const at = { file: 'a.spec.yaml', line: 7, column: 9 };
  const assertion = (a: Partial<ObjectAssertion>): ObjectAssertion => ({ type: 'object', location: at, path: ['steps', 0, 'expect', 0], kind: 'Pod', namespace: 'default', selector: 'app=web', ...a });
  function cluster(): Cluster {
    const c = new Cluster({}, []);
    for (const [name, node] of [
      ['web-1', 'worker0'],
      ['web-2', 'worker1'],
    ])
      c.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' } }, spec: { nodeName: node, containers: [{ name: 'nginx', image: 'nginx:1.25' }] } });
    return c;
  }

  test('every selected object must not match it (as a whole)', () => {
    const c = cluster();
    expect(checkObjectAssertion(c.api, assertion({ not: { spec: { nodeName: 'master' } } }))).toBeUndefined();
    // Both fields must match for an object to fail: web-2 runs nginx:1.25 but not on worker0.
    expect(checkObjectAssertion(c.api, assertion({ not: { spec: { nodeName: 'worker0', containers: [{ image: 'nginx:1.26' }] } } }))).toBeUndefined();
    expect(checkObjectAssertion(c.api, assertion({ not: { spec: { nodeName: { exists: false } } }, match: { spec: { containers: [{ name: 'nginx' }] } } }))).toBeUndefined();
  });

  test('a failure names the objects that match it, the fields it matched in the diff', () => {
    const c = cluster();
    const f = checkObjectAssertion(c.api, assertion({ not: { spec: { nodeName: 'worker1' } } }))!;
    expect(f.message).toBe('expected every one of 2 Pods with selector app=web to match; 1 does not: web-2 (web-2: spec.nodeName: matches `not: {spec: {nodeName: worker1}}`, which it must not)');
    expect(f.mismatches).toEqual([{ object: 'Pod/web-2', fields: [{ path: 'spec.nodeName', expected: { spec: { nodeName: 'worker1' } }, actual: { spec: { nodeName: 'worker1' } }, note: 'matches `not: {spec: {nodeName: worker1}}`, which it must not' }] }]);
    expect(f.diff).toContain('+  nodeName: worker1');
    const both = checkObjectAssertion(c.api, assertion({ not: { spec: { containers: [{ image: '/^nginx:/' }] } } }))!;
    expect(both.mismatches).toHaveLength(2);
  });
});

describe('load errors', () => {
  const problems = (match: string) => {
    const doc = loadSpecText(`name: x\nsteps:\n  - apply: a.yaml\n    expect:\n      - kind: Pod\n${match}`, 'x.spec.yaml', path.resolve(__dirname)).documents[0];
    return doc.ok ? [] : doc.problems.map((p) => `${p.location.line}:${p.location.column}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
  };

  test('`exists` takes a boolean, `any` a non-empty list, each alone in its map', () => {
    expect(problems('        match: { spec: { nodeName: { exists: "yes" } } }\n')).toEqual(['6:46: steps[0].expect[0].match.spec.nodeName.exists: `exists` takes `true` (present, any value) or `false` (absent) (write `{ exists: true }` or `{ exists: false }`)']);
    expect(problems('        match: { spec: { nodeName: { any: worker0 } } }\n')).toEqual(['6:43: steps[0].expect[0].match.spec.nodeName.any: `any` takes a list of alternatives (at least one) (write `{ any: [ A, B ] }`)']);
    expect(problems('        match: { spec: { nodeName: { any: [] } } }\n')).toEqual([expect.stringMatching(/^6:43: .*`any` takes a list/)]);
    expect(problems('        where: { spec: { nodeName: { any: [a], exists: true } } }\n')).toEqual([
      '6:38: steps[0].expect[0].where.spec.nodeName.any: `any` is an operator: a map with that single key (write `{ any: ... }` on its own, as the value of the field it tests)',
      '6:48: steps[0].expect[0].where.spec.nodeName.exists: `exists` is an operator: a map with that single key (write `{ exists: ... }` on its own, as the value of the field it tests)',
    ]);
    expect(problems('        match: { spec: { nodeName: { any: ["/(/", ok] } } }\n')).toEqual([expect.stringMatching(/^6:44: steps\[0\]\.expect\[0\]\.match\.spec\.nodeName\.any\[0\]: regular expression \/\(\/ does not compile/)]);
  });

  test('`not` is a partial object, checked as `match` is; with `absent: true` it could never fail', () => {
    expect(problems('        not: [a]\n')).toEqual([expect.stringMatching(/^6:14: steps\[0\]\.expect\[0\]\.not: wrong type, found a list/)]);
    expect(problems('        not: { metadata: { name: "/x(/" } }\n')).toEqual([expect.stringMatching(/^6:34: steps\[0\]\.expect\[0\]\.not\.metadata\.name: regular expression/)]);
    expect(problems('        absent: true\n        not: { spec: { nodeName: x } }\n')).toEqual(['7:9: steps[0].expect[0].not: with `absent: true` nothing is selected, so `not` can never fail (remove `not`, or `absent`)']);
  });
});
