// Assert files (`{ file: 00-assert.yaml }`) and errors files (`{ file, absent: true }`): what their
// documents become, how they compare (KUTTL's way: subsets, lists of the same length in order,
// literal texts), where their failures and load errors point, and that they are read beside the
// spec, never from a submission.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadSpecFile } from './loader';
import { runSpecs } from '../runner';
import type { ObjectAssertion } from './model';
import { kubespec } from '../../test/cli-support';

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-assert-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, labels: { app: web } }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: nginx, image: "nginx:1.25", ports: [{ containerPort: 80 }] }] }
`;

const ASSERT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
status:
  readyReplicas: 2
---
apiVersion: v1
kind: Pod
metadata:
  labels: { app: web }
status:
  phase: Running
`;

const ERRORS = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
status: { readyReplicas: 3 }
---
apiVersion: v1
kind: Pod
metadata: { labels: { app: other } }
`;

const SPEC = `name: asserts
steps:
  - apply: 00-install.yaml
    expect:
      - file: 00-assert.yaml
      - { file: 00-errors.yaml, absent: true }
`;

const passing = () => folder({ 'web.spec.yaml': SPEC, '00-install.yaml': DEPLOY, '00-assert.yaml': ASSERT, '00-errors.yaml': ERRORS });

describe('loading', () => {
  test('each document becomes an object assertion placed in the assert file', () => {
    const dir = passing();
    const loaded = loadSpecFile(path.join(dir, 'web.spec.yaml'), 'specs/web.spec.yaml');
    const doc = loaded.documents[0];
    if (!doc.ok) throw new Error(JSON.stringify(doc.problems));
    const [deploy, pods, notThree, noOther] = doc.spec.steps[0].expect as ObjectAssertion[];
    expect(deploy).toMatchObject({ kind: 'Deployment', name: 'web', namespace: 'default', match: { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } }, status: { readyReplicas: 2 } } });
    expect(deploy.location).toEqual({ file: 'specs/00-assert.yaml', line: 1, column: 1 });
    // No name: some Pod matches (its labels are part of what must hold).
    expect(pods).toMatchObject({ kind: 'Pod', where: { metadata: { labels: { app: 'web' } }, status: { phase: 'Running' } } });
    expect(pods.name).toBeUndefined();
    expect(pods.location).toEqual({ file: 'specs/00-assert.yaml', line: 14, column: 1 });
    // Errors: nothing may match.
    expect(notThree).toMatchObject({ kind: 'Deployment', name: 'web', where: { status: { readyReplicas: 3 } }, absent: true });
    expect(noOther).toMatchObject({ kind: 'Pod', where: { metadata: { labels: { app: 'other' } } }, absent: true });
  });

  test('a text written /.../ is compared literally, as KUTTL does', () => {
    const dir = folder({ 's.spec.yaml': 'name: x\nsteps:\n  - kubectl: get pods\n    expect: [{ file: a.yaml }]\n', 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata: { path: /usr/ }\n' });
    const doc = loadSpecFile(path.join(dir, 's.spec.yaml'), 's.spec.yaml').documents[0];
    expect(doc.ok && (doc.spec.steps[0].expect[0] as ObjectAssertion).match).toEqual({ data: { path: '/^\\/usr\\/$/' } });
  });

  const problems = (files: Record<string, string>) => {
    const dir = folder(files);
    const doc = loadSpecFile(path.join(dir, 's.spec.yaml'), 's.spec.yaml').documents[0];
    return doc.ok ? [] : doc.problems.map((p) => `${p.location.file}:${p.location.line}:${p.location.column}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
  };
  const spec = (entry: string) => `name: x\nsteps:\n  - kubectl: get pods\n    expect:\n      - ${entry}\n`;

  test('load errors point into the assert file, or at the spec for a file that is not there', () => {
    expect(problems({ 's.spec.yaml': spec('file: missing.yaml') })).toEqual([
      "s.spec.yaml:5:15: missing.yaml: no such file beside the spec (assert files are read beside the spec (its `manifests:` folder, then the spec's own), never from a submission)",
    ]);
    expect(problems({ 's.spec.yaml': spec('file: a.yaml'), 'a.yaml': 'kind: Deployment\nmetadata: { name: [x }\n' })[0]).toMatch(/^a\.yaml:2:\d+: invalid YAML: /);
    expect(problems({ 's.spec.yaml': spec('file: a.yaml'), 'a.yaml': 'apiVersion: v1\nkind: Pod\n---\n- a list\n---\napiVersion: apps/v1\nkind: Deploymnet\n---\nmetadata: { name: x }\n---\napiVersion: apps/v1beta1\nkind: Deployment\n---\napiVersion: v1\nkind: Pod\nmetadata: { name: 3 }\n' })).toEqual([
      'a.yaml:4:1: a.yaml #2: a document of an assert file is an object, a map (write `apiVersion:`, `kind:`, `metadata:` and the fields the object must have)',
      'a.yaml:7:7: a.yaml #3: unknown kind `Deploymnet` (did you mean `Deployment`?)',
      'a.yaml:9:1: a.yaml #4: the document names no `kind` (add `kind: Deployment` (and its `apiVersion`))',
      'a.yaml:11:13: a.yaml #5: apiVersion "apps/v1beta1": the embedded cluster serves Deployment as apps/v1 (write `apiVersion: apps/v1`)',
      'a.yaml:16:19: a.yaml #6: `metadata.name` is a text (write the name as text, or leave it out)',
    ]);
    expect(problems({ 's.spec.yaml': spec('file: a.yaml'), 'a.yaml': 'apiVersion: kuttl.dev/v1beta1\nkind: TestAssert\ntimeout: 30\n' })).toEqual([
      'a.yaml:2:7: a.yaml #1: unknown kind `TestAssert` (a KUTTL TestAssert or TestStep is not an object to check: `kubespec import kuttl` converts a KUTTL suite)',
    ]);
    expect(problems({ 's.spec.yaml': spec('file: a.yaml'), 'a.yaml': '# nothing\n' })).toEqual(['s.spec.yaml:5:15: a.yaml: the assert file holds no object (write partial objects (apiVersion, kind, metadata.name, the fields to check))']);
  });

  test('the entry itself: a relative path, only `file` and `absent`', () => {
    expect(problems({ 's.spec.yaml': spec('file: ../a.yaml') })).toEqual([
      "s.spec.yaml:5:15: steps[0].expect[0].file: ../a.yaml: the path leaves its folder ('..' is not allowed) (keep manifests inside the spec (or submission) folder)",
    ]);
    expect(problems({ 's.spec.yaml': spec('{ file: a.yaml, absent: yes, kind: Pod }'), 'a.yaml': 'apiVersion: v1\nkind: Pod\n' })).toEqual([
      's.spec.yaml:5:33: steps[0].expect[0].absent: wrong type, found the text "yes" (expected `true` or `false`)',
      's.spec.yaml:5:38: steps[0].expect[0]: unknown key `kind` in an assertion (allowed keys: file, absent)',
    ]);
  });

  test('with manifests:, the file is looked for in that folder first', () => {
    const dir = folder({ 'specs/s.spec.yaml': `manifests: ../m\n${spec('file: a.yaml')}`, 'm/a.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\n' });
    const doc = loadSpecFile(path.join(dir, 'specs/s.spec.yaml'), 'specs/s.spec.yaml').documents[0];
    expect(doc.ok && doc.spec.steps[0].expect[0].location.file).toBe('m/a.yaml');
  });
});

