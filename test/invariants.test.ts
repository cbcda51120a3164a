// Property test over the whole embedded cluster (issue #2): random sequences of the actions a course
// takes (apply, scale, delete a pod, set image, orphan-delete, node failure and recovery, namespaces
// filled and deleted), with the invariants Kubernetes guarantees once the controllers have settled
// checked after every step.
import fc from 'fast-check';
import { Cluster } from '../src/cluster/cluster';
import type { KubeObject } from '../src/apiserver/types';
import { labelSelectorMatches } from '../src/apiserver/labels';
import { deepEqual } from '../src/util/clone';

type Action =
  | { t: 'deploy'; app: number; replicas: number; image: number }
  | { t: 'rs'; app: number; replicas: number }
  | { t: 'scale'; app: number; replicas: number }
  | { t: 'deletePod'; index: number }
  | { t: 'setImage'; app: number; image: number }
  | { t: 'orphanRs'; app: number }
  | { t: 'deleteDeploy'; app: number }
  | { t: 'service'; app: number; nodePort: boolean }
  | { t: 'node'; worker: number; ready: boolean }
  | { t: 'wait'; seconds: number }
  | { t: 'nsApp'; ns: number; replicas: number }
  | { t: 'deleteNs'; ns: number };

const IMAGES = ['nginx:1.25', 'nginx:1.26', 'httpd:2.4'];

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ t: fc.constant('deploy' as const), app: fc.nat(2), replicas: fc.nat(5), image: fc.nat(2) }),
  fc.record({ t: fc.constant('rs' as const), app: fc.nat(2), replicas: fc.nat(5) }),
  fc.record({ t: fc.constant('scale' as const), app: fc.nat(2), replicas: fc.nat(6) }),
  fc.record({ t: fc.constant('deletePod' as const), index: fc.nat(20) }),
  fc.record({ t: fc.constant('setImage' as const), app: fc.nat(2), image: fc.nat(2) }),
  fc.record({ t: fc.constant('orphanRs' as const), app: fc.nat(2) }),
  fc.record({ t: fc.constant('deleteDeploy' as const), app: fc.nat(2) }),
  fc.record({ t: fc.constant('service' as const), app: fc.nat(2), nodePort: fc.boolean() }),
  fc.record({ t: fc.constant('node' as const), worker: fc.nat(1), ready: fc.boolean() }),
  fc.record({ t: fc.constant('wait' as const), seconds: fc.constantFrom(10, 60, 301) }),
  fc.record({ t: fc.constant('nsApp' as const), ns: fc.nat(1), replicas: fc.nat(3) }),
  fc.record({ t: fc.constant('deleteNs' as const), ns: fc.nat(1) }),
);

function template(app: string, image: string) {
  return { metadata: { labels: { app } }, spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 80 }] }] } };
}

/** Apply-like create-or-update; API rejections (e.g. a RS whose name a Deployment's RS took) are fine. */
function upsert(cluster: Cluster, obj: KubeObject): void {
  const live = cluster.api.get(obj.kind, obj.metadata.name!);
  try {
    if (live) cluster.api.update({ ...obj, metadata: { ...live.metadata, labels: obj.metadata.labels } });
    else cluster.api.create(obj);
  } catch {
    /* rejected writes change nothing */
  }
}

function perform(cluster: Cluster, a: Action): void {
  const api = cluster.api;
  const tryIt = (fn: () => unknown) => {
    try {
      fn();
    } catch {
      /* not found etc. */
    }
  };
  switch (a.t) {
    case 'deploy':
      upsert(cluster, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `d${a.app}` },
        spec: { replicas: a.replicas, selector: { matchLabels: { app: `d${a.app}` } }, template: template(`d${a.app}`, IMAGES[a.image]) },
      });
      break;
    case 'rs':
      upsert(cluster, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: `r${a.app}` },
        spec: { replicas: a.replicas, selector: { matchLabels: { app: `r${a.app}` } }, template: template(`r${a.app}`, 'nginx') },
      });
      break;
    case 'scale':
      for (const kind of ['Deployment', 'ReplicaSet']) {
        const name = kind === 'Deployment' ? `d${a.app}` : `r${a.app}`;
        tryIt(() => api.patch(kind, name, { spec: { replicas: a.replicas } }, 'merge'));
      }
      break;
    case 'deletePod': {
      const pods = api.list('Pod');
      if (pods.length) tryIt(() => api.delete('Pod', pods[a.index % pods.length].metadata.name!));
      break;
    }
    case 'setImage':
      tryIt(() => api.patch('Deployment', `d${a.app}`, { spec: { template: { spec: { containers: [{ name: 'web', image: IMAGES[a.image] }] } } } }, 'strategic'));
      break;
    case 'orphanRs':
      tryIt(() => api.delete('ReplicaSet', `r${a.app}`, { propagationPolicy: 'Orphan' }));
      break;
    case 'deleteDeploy':
      tryIt(() => api.delete('Deployment', `d${a.app}`));
      break;
    case 'service':
      upsert(cluster, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `s${a.app}` },
        spec: { type: a.nodePort ? 'NodePort' : 'ClusterIP', selector: { app: `d${a.app}` }, ports: [{ port: 80 }] },
      });
      break;
    case 'node': {
      const node = api.get('Node', `worker${a.worker}`)!;
      const conditions = (node.status.conditions as { type: string }[]).map((c) =>
        c.type === 'Ready' ? { ...c, status: a.ready ? 'True' : 'False', reason: a.ready ? 'KubeletReady' : 'KubeletNotReady' } : c,
      );
      api.updateStatus({ ...node, status: { ...node.status, conditions } });
      break;
    }
    case 'wait':
      cluster.wait(a.seconds * 1000);
      return;
    case 'nsApp': {
      // A namespace with a Deployment, its Service and a ConfigMap in it (refused while terminating).
      const namespace = `team${a.ns}`;
      tryIt(() => api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }));
      tryIt(() =>
        api.create({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace },
          spec: { replicas: a.replicas, selector: { matchLabels: { app: 'web' } }, template: template('web', 'nginx:1.25') },
        }),
      );
      tryIt(() => api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }));
      tryIt(() => api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'conf', namespace }, data: { k: 'v' } }));
      break;
    }
    case 'deleteNs':
      tryIt(() => api.delete('Namespace', `team${a.ns}`));
      break;
  }
  cluster.settle();
}

