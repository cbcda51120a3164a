// Containers that exit, against a 1.32 kubelet: restartPolicy (pkg/kubelet/container/helpers.go
// ShouldContainerBeRestarted), the crash-loop back-off (pkg/kubelet/kuberuntime/kuberuntime_manager.go
// doBackOff over client-go's util/flowcontrol/backoff.go: 10 s doubling to 5 min, reset after
// 2 × max without an update), restartCount and lastState (kubelet_pods.go
// convertToAPIContainerStatuses), the pod phase (kubelet_pods.go getPhase) and what
// `kubectl get pods` prints for it (pkg/printers/internalversion/printers.go printPod).
import { Cluster } from '../../cluster/cluster';
import type { ClusterOptions } from '../../cluster/config';
import type { KubeObject } from '../../apiserver/types';
import { EPOCH_MS } from '../../util/clock';
import { runKubectl } from '../../kubectl';
import { Scheduler } from '../scheduler';
import { Kubelet } from '.';

function pod(name: string, container: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', ...container }], ...spec } };
}

function cluster(config: ClusterOptions = {}): Cluster {
  return new Cluster({ nodes: [{ name: 'master', controlPlane: true }, { name: 'worker0' }], ...config }, [new Scheduler(), new Kubelet()]);
}

const at = (c: Cluster) => c.clock.now() - EPOCH_MS;
const get = (c: Cluster, name: string) => c.api.get('Pod', name)!;
const status = (c: Cluster, name: string) => get(c, name).status.containerStatuses[0];
const kubectl = (c: Cluster, line: string) => runKubectl(c, line, { readFile: () => ({ text: '', display: '' }) }).stdout;
/** The pod's `kubectl get pods` row, columns split on runs of spaces. */
const row = (c: Cluster, name: string) => kubectl(c, `get pod ${name} --no-headers`).trim().split(/ {3,}/);
const events = (c: Cluster, name: string) =>
  c.api
    .list('Event')
    .filter((e) => e.involvedObject.name === name)
    .map((e) => `${e.type} ${e.reason}: ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`);

/** Follow a pod while the cluster runs: `<ms> <STATUS> <RESTARTS>` each time the kubectl row changes. */
function follow(c: Cluster, name: string): { lines: string[]; onState: () => void } {
  const lines: string[] = [];
  let last = '';
  return {
    lines,
    onState: () => {
      const p = c.api.get('Pod', name);
      if (!p?.status?.containerStatuses) return;
      const cs = p.status.containerStatuses[0];
      const shown = `${cs.state.waiting?.reason ?? (cs.state.running ? 'Running' : cs.state.terminated?.reason)} ${cs.restartCount}`;
      if (shown !== last) lines.push(`${at(c)} ${(last = shown)}`);
    },
  };
}

