// Property test over the embedded cluster with containers that crash (issue #10): random pods and
// Deployments whose containers exit at once, after a while, or fail their liveness probes, under
// every restartPolicy, mixed with deletions, node failures and waits. Checked at every pod write,
// not only once settled: restart counts only grow (kubelet_pods.go convertToAPIContainerStatuses
// carries restartCount forward; a container's runs are never forgotten while the pod lives), a
// terminal pod stays terminal and never restarts (getPhase; the pod worker stops at a terminal
// phase), restartPolicy Never never restarts, and a crash-looping container is never ready.
import fc from 'fast-check';
import { Cluster } from '../src/cluster/cluster';
import type { KubeObject } from '../src/apiserver/types';

type Action =
  | { t: 'pod'; id: number; program: number; policy: number; liveness: boolean }
  | { t: 'deploy'; id: number; program: number; replicas: number }
  | { t: 'deletePod'; index: number }
  | { t: 'node'; worker: number; ready: boolean }
  | { t: 'wait'; seconds: number };

/** Container programs: exits at once (0 or 1), after a sleep, never, or a server. */
const PROGRAMS: { image: string; command?: string[] }[] = [
  { image: 'busybox:1.36' },
  { image: 'busybox:1.36', command: ['false'] },
  { image: 'busybox:1.36', command: ['sh', '-c', 'sleep 15; exit 2'] },
  { image: 'busybox:1.36', command: ['sh', '-c', 'echo done; sleep 40'] },
  { image: 'busybox:1.36', command: ['sleep', 'infinity'] },
  { image: 'nginx:1.27' },
  { image: 'ngnix' },
];
const POLICIES = ['Always', 'OnFailure', 'Never'];

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ t: fc.constant('pod' as const), id: fc.nat(3), program: fc.nat(PROGRAMS.length - 1), policy: fc.nat(2), liveness: fc.boolean() }),
  fc.record({ t: fc.constant('deploy' as const), id: fc.nat(1), program: fc.nat(PROGRAMS.length - 1), replicas: fc.nat(3) }),
  fc.record({ t: fc.constant('deletePod' as const), index: fc.nat(20) }),
  fc.record({ t: fc.constant('node' as const), worker: fc.nat(1), ready: fc.boolean() }),
  fc.record({ t: fc.constant('wait' as const), seconds: fc.constantFrom(5, 30, 120, 700) }),
);

function container(program: number, liveness: boolean): Record<string, unknown> {
  const c: Record<string, unknown> = { name: 'c', ...PROGRAMS[program] };
  // A liveness probe on a port nothing listens on (nginx listens on 80): killed every 3 periods.
  if (liveness) c.livenessProbe = { tcpSocket: { port: 8080 }, periodSeconds: 5 };
  return c;
}

