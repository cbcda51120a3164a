// The scheduler against upstream behaviour: spreading of a ReplicaSet's pods over identical
// workers (NodeResourcesFit LeastAllocated + PodTopologySpread system defaults), the control-plane
// taint, nodeSelector, maxPods, and FitError messages as kube-scheduler 1.32 prints them.
import { Cluster } from '../../cluster/cluster';
import type { NodeConfig } from '../../cluster/config';
import type { KubeObject } from '../../apiserver/types';
import { Scheduler, numFeasibleNodesToFind } from '.';
import * as framework from './framework';

const OWNER = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-uid-1', controller: true, blockOwnerDeletion: true };

function pod(name: string, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'web' }, ownerReferences: [OWNER], ...meta },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }], ...spec },
  };
}

function cluster(opts: { seed?: number; nodes?: NodeConfig[] } = {}): Cluster {
  return new Cluster({ seed: opts.seed ?? 1, nodes: opts.nodes }, [new Scheduler()]);
}

function nodeOf(c: Cluster, name: string): string | undefined {
  return c.api.get('Pod', name)?.spec?.nodeName;
}

function condition(c: Cluster, name: string, type: string): any {
  return c.api.get('Pod', name)?.status?.conditions?.find((x: { type: string }) => x.type === type);
}

describe('Scheduler: placement', () => {
  it('spreads the 2 pods of one owner over worker0 and worker1, never the master (any seed)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const c = cluster({ seed });
      c.api.create(pod('a'));
      c.api.create(pod('b'));
      c.settle();
      expect([nodeOf(c, 'a'), nodeOf(c, 'b')].sort()).toEqual(['worker0', 'worker1']);
    }
  });

  it('puts 3 pods of one owner 2+1 on the two workers', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const c = cluster({ seed });
      for (const n of ['a', 'b', 'c']) c.api.create(pod(n));
      c.settle();
      const nodes = ['a', 'b', 'c'].map((n) => nodeOf(c, n));
      expect(nodes).not.toContain('master');
      expect(new Set(nodes)).toEqual(new Set(['worker0', 'worker1']));
    }
  });

  it('breaks ties with the seeded random source: the same seed places pods the same way, seeds differ', () => {
    const first = (seed: number) => {
      const c = cluster({ seed });
      c.api.create(pod('a'));
      c.settle();
      return nodeOf(c, 'a');
    };
    expect(first(7)).toBe(first(7));
    const seen = new Set(Array.from({ length: 20 }, (_, i) => first(i + 1)));
    expect(seen).toEqual(new Set(['worker0', 'worker1']));
  });

  it('binds through pods/binding: PodScheduled=True and a Scheduled event', () => {
    const c = cluster();
    c.api.create(pod('a'));
    c.settle();
    const node = nodeOf(c, 'a');
    expect(condition(c, 'a', 'PodScheduled')).toMatchObject({ status: 'True', lastProbeTime: null, lastTransitionTime: '2024-01-01T00:00:00Z' });
    const ev = c.api.list('Event', { namespace: 'default' }).find((e) => e.reason === 'Scheduled');
    expect(ev).toMatchObject({ type: 'Normal', message: `Successfully assigned default/a to ${node}`, source: { component: 'default-scheduler' } });
  });

  it('binds pods carrying the DefaultTolerationSeconds tolerations the API server added', () => {
    const c = cluster();
    c.api.create(pod('a', { tolerations: [{ key: 'x', operator: 'Exists', effect: 'NoSchedule' }] }));
    c.settle();
    expect(c.api.get('Pod', 'a')!.spec.tolerations).toEqual([
      { key: 'x', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('leaves pods of another scheduler and pods that name their node alone', () => {
    const c = cluster();
    c.api.create(pod('mine', { schedulerName: 'my-scheduler' }));
    c.api.create(pod('manual', { nodeName: 'master' }));
    c.settle();
    expect(nodeOf(c, 'mine')).toBeUndefined();
    expect(condition(c, 'mine', 'PodScheduled')).toBeUndefined();
    expect(nodeOf(c, 'manual')).toBe('master');
  });

  it('places a pod that tolerates the control-plane taint and selects the master there', () => {
    const c = cluster();
    c.api.create(
      pod('cp', {
        nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
        tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
      }),
    );
    c.settle();
    expect(nodeOf(c, 'cp')).toBe('master');
  });

  it('honours nodeSelector and required node affinity', () => {
    const nodes: NodeConfig[] = [{ name: 'master', controlPlane: true }, { name: 'worker0' }, { name: 'worker1', labels: { disktype: 'ssd' } }];
    const c = cluster({ nodes });
    c.api.create(pod('sel', { nodeSelector: { disktype: 'ssd' } }));
    c.api.create(
      pod('aff', {
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disktype', operator: 'NotIn', values: ['ssd'] }] }] } } },
      }),
    );
    c.settle();
    expect(nodeOf(c, 'sel')).toBe('worker1');
    expect(nodeOf(c, 'aff')).toBe('worker0');
  });
});

describe('Scheduler: unschedulable pods', () => {
  it('reports a nodeSelector nothing matches with the FitError message (upstream format)', () => {
    const c = cluster();
    c.api.create(pod('x', { nodeSelector: { disktype: 'ssd' } }));
    c.settle();
    const msg =
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    expect(nodeOf(c, 'x')).toBeUndefined();
    expect(condition(c, 'x', 'PodScheduled')).toEqual({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg, lastProbeTime: null, lastTransitionTime: '2024-01-01T00:00:00Z' });
    const events = c.api.list('Event', { namespace: 'default' }).filter((e) => e.reason === 'FailedScheduling');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'Warning', message: msg, involvedObject: { kind: 'Pod', name: 'x' } });
  });

  it('counts maxPods (status.allocatable.pods) and retries when a bound pod goes away', () => {
    // Room for two pods per worker beside its kube-proxy and flannel pods (maxPods counts them too).
    const nodes: NodeConfig[] = [{ name: 'master', controlPlane: true }, { name: 'worker0', maxPods: 4 }, { name: 'worker1', maxPods: 4 }];
    const c = cluster({ nodes });
    for (const n of ['a', 'b', 'c', 'd', 'e']) c.api.create(pod(n));
    c.settle();
    const pending = ['a', 'b', 'c', 'd', 'e'].filter((n) => !nodeOf(c, n));
    expect(pending).toEqual(['e']);
    expect(condition(c, 'e', 'PodScheduled').message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Too many pods. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
    const freedNode = nodeOf(c, 'a');
    c.api.delete('Pod', 'a', { gracePeriodSeconds: 0 });
    c.settle();
    expect(nodeOf(c, 'e')).toBe(freedNode);
    expect(condition(c, 'e', 'PodScheduled')).toMatchObject({ status: 'True' });
  });

  it('retries pending pods in order when a node gets the label they need', () => {
    const c = cluster();
    c.api.create(pod('first', { nodeSelector: { disktype: 'ssd' } }));
    c.api.create(pod('second', { nodeSelector: { disktype: 'ssd' } }));
    c.settle();
    expect(nodeOf(c, 'first')).toBeUndefined();
    c.api.patch('Node', 'worker1', { metadata: { labels: { disktype: 'ssd' } } }, 'merge');
    c.settle();
    expect(nodeOf(c, 'first')).toBe('worker1');
    expect(nodeOf(c, 'second')).toBe('worker1');
  });

  it('says "node(s) were unschedulable" for a cordoned node and skips NotReady nodes', () => {
    const c = cluster();
    c.api.patch('Node', 'worker0', { spec: { unschedulable: true } }, 'merge');
    const w1 = c.api.get('Node', 'worker1')!;
    c.api.updateStatus({ ...w1, status: { ...w1.status, conditions: w1.status.conditions.map((x: any) => (x.type === 'Ready' ? { ...x, status: 'Unknown' } : x)) } });
    c.api.create(pod('x'));
    c.settle();
    expect(condition(c, 'x', 'PodScheduled').message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('reports insufficient cpu alongside other reasons', () => {
    const c = cluster();
    c.api.create(pod('big', { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '3' } } }] }));
    c.settle();
    expect(condition(c, 'big', 'PodScheduled').message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('keeps one pod of a Deployment-sized backlog per retry: 2000 pods on 4 slots stay cheap', () => {
    // Room for two pods per worker beside its kube-proxy and flannel pods (maxPods counts them too).
    const nodes: NodeConfig[] = [{ name: 'master', controlPlane: true }, { name: 'worker0', maxPods: 4 }, { name: 'worker1', maxPods: 4 }];
    const c = new Cluster({ nodes, recordEvents: false }, [new Scheduler()]);
    for (let i = 0; i < 2000; i++) c.api.create(pod(`p${i}`));
    c.settle();
    let attempts = 0;
    c.api.watch('Pod', (ev) => {
      if (ev.type === 'MODIFIED' && ev.object.spec.nodeName && !ev.oldObject!.spec.nodeName) attempts++;
    });
    const filterNode = jest.spyOn(framework, 'filterNode');
    for (let i = 0; i < 4; i++) {
      const bound = c.api.list('Pod', { namespace: 'default' }).filter((p) => p.spec.nodeName);
      c.api.delete('Pod', bound[0].metadata.name!, { gracePeriodSeconds: 0 });
      c.settle();
    }
    expect(c.api.list('Pod', { namespace: 'default' }).filter((p) => p.spec.nodeName)).toHaveLength(4);
    expect(attempts).toBe(4);
    // Each retry tries the head of the group and the pod after it, on 3 nodes: not 2000 pods.
    expect(filterNode.mock.calls.length).toBeLessThanOrEqual(4 * 2 * 3);
    filterNode.mockRestore();
  });
});

describe('numFeasibleNodesToFind', () => {
  it('matches schedule_one_test.go TestNumFeasibleNodesToFind for the default percentage', () => {
    expect([10, 99, 100, 1000, 6000].map(numFeasibleNodesToFind)).toEqual([10, 99, 100, 420, 300]);
  });
});
