// Recreate: recreate_test.go's oracles (scaleDownOldReplicaSetsForRecreate, oldPodsRunning), then a
// Recreate rollout through the controller with pods in a real ApiServer: old RS to 0, wait for
// every old pod (terminating ones included) to be gone, then the new RS at full size.
import type { Pod, ReplicaSet } from '../../apiserver/types';
import { deepClone } from '../../util/clone';
import { oldPodsRunning, scaleDownOldReplicaSetsForRecreate } from './recreate';
import { ControllerHost, fakeContext, newDeployment, nginxDeployment, rs } from './testkit';

function pod(name: string, phase: string | undefined): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [] }, status: phase ? { phase } : {} } as Pod;
}

describe('TestScaleDownOldReplicaSets (recreate_test.go)', () => {
  test('every old RS goes to 0', () => {
    const { dc, client, events } = fakeContext();
    const d = newDeployment('foo', { replicas: 3, strategy: 'Recreate' });
    const oldRSs = [rs('foo-v1', 3)];
    expect(scaleDownOldReplicaSetsForRecreate(dc, oldRSs, d)).toBe(true);
    expect(client.actions.map((a) => [a.verb, a.name, a.object!.spec.replicas])).toEqual([['update', 'foo-v1', 0]]);
    expect(oldRSs[0].spec.replicas).toBe(0); // the slice holds the updated RS
    expect(events).toEqual(['Normal ScalingReplicaSet Scaled down replica set foo-v1 from 3 to 0']);
  });
});

describe('TestOldPodsRunning (recreate_test.go)', () => {
  const withUid = (uid: string): ReplicaSet => {
    const r = rs(uid, 0);
    r.metadata.uid = uid;
    return r;
  };
  test.each([
    { name: 'no old RSs', oldRSs: [], podMap: new Map(), expected: false },
    {
      name: 'old RSs with running pods',
      oldRSs: [withUid('some-uid'), withUid('other-uid')],
      podMap: new Map([
        ['some-uid', [pod('a', 'Running')]],
        ['other-uid', [pod('b', 'Running')]],
      ]),
      expected: true,
    },
    { name: 'old RSs without pods but with non-zero status replicas', oldRSs: [rs('rs-1', 0, 0, { statusReplicas: 1 })], podMap: new Map(), expected: true },
    { name: 'old RSs without pods or non-zero status replicas', oldRSs: [rs('rs-1', 0, 0)], podMap: new Map(), expected: false },
    { name: 'status 0 but pods in terminal state are present', oldRSs: [rs('rs-1', 0, 0)], podMap: new Map([['uid-rs-1', [pod('a', 'Failed'), pod('b', 'Succeeded')]]]), expected: false },
    { name: 'status 0 but a pod in unknown phase is present', oldRSs: [rs('rs-1', 0, 0)], podMap: new Map([['uid-rs-1', [pod('a', 'Unknown')]]]), expected: true },
    { name: 'status 0 with a pending pod present', oldRSs: [rs('rs-1', 0, 0)], podMap: new Map([['uid-rs-1', [pod('a', 'Pending')]]]), expected: true },
    { name: 'status 0 with a running pod present', oldRSs: [rs('rs-1', 0, 0)], podMap: new Map([['uid-rs-1', [pod('a', 'Running')]]]), expected: true },
    { name: 'status 0 with terminal and pending pods present', oldRSs: [rs('rs-1', 0, 0)], podMap: new Map([['uid-rs-1', [pod('a', 'Failed'), pod('b', 'Succeeded'), pod('c', 'Pending')]]]), expected: true },
  ])('$name → $expected', ({ oldRSs, podMap, expected }) => {
    expect(oldPodsRunning(undefined, oldRSs, podMap)).toBe(expected);
  });

  test("the new RS's own pods do not count, and the pod map is only built when the statuses say 0", () => {
    const newRS = rs('new', 3);
    let built = 0;
    const podMap = () => (built++, new Map([[newRS.metadata.uid!, [pod('n', 'Running')]]]));
    expect(oldPodsRunning(newRS, [rs('old', 0, 0, { statusReplicas: 2 })], podMap)).toBe(true);
    expect(built).toBe(0);
    expect(oldPodsRunning(newRS, [rs('old', 0, 0)], podMap)).toBe(false);
    expect(built).toBe(1);
  });
});