function perform(cluster: Cluster, a: Action): void {
  const api = cluster.api;
  const tryIt = (fn: () => unknown) => {
    try {
      fn();
    } catch {
      /* not found, already exists: nothing changes */
    }
  };
  switch (a.t) {
    case 'pod':
      tryIt(() => api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${a.id}` }, spec: { restartPolicy: POLICIES[a.policy], containers: [container(a.program, a.liveness)] } }));
      break;
    case 'deploy': {
      const spec = { replicas: a.replicas, selector: { matchLabels: { app: `d${a.id}` } }, template: { metadata: { labels: { app: `d${a.id}` } }, spec: { containers: [container(a.program, false)] } } };
      const live = api.get('Deployment', `d${a.id}`);
      tryIt(() => (live ? api.update({ ...live, spec }) : api.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `d${a.id}` }, spec })));
      break;
    }
    case 'deletePod': {
      const pods = api.list('Pod');
      if (pods.length) tryIt(() => api.delete('Pod', pods[a.index % pods.length].metadata.name!));
      break;
    }
    case 'node': {
      const node = api.get('Node', `worker${a.worker}`)!;
      const conditions = (node.status.conditions as { type: string }[]).map((c) => (c.type === 'Ready' ? { ...c, status: a.ready ? 'True' : 'False', reason: a.ready ? 'KubeletReady' : 'KubeletNotReady' } : c));
      api.updateStatus({ ...node, status: { ...node.status, conditions } });
      break;
    }
    case 'wait':
      cluster.wait(a.seconds * 1000);
      return;
  }
  cluster.settle();
}

/** What the runs went through, to show the property is not vacuous. */
const coverage = { restarts: 0, crashLoops: 0, terminal: 0, killed: 0 };

interface Seen {
  restarts: Map<string, number>;
  finished: Map<string, string>;
  terminal: Map<string, string>;
}

/** Check one written version of a pod against what earlier versions showed. */
function checkPod(p: KubeObject, seen: Seen): void {
  const uid = p.metadata.uid!;
  const phase: string | undefined = p.status?.phase;
  const was = seen.terminal.get(uid);
  if (was) expect({ pod: p.metadata.name, phase }).toEqual({ pod: p.metadata.name, phase: was });
  if ((phase === 'Succeeded' || phase === 'Failed') && !was) coverage.terminal++;
  if (phase === 'Succeeded' || phase === 'Failed') seen.terminal.set(uid, phase);
  for (const cs of (p.status?.containerStatuses ?? []) as any[]) {
    const key = `${uid}/${cs.name}`;
    const before = seen.restarts.get(key) ?? 0;
    // Restart counts only grow.
    expect({ container: key, grew: cs.restartCount >= before }).toEqual({ container: key, grew: true });
    if (cs.restartCount > before) coverage.restarts++;
    if (cs.lastState?.terminated?.exitCode === 137) coverage.killed++;
    seen.restarts.set(key, cs.restartCount);
    if (p.spec.restartPolicy === 'Never') expect(cs.restartCount).toBe(0);
    // The last run's end only moves forward.
    const fin: string | undefined = cs.lastState?.terminated?.finishedAt;
    const prev = seen.finished.get(key);
    if (fin) {
      if (prev) expect(fin >= prev).toBe(true);
      seen.finished.set(key, fin);
    }
    if (cs.state?.waiting?.reason === 'CrashLoopBackOff') {
      coverage.crashLoops++;
      expect(cs.ready).toBe(false);
      expect(cs.lastState?.terminated).toBeDefined();
    }
    if (cs.ready) expect(cs.state.running).toBeDefined();
  }
}

describe('cluster invariants with crashing containers', () => {
  it('restart counts only grow, terminal pods stay terminal, crash loops are never ready', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 1000 }), (actions, seed) => {
        const cluster = new Cluster({ seed });
        const seen: Seen = { restarts: new Map(), finished: new Map(), terminal: new Map() };
        cluster.api.watch('Pod', (ev) => {
          if (ev.type !== 'DELETED') checkPod(ev.object, seen);
        });
        for (const a of actions) perform(cluster, a);
        // A crash-looping Deployment pod is never counted ready or available.
        for (const d of cluster.api.list('Deployment')) {
          const pods = cluster.api.list('Pod').filter((p) => p.metadata.labels?.app === d.spec.selector.matchLabels.app && !p.metadata.deletionTimestamp);
          const looping = pods.filter((p) => p.status?.containerStatuses?.some((cs: any) => cs.state?.waiting?.reason === 'CrashLoopBackOff')).length;
          expect((d.status?.readyReplicas ?? 0) + looping).toBeLessThanOrEqual(pods.length);
        }
      }),
      { numRuns: 40, seed: 10 },
    );
    expect(coverage.restarts).toBeGreaterThan(20);
    expect(coverage.crashLoops).toBeGreaterThan(5);
    expect(coverage.terminal).toBeGreaterThan(0);
    expect(coverage.killed).toBeGreaterThan(0);
  });

  it('is deterministic: the same actions and seed give the same pods', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 8 }), (actions) => {
        const snapshot = () => {
          const cluster = new Cluster({ seed: 3 });
          for (const a of actions) perform(cluster, a);
          return JSON.stringify(cluster.api.list('Pod'));
        };
        expect(snapshot()).toBe(snapshot());
      }),
      { numRuns: 15, seed: 3 },
    );
  });
});
