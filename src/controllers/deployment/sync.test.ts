// sync.go: proportional scaling (TestScale), revision-history clean-up (TestDeploymentController_
// cleanupDeployment / cleanupDeploymentOrder) from sync_test.go over a fake client; then new-RS
// creation, hash collisions and status through the controller against a real ApiServer.
import type { Deployment, ReplicaSet } from '../../apiserver/types';
import { deepClone } from '../../util/clone';
import { calculateStatus, cleanupDeployment, scale } from './sync';
import { ControllerHost, fakeContext, newDeployment, nginxDeployment, rs } from './testkit';
import { ComputeHash, MaxSurge, SetReplicasAnnotations, type IntOrString } from './util';

describe('TestScale (sync_test.go): proportional scaling', () => {
  // Timestamps: v3 newest, then v2, then v1 (seconds after the test epoch).
  const NEW = 7200;
  const OLD = 3600;
  const OLDER = 0;
  type Case = {
    name: string;
    deployment: Deployment;
    oldDeployment: Deployment;
    newRS?: ReplicaSet;
    oldRSs: ReplicaSet[];
    expectedNew?: number;
    expectedOld: number[];
    wasntUpdated?: string[];
    desiredReplicasAnnotations?: Record<string, number>;
  };
  const dep = (replicas: number, maxSurge?: IntOrString, maxUnavailable?: IntOrString) => newDeployment('foo', { replicas, maxSurge, maxUnavailable });
  const updatedTemplate = (replicas: number) => {
    const d = dep(replicas);
    d.spec.template!.metadata!.labels!.another = 'label';
    return d;
  };
  const cases: Case[] = [
    { name: 'normal scaling event: 10 -> 12', deployment: dep(12), oldDeployment: dep(10), newRS: rs('foo-v1', 10, NEW), oldRSs: [], expectedNew: 12, expectedOld: [] },
    { name: 'normal scaling event: 10 -> 5', deployment: dep(5), oldDeployment: dep(10), newRS: rs('foo-v1', 10, NEW), oldRSs: [], expectedNew: 5, expectedOld: [] },
    { name: 'proportional scaling: 5 -> 10', deployment: dep(10), oldDeployment: dep(5), newRS: rs('foo-v2', 2, NEW), oldRSs: [rs('foo-v1', 3, OLD)], expectedNew: 4, expectedOld: [6] },
    { name: 'proportional scaling: 5 -> 3', deployment: dep(3), oldDeployment: dep(5), newRS: rs('foo-v2', 2, NEW), oldRSs: [rs('foo-v1', 3, OLD)], expectedNew: 1, expectedOld: [2] },
    { name: 'proportional scaling: 9 -> 4', deployment: dep(4), oldDeployment: dep(9), newRS: rs('foo-v2', 8, NEW), oldRSs: [rs('foo-v1', 1, OLD)], expectedNew: 4, expectedOld: [0] },
    {
      name: 'proportional scaling: 7 -> 10',
      deployment: dep(10),
      oldDeployment: dep(7),
      newRS: rs('foo-v3', 2, NEW),
      oldRSs: [rs('foo-v2', 3, OLD), rs('foo-v1', 2, OLDER)],
      expectedNew: 3,
      expectedOld: [4, 3],
    },
    {
      name: 'proportional scaling: 13 -> 8',
      deployment: dep(8),
      oldDeployment: dep(13),
      newRS: rs('foo-v3', 2, NEW),
      oldRSs: [rs('foo-v2', 8, OLD), rs('foo-v1', 3, OLDER)],
      expectedNew: 1,
      expectedOld: [5, 2],
    },
    // Scales up the new replica set.
    {
      name: 'leftover distribution: 3 -> 4',
      deployment: dep(4),
      oldDeployment: dep(3),
      newRS: rs('foo-v3', 1, NEW),
      oldRSs: [rs('foo-v2', 1, OLD), rs('foo-v1', 1, OLDER)],
      expectedNew: 2,
      expectedOld: [1, 1],
    },
    // Scales down the older replica set.
    {
      name: 'leftover distribution: 3 -> 2',
      deployment: dep(2),
      oldDeployment: dep(3),
      newRS: rs('foo-v3', 1, NEW),
      oldRSs: [rs('foo-v2', 1, OLD), rs('foo-v1', 1, OLDER)],
      expectedNew: 1,
      expectedOld: [1, 0],
    },
    // Scales up the latest replica set first.
    { name: 'proportional scaling (no new rs): 4 -> 5', deployment: dep(5), oldDeployment: dep(4), oldRSs: [rs('foo-v2', 2, OLD), rs('foo-v1', 2, OLDER)], expectedOld: [3, 2] },
    // Scales down to zero.
    {
      name: 'proportional scaling: 6 -> 0',
      deployment: dep(0),
      oldDeployment: dep(6),
      newRS: rs('foo-v3', 3, NEW),
      oldRSs: [rs('foo-v2', 2, OLD), rs('foo-v1', 1, OLDER)],
      expectedNew: 0,
      expectedOld: [0, 0],
    },
    // Scales up from zero.
    {
      name: 'proportional scaling: 0 -> 6',
      deployment: dep(6),
      oldDeployment: dep(6),
      newRS: rs('foo-v3', 0, NEW),
      oldRSs: [rs('foo-v2', 0, OLD), rs('foo-v1', 0, OLDER)],
      expectedNew: 6,
      expectedOld: [0, 0],
      wasntUpdated: ['foo-v2', 'foo-v1'],
    },
    // foo-v2's desired-replicas annotation says 3: foo-v3 and foo-v2 would each get one more, foo-v2 takes it.
    {
      name: 'failed rs update',
      deployment: dep(5),
      oldDeployment: dep(5),
      newRS: rs('foo-v3', 2, NEW),
      oldRSs: [rs('foo-v2', 1, OLD), rs('foo-v1', 1, OLDER)],
      expectedNew: 2,
      expectedOld: [2, 1],
      wasntUpdated: ['foo-v3', 'foo-v1'],
      desiredReplicasAnnotations: { 'foo-v2': 3 },
    },
    { name: 'deployment with surge pods', deployment: dep(20, 2), oldDeployment: dep(10, 2), newRS: rs('foo-v2', 6, NEW), oldRSs: [rs('foo-v1', 6, OLD)], expectedNew: 11, expectedOld: [11] },
    { name: 'change both surge and size', deployment: dep(50, 6), oldDeployment: dep(10, 3), newRS: rs('foo-v2', 5, NEW), oldRSs: [rs('foo-v1', 8, OLD)], expectedNew: 22, expectedOld: [34] },
    { name: 'change both size and template', deployment: updatedTemplate(14), oldDeployment: dep(10), oldRSs: [rs('foo-v2', 7, NEW), rs('foo-v1', 3, OLD)], expectedOld: [10, 4] },
    {
      name: 'saturated but broken new replica set does not affect old pods',
      deployment: dep(2, 1, 1),
      oldDeployment: dep(2, 1, 1),
      newRS: rs('foo-v2', 2, NEW, { available: 0 }),
      oldRSs: [rs('foo-v1', 1, OLD)],
      expectedNew: 2,
      expectedOld: [1],
    },
  ];

  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { dc, client } = fakeContext();
    // Each RS is annotated as the old deployment left it.
    for (const r of [c.newRS, ...c.oldRSs]) {
      if (!r) continue;
      const desired = c.desiredReplicasAnnotations?.[r.metadata.name!] ?? c.oldDeployment.spec.replicas!;
      SetReplicasAnnotations(r, desired, desired + MaxSurge(c.oldDeployment));
    }
    scale(dc, c.deployment, c.newRS, c.oldRSs);
    const nameToSize = new Map<string, number>();
    for (const r of [c.newRS, ...c.oldRSs]) if (r) nameToSize.set(r.metadata.name!, r.spec.replicas!);
    for (const a of client.actions) {
      expect(a.verb).toBe('update');
      if (!c.wasntUpdated?.includes(a.name)) nameToSize.set(a.name, a.object!.spec.replicas);
    }
    if (c.newRS) expect(nameToSize.get(c.newRS.metadata.name!)).toBe(c.expectedNew);
    expect(c.oldRSs.map((r) => nameToSize.get(r.metadata.name!))).toEqual(c.expectedOld);
  });

  test('0 -> 6: the RSs left at 0 are not written at all', () => {
    const { dc, client } = fakeContext();
    const d = dep(6);
    const rss = [rs('foo-v3', 0, NEW), rs('foo-v2', 0, OLD), rs('foo-v1', 0, OLDER)];
    for (const r of rss) SetReplicasAnnotations(r, 6, 6);
    scale(dc, d, rss[0], rss.slice(1));
    expect(client.actions.map((a) => [a.verb, a.name, a.object!.spec.replicas])).toEqual([['update', 'foo-v3', 6]]);
  });
});

