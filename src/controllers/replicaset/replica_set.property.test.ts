// Property: whatever a user does to ReplicaSets and their pods, once the cluster settles every live
// ReplicaSet controls exactly spec.replicas active pods that its selector matches, no orphan is left
// that a live ReplicaSet would adopt, and no object keeps a controller reference to an owner that is
// gone (the ReplicaSet controller and the garbage collector together), also after pod creations
// failed for a while (a quota) and were retried with back-off.
import fc from 'fast-check';
import { Cluster } from '../../cluster/cluster';
import { StatusError, isStatusError } from '../../apiserver/errors';
import { fromLabelSelector, matches } from '../../apiserver/labels';
import type { KubeObject } from '../../apiserver/types';
import { GarbageCollector } from '../garbagecollector';
import { controllerOf } from '../util/controllerref';
import { isPodActive } from '../util/pods';
import { ReplicaSetController } from '.';

type Op =
  | { t: 'create'; rs: number; replicas: number; group: string }
  | { t: 'scale'; rs: number; replicas: number }
  | { t: 'deletePod'; k: number }
  | { t: 'relabel'; k: number; group: string }
  | { t: 'bind'; k: number }
  | { t: 'orphan'; rs: number }
  | { t: 'background'; rs: number }
  | { t: 'foreground'; rs: number }
  | { t: 'quota'; on: boolean }
  | { t: 'ownedPod'; rs: number; group: string };

const rsIndex = fc.integer({ min: 0, max: 2 });
const group = fc.constantFrom('a', 'b');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('create' as const), rs: rsIndex, replicas: fc.integer({ min: 0, max: 6 }), group }),
  fc.record({ t: fc.constant('scale' as const), rs: rsIndex, replicas: fc.integer({ min: 0, max: 8 }) }),
  fc.record({ t: fc.constant('deletePod' as const), k: fc.nat() }),
  fc.record({ t: fc.constant('relabel' as const), k: fc.nat(), group: fc.constantFrom('a', 'b', 'none') }),
  fc.record({ t: fc.constant('bind' as const), k: fc.nat() }),
  fc.record({ t: fc.constant('orphan' as const), rs: rsIndex }),
  fc.record({ t: fc.constant('background' as const), rs: rsIndex }),
  fc.record({ t: fc.constant('foreground' as const), rs: rsIndex }),
  fc.record({ t: fc.constant('quota' as const), on: fc.boolean() }),
  fc.record({ t: fc.constant('ownedPod' as const), rs: rsIndex, group: fc.constantFrom('a', 'b', 'none') }),
);

/** A cluster whose pod creations can be made to fail, as an exhausted quota would. */
function faultyCluster(): { c: Cluster; quota: { on: boolean } } {
  const c = new Cluster({ recordEvents: false }, [new ReplicaSetController(), new GarbageCollector()]);
  const quota = { on: false };
  const create = c.api.create.bind(c.api);
  c.api.create = (obj, opts) => {
    if (quota.on && obj.kind === 'Pod') throw new StatusError('Forbidden', `pods "${obj.metadata.generateName}" is forbidden: exceeded quota: pods`);
    return create(obj, opts);
  };
  return { c, quota };
}