const isActive = (p: KubeObject) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';

function checkInvariants(cluster: Cluster, lastRv: { v: number }): void {
  const api = cluster.api;
  const all = api.kinds().flatMap((k) => api.list(k));
  const uids = new Set(all.map((o) => o.metadata.uid));
  // No live object keeps a controller reference to an owner that is gone (GC has run). Objects
  // already being deleted are exempt: upstream's attemptToDeleteItem skips them (a pod evicted from
  // a down node stays Terminating, with its ReplicaSet's reference, until the kubelet returns).
  for (const o of all) {
    if (o.metadata.deletionTimestamp) continue;
    for (const ref of o.metadata.ownerReferences ?? []) {
      if (ref.controller) expect({ object: `${o.kind}/${o.metadata.name}`, ownerPresent: uids.has(ref.uid) }).toEqual({ object: `${o.kind}/${o.metadata.name}`, ownerPresent: true });
    }
  }
  // Each ReplicaSet not being deleted owns exactly spec.replicas active pods.
  const pods = api.list('Pod');
  for (const rs of api.list('ReplicaSet')) {
    if (rs.metadata.deletionTimestamp) continue;
    const owned = pods.filter((p) => isActive(p) && p.metadata.ownerReferences?.some((r) => r.controller && r.uid === rs.metadata.uid));
    expect({ rs: rs.metadata.name, active: owned.length }).toEqual({ rs: rs.metadata.name, active: rs.spec.replicas });
    // ...and every pod it owns matches its selector.
    for (const p of owned) expect(labelSelectorMatches(rs.spec.selector, p.metadata.labels)).toBe(true);
  }
  // Every Deployment has exactly one ReplicaSet whose template is its own (ignoring pod-template-hash).
  for (const d of api.list('Deployment')) {
    if (d.metadata.deletionTimestamp) continue;
    const mine = api.list('ReplicaSet').filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid));
    const same = mine.filter((rs) => {
      const labels = { ...rs.spec.template.metadata.labels };
      delete labels['pod-template-hash'];
      return deepEqual({ ...rs.spec.template, metadata: { ...rs.spec.template.metadata, labels } }, d.spec.template);
    });
    expect({ deployment: d.metadata.name, current: same.length }).toEqual({ deployment: d.metadata.name, current: 1 });
  }
  // No two Services share a nodePort.
  const nodePorts = api.list('Service').flatMap((s) => (s.spec.ports ?? []).map((p: { nodePort?: number }) => p.nodePort).filter((n: number | undefined) => n !== undefined));
  expect(new Set(nodePorts).size).toBe(nodePorts.length);
  // No object outlives its namespace (pkg/controller/namespace: a deleted namespace is emptied
  // before it goes), and, once settled, a deleted namespace is gone unless a pod it still holds is
  // on a node that is down (its kubelet never confirms the deletion).
  const namespaces = new Map(api.list('Namespace').map((n) => [n.metadata.name!, n]));
  for (const o of all) {
    if (o.metadata.namespace) expect({ object: `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`, namespace: namespaces.has(o.metadata.namespace) }).toEqual({ object: `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`, namespace: true });
  }
  for (const ns of namespaces.values()) {
    if (!ns.metadata.deletionTimestamp) continue;
    const stuck = pods.filter((p) => p.metadata.namespace === ns.metadata.name).every((p) => api.get('Node', p.spec.nodeName ?? '')?.status.conditions.some((c: { type: string; status: string }) => c.type === 'Ready' && c.status !== 'True'));
    const left = all.filter((o) => o.metadata.namespace === ns.metadata.name);
    expect({ namespace: ns.metadata.name, held: left.length > 0 && stuck && left.every((o) => o.kind === 'Pod' || o.kind === 'Event') }).toEqual({ namespace: ns.metadata.name, held: true });
  }
  // resourceVersions only grow.
  expect(api.resourceVersion).toBeGreaterThanOrEqual(lastRv.v);
  for (const o of all) expect(Number(o.metadata.resourceVersion)).toBeLessThanOrEqual(api.resourceVersion);
  lastRv.v = api.resourceVersion;
}

describe('cluster invariants under random action sequences', () => {
  it('hold after every settle', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 1000 }), (actions, seed) => {
        const cluster = new Cluster({ seed });
        const rv = { v: 0 };
        for (const a of actions) {
          perform(cluster, a);
          checkInvariants(cluster, rv);
        }
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it('is deterministic: the same actions and seed give the same objects', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 8 }), (actions) => {
        const snapshot = () => {
          const cluster = new Cluster({ seed: 7 });
          for (const a of actions) perform(cluster, a);
          return JSON.stringify(cluster.api.kinds().flatMap((k) => cluster.api.list(k)));
        };
        expect(snapshot()).toBe(snapshot());
      }),
      { numRuns: 20, seed: 7 },
    );
  });
});