describe('Recreate through the controller (replicas 4: (0,4) → (0,0) with 4 terminating → (4,0))', () => {
  /** Play the ReplicaSet controller and the kubelet for one RS: bound, Running pods up to spec. */
  function runPods(h: ControllerHost, r: ReplicaSet): void {
    const mine = h.api.listDependents(r.metadata.uid!).filter((o) => o.kind === 'Pod' && !o.metadata.deletionTimestamp);
    for (let i = mine.length; i < r.spec.replicas!; i++) {
      h.api.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { generateName: `${r.metadata.name}-`, namespace: 'default', labels: { ...r.spec.template!.metadata!.labels }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: r.metadata.name!, uid: r.metadata.uid!, controller: true, blockOwnerDeletion: true }] },
        spec: { nodeName: 'worker0', containers: [{ name: 'nginx', image: 'nginx' }] },
        status: { phase: 'Running' },
      });
    }
    // Scale down: graceful deletion of bound pods leaves them terminating.
    for (const p of mine.slice(r.spec.replicas!)) h.api.delete('Pod', p.metadata.name!, { namespace: 'default' });
  }

  test('the new RS waits until every old pod is gone, terminating ones included', () => {
    const h = new ControllerHost();
    h.api.create(nginxDeployment({ replicas: 4, strategy: 'Recreate' }));
    h.syncOnce();
    const oldRS = h.replicaSets()[0];
    runPods(h, oldRS);
    h.markReplicaSets();
    h.syncOnce();
    expect(h.deployment().status).toMatchObject({ replicas: 4, availableReplicas: 4 });

    const d = deepClone(h.deployment());
    d.spec.template!.spec!.containers[0].image = 'nginx:1.16.1';
    h.api.update(d);
    h.syncOnce();
    // (0,4): old RS scaled to 0 and no new RS yet.
    expect(h.replicaSets().map((r) => [r.metadata.name, r.spec.replicas])).toEqual([[oldRS.metadata.name, 0]]);

    // The ReplicaSet controller deletes the pods gracefully; its status no longer counts them.
    runPods(h, h.replicaSets()[0]);
    h.markReplicaSets(() => ({ replicas: 0 }));
    const terminating = h.api.listDependents(oldRS.metadata.uid!).filter((o) => o.kind === 'Pod');
    expect(terminating).toHaveLength(4);
    expect(terminating.every((p) => p.metadata.deletionTimestamp)).toBe(true);
    h.queue.add('default/nginx');
    h.drain();
    // (0,0) with 4 terminating: still no new RS.
    expect(h.replicaSets()).toHaveLength(1);
    expect(h.deployment().status).toMatchObject({ observedGeneration: 2 });

    // The kubelet confirms the deletions one by one; only the last one wakes the deployment.
    for (const [i, p] of terminating.entries()) {
      h.api.delete('Pod', p.metadata.name!, { namespace: 'default', gracePeriodSeconds: 0 });
      expect(h.queue.length).toBe(i === terminating.length - 1 ? 1 : 0);
    }
    h.drain();
    const rss = h.replicaSets();
    const newRS = rss.find((r) => r.metadata.name !== oldRS.metadata.name)!;
    expect(newRS.spec.replicas).toBe(4);
    expect(h.events()).toEqual([
      `Normal ScalingReplicaSet Scaled up replica set ${oldRS.metadata.name} from 0 to 4`,
      `Normal ScalingReplicaSet Scaled down replica set ${oldRS.metadata.name} from 4 to 0`,
      `Normal ScalingReplicaSet Scaled up replica set ${newRS.metadata.name} from 0 to 4`,
    ]);

    runPods(h, newRS);
    h.markReplicaSets();
    h.drain();
    expect(h.deployment().status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
    expect(h.deployment().status!.conditions!.find((c) => c.type === 'Progressing')).toMatchObject({ reason: 'NewReplicaSetAvailable' });
  });

  test('Recreate has maxUnavailable 0: the Available condition is False while old pods are down', () => {
    const h = new ControllerHost();
    h.api.create(nginxDeployment({ replicas: 2, strategy: 'Recreate' }));
    h.syncOnce();
    h.markReplicaSets(() => ({ replicas: 2, availableReplicas: 1 }));
    h.syncOnce();
    expect(h.deployment().status!.conditions!.find((c) => c.type === 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
  });
});