describe('TestDeploymentController_cleanupDeployment (sync_test.go)', () => {
  // An old RS is deleted only with spec 0 and status 0 and no deletionTimestamp; one with replicas
  // still counts toward the excess, and is skipped rather than replaced by another.
  const withStatus = (name: string, spec: number, status: number) => rs(name, spec, 0, { statusReplicas: status });
  const alreadyDeleted = withStatus('foo-1', 0, 0);
  alreadyDeleted.metadata.deletionTimestamp = '2016-05-20T03:00:00Z';
  test.each([
    { desc: '(0,0)×3', oldRSs: [withStatus('foo-1', 0, 0), withStatus('foo-2', 0, 0), withStatus('foo-3', 0, 0)], limit: 1, deletions: 2 },
    { desc: '(0,0),(0,1),(1,0),(1,1)', oldRSs: [withStatus('foo-1', 0, 0), withStatus('foo-2', 0, 1), withStatus('foo-3', 1, 0), withStatus('foo-4', 1, 1)], limit: 0, deletions: 1 },
    { desc: '(0,0)×2', oldRSs: [withStatus('foo-1', 0, 0), withStatus('foo-2', 0, 0)], limit: 0, deletions: 2 },
    { desc: '(1,1)×2', oldRSs: [withStatus('foo-1', 1, 1), withStatus('foo-2', 1, 1)], limit: 0, deletions: 0 },
    { desc: '(0,0) being deleted', oldRSs: [alreadyDeleted], limit: 0, deletions: 0 },
    { desc: '(0,0)×3, unlimited', oldRSs: [withStatus('foo-1', 0, 0), withStatus('foo-2', 0, 0), withStatus('foo-3', 0, 0)], limit: 2147483647, deletions: 0 },
  ])('old (spec,status) $desc, limit $limit → $deletions deletions', ({ oldRSs, limit, deletions }) => {
    const { dc, client } = fakeContext();
    cleanupDeployment(dc, oldRSs, newDeployment('foo', { replicas: 1, revisionHistoryLimit: limit }));
    expect(client.actions.filter((a) => a.verb === 'delete')).toHaveLength(deletions);
  });

  test('an RS whose generation its status has not observed yet is kept', () => {
    const { dc, client } = fakeContext();
    const r = withStatus('foo-1', 0, 0);
    r.metadata.generation = 2;
    r.status!.observedGeneration = 1;
    cleanupDeployment(dc, [r], newDeployment('foo', { revisionHistoryLimit: 0 }));
    expect(client.actions).toEqual([]);
  });
});

