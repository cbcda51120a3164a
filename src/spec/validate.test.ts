// Spec validation: every problem at its exact file:line:column, with a one-line hint.
import { parseYaml } from '../manifest/yaml';
import { renderProblem, validateSpecDocument, MAX_PROBLEMS } from './validate';
import { SPEC_SCHEMA } from './schema';
import Ajv from 'ajv';

function problems(text: string): string[] {
  const [doc] = parseYaml(text, 'x.spec.yaml');
  return validateSpecDocument(doc).map(renderProblem);
}

const ok = (steps: string) => `name: ok\nsteps:\n${steps}`;

describe('the JSON Schema', () => {
  it('compiles in strict mode, and every property has a description', () => {
    const ajv = new Ajv({ strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true });
    ajv.addKeyword('x-expected');
    ajv.addKeyword('x-one-action');
    expect(() => ajv.compile(SPEC_SCHEMA)).not.toThrow();
    const missing: string[] = [];
    const walk = (s: any, at: string) => {
      if (!s || typeof s !== 'object') return;
      if (s.properties) {
        for (const [k, v] of Object.entries<any>(s.properties)) {
          if (!v.description && !v.$ref) missing.push(`${at}.${k}`);
          walk(v, `${at}.${k}`);
        }
      }
      for (const key of ['items', 'additionalProperties', 'then', 'else']) if (s[key] && typeof s[key] === 'object') walk(s[key], `${at}.${key}`);
      for (const key of ['oneOf', 'anyOf']) if (Array.isArray(s[key])) s[key].forEach((b: any, i: number) => walk(b, `${at}.${key}[${i}]`));
    };
    walk(SPEC_SCHEMA, 'spec');
    for (const [k, v] of Object.entries<any>(SPEC_SCHEMA.definitions)) walk(v, k);
    expect(missing).toEqual([]);
  });

  it('is strict everywhere: every object schema with properties forbids unknown keys', () => {
    const open: string[] = [];
    const walk = (s: any, at: string) => {
      if (!s || typeof s !== 'object') return;
      if (s.properties && s.additionalProperties !== false) open.push(at);
      for (const [k, v] of Object.entries<any>(s.properties ?? {})) walk(v, `${at}.${k}`);
      for (const key of ['items', 'then', 'else']) if (s[key]) walk(s[key], `${at}.${key}`);
      for (const key of ['oneOf', 'anyOf']) if (Array.isArray(s[key])) s[key].forEach((b: any, i: number) => walk(b, `${at}.${key}[${i}]`));
    };
    walk(SPEC_SCHEMA, 'spec');
    for (const [k, v] of Object.entries<any>(SPEC_SCHEMA.definitions)) walk(v, k);
    expect(open).toEqual([]);
  });
});

