// progress.go and the paused conditions of sync.go: Progressing reasons and messages (reference §3),
// the progress-deadline requeue (a wait-only timer at lastUpdateTime + deadline + 1s), and
// DeploymentPaused / DeploymentResumed.
import type { Deployment } from '../../apiserver/types';
import { deepClone } from '../../util/clone';
import { requeueStuckDeployment, syncRolloutStatus } from './progress';
import { ControllerHost, fakeContext, newDeployment, nginxDeployment, rs } from './testkit';

function progressing(d: Deployment) {
  return d.status?.conditions?.find((c) => c.type === 'Progressing');
}

function rollOut(h: ControllerHost, image: string): void {
  const d = deepClone(h.deployment());
  d.spec.template!.spec!.containers[0].image = image;
  h.api.update(d);
}

describe('progress deadline', () => {
  test('a rollout whose pods never become available times out at lastUpdateTime + progressDeadlineSeconds', () => {
    const h = new ControllerHost();
    const input = nginxDeployment({ replicas: 2 });
    input.spec.progressDeadlineSeconds = 60;
    h.api.create(input);
    h.syncOnce();
    const rsName = h.replicaSets()[0].metadata.name;
    expect(progressing(h.deployment())).toMatchObject({ status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${rsName}"` });
    // Two pods exist but never become ready: that much is progress.
    h.markReplicaSets(() => ({ replicas: 2, readyReplicas: 0 }));
    h.syncOnce();
    expect(progressing(h.deployment())).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rsName}" is progressing.` });

    // A resync with no progress arms the check: 60 s after lastUpdateTime, plus upstream's extra second.
    h.syncOnce();
    expect(h.timers).toEqual([{ at: h.clock.now() + 61_000, key: 'default/nginx', settle: false }]);
    // Syncing again does not pile up timers.
    h.syncOnce();
    expect(h.timers).toHaveLength(1);

    h.advance(60_000);
    expect(h.queue.length).toBe(0);
    h.advance(1_000);
    expect(h.queue.length).toBe(1);
    h.drain();
    const d = h.deployment();
    expect(progressing(d)).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rsName}" has timed out progressing.` });
    expect(d.status!.conditions!.find((c) => c.type === 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    // Once timed out, no more checks are armed.
    h.syncOnce();
    expect(h.timers).toHaveLength(0);

    // Pods coming up after the deadline complete the rollout all the same.
    h.markReplicaSets();
    h.drain();
    expect(progressing(h.deployment())).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.` });
  });

  test('progress refreshes lastUpdateTime and keeps lastTransitionTime; a complete rollout arms nothing', () => {
    const h = new ControllerHost();
    h.api.create(nginxDeployment({ replicas: 4 }));
    h.syncOnce();
    h.markReplicaSets();
    h.syncOnce();
    const created = progressing(h.deployment())!;
    expect(created.reason).toBe('NewReplicaSetAvailable');
    h.timers.length = 0;
    h.syncOnce();
    expect(h.timers).toEqual([]);

    h.advance(30_000);
    rollOut(h, 'nginx:1.16.1');
    h.syncOnce(); // new RS created (1, 3)
    const newName = h.replicaSets().find((r) => r.spec.replicas === 1)!.metadata.name;
    expect(progressing(h.deployment())).toMatchObject({ reason: 'NewReplicaSetCreated', lastTransitionTime: created.lastTransitionTime });
    h.advance(5_000);
    h.markReplicaSets();
    h.syncOnce();
    const updated = progressing(h.deployment())!;
    expect(updated).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${newName}" is progressing.`, lastTransitionTime: created.lastTransitionTime });
    expect(updated.lastUpdateTime).toBe(h.clock.timestamp());
  });

  test('requeueStuckDeployment: no deadline, no condition, complete or timed out → −1', () => {
    const { dc, requeues } = fakeContext(Date.UTC(2024, 0, 1, 0, 3));
    const d = newDeployment('foo', { replicas: 1, progressDeadlineSeconds: 600 });
    expect(requeueStuckDeployment(dc, d, {})).toBe(-1);
    d.status = { conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: '2024-01-01T00:00:00Z', lastTransitionTime: '2024-01-01T00:00:00Z' }] };
    // The kubernetes/kubernetes#34458 example: updated 3 minutes ago, deadline 10 minutes → 7 minutes.
    expect(requeueStuckDeployment(dc, d, {})).toBe(7 * 60_000);
    expect(requeues).toEqual([7 * 60_000 + 1000]);
    expect(requeueStuckDeployment(dc, d, { replicas: 1, updatedReplicas: 1, availableReplicas: 1, observedGeneration: 1 })).toBe(-1);
    d.status.conditions![0].reason = 'ProgressDeadlineExceeded';
    expect(requeueStuckDeployment(dc, d, {})).toBe(-1);
  });

  test('without a progress deadline there is no Progressing condition', () => {
    const { dc, client } = fakeContext();
    const d = newDeployment('foo', { replicas: 1 }); // progressDeadlineSeconds MaxInt32
    d.status = { conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' }] };
    syncRolloutStatus(dc, [rs('foo-1', 1, 0, { available: 1, statusReplicas: 1 })], undefined, d);
    const written = client.actions.find((a) => a.verb === 'update-status')!.object as Deployment;
    expect(written.status!.conditions!.map((c) => c.type)).toEqual(['Available']);
  });

  test('a ReplicaFailure of the new RS becomes the deployment condition, and goes away with it', () => {
    const h = new ControllerHost();
    h.api.create(nginxDeployment({ replicas: 1 }));
    h.syncOnce();
    const r = deepClone(h.replicaSets()[0]);
    r.status = { replicas: 0, conditions: [{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: '2024-01-01T00:00:00Z', reason: 'FailedCreate', message: 'pods "x" is forbidden: quota' }] };
    h.api.updateStatus(r);
    h.syncOnce();
    expect(h.deployment().status!.conditions!.find((c) => c.type === 'ReplicaFailure')).toEqual({
      type: 'ReplicaFailure',
      status: 'True',
      lastUpdateTime: '2024-01-01T00:00:00Z',
      lastTransitionTime: '2024-01-01T00:00:00Z',
      reason: 'FailedCreate',
      message: 'pods "x" is forbidden: quota',
    });
    h.markReplicaSets();
    h.syncOnce();
    expect(h.deployment().status!.conditions!.map((c) => c.type)).not.toContain('ReplicaFailure');
  });
});

