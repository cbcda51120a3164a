// Namespace deletion: the API server's side (registry/core/namespace/storage REST.Delete, the
// NamespaceLifecycle admission plugin) and the namespace controller's
// (pkg/controller/namespace/deletion/namespaced_resources_deleter.go); and the `kubernetes`
// Service, Endpoints and EndpointSlice of pkg/controlplane (controller/kubernetesservice, reconcilers).
import { isStatusError, type StatusError } from '../../apiserver/errors';
import type { KubeObject } from '../../apiserver/types';
import { Cluster } from '../../cluster/cluster';

const nsObj = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const deployment = (namespace: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } },
});

function errorOf(f: () => unknown): StatusError {
  try {
    f();
  } catch (e) {
    if (isStatusError(e)) return e;
    throw e;
  }
  throw new Error('expected an error');
}

function teamWithContent(): Cluster {
  const c = new Cluster({});
  c.api.create(nsObj('team'));
  c.api.create(deployment('team'));
  c.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'team' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  c.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'conf', namespace: 'team' }, data: { a: '1' } });
  c.settle();
  return c;
}

describe('namespace deletion', () => {
  test('DELETE marks the namespace Terminating; it stays until emptied (spec.finalizers: kubernetes)', () => {
    const c = teamWithContent();
    const { object, deleted } = c.api.delete('Namespace', 'team');
    expect(deleted).toBe(false);
    expect(object.metadata.deletionTimestamp).toBe(c.clock.timestamp());
    expect(object.status.phase).toBe('Terminating');
    expect(object.spec.finalizers).toEqual(['kubernetes']);
  });

  test('a second DELETE while terminating is the Conflict upstream answers', () => {
    const c = teamWithContent();
    c.api.delete('Namespace', 'team');
    const err = errorOf(() => c.api.delete('Namespace', 'team'));
    expect(err.reason).toBe('Conflict');
    expect(err.message).toBe(
      'Operation cannot be fulfilled on namespaces "team": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
    );
  });

  test('new content is refused in a terminating namespace (NamespaceLifecycle), with the NamespaceTerminating cause', () => {
    const c = teamWithContent();
    c.api.delete('Namespace', 'team');
    const err = errorOf(() => c.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late', namespace: 'team' } }));
    expect(err.reason).toBe('Forbidden');
    expect(err.message).toBe('configmaps "late" is forbidden: unable to create new content in namespace team because it is being terminated');
    expect(err.causes).toEqual([{ type: 'NamespaceTerminating', field: 'metadata.namespace', detail: 'namespace team is being terminated' }]);
    const gen = errorOf(() => c.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'web-', namespace: 'team' }, spec: { containers: [{ name: 'a', image: 'nginx' }] } }));
    expect(gen.message).toBe('pods "web-" is forbidden: unable to create new content in namespace team because it is being terminated');
  });

  test('the controller deletes everything in it, reports what remains, then drops its finalizer and the namespace goes', () => {
    const c = teamWithContent();
    const deletedAt = c.clock.now();
    c.api.delete('Namespace', 'team');
    const seen: any[] = [];
    let goneAt: number | undefined;
    c.settle({
      onState: () => {
        const ns = c.api.get('Namespace', 'team');
        if (ns?.status?.conditions && !seen.length) seen.push(ns.status.conditions);
        if (!ns && goneAt === undefined) goneAt = c.clock.now();
      },
    });
    expect(c.api.get('Namespace', 'team')).toBeUndefined();
    for (const kind of ['Pod', 'ReplicaSet', 'Deployment', 'Service', 'Endpoints', 'EndpointSlice', 'ConfigMap', 'ServiceAccount', 'Event']) {
      expect(c.api.list(kind, { namespace: 'team' })).toEqual([]);
    }
    // The first pass leaves the two pods in their grace period: conditions as 1.32 words them.
    expect(seen[0].map((x: any) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
      ['NamespaceContentRemaining', 'True', 'SomeResourcesRemain', 'Some resources are remaining: pods has 2 resource instances'],
      ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
    ]);
    // Requeued after estimate/2 + 1 = 30/2 + 1 s (the pods' grace period is the estimate).
    expect(goneAt! - deletedAt).toBe(16_000);
  });

  test('objects with finalizers hold the namespace until they are released', () => {
    const c = new Cluster({});
    c.api.create(nsObj('team'));
    c.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'team', finalizers: ['example.com/hold'] } });
    c.settle();
    c.api.delete('Namespace', 'team');
    c.settle();
    const ns = c.api.get('Namespace', 'team')!;
    expect(ns.status.conditions.find((x: any) => x.type === 'NamespaceFinalizersRemaining')).toMatchObject({
      status: 'True',
      reason: 'SomeFinalizersRemain',
      message: 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances',
    });
    const held = c.api.get('ConfigMap', 'held', 'team')!;
    c.api.update({ ...held, metadata: { ...held.metadata, finalizers: [] } });
    c.settle();
    expect(c.api.get('Namespace', 'team')).toBeUndefined();
  });

  test('a namespace without spec finalizers goes at once; immortal namespaces stay Forbidden', () => {
    const c = new Cluster({});
    const bare = c.api.create(nsObj('bare'));
    c.api.update({ ...bare, spec: { finalizers: [] } });
    expect(c.api.delete('Namespace', 'bare').deleted).toBe(true);
    expect(c.api.get('Namespace', 'bare')).toBeUndefined();
    expect(errorOf(() => c.api.delete('Namespace', 'kube-system')).message).toBe('namespaces "kube-system" is forbidden: this namespace may not be deleted');
  });
});

describe('the kubernetes Service', () => {
  test('has its Endpoints and EndpointSlice from boot: the API server on 6443, named https', () => {
    const c = new Cluster({});
    expect(c.api.get('Endpoints', 'kubernetes', 'default')).toMatchObject({
      metadata: { labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: '192.168.47.128' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    });
    expect(c.api.get('EndpointSlice', 'kubernetes', 'default')).toMatchObject({
      metadata: { labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['192.168.47.128'], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    });
  });

  test('deleted, all three come back on the reconciler tick (10 s)', () => {
    const c = new Cluster({});
    c.settle();
    c.api.delete('Service', 'kubernetes', { namespace: 'default' });
    c.api.delete('EndpointSlice', 'kubernetes', { namespace: 'default' });
    const at = c.clock.now();
    c.settle();
    expect(c.clock.now() - at).toBe(10_000);
    expect(c.api.get('Service', 'kubernetes', 'default')!.spec.clusterIP).toBe('10.96.0.1');
    expect(c.api.get('Endpoints', 'kubernetes', 'default')).toBeDefined();
    expect(c.api.get('EndpointSlice', 'kubernetes', 'default')).toBeDefined();
  });
});
