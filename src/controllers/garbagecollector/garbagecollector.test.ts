// The garbage collector with the ReplicaSet controller on a real API server. Expected behaviour:
// kubernetes/website content/en/docs/concepts/architecture/garbage-collection.md and
// content/en/docs/tasks/administer-cluster/use-cascading-deletion.md (background, foreground,
// orphan), and pkg/controller/garbagecollector/garbagecollector.go attemptToDeleteItem.
import { Cluster } from '../../cluster/cluster';
import type { KubeObject, OwnerReference } from '../../apiserver/types';
import { ReplicaSetController } from '../replicaset';
import { GarbageCollector } from '.';

function newCluster(withReplicaSets = true): Cluster {
  return new Cluster({}, withReplicaSets ? [new ReplicaSetController(), new GarbageCollector()] : [new GarbageCollector()]);
}

const ref = (o: KubeObject, controller = true, blockOwnerDeletion = true): OwnerReference => ({
  apiVersion: o.apiVersion,
  kind: o.kind,
  name: o.metadata.name!,
  uid: o.metadata.uid!,
  controller,
  blockOwnerDeletion,
});

function deployment(name: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas: 3, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  };
}

function replicaSet(name: string, replicas: number, labels: Record<string, string>, owner?: KubeObject): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, ...(owner ? { ownerReferences: [ref(owner)] } : {}) },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  };
}

function pod(name: string, labels: Record<string, string>, ownerReferences?: OwnerReference[]): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels, ...(ownerReferences ? { ownerReferences } : {}) }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
}

/** A Deployment → ReplicaSet → 3 Pods chain made by hand (no deployment controller here). */
function chain(c: Cluster): { d: KubeObject; rs: KubeObject; pods: KubeObject[] } {
  const d = c.api.create(deployment('app'));
  const rs = c.api.create(replicaSet('app-5d8f9b8c4b', 3, { app: 'app', 'pod-template-hash': '5d8f9b8c4b' }, d));
  c.settle();
  return { d, rs, pods: c.api.list('Pod', { namespace: 'default' }) };
}

/** Record the order in which objects disappear. */
function deletions(c: Cluster): string[] {
  const out: string[] = [];
  c.api.watch('*', (ev) => {
    if (ev.type === 'DELETED' && ev.object.kind !== 'Event') out.push(`${ev.object.kind}/${ev.object.metadata.name}`);
  });
  return out;
}

const bind = (c: Cluster, p: KubeObject, node = 'worker0') => c.api.bind({ metadata: { name: p.metadata.name! }, target: { name: node } });

describe('garbage collector: background (the default)', () => {
  it('deleting a ReplicaSet deletes its pods', () => {
    const c = newCluster();
    c.api.create(replicaSet('web', 3, { app: 'web' }));
    c.settle();
    expect(c.api.list('Pod', { namespace: 'default' })).toHaveLength(3);
    c.api.delete('ReplicaSet', 'web');
    expect(c.api.get('ReplicaSet', 'web')).toBeUndefined(); // the owner goes at once
    c.settle();
    expect(c.api.list('Pod', { namespace: 'default' })).toHaveLength(0);
  });

  it('deleting a Deployment deletes its ReplicaSets and their pods', () => {
    const c = newCluster();
    const { pods } = chain(c);
    expect(pods).toHaveLength(3);
    c.api.delete('Deployment', 'app', { propagationPolicy: 'Background' });
    c.settle();
    expect(c.api.list('ReplicaSet', { namespace: 'default' })).toEqual([]);
    expect(c.api.list('Pod', { namespace: 'default' })).toEqual([]);
  });

  it('bound pods are deleted gracefully: terminating until their kubelet confirms', () => {
    const c = newCluster();
    c.api.create(replicaSet('web', 2, { app: 'web' }));
    c.settle();
    for (const p of c.api.list('Pod', { namespace: 'default' })) bind(c, p);
    c.api.delete('ReplicaSet', 'web');
    c.settle();
    const pods = c.api.list('Pod', { namespace: 'default' });
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.metadata.deletionTimestamp && p.metadata.deletionGracePeriodSeconds === 30)).toBe(true);
  });
});

