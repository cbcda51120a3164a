// `kubespec import kuttl|chainsaw`: the sample suites of fixtures/import (written from KUTTL's and
// Chainsaw's documentation) become specs that pass on the embedded cluster; what has no equivalent
// is a comment in the spec and a line on stderr; bad input is one line, exit 2; nothing is
// overwritten without --force.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { kubespec } from '../../test/cli-support';
import { runSpecs } from '../runner';
import { loadSpecFile } from '../spec/loader';
import { commandStep, scriptSteps } from './common';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'fixtures', 'import');

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `kubespec-import-${name}-`));
const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

describe('kubespec import kuttl', () => {
  const out = tmp('kuttl');
  let r: Awaited<ReturnType<typeof kubespec>>;
  beforeAll(async () => {
    r = await kubespec('import', 'kuttl', 'fixtures/import/kuttl', '--out', out);
  });

  test('one spec per test case, each file it names the suite’s own', () => {
    expect(r.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['commands.spec.yaml', 'delete-pod.spec.yaml', 'example-test.spec.yaml']);
    expect(r.stdout).toContain('3 spec files written from KUTTL');
    const example = read(out, 'example-test.spec.yaml');
    expect(example).toContain(`manifests: ${path.relative(out, path.join(FIXTURES, 'kuttl')).split(path.sep).join('/')}\n`);
    expect(example).toContain('    apply: tests/e2e/example-test/00-install.yaml\n    expect:\n      - file: tests/e2e/example-test/00-assert.yaml\n');
    // 01-scale.yaml names a Deployment 00 created: KUTTL merge-patches it.
    expect(example).toContain('  - name: 01-scale\n    patch:\n      kind: Deployment\n      name: example-deployment\n      type: merge\n      patch:\n        spec:\n          replicas: 4\n');
  });

  test('TestStep delete and commands, errors files, TestAssert inlined', () => {
    const del = read(out, 'delete-pod.spec.yaml');
    expect(del).toContain('    delete:\n      kind: Pod\n      name: my-pod\n    expect:\n      - file: tests/e2e/delete-pod/01-errors.yaml\n        absent: true\n');
    // 00-assert.yaml holds a TestAssert: its Pod is written inline, its timeout and collectors said.
    expect(del).toContain('  # tests/e2e/delete-pod/00-assert.yaml holds TestAssert: its objects are written here instead\n');
    expect(del).toContain('  # tests/e2e/delete-pod/00-assert.yaml:3: no equivalent: timeout: 5 (kubespec settles the cluster; nothing waits on a clock)\n');
    expect(del).toContain('      - kind: Pod\n        name: my-pod\n        match:\n          status:\n            phase: Running\n');
    const cmd = read(out, 'commands.spec.yaml');
    expect(cmd).toContain('  - kubectl: label configmap settings tier=web --namespace default\n  - kubectl: annotate configmap settings owner=course -n default\n');
    expect(cmd).toContain('no equivalent: the command `helm init` (a spec runs kubectl only)');
  });

  test('every construct without an equivalent is on stderr, and in the spec', () => {
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      "kubespec import: kuttl-test.yaml:3: not converted: startKIND (the cluster is kubespec's embedded one)",
      "kubespec import: kuttl-test.yaml:4: not converted: kindContainers (the cluster is kubespec's embedded one)",
      'kubespec import: kuttl-test.yaml:8: not converted: timeout: 120 (kubespec settles the cluster; nothing waits on a clock)',
      'kubespec import: kuttl-test.yaml:9: not converted: parallel (specs run one by one, or with --jobs)',
      'kubespec import: tests/e2e/commands/01-label.yaml:1: not converted: the command `helm init` (a spec runs kubectl only)',
      'kubespec import: tests/e2e/delete-pod/00-assert.yaml:3: not converted: timeout: 5 (kubespec settles the cluster; nothing waits on a clock)',
      'kubespec import: tests/e2e/delete-pod/00-assert.yaml:4: not converted: collectors (kubespec reports every failure with the objects and a diff)',
    ]);
    expect(read(out, 'example-test.spec.yaml')).toContain("# kuttl-test.yaml:3: no equivalent: startKIND (the cluster is kubespec's embedded one)\n");
  });

  test('the specs load, and pass on the embedded cluster', async () => {
    for (const f of fs.readdirSync(out)) expect(loadSpecFile(path.join(out, f), f).documents.every((d) => d.ok)).toBe(true);
    const run = await runSpecs([out]);
    expect(run.specs.map((s) => [s.name, s.status, s.steps.flatMap((st) => st.failures.map((x) => x.message))])).toEqual([
      ['commands', 'passed', []],
      ['delete-pod', 'passed', []],
      ['example-test', 'passed', []],
    ]);
  });

  test('they fail when the cluster does not do what the suite asserts', async () => {
    const broken = tmp('kuttl-broken');
    fs.cpSync(path.join(FIXTURES, 'kuttl'), broken, { recursive: true });
    fs.writeFileSync(path.join(broken, 'tests/e2e/example-test/01-scale.yaml'), fs.readFileSync(path.join(broken, 'tests/e2e/example-test/01-scale.yaml'), 'utf8').replace('replicas: 4', 'replicas: 2'));
    const specs = tmp('kuttl-broken-specs');
    expect((await kubespec('import', 'kuttl', broken, '--out', specs)).code).toBe(0);
    const run = await runSpecs([path.join(specs, 'example-test.spec.yaml')]);
    const failure = run.specs[0].steps[1].failures[0];
    expect(failure.message).toBe('Deployment example-deployment does not match: status.readyReplicas: expected 4, found 2');
    expect(failure.location).toMatchObject({ line: 1, column: 1 });
    expect(failure.location?.file.endsWith('tests/e2e/example-test/01-assert.yaml')).toBe(true);
  });

  test('nothing is overwritten without --force', async () => {
    const again = await kubespec('import', 'kuttl', 'fixtures/import/kuttl', '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^kubespec: .*commands\.spec\.yaml exists \(--force overwrites it\)\n$/);
    const forced = await kubespec('import', 'kuttl', 'fixtures/import/kuttl', '--out', out, '--force');
    expect(forced.code).toBe(0);
  });
});