describe('TestDeploymentController_cleanupDeploymentOrder (sync_test.go): lowest revision first, a missing revision counts as oldest', () => {
  const MIN = 60;
  const r = (name: string, replicas: number, t: number, revision: string) => rs(name, replicas, t, { statusReplicas: replicas, revision: revision || undefined });
  test.each([
    { desc: '1:0:"1", 2:0:"2"', oldRSs: [r('foo-1', 0, -MIN, '1'), r('foo-2', 0, 0, '2')], limit: 1, deleted: ['foo-1'] },
    { desc: '1:0:"2", 2:0:"1"', oldRSs: [r('foo-1', 0, -MIN, '2'), r('foo-2', 0, 0, '1')], limit: 1, deleted: ['foo-2'] },
    { desc: '1:0:"1", 2:0:""', oldRSs: [r('foo-1', 0, -MIN, '1'), r('foo-2', 0, 0, '')], limit: 1, deleted: ['foo-2'] },
    { desc: '1:0:"", 2:0:"2"', oldRSs: [r('foo-1', 0, -MIN, ''), r('foo-2', 0, 0, '2')], limit: 1, deleted: ['foo-1'] },
    { desc: '1:1:"1", 2:0:"2", 3:0:"3"', oldRSs: [r('foo-1', 1, -MIN, '1'), r('foo-2', 0, 0, '2'), r('foo-3', 0, MIN, '3')], limit: 1, deleted: ['foo-2'] },
    { desc: '1:1:"1", 2:1:"2", 3:0:"3"', oldRSs: [r('foo-1', 1, -MIN, '1'), r('foo-2', 1, 0, '2'), r('foo-3', 0, MIN, '3')], limit: 1, deleted: [] },
    { desc: '1:0:"3", 2:0:"1", 3:0:"4", 4:0:"2"', oldRSs: [r('foo-1', 0, -MIN, '3'), r('foo-2', 0, 0, '1'), r('foo-3', 0, MIN, '4'), r('foo-4', 0, 2 * MIN, '2')], limit: 2, deleted: ['foo-2', 'foo-4'] },
  ])('(name:replicas:revision) $desc, limit $limit → deletes $deleted', ({ oldRSs, limit, deleted }) => {
    const { dc, client } = fakeContext();
    cleanupDeployment(dc, oldRSs, newDeployment('foo', { replicas: 1, revisionHistoryLimit: limit }));
    expect(
      client.actions
        .filter((a) => a.verb === 'delete')
        .map((a) => a.name)
        .sort(),
    ).toEqual(deleted);
  });
});

