// Captures and `${NAME}` references: parsing (`$${` is a literal `${`), expansion (quoted inside a
// `/regex/`), `pick` and `capture` on object assertions, the built-ins, the load errors a spec
// shows where a reference can be seen statically to have no value, and the step failure when the
// capturing assertion selected nothing.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadSpecText } from './loader';
import { expandString, parseTemplate, referencesIn, stepIsTemplated } from './references';
import { parseFieldPath } from './assertions/capture';
import { runSpec } from '../runner/run-spec';
import type { SpecResult } from '../runner/result';

const COURSE = path.resolve(__dirname, '../../fixtures/course');

function problems(text: string): string[] {
  const doc = loadSpecText(text, 'x.spec.yaml', COURSE).documents[0];
  return doc.ok ? [] : doc.problems.map((p) => `${p.location.line}:${p.location.column}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
}

function run(text: string, seed = 1): SpecResult {
  const doc = loadSpecText(text, 'x.spec.yaml', COURSE).documents[0];
  if (!doc.ok) throw new Error(doc.problems.map((p) => p.message).join('\n'));
  return runSpec(doc.spec, { seed });
}

const outcome = (r: SpecResult) => r.steps.map((s) => [s.status, ...s.failures.map((f) => f.message)]);

describe('templates', () => {
  test('${NAME} references, $${ for a literal ${', () => {
    expect(parseTemplate('delete pod ${victim}').pieces).toEqual([{ text: 'delete pod ' }, { ref: 'victim' }]);
    expect(parseTemplate('echo $${HOME} and ${ a }').pieces).toEqual([{ text: 'echo ${HOME} and ' }, { ref: 'a' }]);
    expect(referencesIn('${a}-${b}-${a}')).toEqual(['a', 'b', 'a']);
    expect(referencesIn('no references, $5, {x}, $(date)')).toEqual([]);
    expect(parseTemplate('x ${oops').problems).toEqual([{ problem: 'unclosed', at: 2 }]);
    expect(parseTemplate('${1x} ${a-b}').problems).toEqual([
      { problem: 'badName', name: '1x' },
      { problem: 'badName', name: 'a-b' },
    ]);
  });

  test('expansion: values as text, quoted inside a /regex/ so that they match as written', () => {
    const value = (n: string) => ({ ip: '10.244.1.5', name: 'web-x' })[n]!;
    expect(expandString('pod ${name} at ${ip}', value)).toBe('pod web-x at 10.244.1.5');
    expect(expandString('/^${ip}$/', value)).toBe('/^10\\.244\\.1\\.5$/');
    expect(expandString('$${name} stays', value)).toBe('${name} stays');
  });

  test('field paths: dots, [N], ["key"] for keys with dots or slashes, a leading dot', () => {
    expect(parseFieldPath('metadata.name')).toEqual(['metadata', 'name']);
    expect(parseFieldPath('.spec.containers[0].image')).toEqual(['spec', 'containers', 0, 'image']);
    expect(parseFieldPath('metadata.labels["app.kubernetes.io/name"]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
    expect(parseFieldPath("metadata.annotations['a/b']")).toEqual(['metadata', 'annotations', 'a/b']);
    for (const bad of ['', 'a..b', 'a.', 'a[x]', 'a[0', 'a b', '[0]x']) expect([bad, parseFieldPath(bad)]).toEqual([bad, undefined]);
  });

  test('a step is templated when any string but its name and captures holds ${ or $${', () => {
    expect(stepIsTemplated({ kubectl: 'delete pod ${v}' })).toBe(true);
    expect(stepIsTemplated({ apply: { manifest: { metadata: { name: 'x-$${y}' } } } })).toBe(true);
    expect(stepIsTemplated({ name: 'delete ${v}', kubectl: 'get pods' })).toBe(false);
    expect(stepIsTemplated({ kubectl: 'get pods', expect: [{ kind: 'Pod', capture: { v: 'metadata.name' } }] })).toBe(false);
  });
});

describe('capture and references in a run', () => {
  test("the notes' pod deletion: a pod's name captured (pick: oldest), deleted by name, its replacement not named so", () => {
    const r = run(`name: delete a captured pod
steps:
  - apply: replicaset.yaml
    expect:
      - kind: Pod
        selector: app=3-replicaset
        pick: oldest
        capture: { victim: metadata.name, node: spec.nodeName, image: "spec.containers[0].image" }
  - kubectl: delete pod \${victim}
    expect:
      - output: pod "\${victim}" deleted
      - output: "/^pod \\"\${victim}\\" deleted\\\\n$/"
      - kind: Pod
        name: \${victim}
        absent: true
      - kind: Pod
        selector: app=3-replicaset
        count: 3
        not: { metadata: { name: "\${victim}" } }
  - name: the captured node and image, and the built-ins
    kubectl: get nodes \${node}
    expect:
      - output: \${node}
      - kind: Pod
        selector: app=3-replicaset
        match: { spec: { containers: [{ image: "\${image}" }] }, metadata: { namespace: "\${namespace}" } }
      - kind: Pod
        selector: app=3-replicaset,seed=\${seed}
        absent: true
`);
    expect(outcome(r)).toEqual([['passed'], ['passed'], ['passed']]);
    // The step's name stays as written (a test is named alike for every student).
    expect(r.steps[1].name).toBe('kubectl delete pod ${victim}');
  });

  test('pick on an assertion: oldest, newest, an index; counts and match apply to what is picked', () => {
    const r = run(`name: pick
steps:
  - apply: replicaset.yaml
    expect:
      - { kind: Pod, selector: app=3-replicaset, pick: oldest, count: 1, capture: { first: metadata.name } }
      - { kind: Pod, selector: app=3-replicaset, pick: newest, capture: { last: metadata.name } }
      - { kind: Pod, selector: app=3-replicaset, pick: 1, capture: { middle: metadata.name } }
      - { kind: Pod, selector: app=3-replicaset, pick: 3 }
  - kubectl: get pods \${first} \${middle} \${last} -o name
    expect:
      - output: "pod/\${first}\\npod/\${middle}\\npod/\${last}\\n"
`);
    expect(outcome(r)).toEqual([['failed', 'expected at least one Pod with selector app=3-replicaset (#3 by age), found none'], ['passed']]);
  });

  test('a capture whose assertion selected nothing: the step that uses it fails, saying why; the others run', () => {
    const r = run(`name: nothing captured
steps:
  - apply: replicaset.yaml
    expect:
      - { kind: Pod, selector: app=nope, count: { min: 0 }, capture: { victim: metadata.name } }
      - { kind: Pod, selector: app=3-replicaset, pick: oldest, capture: { gone: metadata.deletionTimestamp } }
  - kubectl: delete pod \${victim}
  - kubectl: get pod \${gone}
  - kubectl: get pods
`);
    expect(outcome(r)).toEqual([
      ['passed'],
      ['failed', '`${victim}` has no value: the assertion that captures it (x.spec.yaml:5:9) selected no Pod with selector app=nope'],
      ['failed', expect.stringMatching(/^`\$\{gone\}` has no value: Pod\/3-replicaset-\w{5} has no metadata\.deletionTimestamp$/)],
      ['passed'],
    ]);
  });

  test("a step's action uses what earlier steps captured, never what its own expect captures afterwards", () => {
    const r = run(`name: own capture comes later
steps:
  - apply: replicaset.yaml
    expect:
      - { kind: Pod, selector: app=nope, count: { min: 0 }, capture: { victim: metadata.name } }
  - kubectl: delete pod \${victim}
    expect:
      - { kind: Pod, selector: app=3-replicaset, pick: oldest, capture: { victim: metadata.name } }
`);
    expect(outcome(r)[1]).toEqual(['failed', expect.stringMatching(/^`\$\{victim\}` has no value: the assertion that captures it \(x\.spec\.yaml:5:9\) selected no Pod/)]);
  });

  test('an expect entry may use what the entries above it captured in the same step', () => {
    const r = run(`name: same step
steps:
  - apply: replicaset.yaml
    expect:
      - { kind: ReplicaSet, name: 3-replicaset, capture: { rs: metadata.uid } }
      - kind: Pod
        selector: app=3-replicaset
        count: 3
        match: { metadata: { ownerReferences: [{ uid: "\${rs}", controller: true }] } }
`);
    expect(outcome(r)).toEqual([['passed']]);
  });

  test('in file names: the built-ins and captures name the manifest a step applies', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-refs-files-'));
    fs.writeFileSync(path.join(dir, 'default-settings.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\ndata: { next: extra }\n');
    fs.writeFileSync(path.join(dir, 'extra.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: extra }\n');
    const doc = loadSpecText(
      `name: files
steps:
  - apply: \${namespace}-settings.yaml
    expect:
      - { kind: ConfigMap, name: settings, capture: { next: data.next } }
  - kubectl: apply -f \${next}.yaml
    expect:
      - output: configmap/extra created
`,
      'x.spec.yaml',
      dir,
    ).documents[0];
    if (!doc.ok) throw new Error(doc.problems.map((p) => p.message).join('\n'));
    expect(outcome(runSpec(doc.spec, { seed: 1 }))).toEqual([['passed'], ['passed']]);
  });

  test('a value that makes the step invalid once put in place fails the step with the reason', () => {
    const r = run(`name: bad value
steps:
  - apply: replicaset.yaml
    expect:
      - { kind: Pod, selector: app=3-replicaset, pick: oldest, capture: { ip: status.podIP } }
  - scale: { kind: ReplicaSet, name: "\${ip}", replicas: 2 }
`);
    expect(r.steps[1].status).toBe('failed');
    expect(r.steps[1].failures[0].message).toMatch(/replicasets\.apps "10\.244\.\d+\.\d+" not found/);
  });
});

describe('load errors', () => {
  test('a reference to a name no earlier assertion captures, with did-you-mean', () => {
    expect(
      problems(`name: x
steps:
  - apply: replicaset.yaml
    expect:
      - { kind: Pod, selector: app=3-replicaset, capture: { victim: metadata.name } }
  - kubectl: delete pod \${vitcim}
  - kubectl: get pod \${later}
  - kubectl: get pods
    expect:
      - { kind: Pod, selector: app=x, capture: { later: metadata.name } }
      - { kind: Pod, name: "\${namespce}" }
`),
    ).toEqual([
      '6:14: steps[1].kubectl: `${vitcim}` is not captured before it is used (did you mean `${victim}`?)',
      "7:14: steps[2].kubectl: `${later}` is not captured before it is used (capture it in an earlier step (`capture: { later: metadata.name }`), use a built-in (`${namespace}`, `${seed}`), or write `$${` for a literal `${`)",
      '11:28: steps[3].expect[1].name: `${namespce}` is not captured before it is used (did you mean `${namespace}`?)',
    ]);
  });

  test('an action cannot use what its own step captures; an expect entry can use the ones above it', () => {
    expect(
      problems(`name: x
steps:
  - kubectl: get pod \${p}
    expect:
      - { kind: Pod, name: "\${q}" }
      - { kind: Pod, selector: a=b, capture: { p: metadata.name, q: metadata.name } }
      - { kind: Pod, name: "\${p}" }
`),
    ).toEqual([expect.stringMatching(/^3:14: steps\[0\]\.kubectl: `\$\{p\}` is not captured before it is used/), expect.stringMatching(/^5:28: steps\[0\]\.expect\[0\]\.name: `\$\{q\}` is not captured/)]);
  });

  test('malformed references, capture names and paths, capture where it cannot record', () => {
    expect(
      problems(`name: x
steps:
  - kubectl: get pod \${oops
    throughout:
      - { kind: Pod, selector: a=b, count: { min: 0 }, capture: { t: metadata.name } }
    expect:
      - { kind: Pod, selector: a=b, capture: { 9lives: metadata.name, seed: metadata.name, ok: "metadata..name" } }
      - { kind: Pod, selector: a=b, absent: true, capture: { none: metadata.name } }
      - { kind: Pod, name: "\${a-b}" }
      - { kind: Pod, selector: a=b, match: { metadata: { name: "/^(\${seed}/" } } }
`),
    ).toEqual([
      '3:14: steps[0].kubectl: a `${` without its closing `}` (write `${NAME}`, or `$${` for a literal `${`)',
      '5:56: steps[0].throughout[0].capture: `capture` records one state; `throughout` checks every state (capture in `expect` (the settled state) or `eventually` (the first state where it holds))',
      '7:48: steps[0].expect[0].capture.9lives: `9lives` is not a capture name (a name is letters, digits and `_`, not starting with a digit (`victim`, `rs_name`))',
      "7:71: steps[0].expect[0].capture.seed: `seed` is built in: it always holds the spec's seed (capture under another name)",
      expect.stringMatching(/^7:\d+: steps\[0\]\.expect\[0\]\.capture\.ok: `metadata\.\.name` is not a field path/),
      '8:51: steps[0].expect[1].capture: with `absent: true` nothing is selected, so there is nothing to capture (capture in an assertion that selects the object)',
      '9:28: steps[0].expect[2].name: `a-b` in `${...}` is not a name (a name is letters, digits and `_`; write `$${` for a literal `${`)',
      expect.stringMatching(/^10:\d+: steps\[0\]\.expect\[3\]\.match\.metadata\.name: regular expression \/\^\(\$\{seed\}\/ does not compile: missing closing \)/),
    ]);
  });

  test('an empty capture, and a path that is not text', () => {
    expect(problems('name: x\nsteps:\n  - apply: a.yaml\n    expect:\n      - { kind: Pod, capture: {} }\n      - { kind: Pod, capture: { a: 3 } }\n')).toEqual([
      '5:31: steps[0].expect[0].capture: must not be empty (write a value or leave the key out)',
      '6:36: steps[0].expect[1].capture.a: wrong type, found the number 3 (expected text)',
    ]);
  });

  test('checks that need a value wait for it: a templated selector, kind or node is checked when the step runs', () => {
    expect(
      problems(`name: x
steps:
  - apply: replicaset.yaml
    expect:
      - { kind: Pod, selector: app=3-replicaset, capture: { n: spec.nodeName, k: kind } }
  - node: { name: "\${n}", ready: false }
  - delete: { kind: "\${k}", selector: "app in (\${n})" }
`),
    ).toEqual([]);
  });

  test('kubespec validate reports them at their lines', async () => {
    const { validateSpecs } = await import('../cli/validate');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-refs-'));
    const file = path.join(dir, 'x.spec.yaml');
    fs.writeFileSync(file, 'name: x\nsteps:\n  - kubectl: delete pod ${victim}\n');
    const out: string[] = [];
    const code = validateSpecs([file], { io: { stdout: (s: string) => void out.push(s), stderr: () => {} } } as never);
    expect(code).toBe(2);
    expect(out.join('')).toContain('x.spec.yaml:3:14: steps[0].kubectl: `${victim}` is not captured before it is used');
  });
});
