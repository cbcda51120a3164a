// The controller as a whole (deployment_controller.go): what wakes a deployment, adoption and
// release of ReplicaSets, the selecting-everything warning, deletion, restart, revision history,
// rollback (legacy annotation and `kubectl rollout undo`), and speed at 1,000 deployments.
import type { Deployment, ReplicaSet } from '../../apiserver/types';
import { deepClone } from '../../util/clone';
import { RollbackError, deploymentRevision, rollbackDeployment } from './rollback';
import { ControllerHost, nginxDeployment } from './testkit';
import { ComputeHash } from './util';

function settled(replicas = 3, name = 'nginx'): ControllerHost {
  const h = new ControllerHost();
  h.api.create(nginxDeployment({ replicas, name }));
  h.queue.add(`default/${name}`);
  h.drain();
  h.markReplicaSets();
  h.drain();
  return h;
}

/** Change the deployment and run the controller, the test playing the ReplicaSet controller, until it rests. */
function change(h: ControllerHost, edit: (d: Deployment) => void, name = 'nginx'): void {
  const d = deepClone(h.deployment(name));
  edit(d);
  h.api.update(d);
  for (let i = 0; i < 50 && h.pending; i++) {
    h.drain();
    h.markReplicaSets();
  }
  h.drain();
}

const image = (img: string) => (d: Deployment) => {
  d.spec.template!.spec!.containers[0].image = img;
};

const owners = (r: ReplicaSet) => (r.metadata.ownerReferences ?? []).map((o) => `${o.kind}/${o.name}`);

describe('what wakes a deployment', () => {
  test('its own ReplicaSets changing; orphans matching its selector; not other ReplicaSets', () => {
    const h = settled();
    h.markReplicaSets(() => ({ replicas: 3, availableReplicas: 2 }));
    expect(h.pending).toBe(1);
    h.drain();
    h.api.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'stray', namespace: 'default', labels: { app: 'other' } }, spec: { replicas: 1, selector: { matchLabels: { app: 'other' } }, template: { metadata: { labels: { app: 'other' } } } } });
    expect(h.pending).toBe(0);
    h.api.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'orphan', namespace: 'default', labels: { app: 'nginx' } }, spec: { replicas: 1, selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } } } } });
    expect(h.queue.pop()).toBe('default/nginx');
  });
});

describe('adoption and release (ClaimReplicaSets)', () => {
  test('a re-created deployment adopts the orphaned ReplicaSet and reuses it as its new RS', () => {
    const h = settled(3);
    const [orig] = h.replicaSets();
    // kubectl delete deployment nginx --cascade=orphan: the RS loses its owner, keeps its labels.
    h.api.delete('Deployment', 'nginx', { namespace: 'default' });
    h.api.patch('ReplicaSet', orig.metadata.name!, { metadata: { ownerReferences: null } }, 'merge', { namespace: 'default' });
    h.drain();
    h.api.create(nginxDeployment({ replicas: 3 }));
    h.queue.add('default/nginx');
    h.drain();
    const rss = h.replicaSets();
    expect(rss.map((r) => r.metadata.name)).toEqual([orig.metadata.name]);
    expect(rss[0].metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx', uid: h.deployment().metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(rss[0].spec.replicas).toBe(3);
    expect(h.deployment().metadata.annotations!['deployment.kubernetes.io/revision']).toBe('1');
  });

  test('an adopted orphan with another template is an old RS: scaled down by the rollout', () => {
    const h = new ControllerHost();
    h.api.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'legacy', namespace: 'default', labels: { app: 'nginx' } },
      spec: { replicas: 2, selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.10' }] } } },
    });
    h.markReplicaSets();
    h.api.create(nginxDeployment({ replicas: 2 }));
    for (let i = 0; i < 20; i++) {
      h.drain();
      h.markReplicaSets();
    }
    const legacy = h.replicaSets().find((r) => r.metadata.name === 'legacy')!;
    expect(owners(legacy)).toEqual(['Deployment/nginx']);
    expect(legacy.spec.replicas).toBe(0);
    const fresh = h.replicaSets().find((r) => r.metadata.name !== 'legacy')!;
    expect(fresh.spec.replicas).toBe(2);
    expect(fresh.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('1');
  });

  test('a ReplicaSet whose labels no longer match is released, and replaced', () => {
    const h = settled(2);
    const [r] = h.replicaSets();
    h.api.patch('ReplicaSet', r.metadata.name!, { metadata: { labels: { app: 'debug' } } }, 'merge', { namespace: 'default' });
    h.drain();
    const released = h.replicaSets().find((x) => x.metadata.name === r.metadata.name)!;
    expect(released.metadata.ownerReferences ?? []).toEqual([]);
    const replacement = h.replicaSets().filter((x) => x.metadata.name !== r.metadata.name);
    expect(replacement.map(owners)).toEqual([['Deployment/nginx']]);
    expect(replacement[0].spec.replicas).toBe(2);
  });

  test('ReplicaSets controlled by another deployment are never claimed', () => {
    const h = settled(1, 'a');
    h.api.create(nginxDeployment({ name: 'b', replicas: 1 }));
    const b = deepClone(h.deployment('b'));
    b.spec.selector = { matchLabels: { app: 'a' } };
    b.spec.template!.metadata!.labels = { app: 'a' };
    h.api.update(b);
    h.queue.add('default/b');
    h.drain();
    const byOwner = h.replicaSets().map((r) => owners(r)[0]);
    expect(byOwner.sort()).toEqual(['Deployment/a', 'Deployment/b']);
  });
});

