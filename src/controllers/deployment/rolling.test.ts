// RollingUpdate: upstream's table-driven oracles (pkg/controller/deployment/rolling_test.go) over a
// fake client, then the reference's worked examples and a property test driven through the
// controller against a real ApiServer, the test playing the ReplicaSet controller.
import fc from 'fast-check';
import type { ReplicaSet } from '../../apiserver/types';
import { cleanupUnhealthyReplicas, reconcileNewReplicaSet, reconcileOldReplicaSets, scaleDownOldReplicaSetsForRollingUpdate } from './rolling';
import { ControllerHost, fakeContext, newDeployment, nginxDeployment, rs } from './testkit';
import { MaxSurge, MaxUnavailable, type IntOrString } from './util';
import { deepClone } from '../../util/clone';

/** The replicas of the last update written for `name`. */
function lastUpdate(actions: { verb: string; name: string; object?: any }[], name: string): number | undefined {
  const ups = actions.filter((a) => a.verb === 'update' && a.name === name);
  return ups.length ? ups[ups.length - 1].object.spec.replicas : undefined;
}

describe('TestDeploymentController_reconcileNewReplicaSet (rolling_test.go; maxUnavailable 0)', () => {
  test.each([
    // deploymentReplicas, maxSurge, oldReplicas, newReplicas, scaleExpected, expectedNewReplicas
    [10, 0, 10, 0, false, undefined],
    [10, 2, 10, 0, true, 2],
    [10, 2, 5, 0, true, 7],
    [10, 2, 10, 2, false, undefined],
    [10, 2, 2, 11, true, 10], // should scale down
  ])('replicas %i surge %i old %i new %i → scaled %s to %s', (deploymentReplicas, maxSurge, oldReplicas, newReplicas, scaleExpected, expectedNewReplicas) => {
    const { dc, client } = fakeContext();
    const newRS = rs('foo-v2', newReplicas);
    const oldRS = rs('foo-v1', oldReplicas);
    const d = newDeployment('foo', { replicas: deploymentReplicas, maxSurge, maxUnavailable: 0 });
    const scaled = reconcileNewReplicaSet(dc, [newRS, oldRS], newRS, d);
    expect(scaled).toBe(scaleExpected);
    if (!scaleExpected) {
      expect(client.actions).toEqual([]);
      return;
    }
    expect(client.actions).toHaveLength(1);
    expect(client.actions[0].object!.spec.replicas).toBe(expectedNewReplicas);
  });
});

describe('TestDeploymentController_reconcileOldReplicaSets (rolling_test.go; maxSurge 0)', () => {
  // Upstream asserts only the boolean; the old RS's final size is derived from upstream's formula
  // maxScaledDown = Σspec − (replicas − maxUnavailable) − (new.spec − new.available).
  test.each([
    // replicas, maxUnavailable, old, new, readyOld, readyNew, scaleExpected, expectedOld
    [10, 0, 10, 0, 10, 0, true, 9], // maxSurge = maxUnavailable = 0 resolves to maxUnavailable 1
    [10, 2, 10, 0, 10, 0, true, 8],
    [10, 2, 10, 0, 8, 0, true, 8], // unhealthy replicas of the old RS cleaned up
    [10, 2, 10, 0, 9, 0, true, 8], // 1 unhealthy cleaned up, 1 ready scaled down
    [10, 2, 8, 2, 8, 0, false, 8], // unavailable new pods do not make old RSs shrink further
  ])('replicas %i maxUnavailable %i old %i new %i readyOld %i readyNew %i → %s, old %i', (replicas, maxUnavailable, oldReplicas, newReplicas, readyOld, readyNew, scaleExpected, expectedOld) => {
    const { dc, client } = fakeContext();
    const newRS = rs('foo-new', newReplicas, 10, { available: readyNew });
    const oldRS = rs('foo-old', oldReplicas, 0, { available: readyOld });
    const d = newDeployment('foo', { replicas, maxSurge: 0, maxUnavailable });
    const scaled = reconcileOldReplicaSets(dc, [oldRS, newRS], [oldRS], newRS, d);
    expect(scaled).toBe(scaleExpected);
    expect(lastUpdate(client.actions, 'foo-old') ?? oldReplicas).toBe(expectedOld);
  });
});

describe('reconcileOldReplicaSets with a stale old RS status', () => {
  test('more available than spec (scale-down not yet observed): upstream\'s "invalid request" is swallowed, nothing scaled', () => {
    const { dc, client } = fakeContext();
    const newRS = rs('foo-new', 2, 10, { available: 2 });
    const oldRS = rs('foo-old', 2, 0, { available: 3 });
    const d = newDeployment('foo', { replicas: 4, maxSurge: 1, maxUnavailable: 1 });
    expect(reconcileOldReplicaSets(dc, [oldRS, newRS], [oldRS], newRS, d)).toBe(false);
    expect(client.actions).toEqual([]);
  });
});

