import { ApiServer } from './apiserver';
import { isStatusError } from './errors';
import type { KubeObject } from './types';
import { parseYaml } from '../manifest/yaml';
import { Cluster } from '../cluster/cluster';

const pod = (name: string, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'x' } },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
  ...extra,
});

describe('ApiServer', () => {
  it('assigns uid, resourceVersion, creationTimestamp and the default namespace', () => {
    const api = new ApiServer();
    const p = api.create(pod('a'));
    expect(p.metadata.namespace).toBe('default');
    expect(p.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(p.metadata.creationTimestamp).toBe('2024-01-01T00:00:00Z');
    expect(Number(p.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(Object.isFrozen(p.metadata)).toBe(true);
  });

  it('generates names as base + 5 characters of the k8s alphabet', () => {
    const api = new ApiServer();
    const p = api.create({ ...pod(''), metadata: { generateName: 'rs-' } });
    expect(p.metadata.name).toMatch(/^rs-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('rejects duplicates with AlreadyExists and missing objects with NotFound', () => {
    const api = new ApiServer();
    api.create(pod('a'));
    expect(() => api.create(pod('a'))).toThrow('pods "a" already exists');
    expect(() => api.getOrThrow('Pod', 'zz')).toThrow('pods "zz" not found');
  });

  it('keeps status on a main-resource update and bumps generation only on spec change', () => {
    const api = new ApiServer();
    const rs = api.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'r' }, spec: { replicas: 1 } });
    expect(rs.metadata.generation).toBe(1);
    const s = api.updateStatus({ ...rs, status: { replicas: 1 } });
    expect(s.metadata.generation).toBe(1);
    const u = api.update({ ...s, spec: { replicas: 2 }, status: { replicas: 99 } });
    expect(u.metadata.generation).toBe(2);
    expect(u.status).toEqual({ replicas: 1 });
  });

  it('detects stale writes (optimistic concurrency)', () => {
    const api = new ApiServer();
    const a = api.create(pod('a'));
    api.update({ ...a, metadata: { ...a.metadata, labels: { app: 'y' } } });
    try {
      api.update({ ...a, metadata: { ...a.metadata, labels: { app: 'z' } } });
      throw new Error('no conflict');
    } catch (e) {
      expect(isStatusError(e, 'Conflict')).toBe(true);
    }
  });

  it('deletes a bound pod gracefully, an unbound one at once', () => {
    const api = new ApiServer();
    api.create(pod('unbound'));
    expect(api.delete('Pod', 'unbound').deleted).toBe(true);
    api.create(pod('bound', { spec: { nodeName: 'w', containers: [{ name: 'c', image: 'nginx' }] } }));
    const r = api.delete('Pod', 'bound');
    expect(r.deleted).toBe(false);
    expect(r.object.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(r.object.metadata.deletionTimestamp).toBe('2024-01-01T00:00:30Z');
    expect(api.delete('Pod', 'bound', { gracePeriodSeconds: 0 }).deleted).toBe(true);
  });

  it('turns propagation policies into finalizers and removes the object when they are gone', () => {
    const api = new ApiServer();
    const rs = api.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'r' }, spec: {} });
    const r = api.delete('ReplicaSet', 'r', { propagationPolicy: 'Orphan' });
    expect(r.deleted).toBe(false);
    expect(r.object.metadata.finalizers).toEqual(['orphan']);
    api.update({ ...r.object, metadata: { ...r.object.metadata, finalizers: [] } });
    expect(api.get('ReplicaSet', 'r')).toBeUndefined();
    expect(rs.metadata.uid).toBeDefined();
  });

  it('lists by label and field selector, and indexes dependents by owner uid', () => {
    const api = new ApiServer();
    const owner = api.create(pod('owner'));
    api.create(pod('b', { metadata: { name: 'b', labels: { app: 'y' }, ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'owner', uid: owner.metadata.uid! }] } }));
    expect(api.list('Pod', { labelSelector: 'app=y' }).map((p) => p.metadata.name)).toEqual(['b']);
    expect(api.list('Pod', { fieldSelector: 'metadata.name!=b' }).map((p) => p.metadata.name)).toEqual(['owner']);
    expect(api.listDependents(owner.metadata.uid!).map((p) => p.metadata.name)).toEqual(['b']);
  });

  it('emits watch events in order', () => {
    const api = new ApiServer();
    const seen: string[] = [];
    api.watch('Pod', (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    const a = api.create(pod('a'));
    api.update({ ...a, metadata: { ...a.metadata, labels: { z: '1' } } });
    api.delete('Pod', 'a');
    expect(seen).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a']);
  });
});

describe('ApiServer metadata serialisation', () => {
  it('drops emptied ownerReferences, finalizers, labels and annotations (omitempty)', () => {
    const api = new ApiServer();
    const owner = api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'o' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: {}, ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'o', uid: owner.metadata.uid!, controller: true }] },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    expect(api.get('Pod', 'p')!.metadata).not.toHaveProperty('labels');
    const released = api.patch('Pod', 'p', { metadata: { ownerReferences: [{ $patch: 'delete', uid: owner.metadata.uid }] } }, 'strategic');
    expect(released.metadata).not.toHaveProperty('ownerReferences');
    expect(api.listDependents(owner.metadata.uid!)).toEqual([]);
  });
});

describe('ApiServer resource guards (kubespec deviations, see ClusterConfig.limits)', () => {
  const rs = (replicas: number) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'huge' }, spec: { replicas } });
  it('refuses a Deployment or ReplicaSet asking for more replicas than the limit, on create and update', () => {
    const api = new ApiServer(undefined, undefined, {}, { maxReplicas: 100 });
    expect(() => api.create(rs(1_000_000_000))).toThrow(
      'replicasets.apps "huge" is forbidden: exceeded quota: kubespec-limits, requested: replicas=1000000000, limited: replicas=100',
    );
    expect(api.get('ReplicaSet', 'huge')).toBeUndefined();
    const ok = api.create(rs(100));
    expect(() => api.update({ ...ok, spec: { replicas: 101 } })).toThrow(/requested: replicas=101, limited: replicas=100/);
    expect(api.get('ReplicaSet', 'huge')!.spec.replicas).toBe(100);
  });
});

describe('ApiServer and untrusted keys', () => {
  it('rejects a `__proto__` field as an unknown field, as strict decoding does', () => {
    const doc = parseYaml('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  __proto__: { labels: { app: x } }\nspec:\n  containers: [{ name: c, image: nginx }]\n', 'p.yaml')[0];
    const api = new Cluster({}, []).api;
    expect(() => api.create(doc.value as KubeObject)).toThrow('unknown field "metadata.__proto__"');
    expect(Object.prototype).not.toHaveProperty('labels');
  });
});

describe('immortal namespaces (NamespaceLifecycle admission)', () => {
  test('default, kube-system and kube-public cannot be deleted; kube-node-lease and others can', () => {
    const c = new Cluster();
    for (const ns of ['default', 'kube-system', 'kube-public']) {
      expect(() => c.api.delete('Namespace', ns)).toThrow(`namespaces "${ns}" is forbidden: this namespace may not be deleted`);
      expect(c.api.get('Namespace', ns)?.metadata.deletionTimestamp).toBeUndefined();
    }
    expect(() => c.api.delete('Namespace', 'kube-node-lease')).not.toThrow();
  });
});