describe('calculateStatus', () => {
  test('sums the RS statuses; updated = new RS; unavailable never negative; zero counts omitted', () => {
    const d = newDeployment('foo', { replicas: 3, maxSurge: 1, maxUnavailable: 0 });
    const newRS = rs('foo-2', 2, 10, { statusReplicas: 2, available: 1 });
    newRS.status!.readyReplicas = 2;
    const oldRS = rs('foo-1', 2, 0, { statusReplicas: 2, available: 2 });
    oldRS.status!.readyReplicas = 2;
    const s = calculateStatus([oldRS, newRS], newRS, d, '2024-01-01T00:00:00Z');
    expect(s).toEqual({
      observedGeneration: 1,
      replicas: 4,
      updatedReplicas: 2,
      readyReplicas: 4,
      availableReplicas: 3,
      unavailableReplicas: 1,
      conditions: [{ type: 'Available', status: 'True', lastUpdateTime: '2024-01-01T00:00:00Z', lastTransitionTime: '2024-01-01T00:00:00Z', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }],
    });
    const empty = calculateStatus([], undefined, d, '2024-01-01T00:00:00Z');
    expect(empty).toEqual({
      observedGeneration: 1,
      conditions: [
        { type: 'Available', status: 'False', lastUpdateTime: '2024-01-01T00:00:00Z', lastTransitionTime: '2024-01-01T00:00:00Z', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
      ],
    });
  });
});

// ---- through the controller -------------------------------------------------------------------

describe('new ReplicaSet creation (getNewReplicaSet)', () => {
  test('named <deployment>-<hash>; hash label in selector, template and labels; controllerRef; annotations; Progressing NewReplicaSetCreated', () => {
    const h = new ControllerHost();
    const input = nginxDeployment({ replicas: 2 });
    input.metadata.annotations = { 'kubernetes.io/change-cause': 'first', 'kubectl.kubernetes.io/last-applied-configuration': '{"x":1}' };
    input.spec.minReadySeconds = 5;
    h.api.create(input);
    h.syncOnce();
    const [r] = h.replicaSets();
    const d = h.deployment();
    const hash = ComputeHash(d.spec.template);
    expect(r.metadata.name).toBe(`nginx-${hash}`);
    expect(r.metadata.labels).toEqual({ app: 'nginx', 'pod-template-hash': hash });
    expect(r.spec.selector).toEqual({ matchLabels: { app: 'nginx', 'pod-template-hash': hash } });
    expect(r.spec.template!.metadata!.labels).toEqual({ app: 'nginx', 'pod-template-hash': hash });
    expect(r.spec.template!.spec).toEqual(d.spec.template!.spec);
    expect(r.spec.replicas).toBe(2);
    expect(r.spec.minReadySeconds).toBe(5);
    expect(r.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(r.metadata.annotations).toEqual({
      'kubernetes.io/change-cause': 'first',
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '2',
      'deployment.kubernetes.io/max-replicas': '3',
    });
    expect(d.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('1');
    // Written through /status: no generation bump for the revision annotation.
    expect(d.metadata.generation).toBe(1);
    expect(d.status!.conditions!.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "nginx-${hash}"` });
    expect(h.events()).toEqual([`Normal ScalingReplicaSet Scaled up replica set nginx-${hash} from 0 to 2`]);
  });

  test('a name taken by another ReplicaSet is a hash collision: collisionCount 1 and a new name', () => {
    const h = new ControllerHost();
    const input = nginxDeployment({ replicas: 1 });
    const hash = ComputeHash(input.spec.template);
    // Someone else's RS with the name the deployment would use (and a selector it does not match).
    h.api.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `nginx-${hash}`, namespace: 'default', labels: { other: 'x' } }, spec: { replicas: 0, selector: { matchLabels: { other: 'x' } }, template: { metadata: { labels: { other: 'x' } } } } });
    h.api.create(input);
    h.queue.add('default/nginx');
    h.drain();
    const d = h.deployment();
    expect(d.status!.collisionCount).toBe(1);
    const mine = h.replicaSets().filter((r) => r.metadata.ownerReferences?.[0]?.uid === d.metadata.uid);
    expect(mine.map((r) => r.metadata.name)).toEqual([`nginx-${ComputeHash(d.spec.template, 1)}`]);
  });

  test('minReadySeconds changes are copied to the new RS; revision sync needs no generation bump', () => {
    const h = new ControllerHost();
    h.api.create(nginxDeployment({ replicas: 1 }));
    h.queue.add('default/nginx');
    h.drain();
    const d = deepClone(h.deployment());
    d.spec.minReadySeconds = 10;
    h.api.update(d);
    h.drain();
    expect(h.replicaSets().map((r) => r.spec.minReadySeconds)).toEqual([10]);
    expect(h.replicaSets()).toHaveLength(1);
  });
});

describe('scaling events (isScalingEvent → sync → scale)', () => {
  test('scaling a stable deployment rescales its one RS and rewrites desired/max-replicas', () => {
    const h = new ControllerHost();
    h.api.create(nginxDeployment({ replicas: 2 }));
    h.queue.add('default/nginx');
    h.drain();
    h.markReplicaSets();
    h.drain();
    const d = deepClone(h.deployment());
    d.spec.replicas = 5;
    h.api.update(d);
    h.drain();
    const [r] = h.replicaSets();
    expect(r.spec.replicas).toBe(5);
    expect(r.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '5', 'deployment.kubernetes.io/max-replicas': '7' });
    expect(h.events().at(-1)).toBe(`Normal ScalingReplicaSet Scaled up replica set ${r.metadata.name} from 2 to 5`);
  });

  test('scaling in the middle of a rollout scales old and new RSs in proportion (doc: 10→15 with old 8, new 5 ⇒ 11 and 7)', () => {
    const h = new ControllerHost();
    h.api.create(nginxDeployment({ replicas: 10, maxSurge: 3, maxUnavailable: 2 }));
    h.syncOnce();
    h.markReplicaSets();
    h.syncOnce();
    const oldName = h.replicaSets()[0].metadata.name!;
    let d = deepClone(h.deployment());
    d.spec.template!.spec!.containers[0].image = 'nginx:sometag';
    h.api.update(d);
    // The new image never becomes available: the rollout stalls with old 8, new 5.
    for (let i = 0; i < 4; i++) {
      h.syncOnce();
      h.markReplicaSets((r) => (r.metadata.name === oldName ? { replicas: r.spec.replicas! } : { replicas: r.spec.replicas!, readyReplicas: 0 }));
    }
    const sizes = () => Object.fromEntries(h.replicaSets().map((r) => [r.metadata.name === oldName ? 'old' : 'new', r.spec.replicas]));
    expect(sizes()).toEqual({ old: 8, new: 5 });
    d = deepClone(h.deployment());
    d.spec.replicas = 15;
    h.api.update(d);
    h.syncOnce();
    expect(sizes()).toEqual({ old: 11, new: 7 });
  });

  test('a manually scaled RS of a deployment is scaled back', () => {
    const h = new ControllerHost();
    h.api.create(nginxDeployment({ replicas: 3 }));
    h.queue.add('default/nginx');
    h.drain();
    const r = deepClone(h.replicaSets()[0]);
    r.spec.replicas = 7;
    h.api.update(r);
    h.drain();
    expect(h.replicaSets()[0].spec.replicas).toBe(3);
  });
});