describe('TestDeploymentController_cleanupUnhealthyReplicas (rolling_test.go; old RS 10, deployment 10 surge 2 unavailable 2)', () => {
  test.each([
    // readyPods, maxCleanupCount, cleanupCountExpected
    [8, 1, 1],
    [8, 3, 2],
    [8, 0, 0],
    [10, 3, 0],
  ])('ready %i, maxCleanup %i → cleaned %i', (readyPods, maxCleanupCount, cleanupCountExpected) => {
    const { dc, client } = fakeContext();
    const oldRS = rs('foo-v2', 10, 0, { available: readyPods });
    const d = newDeployment('foo', { replicas: 10, maxSurge: 2, maxUnavailable: 2 });
    const [, cleanupCount] = cleanupUnhealthyReplicas(dc, [oldRS], d, maxCleanupCount);
    expect(cleanupCount).toBe(cleanupCountExpected);
    expect(lastUpdate(client.actions, 'foo-v2') ?? 10).toBe(10 - cleanupCountExpected);
  });
});

describe('TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate (rolling_test.go; replicas 10, maxSurge 0)', () => {
  test.each([
    // maxUnavailable, readyPods, oldReplicas, scaleExpected, expectedOldReplicas
    [0, 10, 10, true, 9],
    [2, 10, 10, true, 8],
    [2, 8, 10, false, undefined],
    [2, 10, 0, false, undefined],
    [2, 1, 10, false, undefined],
  ])('maxUnavailable %i ready %i old %i → %s to %s', (maxUnavailable, readyPods, oldReplicas, scaleExpected, expectedOldReplicas) => {
    const { dc, client } = fakeContext();
    const oldRS = rs('foo-v2', oldReplicas, 0, { available: readyPods });
    const d = newDeployment('foo', { replicas: 10, maxSurge: 0, maxUnavailable });
    const scaled = scaleDownOldReplicaSetsForRollingUpdate(dc, [oldRS], [oldRS], d);
    if (!scaleExpected) {
      expect(scaled).toBe(0);
      expect(client.actions).toEqual([]);
      return;
    }
    expect(scaled).toBeGreaterThan(0);
    const updates = client.actions.filter((a) => a.verb === 'update');
    expect(updates).toHaveLength(1);
    expect(updates[0].object!.spec.replicas).toBe(expectedOldReplicas);
  });
});

// ---- through the controller -------------------------------------------------------------------

/** Create the deployment, let it settle with all pods available, then change the image. */
function rolledDeployment(h: ControllerHost, replicas: number, extra: { maxSurge?: IntOrString; maxUnavailable?: IntOrString } = {}): { oldName: string } {
  h.api.create(nginxDeployment({ replicas, ...extra }));
  h.syncOnce();
  h.markReplicaSets();
  h.syncOnce();
  const oldName = h.replicaSets()[0].metadata.name!;
  const d = deepClone(h.deployment());
  d.spec.template!.spec!.containers[0].image = 'nginx:1.16.1';
  h.api.update(d);
  return { oldName };
}

/** (new, old) spec.replicas. */
function sizes(h: ControllerHost, oldName: string): [number, number] {
  const all = h.replicaSets();
  const old = all.find((r) => r.metadata.name === oldName)!;
  const next = all.find((r) => r.metadata.name !== oldName);
  return [next?.spec.replicas ?? 0, old.spec.replicas ?? 0];
}

