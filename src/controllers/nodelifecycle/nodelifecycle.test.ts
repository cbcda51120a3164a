// Node failure as Kubernetes handles it: conditions Unknown ("Kubelet stopped posting node
// status."), unreachable taints, pods NotReady, taint-based eviction after the 300 s
// DefaultTolerationSeconds only when time is waited, evicted pods stuck Terminating while the
// kubelet is down (replacements scheduled elsewhere), and recovery.
import { Cluster } from '../../cluster/cluster';
import type { KubeObject } from '../../apiserver/types';
import { EPOCH_MS } from '../../util/clock';
import { Scheduler } from '../scheduler';
import { KeepPods } from '../scheduler/testing';
import { Kubelet } from '../kubelet';
import { NodeLifecycleController, desiredControllerTaints, minTolerationSeconds, setNodeReady } from '.';

function cluster(replicas = 4): Cluster {
  return new Cluster({ seed: 3 }, [
    new KeepPods([{ name: 'web', replicas, containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] }]),
    new Scheduler(),
    new Kubelet(),
    new NodeLifecycleController(),
  ]);
}

const podsOn = (c: Cluster, node: string) => c.api.list('Pod', { namespace: 'default' }).filter((p) => p.spec.nodeName === node);
const ready = (p: KubeObject) => (p.status?.conditions as { type: string; status: string }[] | undefined)?.find((x) => x.type === 'Ready')?.status;