describe('deployment-level behaviour', () => {
  test('a selector that selects everything: Warning SelectingAll, generation observed, nothing created', () => {
    const h = new ControllerHost();
    const d = nginxDeployment();
    d.spec.selector = {};
    h.api.create(d);
    h.syncOnce();
    expect(h.replicaSets()).toEqual([]);
    expect(h.events()).toEqual(['Warning SelectingAll This deployment is selecting all pods. A non-empty selector is required.']);
    expect(h.deployment().status).toEqual({ observedGeneration: 1 });
  });

  test('a deployment being deleted only has its status synced', () => {
    const h = settled(3);
    h.api.delete('Deployment', 'nginx', { namespace: 'default', propagationPolicy: 'Foreground' });
    const d = deepClone(h.deployment());
    expect(d.metadata.deletionTimestamp).toBeDefined();
    h.markReplicaSets(() => ({ replicas: 1 }));
    h.drain();
    expect(h.replicaSets()[0].spec.replicas).toBe(3);
    expect(h.deployment().status).toMatchObject({ replicas: 1, availableReplicas: 1 });
  });

  test('kubectl rollout restart (a template annotation) rolls out a new ReplicaSet', () => {
    const h = settled(2);
    const [before] = h.replicaSets();
    change(h, (d) => {
      d.spec.template!.metadata!.annotations = { 'kubectl.kubernetes.io/restartedAt': '2024-01-01T00:00:00Z' };
    });
    const after = h.replicaSets();
    expect(after).toHaveLength(2);
    expect(after.find((r) => r.metadata.name === before.metadata.name)!.spec.replicas).toBe(0);
    const fresh = after.find((r) => r.metadata.name !== before.metadata.name)!;
    expect(fresh.spec.template!.metadata!.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2024-01-01T00:00:00Z' });
    expect(fresh.spec.replicas).toBe(2);
  });

  test('revisionHistoryLimit: only that many old ReplicaSets are kept, the lowest revisions deleted', () => {
    const h = settled(1);
    change(h, (d) => {
      d.spec.revisionHistoryLimit = 2;
    });
    for (const v of ['1.15', '1.16', '1.17', '1.18']) {
      change(h, image(`nginx:${v}`));
      h.markReplicaSets((r) => ({ replicas: r.spec.replicas!, observedGeneration: r.metadata.generation }) as never);
      h.queue.add('default/nginx');
      h.drain();
    }
    const revisions = h
      .replicaSets()
      .map((r) => [r.spec.template!.spec!.containers[0].image, r.metadata.annotations!['deployment.kubernetes.io/revision']])
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    expect(revisions).toEqual([
      ['nginx:1.16', '3'],
      ['nginx:1.17', '4'],
      ['nginx:1.18', '5'],
    ]);
    expect(h.deployment().metadata.annotations!['deployment.kubernetes.io/revision']).toBe('5');
  });

  test('scaling to 0 and back', () => {
    const h = settled(3);
    change(h, (d) => {
      d.spec.replicas = 0;
    });
    expect(h.replicaSets().map((r) => r.spec.replicas)).toEqual([0]);
    expect(h.deployment().status).toMatchObject({ observedGeneration: 2 });
    expect(h.deployment().status!.replicas).toBeUndefined(); // omitempty
    change(h, (d) => {
      d.spec.replicas = 2;
    });
    expect(h.replicaSets().map((r) => r.spec.replicas)).toEqual([2]);
  });
});

describe('rollback', () => {
  function twoRevisions(): { h: ControllerHost; first: ReplicaSet } {
    const h = settled(2);
    const [first] = h.replicaSets();
    change(h, image('nginx:1.16.1'));
    return { h, first };
  }

  test('legacy annotation deprecated.deployment.rollback.to: template restored, event, annotation cleared, revision bumped', () => {
    const { h, first } = twoRevisions();
    change(h, (d) => {
      d.metadata.annotations = { ...d.metadata.annotations, 'deprecated.deployment.rollback.to': '0' };
    });
    const d = h.deployment();
    expect(d.spec.template!.spec!.containers[0].image).toBe('nginx:1.14.2');
    expect(d.metadata.annotations!['deprecated.deployment.rollback.to']).toBeUndefined();
    expect(h.events()).toContain('Normal DeploymentRollback Rolled back deployment "nginx" to revision 1');
    const back = h.replicaSets().find((r) => r.metadata.name === first.metadata.name)!;
    expect(back.spec.replicas).toBe(2);
    expect(back.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(d.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
  });

  test('legacy annotation with nothing to roll back to: Warning, annotation cleared', () => {
    const h = settled(1);
    change(h, (d) => {
      d.metadata.annotations = { ...d.metadata.annotations, 'deprecated.deployment.rollback.to': '0' };
    });
    expect(h.events()).toContain('Warning DeploymentRollbackRevisionNotFound Unable to find last revision.');
    change(h, (d) => {
      d.metadata.annotations = { ...d.metadata.annotations, 'deprecated.deployment.rollback.to': '7' };
    });
    expect(h.events()).toContain('Warning DeploymentRollbackRevisionNotFound Unable to find the revision to rollback to.');
    change(h, (d) => {
      d.metadata.annotations = { ...d.metadata.annotations, 'deprecated.deployment.rollback.to': '1' };
    });
    expect(h.events()).toContain('Warning DeploymentRollbackTemplateUnchanged The rollback revision contains the same template as current deployment "nginx"');
    expect(h.deployment().metadata.annotations!['deprecated.deployment.rollback.to']).toBeUndefined();
  });

  test('kubectl rollout undo (client-side): patch back to the previous revision, then the controller rolls', () => {
    const { h, first } = twoRevisions();
    const before = h.deployment();
    expect(deploymentRevision(h.api, before, 0).metadata.name).toBe(first.metadata.name);
    expect(rollbackDeployment(h.api, 'default', 'nginx', 0)).toBe('rolled back');
    const patched = h.deployment();
    expect(patched.spec.template).toEqual(before.spec.template && { ...before.spec.template, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } });
    expect(patched.spec.template!.metadata!.labels).toEqual({ app: 'nginx' }); // no pod-template-hash
    // The deployment's skip-listed annotations (revision) stay; the RS's others come back.
    expect(patched.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    change(h, () => {});
    h.queue.add('default/nginx');
    h.drain();
    const back = h.replicaSets().find((r) => r.metadata.name === first.metadata.name)!;
    expect(back.spec.replicas).toBe(2);
    expect(back.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(h.replicaSets()).toHaveLength(2);
  });

  test('kubectl rollout undo: skipped, unknown revision, no history, paused', () => {
    const { h } = twoRevisions();
    expect(rollbackDeployment(h.api, 'default', 'nginx', 2)).toBe('skipped rollback (current template already matches revision 2)');
    expect(() => rollbackDeployment(h.api, 'default', 'nginx', 9)).toThrow(new RollbackError('unable to find specified revision 9 in history'));
    change(h, (d) => {
      d.spec.paused = true;
    });
    expect(() => rollbackDeployment(h.api, 'default', 'nginx', 1)).toThrow("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/nginx' and try again");
    const lone = settled(1, 'lone');
    expect(() => rollbackDeployment(lone.api, 'default', 'lone', 0)).toThrow('no rollout history found for deployment "lone"');
  });
});

describe('performance', () => {
  test('1,000 deployments: create, settle and roll all of them, no namespace-wide list in any sync', () => {
    const h = new ControllerHost();
    // Every list the controller makes while syncing (the test's own listing is not counted).
    const lists: string[] = [];
    const list = h.api.list.bind(h.api);
    let syncing = false;
    h.api.list = ((kind: string, opts?: object) => {
      if (syncing) lists.push(kind);
      return list(kind, opts);
    }) as typeof h.api.list;
    const drain = () => {
      syncing = true;
      h.drain();
      syncing = false;
    };
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) h.api.create(nginxDeployment({ name: `app-${i}`, replicas: 3 }));
    drain();
    h.markReplicaSets();
    drain();
    for (let i = 0; i < 1000; i++) {
      const d = deepClone(h.deployment(`app-${i}`));
      d.spec.template!.spec!.containers[0].image = 'nginx:1.16.1';
      h.api.update(d);
    }
    for (let round = 0; round < 10 && h.pending; round++) {
      drain();
      h.markReplicaSets();
    }
    drain();
    const ms = performance.now() - t0;
    expect(h.replicaSets().filter((r) => r.spec.replicas === 3)).toHaveLength(1000);
    expect(h.replicaSets().filter((r) => r.spec.replicas === 0)).toHaveLength(1000);
    const done = h.api.list('Deployment').filter((d) => (d.status?.updatedReplicas ?? 0) === 3 && (d.status?.replicas ?? 0) === 3);
    expect(done).toHaveLength(1000);
    expect(lists).toEqual([]);
    // 17 syncs per deployment for creation and a 6-step rollout.
    expect(h.reconciles).toBeLessThanOrEqual(17_000);
    // About 1.5 s on an idle machine (node; slower under jest and a loaded CPU): the bound only
    // catches a quadratic slip.
    expect(ms).toBeLessThan(60_000);
  });

  test('10,000 replicas roll in a handful of syncs', () => {
    const h = settled(10_000);
    const t0 = performance.now();
    change(h, image('nginx:1.16.1'));
    const hash = ComputeHash(h.deployment().spec.template);
    expect(h.replicaSets().find((r) => r.metadata.name === `nginx-${hash}`)!.spec.replicas).toBe(10_000);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(h.reconciles).toBeLessThan(200);
  });
});