describe('worked example (reference §2): replicas 4, defaults 25%/25% ⇒ surge 1, unavailable 1', () => {
  test('one sync per step, pods available before the next: (1,3)→(2,3)→(2,1)→(4,1)→(4,0), then complete', () => {
    const h = new ControllerHost();
    const { oldName } = rolledDeployment(h, 4);
    const seen: [number, number][] = [];
    for (let i = 0; i < 5; i++) {
      h.syncOnce();
      seen.push(sizes(h, oldName));
      h.markReplicaSets();
    }
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [2, 1],
      [4, 1],
      [4, 0],
    ]);
    h.syncOnce();
    const d = h.deployment();
    const newName = h.replicaSets().find((r) => r.metadata.name !== oldName)!.metadata.name;
    expect(d.status).toMatchObject({ observedGeneration: 2, replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
    expect(d.status!.conditions!.find((c) => c.type === 'Progressing')).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "${newName}" has successfully progressed.`,
    });
    expect(d.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.metadata.generation).toBe(2);
    // Events in 1.28 wording (sync.go): creation without "from", every other scaling with it.
    expect(h.events()).toEqual([
      `Normal ScalingReplicaSet Scaled up replica set ${oldName} from 0 to 4`,
      `Normal ScalingReplicaSet Scaled up replica set ${newName} from 0 to 1`,
      `Normal ScalingReplicaSet Scaled down replica set ${oldName} from 4 to 3`,
      `Normal ScalingReplicaSet Scaled up replica set ${newName} from 1 to 2`,
      `Normal ScalingReplicaSet Scaled down replica set ${oldName} from 3 to 1`,
      `Normal ScalingReplicaSet Scaled up replica set ${newName} from 2 to 4`,
      `Normal ScalingReplicaSet Scaled down replica set ${oldName} from 1 to 0`,
    ]);
  });

  test('new pods that never become available stall the rollout at (2,3)', () => {
    const h = new ControllerHost();
    const { oldName } = rolledDeployment(h, 4);
    for (let i = 0; i < 8; i++) {
      h.syncOnce();
      // Old pods stay available; new pods exist but are never ready.
      h.markReplicaSets((r) => (r.metadata.name === oldName ? { replicas: r.spec.replicas! } : { replicas: r.spec.replicas!, readyReplicas: 0 }));
    }
    expect(sizes(h, oldName)).toEqual([2, 3]);
    expect(h.deployment().status).toMatchObject({ replicas: 5, updatedReplicas: 2, availableReplicas: 3, unavailableReplicas: 2 });
    // 3 available ≥ 4 − 1: the deployment stays Available.
    expect(h.deployment().status!.conditions!.find((c) => c.type === 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
  });

  test('the controller reacting to its own writes scales the new RS to 2 at once (NewRSNewReplicas ignores availability)', () => {
    const h = new ControllerHost();
    const { oldName } = rolledDeployment(h, 4);
    h.queue.add('default/nginx');
    h.drain();
    expect(sizes(h, oldName)).toEqual([2, 3]);
  });
});

describe('cross-check: replicas 3 (surge 1, unavailable 0) matches the documented event sequence', () => {
  test('(1,3)→(1,2)→(2,2)→(2,1)→(3,1)→(3,0)', () => {
    const h = new ControllerHost();
    const { oldName } = rolledDeployment(h, 3);
    const seen: [number, number][] = [];
    for (let i = 0; i < 6; i++) {
      h.syncOnce();
      seen.push(sizes(h, oldName));
      h.markReplicaSets();
    }
    expect(seen).toEqual([
      [1, 3],
      [1, 2],
      [2, 2],
      [2, 1],
      [3, 1],
      [3, 0],
    ]);
  });
});

describe('property: a rolling update through the controller keeps within maxSurge / maxUnavailable and completes', () => {
  const intOrPercent = fc.oneof(fc.integer({ min: 0, max: 4 }) as fc.Arbitrary<IntOrString>, fc.integer({ min: 0, max: 100 }).map((p) => `${p}%` as IntOrString));

  test('Σ spec ≤ replicas + maxSurge and Σ available ≥ replicas − maxUnavailable after every sync', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), intOrPercent, intOrPercent, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 25, maxLength: 25 }), (replicas, maxSurge, maxUnavailable, luck) => {
        const h = new ControllerHost();
        const { oldName } = rolledDeployment(h, replicas, { maxSurge, maxUnavailable });
        const d = h.deployment();
        const surge = MaxSurge(d);
        const minAvailable = replicas - MaxUnavailable(d);
        // The ReplicaSet controller: old pods stay available until removed; each step up to
        // `luck[i]` more new pods become available.
        const available = new Map<string, number>([[oldName, replicas]]);
        const play = (extra: number) =>
          h.markReplicaSets((r: ReplicaSet) => {
            const name = r.metadata.name!;
            const spec = r.spec.replicas!;
            const prev = available.get(name) ?? 0;
            const next = name === oldName ? Math.min(prev, spec) : Math.min(spec, prev + extra);
            available.set(name, next);
            return { replicas: spec, readyReplicas: next, availableReplicas: next };
          });
        for (const extra of luck) {
          h.syncOnce();
          const all = h.replicaSets();
          const totalSpec = all.reduce((n, r) => n + (r.spec.replicas ?? 0), 0);
          expect(totalSpec).toBeLessThanOrEqual(replicas + surge);
          play(extra);
          const totalAvailable = [...available.values()].reduce((a, b) => a + b, 0);
          expect(totalAvailable).toBeGreaterThanOrEqual(minAvailable);
        }
        for (let i = 0; i < 3 * replicas + 4; i++) {
          h.syncOnce();
          play(replicas);
        }
        expect(sizes(h, oldName)).toEqual([replicas, 0]);
      }),
      { numRuns: 60 },
    );
  });
});
