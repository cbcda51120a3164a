// Object assertions against objects created directly in a cluster without controllers: selection,
// counts, where, match, ownedBy (by uid), and what a failure carries (message, names, every
// mismatching field, a pruned YAML diff).
import { Cluster } from '../../cluster/cluster';
import type { KubeObject } from '../../apiserver/types';
import type { ObjectAssertion } from '../model';
import { checkObjectAssertion } from './object';

const at = { file: 'a.spec.yaml', line: 7, column: 9 };

function assertion(a: Partial<ObjectAssertion>): ObjectAssertion {
  return { type: 'object', location: at, path: ['steps', 0, 'expect', 0], kind: 'Pod', namespace: 'default', ...a };
}

function pod(name: string, labels: Record<string, string>, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
    ...extra,
  };
}

function setup(): Cluster {
  const c = new Cluster({}, []);
  const rs = c.api.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } },
  });
  const ref = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true };
  c.api.create(pod('web-abc12', { app: 'web' }, { metadata: { name: 'web-abc12', labels: { app: 'web' }, ownerReferences: [ref] } }));
  c.api.create(pod('web-def34', { app: 'web' }, { metadata: { name: 'web-def34', labels: { app: 'web' }, ownerReferences: [ref] } }));
  c.api.create(pod('lonely', { app: 'web', tier: 'x' }));
  c.api.create(pod('db-1', { app: 'db' }));
  return c;
}