describe('kubespec import chainsaw', () => {
  const out = tmp('chainsaw');
  let r: Awaited<ReturnType<typeof kubespec>>;
  beforeAll(async () => {
    r = await kubespec('import', 'chainsaw', 'fixtures/import/chainsaw', '--out', out);
  });

  test('one spec per Test: try operations as steps, assert and error files as expectations', () => {
    expect(r.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['delete-and-scale.spec.yaml', 'deployment.spec.yaml', 'example.spec.yaml']);
    expect(read(out, 'deployment.spec.yaml')).toContain('    apply: deployment/resources.yaml\n    expect:\n      - file: deployment/assertions.yaml\n');
    // `../resources/...` from the test's folder: inside the suite, so named from its root.
    expect(read(out, 'example.spec.yaml')).toContain('      - file: resources/configmap-assert.yaml\n      - file: resources/configmap-error.yaml\n        absent: true\n');
    const scale = read(out, 'delete-and-scale.spec.yaml');
    expect(scale).toContain('description: A Deployment scaled, checked, then deleted with its pods.\n');
    expect(scale).toContain('  - name: scale\n    kubectl: get deployments\n');
    expect(scale).toContain('  - wait: 5s\n    expect:\n      - kind: Pod\n        where:\n          metadata:\n            labels:\n              app: web\n        absent: true\n');
    // `check: ($error != null): true`: the operation must fail.
    expect(scale).toContain('  - delete:\n      kind: Pod\n      name: not-there\n    expectError: /./\n');
    expect(scale).toContain('  - name: delete\n    kubectl: get pods\n');
  });

  test('what has no equivalent: stderr and comments', () => {
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      'kubespec import: configmap/chainsaw-test.yaml:7: not converted: concurrent (specs run one by one, or with --jobs)',
      'kubespec import: configmap/chainsaw-test.yaml:9: not converted: timeouts: {"apply":"10s","assert":"10s","error":"10s"} (kubespec settles the cluster; nothing waits on a clock)',
      'kubespec import: configmap/chainsaw-test.yaml:28: not converted: a script that is not kubectl commands alone: echo "goodbye"',
      'kubespec import: orphan/chainsaw-test.yaml:52: not converted: the expression key (replicas > `1` && replicas < `4`) in resource (JMESPath and CEL are not evaluated)',
    ]);
    expect(read(out, 'example.spec.yaml')).toContain('# configmap/chainsaw-test.yaml:7: no equivalent: concurrent (specs run one by one, or with --jobs)\n');
    expect(read(out, 'delete-and-scale.spec.yaml')).toContain('  # orphan/chainsaw-test.yaml:52: no equivalent: the expression key');
  });

  test('the specs pass on the embedded cluster', async () => {
    const run = await runSpecs([out]);
    expect(run.specs.map((s) => [s.name, s.status, s.steps.flatMap((st) => st.failures.map((x) => x.message))])).toEqual([
      ['delete-and-scale', 'passed', []],
      ['deployment', 'passed', []],
      ['example', 'passed', []],
    ]);
  });

  test('--out defaults to the suite folder', async () => {
    const suite = tmp('chainsaw-here');
    fs.cpSync(path.join(FIXTURES, 'chainsaw'), suite, { recursive: true });
    const here = await kubespec('import', 'chainsaw', suite);
    expect(here.code).toBe(0);
    expect(fs.existsSync(path.join(suite, 'deployment.spec.yaml'))).toBe(true);
    expect(read(suite, 'deployment.spec.yaml')).not.toContain('manifests:');
    expect((await runSpecs([suite])).summary).toMatchObject({ passed: 3, failed: 0, errors: 0 });
  });
});