function apply(c: Cluster, quota: { on: boolean }, o: Op): void {
  const pods = c.api.list('Pod', { namespace: 'default' });
  const pick = (k: number) => (pods.length ? pods[k % pods.length] : undefined);
  const name = (i: number) => `rs-${i}`;
  try {
    switch (o.t) {
      case 'create':
        c.api.create({
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: { name: name(o.rs) },
          spec: { replicas: o.replicas, selector: { matchLabels: { app: o.group } }, template: { metadata: { labels: { app: o.group } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
        });
        break;
      case 'scale':
        c.api.patch('ReplicaSet', name(o.rs), { spec: { replicas: o.replicas } }, 'merge');
        break;
      case 'deletePod': {
        const p = pick(o.k);
        if (p) c.api.delete('Pod', p.metadata.name!);
        break;
      }
      case 'relabel': {
        const p = pick(o.k);
        if (p) c.api.patch('Pod', p.metadata.name!, { metadata: { labels: { app: o.group } } }, 'merge');
        break;
      }
      case 'bind': {
        const p = pick(o.k);
        if (p && !p.spec.nodeName && !p.metadata.deletionTimestamp) c.api.bind({ metadata: { name: p.metadata.name! }, target: { name: 'worker0' } });
        break;
      }
      case 'orphan':
      case 'background':
      case 'foreground':
        c.api.delete('ReplicaSet', name(o.rs), { propagationPolicy: o.t === 'orphan' ? 'Orphan' : o.t === 'background' ? 'Background' : 'Foreground' });
        break;
      case 'quota':
        quota.on = o.on;
        break;
      case 'ownedPod': {
        // A pod a user made with a controller reference to a ReplicaSet (kubectl apply of a pod
        // carrying ownerReferences): kept and counted if the selector matches, released if not.
        const rs = c.api.get('ReplicaSet', name(o.rs));
        if (!rs) break;
        c.api.create({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            generateName: 'hand-',
            labels: { app: o.group },
            ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name!, uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true }],
          },
          spec: { containers: [{ name: 'c', image: 'nginx' }] },
        });
        break;
      }
    }
  } catch (e) {
    if (!isStatusError(e)) throw e;
  }
}

function checkInvariants(c: Cluster): void {
  const all: KubeObject[] = [...c.api.list('ReplicaSet', { namespace: 'default' }), ...c.api.list('Pod', { namespace: 'default' })];
  const uids = new Set(all.map((o) => o.metadata.uid));
  const pods = c.api.list('Pod', { namespace: 'default' });
  const live = c.api.list('ReplicaSet', { namespace: 'default' }).filter((rs) => !rs.metadata.deletionTimestamp);
  for (const rs of live) {
    const sel = fromLabelSelector(rs.spec.selector);
    const owned = pods.filter((p) => controllerOf(p)?.uid === rs.metadata.uid && isPodActive(p));
    expect({ rs: rs.metadata.name, active: owned.length }).toEqual({ rs: rs.metadata.name, active: rs.spec.replicas });
    for (const p of owned) expect(matches(sel, p.metadata.labels)).toBe(true);
    expect(rs.status?.replicas ?? 0).toBe(rs.spec.replicas);
  }
  // Objects being deleted (bound pods in their grace period; no kubelet runs here) still name their owner.
  for (const obj of all.filter((o) => !o.metadata.deletionTimestamp)) {
    const ref = controllerOf(obj);
    if (ref) expect({ obj: obj.metadata.name, owner: ref.uid, exists: uids.has(ref.uid) }).toEqual({ obj: obj.metadata.name, owner: ref.uid, exists: true });
  }
  for (const p of pods) {
    if (controllerOf(p) || !isPodActive(p)) continue;
    const adopter = live.find((rs) => matches(fromLabelSelector(rs.spec.selector), p.metadata.labels));
    expect({ orphan: p.metadata.name, adopter: adopter?.metadata.name }).toEqual({ orphan: p.metadata.name, adopter: undefined });
  }
}

describe('ReplicaSet controller + garbage collector (property)', () => {
  it('after any sequence of user actions, settling restores every invariant', () => {
    fc.assert(
      // Each action may be followed by a settle, so actions land on every kind of intermediate state.
      fc.property(fc.array(fc.tuple(op, fc.boolean()), { maxLength: 30 }), (ops) => {
        const { c, quota } = faultyCluster();
        for (const [o, settle] of ops) {
          apply(c, quota, o);
          if (settle) c.settle();
        }
        c.settle();
        // Lift any quota and wait out the longest back-off: the retries must then converge.
        quota.on = false;
        c.wait(1_100_000);
        checkInvariants(c);
      }),
      { numRuns: 500 },
    );
  });
});