describe('running', () => {
  test('asserts and errors hold on the embedded cluster', async () => {
    const r = await runSpecs([passing()]);
    expect(r.specs[0].steps[0].failures).toEqual([]);
    expect(r.summary.passed).toBe(1);
  });

  test('a failure points at the document in the assert file; lists compare by length and order', async () => {
    const dir = passing();
    fs.writeFileSync(path.join(dir, '00-assert.yaml'), ASSERT.replace('      - name: nginx\n        image: nginx:1.25\n', '      - name: nginx\n        image: nginx:1.25\n      - name: sidecar\n'));
    fs.writeFileSync(path.join(dir, '00-errors.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nstatus: { readyReplicas: 2 }\n');
    const r = await runSpecs([dir]);
    const failures = r.specs[0].steps[0].failures;
    expect(failures.map((f) => [f.message.split('\n')[0], f.location?.file.endsWith('00-assert.yaml') || f.location?.file.endsWith('00-errors.yaml'), f.location?.line])).toEqual([
      ['Deployment web does not match: spec.template.spec.containers: expected 2 elements, found 1', true, 1],
      ['expected no Deployments named web where {status: {readyReplicas: 2}}, found 1: web', true, 1],
    ]);
  });

  test('kubespec validate checks them; kubespec files does not list them for students', async () => {
    const dir = passing();
    const ok = await kubespec('validate', dir);
    expect([ok.code, ok.stdout]).toEqual([0, expect.stringContaining('1 spec')]);
    fs.writeFileSync(path.join(dir, '00-errors.yaml'), 'apiVersion: v1\nkind: Pdo\n');
    const bad = await kubespec('validate', dir);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('00-errors.yaml:2:7: 00-errors.yaml #1: unknown kind `Pdo` (did you mean `Pod`?)');
    fs.writeFileSync(path.join(dir, '00-errors.yaml'), ERRORS);
    const files = await kubespec('files', dir);
    expect(files.stdout).toContain('00-install.yaml');
    expect(files.stdout).not.toContain('00-assert.yaml');
  });

  test('a submission cannot bring its own assert file', async () => {
    const dir = passing();
    const student = folder({ '00-install.yaml': DEPLOY.replace('replicas: 2', 'replicas: 1'), '00-assert.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: { name: default }\n', '00-errors.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: { name: nothing }\n' });
    const r = await runSpecs([dir], { submission: student, submissionOnly: true });
    expect(r.specs[0].status).toBe('failed');
    expect(r.specs[0].steps[0].failures[0].message).toContain('status.readyReplicas: expected 2, found 1');
  });
});