describe('garbage collector: foreground', () => {
  it('Deployment → ReplicaSet → Pods go leaves first; owners stay visible, with the finalizer, until then', () => {
    const c = newCluster();
    const { pods } = chain(c);
    for (const p of pods) bind(c, p);
    const gone = deletions(c);
    c.api.delete('Deployment', 'app', { propagationPolicy: 'Foreground' });
    c.settle();
    // Pods are terminating (bound: graceful); the ReplicaSet was deleted in the foreground because it has dependents.
    const d = c.api.get('Deployment', 'app')!;
    const rs = c.api.get('ReplicaSet', 'app-5d8f9b8c4b')!;
    expect(d.metadata.deletionTimestamp).toBeDefined();
    expect(d.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(rs.metadata.deletionTimestamp).toBeDefined();
    expect(rs.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(c.api.list('Pod', { namespace: 'default' }).every((p) => p.metadata.deletionTimestamp)).toBe(true);
    expect(c.api.list('Pod', { namespace: 'default' })).toHaveLength(3); // no replacements for a ReplicaSet being deleted
    expect(gone).toEqual([]);
    // The kubelet confirms each pod's termination.
    for (const p of pods) {
      c.api.delete('Pod', p.metadata.name!, { gracePeriodSeconds: 0 });
      c.settle();
    }
    expect(gone).toEqual([...pods.map((p) => `Pod/${p.metadata.name}`), 'ReplicaSet/app-5d8f9b8c4b', 'Deployment/app']);
  });

  it('dependents without blockOwnerDeletion are deleted but do not hold the owner', () => {
    const c = newCluster(false);
    const owner = c.api.create(replicaSet('web', 0, { app: 'web' }));
    const p = c.api.create(pod('p', { app: 'x' }, [ref(owner, true, false)]));
    bind(c, p);
    c.api.delete('ReplicaSet', 'web', { propagationPolicy: 'Foreground' });
    c.settle();
    expect(c.api.get('ReplicaSet', 'web')).toBeUndefined();
    expect(c.api.get('Pod', 'p')!.metadata.deletionTimestamp).toBeDefined();
  });

  it('a dependent with another live owner is kept: only its reference to the deleted owner goes', () => {
    const c = newCluster(false);
    const svc = c.api.get('Service', 'kubernetes')!;
    const owner = c.api.create(replicaSet('web', 0, { app: 'web' }));
    c.api.create(pod('shared', { app: 'x' }, [ref(owner), ref(svc, false, false)]));
    c.api.delete('ReplicaSet', 'web', { propagationPolicy: 'Foreground' });
    c.settle();
    expect(c.api.get('ReplicaSet', 'web')).toBeUndefined();
    const kept = c.api.get('Pod', 'shared')!;
    expect(kept.metadata.deletionTimestamp).toBeUndefined();
    expect(kept.metadata.ownerReferences).toEqual([ref(svc, false, false)]);
  });

  it('an owner with no dependents goes at once', () => {
    const c = newCluster(false);
    c.api.create(replicaSet('web', 0, { app: 'web' }));
    c.api.delete('ReplicaSet', 'web', { propagationPolicy: 'Foreground' });
    expect(c.api.get('ReplicaSet', 'web')).toBeDefined();
    c.settle();
    expect(c.api.get('ReplicaSet', 'web')).toBeUndefined();
  });
});

describe('garbage collector: orphan', () => {
  it('orphaning a Deployment leaves its ReplicaSet without owner, still controlling its pods', () => {
    const c = newCluster();
    const { rs, pods } = chain(c);
    c.api.delete('Deployment', 'app', { propagationPolicy: 'Orphan' });
    c.settle();
    expect(c.api.get('Deployment', 'app')).toBeUndefined();
    const left = c.api.get('ReplicaSet', 'app-5d8f9b8c4b')!;
    expect(left.metadata.ownerReferences).toBeUndefined();
    expect(left.metadata.labels).toEqual(rs.metadata.labels);
    expect(c.api.list('Pod', { namespace: 'default' }).map((p) => p.metadata.ownerReferences)).toEqual(pods.map(() => [ref(rs)]));
  });

  it('the orphan finalizer is held until every dependent has lost its reference', () => {
    const c = newCluster(false);
    const owner = c.api.create(replicaSet('web', 0, { app: 'web' }));
    c.api.create(pod('a', { app: 'web' }, [ref(owner)]));
    c.api.create(pod('b', { app: 'web' }, [ref(owner, false, false)]));
    c.api.delete('ReplicaSet', 'web', { propagationPolicy: 'Orphan' });
    expect(c.api.get('ReplicaSet', 'web')!.metadata.finalizers).toEqual(['orphan']);
    c.settle();
    expect(c.api.get('ReplicaSet', 'web')).toBeUndefined();
    expect(c.api.list('Pod', { namespace: 'default' }).map((p) => p.metadata.ownerReferences)).toEqual([undefined, undefined]);
  });
});

describe('garbage collector: owners are checked by uid', () => {
  it('an owner recreated under the same name is a different owner: the old dependents are collected, not adopted', () => {
    const c = newCluster();
    c.api.create(replicaSet('web', 2, { app: 'web' }));
    c.settle();
    const old = c.api.list('Pod', { namespace: 'default' }).map((p) => p.metadata.name);
    // Delete and recreate before the collector runs.
    c.api.delete('ReplicaSet', 'web');
    const again = c.api.create(replicaSet('web', 2, { app: 'web' }));
    c.settle();
    const pods = c.api.list('Pod', { namespace: 'default' });
    expect(pods).toHaveLength(2);
    expect(pods.map((p) => p.metadata.name)).not.toEqual(expect.arrayContaining(old));
    expect(pods.every((p) => p.metadata.ownerReferences![0].uid === again.metadata.uid)).toBe(true);
  });

  it('an object created with a reference to an owner that does not exist is deleted', () => {
    const c = newCluster(false);
    const rs = c.api.create(replicaSet('web', 0, { app: 'web' }));
    c.api.create(pod('stale', { app: 'web' }, [{ ...ref(rs), uid: '00000000-0000-4000-8000-000000000000' }]));
    c.api.create(pod('nowhere', { app: 'x' }, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'missing', uid: '11111111-1111-4111-8111-111111111111' }]));
    c.settle();
    expect(c.api.get('Pod', 'stale')).toBeUndefined();
    expect(c.api.get('Pod', 'nowhere')).toBeUndefined();
  });

  it('with one live owner left, only the dangling references are removed', () => {
    const c = newCluster(false);
    const svc = c.api.get('Service', 'kubernetes')!;
    const rs = c.api.create(replicaSet('web', 0, { app: 'web' }));
    c.api.create(pod('shared', { app: 'x' }, [ref(rs), ref(svc, false, false)]));
    c.api.create(pod('born-dangling', { app: 'x' }, [ref(svc, false, false), { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'gone', uid: '22222222-2222-4222-8222-222222222222' }]));
    c.api.delete('ReplicaSet', 'web');
    c.settle();
    expect(c.api.get('Pod', 'shared')!.metadata.ownerReferences).toEqual([ref(svc, false, false)]);
    expect(c.api.get('Pod', 'born-dangling')!.metadata.ownerReferences).toEqual([ref(svc, false, false)]);
  });

  it('a reference to a kind the API server does not serve is left alone', () => {
    const c = newCluster(false);
    c.api.create(pod('custom', { app: 'x' }, [{ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: '33333333-3333-4333-8333-333333333333' }]));
    c.settle();
    expect(c.api.get('Pod', 'custom')).toBeDefined();
  });
});