describe('Kubelet: containers that exit, restartPolicy Always', () => {
  it('busybox without a command exits 0 at once: Completed, restarted at once, then CrashLoopBackOff (back-off 10s)', () => {
    const c = cluster();
    c.api.create(pod('bb', { image: 'busybox:1.36' }));
    const f = follow(c, 'bb');
    c.settle({ onState: f.onState });
    // pulled 2 s, started 3 s and exited; the sync 1 s later restarts it (image present), started at
    // 5 s and exited; the next sync finds it in back-off.
    expect(f.lines).toEqual(['0 ContainerCreating 0', '3000 Completed 0', '5000 Completed 1', '6000 CrashLoopBackOff 1']);
    expect(at(c)).toBe(6000);
    const p = get(c, 'bb');
    expect(p.status.phase).toBe('Running');
    expect(p.status.conditions.find((x: { type: string }) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    const cs = status(c, 'bb');
    expect(cs).toMatchObject({
      ready: false,
      started: false,
      restartCount: 1,
      state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=c pod=bb_default(${p.metadata.uid})` } },
      lastState: { terminated: { exitCode: 0, reason: 'Completed', startedAt: '2024-01-01T00:00:05Z', finishedAt: '2024-01-01T00:00:05Z' } },
    });
    expect(cs.lastState.terminated.containerID).toBe(cs.containerID);
    expect(events(c, 'bb')).toContain(`Warning BackOff: Back-off restarting failed container c in pod bb_default(${p.metadata.uid})`);
    // The back-off's end only matters to someone who waits: settling stopped here.
    expect(c.pendingTimers().filter((t) => t.controller === 'kubelet')).toEqual([{ at: EPOCH_MS + 15_000, controller: 'kubelet', key: 'default/bb', settle: false }]);
    expect(row(c, 'bb')).toEqual(['bb', '0/1', 'CrashLoopBackOff', '1 (1s ago)', '6s']);
  });

  it('backs off 10s, 20s, 40s ... 5m0s between restarts, counted from each exit', () => {
    const c = cluster();
    c.api.create(pod('crash', { image: 'busybox:1.36', command: ['sh', '-c', 'echo starting; exit 1'] }));
    const starts: number[] = [];
    const messages: string[] = [];
    const onState = () => {
      const cs = c.api.get('Pod', 'crash')?.status?.containerStatuses?.[0];
      if (!cs) return;
      if (cs.restartCount > starts.length) starts.push(at(c));
      const m = cs.state.waiting?.message?.replace(/ restarting.*/, '');
      if (m && messages[messages.length - 1] !== m) messages.push(m);
    };
    c.settle({ onState });
    c.wait(1_500_000, { onState });
    // Runs 0 and 1 ended at 3 s and 5 s (the first restart is at once). Each later restart waits
    // the back-off after the exit, then 1 s to start (the image is present): 5+10+1, 16+20+1,
    // 37+40+1, 78+80+1, 159+160+1, then 5 min each: 320+300+1...
    expect(starts).toEqual([5_000, 16_000, 37_000, 78_000, 159_000, 320_000, 621_000, 922_000, 1_223_000]);
    expect(messages).toEqual(['back-off 10s', 'back-off 20s', 'back-off 40s', 'back-off 1m20s', 'back-off 2m40s', 'back-off 5m0s']);
    const cs = status(c, 'crash');
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(row(c, 'crash')[2]).toBe('CrashLoopBackOff');
  });

  it('starts the back-off over after a run of more than 10 minutes (flowcontrol hasExpired)', () => {
    const c = cluster();
    c.api.create(pod('slow', { image: 'busybox:1.36', command: ['sh', '-c', 'sleep 700; exit 1'] }));
    c.settle();
    const f = follow(c, 'slow');
    c.wait(3_000_000, { onState: f.onState });
    expect(f.lines.some((l) => l.includes('CrashLoopBackOff'))).toBe(false);
    expect(status(c, 'slow').restartCount).toBe(4);
    // Each exit is restarted at the next sync (1 s) and starts 1 s later: never in back-off.
    expect(f.lines.slice(0, 5)).toEqual(['703000 Running 0', '703000 Error 0', '705000 Running 1', '1405000 Error 1', '1407000 Running 2']);
  });

  it('keeps servers and never-ending scripts running', () => {
    const c = cluster();
    const forever = [
      { image: 'nginx:1.27' },
      { image: 'redis:7', args: ['--appendonly', 'yes'] },
      { image: 'busybox:1.36', command: ['sleep', 'infinity'] },
      { image: 'busybox:1.36', command: ['sh', '-c', 'while true; do echo hi; sleep 5; done'] },
      { image: 'alpine:3.20', command: ['tail', '-f', '/dev/null'] },
      { image: 'registry.k8s.io/e2e-test-images/agnhost:2.52', args: ['serve-hostname'] },
      { image: 'busybox:1.36', command: ['wget', '-qO-', 'http://web'] },
    ];
    forever.forEach((x, i) => c.api.create(pod(`p${i}`, x)));
    c.settle();
    c.wait(3_600_000);
    for (let i = 0; i < forever.length; i++) expect([i, status(c, `p${i}`).state.running !== undefined, status(c, `p${i}`).restartCount]).toEqual([i, true, 0]);
  });

  it('a crash-looping Deployment pod is never ready or available', () => {
    const c = new Cluster({ nodes: [{ name: 'master', controlPlane: true }, { name: 'worker0' }] });
    c.api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'bad' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'bad' } }, template: { metadata: { labels: { app: 'bad' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['false'] }] } } },
    });
    c.settle();
    c.wait(120_000);
    const d = c.api.get('Deployment', 'bad', 'default')!;
    expect(d.status).toMatchObject({ replicas: 2, updatedReplicas: 2, unavailableReplicas: 2 });
    expect(d.status.readyReplicas).toBeUndefined();
    expect(d.status.availableReplicas).toBeUndefined();
    expect(kubectl(c, 'get deploy bad --no-headers').trim().split(/ {3,}/).slice(0, 4)).toEqual(['bad', '0/2', '2', '0']);
  });
});

describe('Kubelet: sidecars (restartable init containers)', () => {
  it('start the next container once started, keep running beside the app, and count as initialized (KEP-753)', () => {
    const c = cluster();
    c.api.create(pod('side', { image: 'busybox:1.36', command: ['sleep', 'infinity'] }, { initContainers: [{ name: 'proxy', image: 'nginx:1.27', restartPolicy: 'Always' }] }));
    c.settle();
    const p = get(c, 'side');
    expect(p.status.phase).toBe('Running');
    expect(p.status.conditions.find((x: { type: string }) => x.type === 'Initialized').status).toBe('True');
    expect(p.status.initContainerStatuses[0]).toMatchObject({ name: 'proxy', started: true, state: { running: {} } });
    expect(status(c, 'side').state.running).toBeDefined();
    expect(row(c, 'side').slice(0, 4)).toEqual(['side', '2/2', 'Running', '0']);
  });
});

describe('Kubelet: deleting a crash-looping pod', () => {
  it('removes it at once: nothing is running, so nothing is stopped', () => {
    const c = cluster();
    c.api.create(pod('gone', { image: 'busybox:1.36', command: ['false'] }));
    c.settle();
    expect(status(c, 'gone').state.waiting.reason).toBe('CrashLoopBackOff');
    const t0 = at(c);
    c.api.delete('Pod', 'gone');
    c.settle();
    expect(c.api.get('Pod', 'gone')).toBeUndefined();
    expect(at(c)).toBe(t0);
    expect(events(c, 'gone').some((e) => e.includes('Killing'))).toBe(false);
  });
});

describe('Kubelet: restartPolicy OnFailure and Never; pod phase', () => {
  it('Never: a failing container leaves the pod Failed (Error), a succeeding one Succeeded (Completed)', () => {
    const c = cluster();
    c.api.create(pod('fail', { image: 'busybox:1.36', command: ['sh', '-c', 'echo oops; exit 3'] }, { restartPolicy: 'Never' }));
    c.api.create(pod('ok', { image: 'busybox:1.36', command: ['echo', 'hello'] }, { restartPolicy: 'Never' }));
    c.settle();
    c.wait(600_000);
    const fail = get(c, 'fail');
    expect(fail.status.phase).toBe('Failed');
    expect(status(c, 'fail')).toMatchObject({ restartCount: 0, ready: false, started: false, state: { terminated: { exitCode: 3, reason: 'Error' } }, lastState: {} });
    expect(fail.status.conditions.map((x: { type: string; status: string; reason?: string }) => `${x.type}=${x.status}${x.reason ? `/${x.reason}` : ''}`)).toEqual([
      'PodReadyToStartContainers=False',
      'Initialized=True',
      'Ready=False/PodFailed',
      'ContainersReady=False/PodFailed',
      'PodScheduled=True',
    ]);
    expect(get(c, 'ok').status.phase).toBe('Succeeded');
    expect(row(c, 'fail').slice(0, 4)).toEqual(['fail', '0/1', 'Error', '0']);
    expect(row(c, 'ok').slice(0, 4)).toEqual(['ok', '0/1', 'Completed', '0']);
  });

  it('OnFailure: restarts after a failure, not after success', () => {
    const c = cluster();
    c.api.create(pod('retry', { image: 'busybox:1.36', command: ['false'] }, { restartPolicy: 'OnFailure' }));
    c.api.create(pod('done', { image: 'busybox:1.36', command: ['true'] }, { restartPolicy: 'OnFailure' }));
    c.settle();
    expect(get(c, 'retry').status.phase).toBe('Running');
    expect(status(c, 'retry')).toMatchObject({ restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } });
    expect(get(c, 'done').status.phase).toBe('Succeeded');
  });

  it('sleep N exits 0 after N seconds of simulated time, which only a wait lets pass', () => {
    const c = cluster();
    c.api.create(pod('job', { image: 'busybox:1.36', command: ['sleep', '30'] }, { restartPolicy: 'Never' }));
    c.settle();
    expect(at(c)).toBe(3000);
    expect(get(c, 'job').status.phase).toBe('Running');
    c.wait(29_000);
    expect(get(c, 'job').status.phase).toBe('Running');
    c.wait(1_000);
    expect(get(c, 'job').status.phase).toBe('Succeeded');
    expect(status(c, 'job').state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed', startedAt: '2024-01-01T00:00:03Z', finishedAt: '2024-01-01T00:00:33Z' });
  });

  it('a failed init container fails the pod under Never and crash-loops under Always', () => {
    const c = cluster();
    const init = { initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'cat /config/settings'] }] };
    c.api.create(pod('never', { image: 'nginx:1.27' }, { ...init, restartPolicy: 'Never' }));
    c.api.create(pod('always', { image: 'nginx:1.27' }, init));
    c.settle();
    expect(get(c, 'never').status.phase).toBe('Failed');
    expect(row(c, 'never').slice(0, 4)).toEqual(['never', '0/1', 'Init:Error', '0']);
    expect(get(c, 'always').status.phase).toBe('Pending');
    expect(row(c, 'always').slice(0, 4)).toEqual(['always', '0/1', 'Init:CrashLoopBackOff', '1 (1s ago)']);
  });
});