describe('pause and resume', () => {
  test('paused: Progressing Unknown DeploymentPaused; a template change rolls nothing, scaling still applies; resume rolls', () => {
    const h = new ControllerHost();
    h.api.create(nginxDeployment({ replicas: 3 }));
    h.queue.add('default/nginx');
    h.drain();
    h.markReplicaSets();
    h.drain();

    let d = deepClone(h.deployment());
    d.spec.paused = true;
    h.api.update(d);
    h.drain();
    expect(progressing(h.deployment())).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });

    rollOut(h, 'nginx:1.16.1');
    h.drain();
    expect(h.replicaSets()).toHaveLength(1);
    d = deepClone(h.deployment());
    d.spec.replicas = 5;
    h.api.update(d);
    h.drain();
    expect(h.replicaSets().map((r) => r.spec.replicas)).toEqual([5]);
    // A paused deployment is never timed out.
    h.advance(3_600_000);
    h.drain();
    expect(progressing(h.deployment())!.reason).toBe('DeploymentPaused');

    d = deepClone(h.deployment());
    d.spec.paused = false;
    h.api.update(d);
    h.syncOnce();
    // Resumed: the condition says so (and the clock restarts from now); the rollout starts.
    expect(progressing(h.deployment())).toMatchObject({ reason: 'NewReplicaSetCreated' });
    expect(h.replicaSets()).toHaveLength(2);
    const events = h.api.list('Event').map((e) => e.reason);
    expect(events.filter((r) => r !== 'ScalingReplicaSet')).toEqual([]);
  });

  test('resuming sets DeploymentResumed before the rollout goes on', () => {
    const h = new ControllerHost();
    const input = nginxDeployment({ replicas: 2 });
    input.spec.paused = true;
    h.api.create(input);
    h.syncOnce();
    expect(h.replicaSets()).toHaveLength(0);
    expect(progressing(h.deployment())).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused' });
    const d = deepClone(h.deployment());
    d.spec.paused = false;
    h.api.update(d);
    // checkPausedConditions writes DeploymentResumed, then the rollout creates the RS in the same sync.
    const seen: string[] = [];
    const stop = h.api.watch('Deployment', (ev) => seen.push(progressing(ev.object as Deployment)?.reason ?? ''));
    h.syncOnce();
    stop();
    expect(seen).toContain('DeploymentResumed');
    expect(h.replicaSets()).toHaveLength(1);
  });
});