describe('checkObjectAssertion', () => {
  it('passes when the selection has the count', () => {
    const c = setup();
    expect(checkObjectAssertion(c.api, assertion({ selector: 'app=web', count: 3 }))).toBeUndefined();
    expect(checkObjectAssertion(c.api, assertion({ selector: 'app=web', count: { min: 2, max: 3 } }))).toBeUndefined();
    expect(checkObjectAssertion(c.api, assertion({ name: 'db-1' }))).toBeUndefined();
    expect(checkObjectAssertion(c.api, assertion({ selector: 'app=nope', absent: true }))).toBeUndefined();
    expect(checkObjectAssertion(c.api, assertion({ kind: 'Node', name: 'worker0' }))).toBeUndefined();
    expect(checkObjectAssertion(c.api, assertion({ selector: 'app=web', namespace: '*', count: 3 }))).toBeUndefined();
  });

  it('a count failure names what was found', () => {
    const c = setup();
    const f = checkObjectAssertion(c.api, assertion({ selector: 'app=web', where: { metadata: { ownerReferences: { contains: [{ kind: 'ReplicaSet' }] } } }, count: 3 }))!;
    expect(f.message).toBe(
      'expected 3 Pods with selector app=web where {metadata: {ownerReferences: {contains: [{kind: ReplicaSet}]}}}, found 2: web-abc12, web-def34 (1 more left out by `where`: lonely)',
    );
    expect(f).toMatchObject({ kind: 'expect', location: at, selected: ['Pod/web-abc12', 'Pod/web-def34'] });
    expect(f.selection).toBe('Pod selector=app=web where {metadata: {ownerReferences: {contains: [{kind: ReplicaSet}]}}}');
  });

  it('the count message from the brief', () => {
    const c = setup();
    const f = checkObjectAssertion(c.api, assertion({ selector: 'app=web', count: 2 }))!;
    expect(f.message).toBe('expected 2 Pods with selector app=web, found 3: lonely, web-abc12, web-def34');
  });

  it('absent, bounds, existence', () => {
    const c = setup();
    expect(checkObjectAssertion(c.api, assertion({ selector: 'app=db', absent: true }))!.message).toBe('expected no Pods with selector app=db, found 1: db-1');
    expect(checkObjectAssertion(c.api, assertion({ selector: 'app=web', count: { min: 4 } }))!.message).toMatch(/^expected at least 4 Pods with selector app=web, found 3: /);
    expect(checkObjectAssertion(c.api, assertion({ selector: 'app=web', count: { max: 1 } }))!.message).toMatch(/^expected at most 1 Pod with selector app=web, found 3: /);
    expect(checkObjectAssertion(c.api, assertion({ kind: 'Deployment', name: 'web' }))!.message).toBe('expected Deployment web to exist, found none');
    expect(checkObjectAssertion(c.api, assertion({ selector: 'app=zzz' }))!.message).toBe('expected at least one Pod with selector app=zzz, found none');
  });

  it('fieldSelector and namespace narrow the selection', () => {
    const c = setup();
    expect(checkObjectAssertion(c.api, assertion({ selector: 'app=web', fieldSelector: 'metadata.name=lonely', count: 1 }))).toBeUndefined();
    expect(checkObjectAssertion(c.api, assertion({ selector: 'app=web', namespace: 'kube-system', absent: true }))).toBeUndefined();
  });

  it('match: every mismatching field of every object, and a pruned YAML diff', () => {
    const c = setup();
    const f = checkObjectAssertion(c.api, assertion({ selector: 'app=web', match: { metadata: { labels: { tier: 'x' } }, spec: { containers: [{ image: 'nginx:1.26' }] } } }))!;
    expect(f.message).toBe(
      'expected every one of 3 Pods with selector app=web to match; 3 do not: lonely, web-abc12, web-def34 (lonely: spec.containers[0].image: expected nginx:1.26, found nginx:1.25)',
    );
    expect(f.mismatches).toEqual([
      { object: 'Pod/lonely', fields: [{ path: 'spec.containers[0].image', expected: 'nginx:1.26', actual: 'nginx:1.25' }] },
      {
        object: 'Pod/web-abc12',
        fields: [
          { path: 'metadata.labels.tier', expected: 'x', actual: undefined, note: 'missing' },
          { path: 'spec.containers[0].image', expected: 'nginx:1.26', actual: 'nginx:1.25' },
        ],
      },
      {
        object: 'Pod/web-def34',
        fields: [
          { path: 'metadata.labels.tier', expected: 'x', actual: undefined, note: 'missing' },
          { path: 'spec.containers[0].image', expected: 'nginx:1.26', actual: 'nginx:1.25' },
        ],
      },
    ]);
    expect(f.diff!.split('\n').slice(0, 20)).toEqual([
      '--- expected',
      '+++ actual',
      '@@ -1,26 +1,24 @@',
      ' kind: Pod',
      ' metadata:',
      '   name: lonely',
      '   labels:',
      '     tier: x',
      ' spec:',
      '   containers:',
      '-    - image: nginx:1.26',
      '+    - image: nginx:1.25',
      ' ---',
      ' kind: Pod',
      ' metadata:',
      '   name: web-abc12',
      '-  labels:',
      '-    tier: x',
      '+  labels: {}',
      ' spec:',
    ]);
  });

  it('a single named object: one line with the first field', () => {
    const c = setup();
    const f = checkObjectAssertion(c.api, assertion({ kind: 'ReplicaSet', name: 'web', match: { spec: { replicas: 5, template: { spec: { containers: [{ image: '/1\\.26/' }] } } } } }))!;
    expect(f.message).toBe('ReplicaSet web does not match: spec.replicas: expected 5, found 3 (and 1 more field)');
    expect(f.diff).toBe(
      [
        '--- expected',
        '+++ actual',
        '@@ -1,9 +1,9 @@',
        ' kind: ReplicaSet',
        ' metadata:',
        '   name: web',
        ' spec:',
        '-  replicas: 5',
        '+  replicas: 3',
        '   template:',
        '     spec:',
        '       containers:',
        '-        - image: /1\\.26/',
        '+        - image: nginx:1.25',
      ].join('\n'),
    );
  });

  it('ownedBy: the controller reference, resolved to the owner uid', () => {
    const c = setup();
    expect(checkObjectAssertion(c.api, assertion({ name: 'web-abc12', ownedBy: { kind: 'ReplicaSet', name: 'web' } }))).toBeUndefined();
    expect(checkObjectAssertion(c.api, assertion({ name: 'lonely', ownedBy: 'none' }))).toBeUndefined();
    const f = checkObjectAssertion(c.api, assertion({ selector: 'app=web', ownedBy: { kind: 'ReplicaSet', name: 'web' } }))!;
    expect(f.message).toMatch(/^Pod|expected every one of 3 Pods with selector app=web to match; 1 does not: lonely \(lonely: metadata.ownerReferences: no controller ownerReference\)$/);
    const none = checkObjectAssertion(c.api, assertion({ name: 'web-abc12', ownedBy: 'none' }))!;
    expect(none.mismatches![0].fields[0]).toMatchObject({ path: 'metadata.ownerReferences', expected: [], note: 'expected no owner' });
  });

  it('ownedBy: an owner recreated under the same name does not count', () => {
    const c = setup();
    const old = c.api.get('ReplicaSet', 'web')!;
    c.api.delete('ReplicaSet', 'web', { propagationPolicy: 'Orphan' });
    // The orphan finalizer is removed by the garbage collector; without one, drop it by hand.
    const pending = c.api.get('ReplicaSet', 'web');
    if (pending) c.api.update({ ...pending, metadata: { ...pending.metadata, finalizers: [] } });
    const fresh = c.api.create({ ...old, metadata: { name: 'web' } });
    expect(fresh.metadata.uid).not.toBe(old.metadata.uid);
    const f = checkObjectAssertion(c.api, assertion({ name: 'web-abc12', ownedBy: { kind: 'ReplicaSet', name: 'web' } }))!;
    expect(f.mismatches![0].fields[0].note).toBe(`controlled by an earlier ReplicaSet web (uid ${old.metadata.uid}), not the current one (uid ${fresh.metadata.uid})`);
    expect(f.diff).toContain(`-      uid: ${fresh.metadata.uid}`);
    expect(f.diff).toContain(`+      uid: ${old.metadata.uid}`);
  });

  it('ownedBy: a missing owner is said so', () => {
    const c = setup();
    const f = checkObjectAssertion(c.api, assertion({ name: 'db-1', ownedBy: { kind: 'ReplicaSet', name: 'db' } }))!;
    expect(f.message).toBe('Pod db-1 does not match: metadata.ownerReferences: the owner ReplicaSet db does not exist');
  });

  it('count and match failures together', () => {
    const c = setup();
    const f = checkObjectAssertion(c.api, assertion({ selector: 'app=db', count: 2, match: { status: { phase: 'Running' } } }))!;
    expect(f.message).toBe('expected 2 Pods with selector app=db, found 1: db-1');
    // No kubelet runs here: the pod is not Running (Pending once the pod strategy sets it, else missing).
    expect(f.mismatches).toHaveLength(1);
    expect(f.mismatches![0].object).toBe('Pod/db-1');
    expect(f.mismatches![0].fields).toEqual([expect.objectContaining({ path: 'status.phase', expected: 'Running' })]);
  });
});
