// Each action against a cluster without controllers (objects only change because the action
// changed them), with manifests in a temporary folder: sandboxing, YAML problems, and what each
// action does to the objects.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Cluster } from '../../cluster/cluster';
import type { Action } from '../model';
import { runAction, type ActionContext } from '.';

const rs = (replicas?: number, extra = '') => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
  labels: { app: web${extra} }
spec:
${replicas !== undefined ? `  replicas: ${replicas}\n` : ''}  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: nginx, image: "nginx:1.25" }]
`;

const pod = (name: string, app = 'web') => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

let dir: string;
let outside: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-actions-'));
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-outside-'));
  fs.writeFileSync(path.join(dir, 'rs.yaml'), rs(3));
  fs.writeFileSync(path.join(dir, 'rs-noreplicas.yaml'), rs());
  fs.writeFileSync(path.join(dir, 'rs-tier.yaml'), rs(undefined, ', tier: fe'));
  fs.mkdirSync(path.join(dir, 'many'));
  fs.writeFileSync(path.join(dir, 'many', 'b.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: { name: svc }\nspec: { selector: { app: web }, ports: [{ port: 80 }] }\n');
  fs.writeFileSync(path.join(dir, 'many', 'a.yml'), rs(1));
  fs.writeFileSync(path.join(dir, 'many', 'notes.txt'), 'ignored');
  fs.writeFileSync(path.join(outside, 'secret.yaml'), rs(1));
  fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'link.yaml'));
  const bomb = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 10; i++) bomb.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
  fs.writeFileSync(path.join(dir, 'bomb.yaml'), `apiVersion: v1\nkind: ConfigMap\n${bomb.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'big.yaml'), `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
  fs.writeFileSync(path.join(dir, 'bad.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n');
  fs.writeFileSync(path.join(dir, 'wrong-version.yaml'), 'apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: { name: d }\n');
  fs.writeFileSync(path.join(dir, 'list.yaml'), 'apiVersion: v1\nkind: List\nitems:\n  - { apiVersion: v1, kind: Pod, metadata: { name: l1 }, spec: { containers: [{ name: c, image: nginx }] } }\n  - { apiVersion: v1, kind: Pod, metadata: { name: l2 }, spec: { containers: [{ name: c, image: nginx }] } }\n');
});

function ctxFor(cluster = new Cluster({}, [])): ActionContext & { cluster: Cluster } {
  return { cluster, roots: [dir], specFile: 'a.spec.yaml', maxFileBytes: 1024 * 1024, settle: {} };
}

const loc = { file: 'a.spec.yaml', line: 3, column: 5 };

describe('apply and create', () => {
  it('apply creates, then leaves unchanged, then configures', () => {
    const ctx = ctxFor();
    expect(runAction({ type: 'apply', source: { files: ['rs.yaml'] } }, ctx)).toEqual({ output: 'replicaset.apps/web created' });
    expect(ctx.cluster.api.get('ReplicaSet', 'web')!.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']).toContain('"replicas":3');
    expect(runAction({ type: 'apply', source: { files: ['rs.yaml'] } }, ctx)).toEqual({ output: 'replicaset.apps/web unchanged' });
    expect(runAction({ type: 'apply', source: { files: ['rs-tier.yaml'] } }, ctx).output).toBe('replicaset.apps/web configured');
    expect(ctx.cluster.api.get('ReplicaSet', 'web')!.metadata.labels).toEqual({ app: 'web', tier: 'fe' });
  });

  it('apply is a three-way merge: what nobody applied stays, what was applied and dropped goes', () => {
    const ctx = ctxFor();
    runAction({ type: 'apply', source: { files: ['rs-tier.yaml'] } }, ctx);
    runAction({ type: 'scale', kind: 'ReplicaSet', name: 'web', replicas: 5, namespace: 'default' }, ctx);
    runAction({ type: 'label', kind: 'ReplicaSet', name: 'web', pick: 'all', set: { by: 'hand' }, remove: [], namespace: 'default' }, ctx);
    runAction({ type: 'apply', source: { files: ['rs-noreplicas.yaml'] } }, ctx);
    const live = ctx.cluster.api.get('ReplicaSet', 'web')!;
    expect(live.spec.replicas).toBe(5);
    expect(live.metadata.labels).toEqual({ app: 'web', by: 'hand' });
  });

  it('a list of files, a folder (its manifest files, sorted) and a List', () => {
    const ctx = ctxFor();
    expect(runAction({ type: 'apply', source: { files: ['many'] } }, ctx).output).toBe('replicaset.apps/web created\nservice/svc created');
    expect(runAction({ type: 'create', source: { files: ['list.yaml'] } }, ctx).output).toBe('pod/l1 created\npod/l2 created');
  });

  it('inline manifests: an object, a list of objects, YAML text', () => {
    const ctx = ctxFor();
    expect(runAction({ type: 'create', source: { objects: [pod('a')], location: loc } }, ctx).output).toBe('pod/a created');
    expect(runAction({ type: 'create', source: { objects: [pod('b'), pod('c')], location: loc } }, ctx).output).toBe('pod/b created\npod/c created');
    expect(runAction({ type: 'apply', source: { text: rs(2), location: loc } }, ctx).output).toBe('replicaset.apps/web created');
    const bad = runAction({ type: 'apply', source: { text: 'kind: [', location: loc } }, ctx);
    // kubectl's words (as kubectl apply -f prints them), then kubespec's hint with the exact position
    expect(bad.error).toMatch(/^error: error parsing a\.spec\.yaml:3 \(inline manifest\): error converting YAML to JSON: yaml: line 1: did not find expected ',' or '\]'\nhint: a\.spec\.yaml:3 \(inline manifest\):1:/);
  });

  it('create refuses an object that exists; the other objects are still created', () => {
    const ctx = ctxFor();
    runAction({ type: 'create', source: { files: ['rs.yaml'] } }, ctx);
    const r = runAction({ type: 'create', source: { objects: [pod('x'), JSON.parse(JSON.stringify(ctx.cluster.api.get('ReplicaSet', 'web')))], location: loc } }, ctx);
    expect(r.output).toBe('pod/x created');
    expect(r.error).toMatch(/AlreadyExists.*replicasets\.apps "web" already exists/);
  });

  it('names the manifest and position of a document kubectl would refuse', () => {
    const ctx = ctxFor();
    expect(runAction({ type: 'apply', source: { files: ['wrong-version.yaml'] } }, ctx).error).toBe(
      'error: wrong-version.yaml:1:1: resource mapping not found for name: "d" namespace: "default" from "wrong-version.yaml": no matches for kind "Deployment" in version "apps/v1beta1" (Deployment is served as apiVersion apps/v1)',
    );
    expect(runAction({ type: 'apply', source: { objects: [{ kind: 'Pod' }], location: loc } }, ctx).error).toBe(
      'error: a.spec.yaml:3:5: error validating "a.spec.yaml:3 (inline manifest)": error validating data: [apiVersion not set]',
    );
  });
});

describe('manifest files are read safely', () => {
  it('refuses paths that leave the folder: .., absolute, a symlink pointing outside', () => {
    const ctx = ctxFor();
    expect(runAction({ type: 'apply', source: { files: ['../x.yaml'] } }, ctx).error).toBe("error: ../x.yaml: the path leaves its folder ('..' is not allowed)");
    expect(runAction({ type: 'apply', source: { files: ['/etc/passwd'] } }, ctx).error).toBe('error: /etc/passwd: absolute paths are not allowed; name a file relative to the spec or submission folder');
    expect(runAction({ type: 'apply', source: { files: ['link.yaml'] } }, ctx).error).toBe('error: link.yaml: a symbolic link that points outside its folder is not allowed');
    expect(runAction({ type: 'delete', file: '../x.yaml', pick: 'all', cascade: 'background', namespace: 'default' }, ctx).error).toMatch(/leaves its folder/);
    // Nothing was applied: no ReplicaSet of the user's (coredns' in kube-system is the cluster's own).
    expect(ctx.cluster.api.list('ReplicaSet', { namespace: 'default' })).toEqual([]);
  });

  it('a missing file, a folder without manifests', () => {
    const ctx = ctxFor();
    expect(runAction({ type: 'apply', source: { files: ['nope.yaml'] } }, ctx).error).toBe('error: nope.yaml: no such file');
  });

  it('the submission folder is looked in first', () => {
    const sub = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-sub-'));
    fs.writeFileSync(path.join(sub, 'rs.yaml'), rs(7));
    const ctx = { ...ctxFor(), roots: [sub, dir] };
    runAction({ type: 'apply', source: { files: ['rs.yaml', 'many/b.yaml'] } }, ctx);
    expect(ctx.cluster.api.get('ReplicaSet', 'web')!.spec.replicas).toBe(7);
    expect(ctx.cluster.api.get('Service', 'svc')).toBeDefined();
  });

  it('an alias bomb, a huge file, a duplicate key: clear errors, quickly', () => {
    const ctx = ctxFor();
    const t = process.hrtime.bigint();
    expect(runAction({ type: 'apply', source: { files: ['bomb.yaml'] } }, ctx).error).toMatch(/^error: error parsing bomb\.yaml: error converting YAML to JSON: yaml: line \d+: YAML aliases expand to too many nodes \(limit 100\): refusing a possible alias bomb\nhint: bomb\.yaml:\d+:\d+: /);
    expect(Number(process.hrtime.bigint() - t) / 1e6).toBeLessThan(1000);
    expect(runAction({ type: 'apply', source: { files: ['big.yaml'] } }, ctx).error).toBe('error: big.yaml: file is 2097155 bytes, larger than the limit of 1048576 bytes');
    expect(runAction({ type: 'apply', source: { files: ['bad.yaml'] } }, ctx).error).toMatch(/^error: error parsing bad\.yaml: error converting YAML to JSON: yaml: unmarshal errors:\n {2}line 5: key "\w+" already set in map\nhint: bad\.yaml:5:3: the key "\w+" is written twice in one map; keep one$/);
  });
});

describe('delete', () => {
  function three(): ActionContext {
    const ctx = ctxFor();
    for (const [i, name] of ['p-c', 'p-a', 'p-b'].entries()) {
      ctx.cluster.api.create(pod(name));
      ctx.cluster.clock.advanceTo(ctx.cluster.clock.now() + 1000 * (i + 1));
    }
    ctx.cluster.api.create(pod('other', 'db'));
    return ctx;
  }
  const del = (a: Partial<Extract<Action, { type: 'delete' }>>): Action => ({ type: 'delete', kind: 'Pod', pick: 'all', cascade: 'background', namespace: 'default', ...a });
  const names = (ctx: ActionContext) => ctx.cluster.api.list('Pod', { namespace: 'default' }).map((p) => p.metadata.name);

  it('by name; a missing name is NotFound', () => {
    const ctx = three();
    expect(runAction(del({ name: 'p-a' }), ctx).output).toBe('pod "p-a" deleted');
    expect(runAction(del({ name: 'p-a' }), ctx).error).toBe('Error from server (NotFound): pods "p-a" not found');
  });

  it('by selector: all, oldest, newest, an index into creation order', () => {
    let ctx = three();
    runAction(del({ selector: 'app=web', pick: 'oldest' }), ctx);
    expect(names(ctx)).toEqual(['other', 'p-a', 'p-b']);
    runAction(del({ selector: 'app=web', pick: 'newest' }), ctx);
    expect(names(ctx)).toEqual(['other', 'p-a']);
    ctx = three();
    runAction(del({ selector: 'app=web', pick: 1 }), ctx);
    expect(names(ctx)).toEqual(['other', 'p-b', 'p-c']);
    expect(runAction(del({ selector: 'app=web', pick: 5 }), ctx).error).toBe('error: cannot pick #5: only 2 Pods match selector "app=web" (indexes start at 0)');
    expect(runAction(del({ selector: 'app=zzz', pick: 'oldest' }), ctx).error).toBe('error: cannot pick the oldest: no Pods match selector "app=zzz"');
    expect(runAction(del({ selector: 'app=web' }), ctx).output).toBe('pod "p-b" deleted\npod "p-c" deleted');
    expect(runAction(del({ selector: 'app=web' }), ctx).output).toBe('No resources found');
  });

  it('cascade orphan asks the API server to orphan dependents', () => {
    const ctx = ctxFor();
    runAction({ type: 'apply', source: { files: ['rs.yaml'] } }, ctx);
    runAction({ type: 'delete', file: 'rs.yaml', pick: 'all', cascade: 'orphan', namespace: 'default' }, ctx);
    // No garbage collector runs here: the object waits with the orphan finalizer.
    expect(ctx.cluster.api.get('ReplicaSet', 'web')!.metadata.finalizers).toEqual(['orphan']);
  });
});

describe('scale, setImage, label, patch', () => {
  it('scale sets spec.replicas; a negative count is refused as kubectl refuses it', () => {
    const ctx = ctxFor();
    runAction({ type: 'apply', source: { files: ['rs.yaml'] } }, ctx);
    expect(runAction({ type: 'scale', kind: 'ReplicaSet', name: 'web', replicas: 5, namespace: 'default' }, ctx).output).toBe('replicaset.apps/web scaled');
    expect(ctx.cluster.api.get('ReplicaSet', 'web')!.spec.replicas).toBe(5);
    expect(runAction({ type: 'scale', kind: 'ReplicaSet', name: 'web', replicas: -1, namespace: 'default' }, ctx).error).toBe(
      'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
    );
    // kubectl 1.32's own words for a named object that is not there (its scale command prints the
    // NotFound after "no objects passed to scale"; the differential harness holds it to the real one).
    expect(runAction({ type: 'scale', kind: 'ReplicaSet', name: 'nope', replicas: 1, namespace: 'default' }, ctx).error).toBe('error: no objects passed to scale replicasets.apps "nope" not found');
  });

  it('setImage changes the container image (or every container with *)', () => {
    const ctx = ctxFor();
    runAction({ type: 'apply', source: { files: ['rs.yaml'] } }, ctx);
    expect(runAction({ type: 'setImage', kind: 'ReplicaSet', name: 'web', container: 'nginx', image: 'nginx:1.26', namespace: 'default' }, ctx).output).toBe('replicaset.apps/web image updated');
    expect(ctx.cluster.api.get('ReplicaSet', 'web')!.spec.template.spec.containers[0].image).toBe('nginx:1.26');
    runAction({ type: 'setImage', kind: 'ReplicaSet', name: 'web', container: '*', image: 'httpd', namespace: 'default' }, ctx);
    expect(ctx.cluster.api.get('ReplicaSet', 'web')!.spec.template.spec.containers[0].image).toBe('httpd');
    expect(runAction({ type: 'setImage', kind: 'ReplicaSet', name: 'web', container: 'x', image: 'a', namespace: 'default' }, ctx).error).toBe('error: unable to find container named "x"');
  });

  it('label sets and removes labels, overwriting, on a name or a picked object', () => {
    const ctx = ctxFor();
    ctx.cluster.api.create(pod('a'));
    ctx.cluster.clock.advanceTo(ctx.cluster.clock.now() + 1000);
    ctx.cluster.api.create(pod('b'));
    expect(runAction({ type: 'label', kind: 'Pod', name: 'a', pick: 'all', set: { app: 'api', v: '2' }, remove: [], namespace: 'default' }, ctx).output).toBe('pod/a labeled');
    expect(ctx.cluster.api.get('Pod', 'a')!.metadata.labels).toEqual({ app: 'api', v: '2' });
    runAction({ type: 'label', kind: 'Pod', selector: 'app', pick: 'newest', set: {}, remove: ['app'], namespace: 'default' }, ctx);
    expect(ctx.cluster.api.get('Pod', 'b')!.metadata.labels).toBeUndefined();
    expect(runAction({ type: 'label', kind: 'Pod', selector: 'app=zzz', pick: 'all', set: { a: 'b' }, remove: [], namespace: 'default' }, ctx).error).toBe('error: no objects passed to label');
  });

  it('patch (extension): strategic, merge and json', () => {
    const ctx = ctxFor();
    runAction({ type: 'apply', source: { files: ['rs.yaml'] } }, ctx);
    expect(runAction({ type: 'patch', kind: 'ReplicaSet', name: 'web', namespace: 'default', patchType: 'merge', patch: { spec: { replicas: 2 } } }, ctx).output).toBe('replicaset.apps/web patched');
    expect(runAction({ type: 'patch', kind: 'ReplicaSet', name: 'web', namespace: 'default', patchType: 'json', patch: [{ op: 'replace', path: '/spec/replicas', value: 2 }] }, ctx).output).toBe(
      'replicaset.apps/web patched (no change)',
    );
    expect(ctx.cluster.api.get('ReplicaSet', 'web')!.spec.replicas).toBe(2);
  });
});

describe('rollout', () => {
  const deploy = (image: string) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image }] } } },
  });

  it('restart stamps the template with the simulated time; pause and resume', () => {
    const ctx = ctxFor();
    ctx.cluster.api.create(deploy('nginx:1'));
    ctx.cluster.clock.advanceTo(ctx.cluster.clock.now() + 65_000);
    expect(runAction({ type: 'rollout', action: 'restart', kind: 'Deployment', name: 'd', namespace: 'default' }, ctx).output).toBe('deployment.apps/d restarted');
    expect(ctx.cluster.api.get('Deployment', 'd')!.spec.template.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2024-01-01T00:01:05Z' });
    expect(runAction({ type: 'rollout', action: 'pause', kind: 'Deployment', name: 'd', namespace: 'default' }, ctx).output).toBe('deployment.apps/d paused');
    expect(ctx.cluster.api.get('Deployment', 'd')!.spec.paused).toBe(true);
    expect(runAction({ type: 'rollout', action: 'restart', kind: 'Deployment', name: 'd', namespace: 'default' }, ctx).error).toMatch(/can't restart paused deployment/);
    expect(runAction({ type: 'rollout', action: 'resume', kind: 'Deployment', name: 'd', namespace: 'default' }, ctx).output).toBe('deployment.apps/d resumed');
  });

  it('undo restores the template of the previous revision (ReplicaSets made by hand here)', () => {
    const ctx = ctxFor();
    const d = ctx.cluster.api.create(deploy('nginx:2'));
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true };
    for (const [rev, image] of [
      ['1', 'nginx:1'],
      ['2', 'nginx:2'],
    ]) {
      ctx.cluster.api.create({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: `d-${rev}`, labels: { app: 'd', 'pod-template-hash': rev }, annotations: { 'deployment.kubernetes.io/revision': rev }, ownerReferences: [ref] },
        spec: { replicas: 0, selector: { matchLabels: { app: 'd', 'pod-template-hash': rev } }, template: { metadata: { labels: { app: 'd', 'pod-template-hash': rev } }, spec: { containers: [{ name: 'c', image }] } } },
      });
    }
    expect(runAction({ type: 'rollout', action: 'undo', kind: 'Deployment', name: 'd', namespace: 'default' }, ctx).output).toBe('deployment.apps/d rolled back');
    const live = ctx.cluster.api.get('Deployment', 'd')!;
    expect(live.spec.template.spec.containers[0].image).toBe('nginx:1');
    expect(live.spec.template.metadata.labels).toEqual({ app: 'd' });
    expect(runAction({ type: 'rollout', action: 'undo', kind: 'Deployment', name: 'd', toRevision: 1, namespace: 'default' }, ctx).output).toBe(
      'deployment.apps/d skipped rollback (current template already matches revision 1)',
    );
    expect(runAction({ type: 'rollout', action: 'undo', kind: 'Deployment', name: 'd', toRevision: 9, namespace: 'default' }, ctx).error).toMatch(/unable to find specified revision 9 in history/);
  });
});

describe('node and wait', () => {
  const ready = (ctx: ActionContext, name: string) => ctx.cluster.api.get('Node', name)!.status!.conditions.find((c: any) => c.type === 'Ready');

  it('a node fails (its kubelet stops: Ready=False) and recovers, through the API', () => {
    const ctx = ctxFor();
    ctx.cluster.clock.advanceTo(ctx.cluster.clock.now() + 10_000);
    expect(runAction({ type: 'node', name: 'worker1', ready: false }, ctx).output).toBe('node/worker1 not ready');
    expect(ready(ctx, 'worker1')).toMatchObject({ type: 'Ready', status: 'False', reason: 'KubeletNotReady', lastTransitionTime: '2024-01-01T00:00:10Z' });
    runAction({ type: 'node', name: 'worker1', ready: true }, ctx);
    expect(ready(ctx, 'worker1')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(runAction({ type: 'node', name: 'worker1', ready: 'unknown' }, ctx).output).toBe('node/worker1 unreachable');
    const conds = ctx.cluster.api.get('Node', 'worker1')!.status!.conditions;
    expect(conds.map((c: any) => [c.type, c.status, c.reason])).toEqual([
      ['MemoryPressure', 'Unknown', 'NodeStatusUnknown'],
      ['DiskPressure', 'Unknown', 'NodeStatusUnknown'],
      ['PIDPressure', 'Unknown', 'NodeStatusUnknown'],
      ['Ready', 'Unknown', 'NodeStatusUnknown'],
    ]);
    expect(runAction({ type: 'node', name: 'worker9', ready: true }, ctx).error).toBe('Error from server (NotFound): nodes "worker9" not found');
  });

  it('cordon and uncordon (extension)', () => {
    const ctx = ctxFor();
    expect(runAction({ type: 'node', name: 'worker0', unschedulable: true }, ctx).output).toBe('node/worker0 cordoned');
    expect(ctx.cluster.api.get('Node', 'worker0')!.spec.unschedulable).toBe(true);
    expect(runAction({ type: 'node', name: 'worker0', unschedulable: false }, ctx).output).toBe('node/worker0 uncordoned');
    expect(ctx.cluster.api.get('Node', 'worker0')!.spec.unschedulable).toBeUndefined();
  });

  it('wait moves the simulated clock', () => {
    const ctx = ctxFor();
    runAction({ type: 'wait', ms: 90_000, text: '90s' }, ctx);
    expect(ctx.cluster.clock.elapsed()).toBe(90_000);
  });
});

describe('kubectl', () => {
  it('runs the command line through the emulation, reading -f files inside the sandbox', () => {
    const ctx = ctxFor();
    const r = runAction({ type: 'kubectl', command: 'kubectl apply -f rs.yaml' }, ctx);
    expect(r).toEqual({ output: 'replicaset.apps/web created\n', exitCode: 0, stdout: 'replicaset.apps/web created\n', stderr: '' });
    const escape = runAction({ type: 'kubectl', command: 'apply -f ../outside.yaml' }, ctx);
    expect(escape.exitCode).toBe(1);
    expect(escape.stderr).toMatch(/leaves its folder/);
    const missing = runAction({ type: 'kubectl', command: 'get pod nope' }, ctx);
    expect(missing).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "nope" not found\n' });
  });
});