describe('NodeLifecycleController', () => {
  it('taints a NotReady node not-ready (NoSchedule, NoExecute) and marks its pods NotReady, without evicting on settle', () => {
    const c = cluster();
    c.settle();
    const onW1 = podsOn(c, 'worker1').map((p) => p.metadata.name);
    expect(onW1.length).toBe(2);
    const t0 = c.clock.now();
    setNodeReady(c.api, c.clock, 'worker1', false);
    c.settle();
    expect(c.clock.now()).toBe(t0);
    const node = c.api.get('Node', 'worker1')!;
    expect(node.status.conditions.find((x: { type: string }) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'KubeletNotReady' });
    expect(node.spec.taints).toEqual([
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule', timeAdded: c.clock.timestamp() },
      { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: c.clock.timestamp() },
    ]);
    for (const p of podsOn(c, 'worker1')) {
      expect(ready(p)).toBe('False');
      expect(p.metadata.deletionTimestamp).toBeUndefined();
    }
    expect(c.api.list('Event', { namespace: 'default' }).filter((e) => e.reason === 'NodeNotReady').map((e) => `${e.involvedObject.kind} ${e.message}`).sort()).toEqual([
      'Node Node worker1 status is now: NodeNotReady',
      'Pod Node is not ready',
      'Pod Node is not ready',
    ]);
    const timers = c.pendingTimers().filter((t) => t.controller === 'node-lifecycle-controller');
    expect(timers.map((t) => [t.at, t.settle])).toEqual([
      [t0 - (t0 % 1000) + 300_000, false],
      [t0 - (t0 % 1000) + 300_000, false],
    ]);
  });

  it('marks a node whose status went stale Unknown everywhere and taints it unreachable', () => {
    const c = cluster();
    c.settle();
    const n = c.api.get('Node', 'worker1')!;
    c.api.updateStatus({ ...n, status: { ...n.status, conditions: n.status.conditions.map((x: any) => (x.type === 'Ready' ? { ...x, status: 'Unknown' } : x)) } });
    c.settle();
    const node = c.api.get('Node', 'worker1')!;
    for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      expect(node.status.conditions.find((x: { type: string }) => x.type === type)).toMatchObject({
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
        lastTransitionTime: c.clock.timestamp(),
      });
    }
    expect(node.spec.taints.map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    for (const p of podsOn(c, 'worker1')) expect(ready(p)).toBe('False');
  });

  it('evicts after 300 s of waiting; the pods stay Terminating while the kubelet is down and are replaced elsewhere', () => {
    const c = cluster();
    c.settle();
    const victims = podsOn(c, 'worker1').map((p) => p.metadata.name!);
    setNodeReady(c.api, c.clock, 'worker1', false);
    c.settle();
    c.wait(299_000);
    for (const n of victims) expect(c.api.get('Pod', n)!.metadata.deletionTimestamp).toBeUndefined();
    c.wait(1_000);
    for (const n of victims) {
      const p = c.api.get('Pod', n)!;
      expect(p.metadata.deletionTimestamp).toBeDefined();
      expect(p.status.conditions.find((x: { type: string }) => x.type === 'DisruptionTarget')).toMatchObject({
        status: 'True',
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
      });
    }
    expect(c.api.list('Event', { namespace: 'default' }).filter((e) => e.reason === 'TaintManagerEviction').map((e) => e.message).sort()).toEqual(victims.map((n) => `Marking for deletion Pod default/${n}`).sort());
    c.wait(3_600_000);
    for (const n of victims) expect(c.api.get('Pod', n)).toBeDefined();
    const active = c.api.list('Pod', { namespace: 'default' }).filter((p) => !p.metadata.deletionTimestamp);
    expect(active).toHaveLength(4);
    expect(active.every((p) => p.spec.nodeName === 'worker0' && ready(p) === 'True')).toBe(true);

    setNodeReady(c.api, c.clock, 'worker1', true);
    c.settle();
    for (const n of victims) expect(c.api.get('Pod', n)).toBeUndefined();
    const node = c.api.get('Node', 'worker1')!;
    expect(node.spec.taints).toBeUndefined();
    expect(node.status.conditions.map((x: { type: string; status: string }) => `${x.type}=${x.status}`)).toEqual(['MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=True']);
  });

  it('does not evict when the node comes back within the toleration; its pods are Ready again', () => {
    const c = cluster();
    c.settle();
    const onW1 = podsOn(c, 'worker1').map((p) => p.metadata.name!);
    setNodeReady(c.api, c.clock, 'worker1', false);
    c.settle();
    c.wait(120_000);
    setNodeReady(c.api, c.clock, 'worker1', true);
    c.settle();
    c.wait(600_000);
    for (const n of onW1) {
      const p = c.api.get('Pod', n)!;
      expect(p.metadata.deletionTimestamp).toBeUndefined();
      expect(ready(p)).toBe('True');
    }
    expect(c.api.get('Node', 'worker1')!.spec.taints).toBeUndefined();
  });

  it('evicts at once a pod that does not tolerate the NoExecute taint, never one that tolerates it forever', () => {
    const c = new Cluster({}, [new Scheduler(), new Kubelet(), new NodeLifecycleController()]);
    const containers = [{ name: 'nginx', image: 'nginx:1.25' }];
    // A toleration for the key that does not match the taint's (empty) value: DefaultTolerationSeconds
    // sees the key covered and adds nothing, ToleratesTaint says no.
    c.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bare' },
      spec: { nodeName: 'worker1', containers, tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Equal', value: 'x', effect: 'NoExecute' }] },
    });
    c.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'forever' },
      spec: { nodeName: 'worker1', containers, tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }] },
    });
    c.settle();
    setNodeReady(c.api, c.clock, 'worker1', false);
    c.settle();
    // Deleted at once (graceful: deletionTimestamp = now + the 30 s grace period).
    expect(c.api.get('Pod', 'bare')!.metadata).toMatchObject({ deletionTimestamp: c.clock.timestamp(c.clock.now() + 30_000), deletionGracePeriodSeconds: 30 });
    c.wait(24 * 3_600_000);
    expect(c.api.get('Pod', 'forever')!.metadata.deletionTimestamp).toBeUndefined();
    expect(c.clock.now() - EPOCH_MS).toBeGreaterThan(24 * 3_600_000);
  });

  it('taints a cordoned node node.kubernetes.io/unschedulable (TaintNodesByCondition) and untaints it on uncordon', () => {
    const c = cluster(0);
    c.api.patch('Node', 'worker0', { spec: { unschedulable: true } }, 'merge');
    c.settle();
    expect(c.api.get('Node', 'worker0')!.spec.taints).toEqual([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: c.clock.timestamp() }]);
    c.api.patch('Node', 'worker0', { spec: { unschedulable: null } }, 'merge');
    c.settle();
    expect(c.api.get('Node', 'worker0')!.spec.taints).toBeUndefined();
    // The master's own taint is not the controller's to remove.
    expect(c.api.get('Node', 'master')!.spec.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
  });

  it('maps node conditions to taints as nodeConditionToTaintKeyStatusMap does', () => {
    const node = (conditions: object[], unschedulable = false) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { unschedulable }, status: { conditions } });
    const keys = (n: ReturnType<typeof node>) => desiredControllerTaints(n).map((t) => `${t.key}:${t.effect}`);
    expect(keys(node([{ type: 'Ready', status: 'True' }]))).toEqual([]);
    expect(keys(node([{ type: 'Ready', status: 'False' }, { type: 'MemoryPressure', status: 'True' }]))).toEqual([
      'node.kubernetes.io/not-ready:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/not-ready:NoExecute',
    ]);
    expect(keys(node([{ type: 'DiskPressure', status: 'True' }, { type: 'PIDPressure', status: 'True' }], true))).toEqual([
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ]);
  });

  it('computes the toleration time as getMinTolerationTime does', () => {
    expect(minTolerationSeconds([])).toBe(0);
    expect(minTolerationSeconds([{ key: 'a' }])).toBe(-1);
    expect(minTolerationSeconds([{ key: 'a', tolerationSeconds: 300 }, { key: 'b', tolerationSeconds: 60 }, { key: 'c' }])).toBe(60);
    expect(minTolerationSeconds([{ key: 'a', tolerationSeconds: -5 }])).toBe(0);
  });
});