describe('validateSpecDocument', () => {
  it('accepts a spec using every action and assertion form', () => {
    const text = `name: everything
description: all forms
points: 10
cluster:
  nodes: [master, worker0, { name: worker1, labels: { zone: b }, maxPods: 20 }]
  seed: 7
  images: { unavailable: ["nginx:9.9", "myorg/*"] }
limits: { reconciles: 1000, simulatedTime: 2h, wallTime: 30s }
steps:
  - apply: a.yaml
  - apply: [a.yaml, b.yaml]
  - create: { manifest: { apiVersion: v1, kind: Pod, metadata: { name: p } } }
  - create: { manifest: "apiVersion: v1\\nkind: Pod\\n" }
  - delete: { kind: Pod, selector: app=x, pick: oldest, cascade: orphan }
  - delete: { kind: Pod, name: p, gracePeriod: 0 }
  - delete: { file: a.yaml }
  - delete: { kind: Pod, selector: "app in (a,b)", pick: 2 }
  - scale: { kind: ReplicaSet, name: r, replicas: 5 }
  - setImage: { kind: Deployment, name: d, container: nginx, image: "nginx:1.25" }
  - rollout: { action: undo, kind: Deployment, name: d, toRevision: 1 }
  - rollout: { action: restart, name: d }
  - kubectl: get pods -o wide
    expect:
      - output: /Running/
        exitCode: 0
  - label: { kind: Pod, selector: app=x, pick: newest, set: { tier: web, v: 2 }, remove: [old] }
  - wait: 30s
  - wait: 5
  - node: { name: worker1, ready: false }
  - node: { name: worker1, ready: unknown, unschedulable: true }
  - patch: { kind: Deployment, name: d, patch: { spec: { replicas: 2 } } }
    settle: false
    expectError: /forbidden/
    points: 2
    throughout:
      - kind: Pod
        selector: app=x
        where: { status: { phase: Running } }
        count: { min: 3 }
    expect:
      - kind: Pod
        name: p
        fieldSelector: spec.nodeName=worker0
        namespace: default
        count: 1
        match: { metadata: { labels: { a: /b/, gone: null } }, spec: { containers: { contains: [ { image: nginx } ] } }, status: { restartCount: { max: 0 } } }
        ownedBy: { kind: ReplicaSet, name: r }
      - kind: Pod
        selector: app=y
        absent: true
      - kind: Pod
        selector: app=z
        ownedBy: none
      - request: { nodePort: 30000, node: worker0 }
        times: 10
        reaches: { selector: app=nginx, all: true }
      - request: { service: my-nginx, port: 8080 }
        fails: true
`;
    expect(problems(text)).toEqual([]);
  });

  it('unknown key at the root: position of the key and a did-you-mean hint', () => {
    expect(problems('name: x\nstepz: []\nsteps:\n  - wait: 1s\n')).toEqual(['x.spec.yaml:2:1: spec: unknown key `stepz` in a spec (did you mean `steps`?)']);
  });

  it('typo in a step key: did you mean `expect`?', () => {
    expect(problems(ok('  - wait: 1s\n    expct:\n      - kind: Pod\n'))).toEqual(['x.spec.yaml:4:5: steps[0]: unknown key `expct` in a step (did you mean `expect`?)']);
  });

  it('a key far from any allowed one lists the allowed keys', () => {
    const [p] = problems(ok('  - wait: 1s\n    banana: 1\n'));
    expect(p).toMatch(/^x\.spec\.yaml:4:5: steps\[0\]: unknown key `banana` in a step \(allowed keys: name, apply, create, delete, scale, setImage, rollout, kubectl, label, wait, node, patch, edit, settle, expectError, expect, throughout, eventually, points, visibility, tags, feedback\)$/);
  });

  it('typo in an assertion key suggests among every assertion form', () => {
    expect(problems(ok('  - wait: 1s\n    expect:\n      - kind: Pod\n        cuont: 3\n      - request: { nodePort: 30000 }\n        tims: 3\n'))).toEqual([
      'x.spec.yaml:6:9: steps[0].expect[0]: unknown key `cuont` in an assertion (did you mean `count`?)',
      'x.spec.yaml:8:9: steps[0].expect[1]: unknown key `tims` in an assertion (did you mean `times`?)',
    ]);
  });

  it('wrong type: the value position and the expected type', () => {
    expect(problems(ok('  - wait: 1s\n    settle: "no"\n    points: many\n'))).toEqual([
      'x.spec.yaml:4:13: steps[0].settle: wrong type, found the text "no" (expected `true` or `false`)',
      'x.spec.yaml:5:13: steps[0].points: wrong type, found the text "many" (expected a number)',
    ]);
  });

  it('wrong type among several forms names every accepted form', () => {
    expect(problems(ok('  - wait: 1s\n    expect:\n      - kind: Pod\n        count: three\n'))).toEqual([
      'x.spec.yaml:6:16: steps[0].expect[0].count: wrong type, found the text "three" (expected a number, or `{ min: N, max: M }`)',
    ]);
    expect(problems(ok('  - apply: 3\n'))).toEqual([
      'x.spec.yaml:3:12: steps[0].apply: wrong type, found the number 3 (expected a file name, a list of file names, or `{ manifest: <object or YAML text> }`)',
    ]);
  });

  it('a value of the right shape reports the errors inside that shape', () => {
    expect(problems(ok('  - wait: 1s\n    expect:\n      - kind: Pod\n        count: { min: 1, mx: 3 }\n'))).toEqual([
      'x.spec.yaml:6:26: steps[0].expect[0].count: unknown key `mx` in `count` (did you mean `max`?)',
    ]);
  });

  it('two actions in one step: the second action is pointed at, with the split hint', () => {
    expect(problems(ok('  - apply: a.yaml\n    scale: { kind: ReplicaSet, name: r, replicas: 2 }\n'))).toEqual([
      'x.spec.yaml:4:5: steps[0]: 2 actions in one step: `apply`, `scale` (a step has exactly one action; split it into two steps)',
    ]);
  });

  it('a step without an action says which actions exist', () => {
    expect(problems(ok('  - name: nothing\n'))).toEqual([
      'x.spec.yaml:3:5: steps[0]: a step needs an action (one of apply, create, delete, scale, setImage, rollout, kubectl, label, wait, node, patch) (add an action, e.g. `apply: deployment.yaml`)',
    ]);
  });

  it('a misspelt action is reported once, as an unknown key', () => {
    expect(problems(ok('  - aply: a.yaml\n'))).toEqual(['x.spec.yaml:3:5: steps[0]: unknown key `aply` in a step (did you mean `apply`?)']);
  });

  it('missing required keys point at the map that lacks them', () => {
    expect(problems('name: x\n')).toEqual(['x.spec.yaml:1:1: spec: a spec needs `steps` (add `steps:` with at least one step)']);
    expect(problems(ok('  - scale: { kind: ReplicaSet, name: r }\n'))).toEqual(['x.spec.yaml:3:12: steps[0].scale: `scale` needs `replicas` (add `replicas: ...`)']);
  });

  it('enums: the allowed values, and a did-you-mean for a near miss', () => {
    expect(problems(ok('  - delete: { kind: Pod, name: p, cascade: Orphan }\n'))).toEqual([
      'x.spec.yaml:3:44: steps[0].delete.cascade: must be one of background, foreground, orphan, found the text "Orphan" (did you mean `orphan`?)',
    ]);
  });

  it('bad label selector', () => {
    expect(problems(ok('  - wait: 1s\n    expect:\n      - kind: Pod\n        selector: "app in (a"\n'))).toEqual([
      `x.spec.yaml:6:19: steps[0].expect[0].selector: bad label selector "app in (a": unable to parse requirement: found '', expected: ',' or ')' (write requirements like \`app=nginx,tier!=db,env in (a,b)\`)`,
    ]);
  });

  it('bad field selector and bad selectors in actions', () => {
    const ps = problems(ok('  - delete: { kind: Pod, selector: "a b" }\n    expect:\n      - kind: Pod\n        fieldSelector: "nonsense"\n'));
    expect(ps[0]).toMatch(/^x\.spec\.yaml:3:36: steps\[0\]\.delete\.selector: bad label selector "a b"/);
    expect(ps[1]).toMatch(/^x\.spec\.yaml:6:24: steps\[0\]\.expect\[0\]\.fieldSelector: bad field selector: invalid selector: 'nonsense'/);
  });

  it('bad duration', () => {
    expect(problems(ok('  - wait: 30x\n'))).toEqual(['x.spec.yaml:3:11: steps[0].wait: bad duration "30x" (write a duration such as `30s`, `5m`, `1h30m` or `250ms`)']);
    expect(problems('name: x\nlimits: { wallTime: soon }\nsteps:\n  - wait: 1s\n')).toEqual([
      'x.spec.yaml:2:21: limits.wallTime: bad duration "soon" (write a duration such as `30s`, `5m`, `1h30m` or `250ms`)',
    ]);
  });

  it('regexes must compile wherever they are read', () => {
    expect(problems(ok('  - wait: 1s\n    expectError: /(/\n    expect:\n      - kind: Pod\n        match: { metadata: { name: "/[a-/" } }\n'))).toEqual([
      'x.spec.yaml:4:18: steps[0].expectError: regular expression /(/ does not compile: missing closing ): `(` (fix the expression, or escape the slashes to mean the text itself)',
      'x.spec.yaml:7:36: steps[0].expect[0].match.metadata.name: regular expression /[a-/ does not compile: missing closing ]: `[a-` (fix the expression, or escape the slashes to mean the text itself)',
    ]);
  });

  it('unknown kinds, with a did-you-mean', () => {
    expect(problems(ok('  - wait: 1s\n    expect:\n      - kind: Deploymnet\n'))).toEqual(['x.spec.yaml:5:15: steps[0].expect[0].kind: unknown kind `Deploymnet` (did you mean `Deployment`?)']);
    expect(problems(ok('  - scale: { kind: Pod, name: p, replicas: 2 }\n'))[0]).toBe(
      'x.spec.yaml:3:20: steps[0].scale.kind: this action does not work on Pod (use one of: Deployment, ReplicaSet)',
    );
  });

  it('kubectl resource names are accepted as kinds', () => {
    expect(problems(ok('  - wait: 1s\n    expect:\n      - kind: deploy\n      - kind: pods\n'))).toEqual([]);
  });

  it('output assertions only on kubectl steps and never in throughout', () => {
    expect(problems(ok('  - apply: a.yaml\n    throughout:\n      - exitCode: 0\n    expect:\n      - output: created\n'))).toEqual([
      'x.spec.yaml:5:9: steps[0].throughout[0]: `output` and `exitCode` are checked once, after the command; they cannot go in `throughout` (move this assertion to `expect`)',
      "x.spec.yaml:7:9: steps[0].expect[0]: `output` and `exitCode` check a `kubectl` step's printed output; this step's action is `apply` (write the action as `kubectl: ...` to check its output)",
    ]);
  });

  it('contradictory or pointless combinations', () => {
    const ps = problems(
      ok(
        '  - delete: { kind: Pod, name: a, selector: b=c }\n  - label: { kind: Pod, name: a }\n  - wait: 1s\n    settle: false\n    expect:\n      - kind: Pod\n        absent: true\n        count: 0\n      - kind: Pod\n        count: { min: 3, max: 1 }\n      - request: { nodePort: 30000 }\n        reaches: { selector: a=b }\n        fails: true\n  - rollout: { action: restart, name: d, toRevision: 2 }\n  - node: { name: worker7, ready: false }\n',
      ),
    );
    expect(ps).toEqual([
      'x.spec.yaml:3:35: steps[0].delete.selector: `delete` takes `name` or `selector`, not both (remove one of them)',
      'x.spec.yaml:4:12: steps[1].label: `label` changes nothing (add `set: { key: value }` or `remove: [key]`)',
      'x.spec.yaml:6:5: steps[2].settle: `settle: false` has no effect on a `wait` step: waiting always lets the cluster run (remove `settle: false`)',
      'x.spec.yaml:10:9: steps[2].expect[0].count: `absent: true` already means `count: 0` (keep only one of `absent` and `count`)',
      'x.spec.yaml:12:16: steps[2].expect[1].count: min 3 is greater than max 1 (swap them)',
      'x.spec.yaml:15:9: steps[2].expect[2].fails: `reaches` and `fails` cannot both hold (keep one of them)',
      'x.spec.yaml:16:42: steps[3].rollout.toRevision: `toRevision` only goes with `action: undo` (remove `toRevision`)',
      "x.spec.yaml:17:19: steps[4].node.name: no node `worker7` in this spec's cluster (did you mean `worker0`?)",
    ]);
  });

  it('paths that leave the spec folder are refused before anything runs', () => {
    expect(problems(ok('  - apply: ../x.yaml\n  - apply: [ok.yaml, /etc/passwd]\n'))).toEqual([
      "x.spec.yaml:3:12: steps[0].apply: ../x.yaml: the path leaves its folder ('..' is not allowed) (keep manifests inside the spec (or submission) folder)",
      'x.spec.yaml:4:22: steps[1].apply[1]: /etc/passwd: absolute paths are not allowed (name the file relative to the spec (or submission) folder)',
    ]);
  });

  it('kubectl command lines must be readable', () => {
    expect(problems(ok(`  - kubectl: "label pod x 'a=b"\n  - kubectl: kubectl\n`))).toEqual([
      'x.spec.yaml:3:14: steps[0].kubectl: cannot read the command line: unterminated quoted string (close every quote, or quote the YAML value itself)',
      'x.spec.yaml:4:14: steps[1].kubectl: the command line is empty (write a command, e.g. `kubectl: get pods`)',
    ]);
  });

  it('points that cannot add up', () => {
    expect(problems('name: x\npoints: 2\nsteps:\n  - wait: 1s\n    points: 3\n  - wait: 1s\n')).toEqual([
      "x.spec.yaml:2:9: points: the steps' own points (3) add up to more than the spec's points (2) (raise the spec's points or lower the steps')",
    ]);
  });

  it('reports every problem of a document, sorted by position', () => {
    const steps = Array.from({ length: 30 }, (_, i) => `  - wait: bad${i}\n`).join('');
    const ps = problems(ok(steps));
    expect(ps).toHaveLength(30);
    expect(ps[0]).toMatch(/^x\.spec\.yaml:3:/);
    expect(ps[29]).toMatch(/^x\.spec\.yaml:32:/);
    expect(MAX_PROBLEMS).toBe(20);
  });

  it('empty steps', () => {
    expect(problems('name: x\nsteps: []\n')).toEqual(['x.spec.yaml:2:8: steps: must not be empty (give at least one step)']);
  });

  it('a document that is not a map', () => {
    expect(problems('- a\n- b\n')).toEqual(['x.spec.yaml:1:1: spec: wrong type, found a list (expected a map)']);
  });
});