describe('bad input: one line, exit 2', () => {
  const suite = (files: Record<string, string>) => {
    const dir = tmp('bad');
    for (const [f, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), text);
    }
    return dir;
  };
  const line = async (...argv: string[]): Promise<[number, string, string]> => {
    const r = await kubespec('import', ...argv);
    return [r.code, r.stderr.replace(/\n$/, ''), r.stdout];
  };

  test('not a suite folder, no such folder, an unknown tool', async () => {
    expect(await line('kuttl', 'fixtures/import/chainsaw')).toEqual([2, 'kubespec: fixtures/import/chainsaw: not a KUTTL suite folder (no kuttl-test.yaml, and no test case folder with NN-*.yaml steps)', '']);
    expect(await line('chainsaw', 'fixtures/import/kuttl')).toEqual([2, 'kubespec: fixtures/import/kuttl: not a Chainsaw suite folder (no chainsaw-test.yaml below it)', '']);
    expect(await line('kuttl', 'fixtures/nowhere')).toEqual([2, 'kubespec: fixtures/nowhere: no such folder', '']);
    expect(await line('kutl', 'fixtures/import/kuttl')).toEqual([2, "kubespec: unknown suite kind 'kutl': kuttl or chainsaw (see 'kubespec import --help')", '']);
  });

  test('YAML that does not parse', async () => {
    const dir = suite({ 'case/00-install.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: [x }\n' });
    const [code, err] = await line('kuttl', dir);
    expect(code).toBe(2);
    expect(err).toMatch(/^kubespec: .*case\/00-install\.yaml:3:\d+: invalid YAML: /);
    expect(err.split('\n')).toHaveLength(1);
  });

  test('a kind the tool does not have', async () => {
    const kuttl = suite({ 'case/00-step.yaml': 'apiVersion: kuttl.dev/v1beta1\nkind: TestSetp\ncommands: []\n' });
    expect(await line('kuttl', kuttl)).toEqual([2, 'kubespec: case/00-step.yaml:2: unknown KUTTL kind "TestSetp" (KUTTL has TestSuite, TestStep, TestAssert, TestFile)', '']);
    const chainsaw = suite({ 't/chainsaw-test.yaml': 'apiVersion: chainsaw.kyverno.io/v1alpha1\nkind: Tset\nmetadata: { name: t }\n' });
    expect(await line('chainsaw', chainsaw)).toEqual([2, 'kubespec: t/chainsaw-test.yaml:1: not a Chainsaw Test (apiVersion chainsaw.kyverno.io/..., kind Test): chainsaw.kyverno.io/v1alpha1 Tset', '']);
  });
});

describe('commands as steps', () => {
  test('kubectl lines, $NAMESPACE, sleep; anything else is not converted', () => {
    expect(commandStep('kubectl get pods -n $NAMESPACE')).toEqual({ kubectl: 'get pods -n default' });
    expect(commandStep('sleep 5')).toEqual({ wait: '5s' });
    expect(commandStep('kubectl get pods | grep web')).toBeUndefined();
    expect(commandStep('kubectl get pods -l app=$APP')).toBeUndefined();
    expect(commandStep('helm install x')).toBeUndefined();
    expect(scriptSteps('set -e\n# scale it\nkubectl scale deploy web \\\n  --replicas=2\n\nkubectl get pods\n')).toEqual([{ kubectl: 'scale deploy web    --replicas=2' }, { kubectl: 'get pods' }]);
    expect(scriptSteps('echo hi')).toBeUndefined();
  });
});
