// The kubelet simulation against what a 1.32 kubelet shows: pod status through pull, start and
// readiness in simulated time, image pull failures and back-off, InvalidImageName, pod IPs from
// the node's podCIDR, graceful termination, and a node whose kubelet is down.
import { Cluster } from '../../cluster/cluster';
import type { ClusterOptions } from '../../cluster/config';
import type { KubeObject } from '../../apiserver/types';
import { EPOCH_MS } from '../../util/clock';
import { Scheduler } from '../scheduler';
import { Kubelet, goDuration } from '.';
import { IpRange } from './ipam';

function pod(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'web' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }], ...spec },
  };
}

function cluster(config: ClusterOptions = {}): Cluster {
  return new Cluster(config, [new Scheduler(), new Kubelet()]);
}

const at = (c: Cluster) => c.clock.now() - EPOCH_MS;
const get = (c: Cluster, name: string) => c.api.get('Pod', name)!;
const cond = (p: KubeObject, type: string) => p.status?.conditions?.find((x: { type: string }) => x.type === type);
const state = (p: KubeObject, i = 0) => p.status?.containerStatuses?.[i]?.state;
const events = (c: Cluster, name: string) =>
  c.api
    .list('Event')
    .filter((e) => e.involvedObject.name === name)
    .sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : a.metadata.creationTimestamp! > b.metadata.creationTimestamp! ? 1 : 0))
    .map((e) => `${e.reason}: ${e.message}`);

function setReady(c: Cluster, node: string, status: string): void {
  const n = c.api.get('Node', node)!;
  c.api.updateStatus({ ...n, status: { ...n.status, conditions: n.status.conditions.map((x: any) => (x.type === 'Ready' ? { ...x, status } : x)) } });
}

describe('Kubelet: starting a pod', () => {
  it('goes Pending/ContainerCreating → pulled (2 s) → started (1 s) → Ready, in simulated time', () => {
    const c = cluster({ nodes: [{ name: 'master', controlPlane: true }, { name: 'worker0' }] });
    c.api.create(pod('web'));
    const seen: string[] = [];
    c.settle({
      onState: () => {
        const p = get(c, 'web');
        const s = state(p);
        const line = `${p.status?.phase} ${s ? Object.keys(s)[0] + ':' + (s.waiting?.reason ?? '') : '-'} ready=${cond(p, 'Ready')?.status}`;
        if (!seen.length || !seen[seen.length - 1].endsWith(` ${line}`)) seen.push(`${at(c)} ${line}`);
      },
    });
    expect(seen).toEqual(['0 Pending - ready=undefined', '0 Pending waiting:ContainerCreating ready=False', '3000 Running running: ready=True']);
    const p = get(c, 'web');
    expect(p.spec.nodeName).toBe('worker0');
    expect(p.status).toMatchObject({
      phase: 'Running',
      hostIP: '192.168.47.129',
      hostIPs: [{ ip: '192.168.47.129' }],
      podIP: '10.244.1.2',
      podIPs: [{ ip: '10.244.1.2' }],
      startTime: '2024-01-01T00:00:00Z',
      qosClass: 'BestEffort',
    });
    expect(p.status.conditions.map((x: { type: string; status: string }) => `${x.type}=${x.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    expect(cond(p, 'Ready').lastTransitionTime).toBe('2024-01-01T00:00:03Z');
    expect(p.status.containerStatuses[0]).toMatchObject({
      name: 'nginx',
      image: 'docker.io/library/nginx:latest',
      imageID: expect.stringMatching(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/),
      containerID: expect.stringMatching(/^containerd:\/\/[0-9a-f]{64}$/),
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: '2024-01-01T00:00:03Z' } },
    });
    expect(events(c, 'web')).toEqual([
      'Scheduled: Successfully assigned default/web to worker0',
      'Pulling: Pulling image "nginx"',
      'Pulled: Successfully pulled image "nginx" in 2s (2s including waiting). Image size: 72000000 bytes.',
      'Created: Created container: nginx',
      'Started: Started container nginx',
    ]);
  });

  it('uses the node image cache for IfNotPresent and pulls again for Always', () => {
    const c = cluster({ nodes: [{ name: 'master', controlPlane: true }, { name: 'worker0' }] });
    c.api.create(pod('a', { containers: [{ name: 'nginx', image: 'nginx:1.25' }] }));
    c.settle();
    c.api.create(pod('b', { containers: [{ name: 'nginx', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' }] }));
    const t0 = at(c);
    c.settle();
    expect(at(c) - t0).toBe(1000);
    expect(events(c, 'b')).toContain('Pulled: Container image "nginx:1.25" already present on machine');
    c.api.create(pod('d', { containers: [{ name: 'nginx', image: 'nginx:1.25', imagePullPolicy: 'Always' }] }));
    const t1 = at(c);
    c.settle();
    expect(at(c) - t1).toBe(3000);
    expect(events(c, 'd')).toContain('Pulling: Pulling image "nginx:1.25"');
  });

  it('allocates pod IPs from the node podCIDR, round-robin: a released IP is not reused at once', () => {
    const c = cluster({ nodes: [{ name: 'master', controlPlane: true }, { name: 'worker0' }] });
    c.api.create(pod('a'));
    c.api.create(pod('b'));
    c.settle();
    expect([get(c, 'a').status.podIP, get(c, 'b').status.podIP].sort()).toEqual(['10.244.1.2', '10.244.1.3']);
    c.api.delete('Pod', 'a', { gracePeriodSeconds: 0 });
    c.api.create(pod('d'));
    c.settle();
    expect(get(c, 'd').status.podIP).toBe('10.244.1.4');
    const r = new IpRange('10.244.1.0/30');
    expect([r.allocate(), r.allocate()]).toEqual(['10.244.1.2', undefined]);
    r.release('10.244.1.2');
    expect(r.allocate()).toBe('10.244.1.2');
  });

  it('runs init containers to completion before the app container', () => {
    const c = cluster({ nodes: [{ name: 'master', controlPlane: true }, { name: 'worker0' }] });
    c.api.create(pod('i', { initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'true'] }] }));
    const inits: string[] = [];
    c.settle({
      onState: () => {
        const p = get(c, 'i');
        const line = `${cond(p, 'Initialized')?.status}/${cond(p, 'Initialized')?.reason ?? ''} ${p.status?.containerStatuses?.[0]?.state?.waiting?.reason ?? ''}`;
        if (!inits.length || !inits[inits.length - 1].endsWith(` ${line}`)) inits.push(`${at(c)} ${line}`);
      },
    });
    // `true` exits the moment it starts (3 s): the app container then pulls (2 s) and starts (1 s).
    expect(inits).toEqual(['0 undefined/ ', '0 False/ContainersNotInitialized PodInitializing', '3000 True/ PodInitializing', '6000 True/ ']);
    expect(get(c, 'i').status.initContainerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('gives an init container whose program it cannot follow containerStartMs, then exit 0', () => {
    const c = cluster({ nodes: [{ name: 'master', controlPlane: true }, { name: 'worker0' }] });
    c.api.create(pod('i', { initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['wget', '-O', '/work-dir/index.html', 'http://info.cern.ch'] }] }));
    const inits: string[] = [];
    c.settle({
      onState: () => {
        const p = get(c, 'i');
        const line = `${cond(p, 'Initialized')?.status}/${cond(p, 'Initialized')?.reason ?? ''} ${p.status?.containerStatuses?.[0]?.state?.waiting?.reason ?? ''}`;
        if (!inits.length || !inits[inits.length - 1].endsWith(` ${line}`)) inits.push(`${at(c)} ${line}`);
      },
    });
    expect(inits).toEqual(['0 undefined/ ', '0 False/ContainersNotInitialized PodInitializing', '4000 True/ PodInitializing', '7000 True/ ']);
    expect(get(c, 'i').status.initContainerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });
});

describe('Kubelet: readiness probes', () => {
  const probed = (probe: Record<string, unknown>) => pod('p', { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, name: 'http' }], readinessProbe: probe }] });

  it('is ready at start with no initial delay (the kubelet triggers a probe when the container starts)', () => {
    const c = cluster();
    c.api.create(probed({ httpGet: { path: '/', port: 80 } }));
    c.settle();
    expect(cond(get(c, 'p'), 'Ready')).toMatchObject({ status: 'True', lastTransitionTime: '2024-01-01T00:00:03Z' });
  });

  it('waits initialDelaySeconds, then the next probe period tick', () => {
    const c = cluster();
    c.api.create(probed({ httpGet: { path: '/', port: 'http' }, initialDelaySeconds: 5, periodSeconds: 10 }));
    c.settle();
    // admitted at 0, started at 3 s; ticks at 0, 10, 20 s; the first at or after 3 + 5 s is 10 s.
    expect(at(c)).toBe(10_000);
    expect(cond(get(c, 'p'), 'Ready')).toMatchObject({ status: 'True', lastTransitionTime: '2024-01-01T00:00:10Z' });
  });

  it('needs successThreshold successes', () => {
    const c = cluster();
    c.api.create(probed({ tcpSocket: { port: 80 }, periodSeconds: 5, successThreshold: 3 }));
    c.settle();
    // probes at 3 s (start), 5 s, 10 s
    expect(cond(get(c, 'p'), 'Ready').lastTransitionTime).toBe('2024-01-01T00:00:10Z');
  });

  it('never becomes ready when nothing listens on the probed port, and settle still ends', () => {
    const c = cluster();
    c.api.create(probed({ httpGet: { path: '/healthz', port: 8080 } }));
    c.settle();
    const p = get(c, 'p');
    expect(p.status.phase).toBe('Running');
    expect(cond(p, 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    const ip = p.status.podIP;
    const unhealthy = c.api.list('Event').find((e) => e.reason === 'Unhealthy')!;
    expect(unhealthy.message).toBe(`Readiness probe failed: Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused`);
    c.wait(30_000);
    expect(c.api.list('Event').find((e) => e.reason === 'Unhealthy')!.count).toBe(4);
  });
});

describe('Kubelet: image problems', () => {
  it('ErrImagePull, then ImagePullBackOff; retries back off 10 s, 20 s, 40 s ... 300 s and only when waited', () => {
    const c = cluster({ images: { unavailable: ['nginx:9.9'] } });
    c.api.create(pod('bad', { containers: [{ name: 'nginx', image: 'nginx:9.9' }] }));
    const reasons: string[] = [];
    c.api.watch('Pod', (ev) => {
      const r = state(ev.object)?.waiting?.reason;
      if (r && reasons[reasons.length - 1] !== r) reasons.push(r);
    });
    c.settle();
    expect(reasons).toEqual(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']);
    expect(at(c)).toBe(1000);
    expect(state(get(c, 'bad')).waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:9.9"' });
    expect(c.pendingTimers().filter((t) => t.controller === 'kubelet')).toEqual([{ at: EPOCH_MS + 10_000, controller: 'kubelet', key: 'default/bad', settle: false }]);

    const pulls: number[] = [0];
    const errAt: number[] = [];
    c.wait(1_000_000, {
      onState: () => {
        const pulling = c.api.list('Event').find((e) => e.reason === 'Pulling' && e.involvedObject.name === 'bad');
        if (pulling && pulls.length < pulling.count) pulls.push(at(c));
        const r = state(get(c, 'bad'))?.waiting?.reason;
        if (r === 'ErrImagePull' && errAt[errAt.length - 1] !== at(c)) errAt.push(at(c));
      },
    });
    expect(pulls.slice(0, 8)).toEqual([0, 10_000, 30_000, 70_000, 150_000, 310_000, 610_000, 910_000]);
    const failed = c.api.list('Event').find((e) => e.reason === 'Failed' && e.message.startsWith('Failed to pull image'))!;
    expect(failed.message).toBe(
      'Failed to pull image "nginx:9.9": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:9.9": failed to resolve reference "docker.io/library/nginx:9.9": docker.io/library/nginx:9.9: not found',
    );
    expect(failed.type).toBe('Warning');
    expect(c.api.list('Event').find((e) => e.reason === 'BackOff')).toMatchObject({ type: 'Normal', message: 'Back-off pulling image "nginx:9.9"' });
  });

  it('a Docker Hub library repository that does not exist (ngnix) is refused like a private one: ErrImagePull, ImagePullBackOff', () => {
    // containerd's resolver (core/remotes/docker) on the registry's 401 insufficient_scope, as
    // the kubelet prints it (pkg/kubelet/images/image_manager.go "Failed to pull image %q: %v").
    const c = cluster();
    c.api.create(pod('typo', { containers: [{ name: 'nginx', image: 'ngnix' }] }));
    c.api.create(pod('tagged', { containers: [{ name: 'nginx', image: 'ngnix:1.27' }] }));
    c.api.create(pod('other', { containers: [{ name: 'app', image: 'myorg/ngnix:1.0' }] }));
    const reasons: string[] = [];
    c.api.watch('Pod', (ev) => {
      const r = ev.object.metadata.name === 'typo' ? state(ev.object)?.waiting?.reason : undefined;
      if (r && reasons[reasons.length - 1] !== r) reasons.push(r);
    });
    c.settle();
    expect(reasons).toEqual(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']);
    const err =
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
    expect(events(c, 'typo')).toEqual([
      expect.stringMatching(/^Scheduled: /),
      'Pulling: Pulling image "ngnix"',
      `Failed: Failed to pull image "ngnix": ${err}`,
      'Failed: Error: ErrImagePull',
      'BackOff: Back-off pulling image "ngnix"',
      'Failed: Error: ImagePullBackOff',
    ]);
    expect(state(get(c, 'typo')).waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "ngnix"' });
    expect(c.api.list('Event').find((e) => e.involvedObject.name === 'tagged' && e.message.startsWith('Failed to pull'))!.message).toContain('"docker.io/library/ngnix:1.27"');
    expect(state(get(c, 'other')).running).toBeDefined();
  });

  it('matches unavailable images by glob, in familiar or normalised form', () => {
    const c = cluster({ images: { unavailable: ['myorg/*'] } });
    c.api.create(pod('x', { containers: [{ name: 'app', image: 'docker.io/myorg/app:2' }] }));
    c.settle();
    expect(state(get(c, 'x')).waiting.reason).toBe('ImagePullBackOff');
  });

  it('reports InvalidImageName for a reference the kubelet cannot parse', () => {
    const c = cluster();
    c.api.create(pod('inv', { containers: [{ name: 'nginx', image: 'Nginx:latest' }] }));
    c.settle();
    const p = get(c, 'inv');
    expect(p.status.phase).toBe('Pending');
    expect(state(p).waiting).toEqual({
      reason: 'InvalidImageName',
      message: 'Failed to apply default image tag "Nginx:latest": couldn\'t parse image name "Nginx:latest": invalid reference format: repository name (library/Nginx) must be lowercase',
    });
    expect(events(c, 'inv')).toContain('Failed: Error: InvalidImageName');
  });

  it('reports ErrImageNeverPull for pullPolicy Never and an image the node lacks', () => {
    const c = cluster();
    c.api.create(pod('never', { containers: [{ name: 'nginx', image: 'nginx:1.25', imagePullPolicy: 'Never' }] }));
    c.settle();
    expect(state(get(c, 'never')).waiting).toEqual({ reason: 'ErrImageNeverPull', message: 'Container image "nginx:1.25" is not present with pull policy of Never' });
  });
});

describe('Kubelet: stopping pods', () => {
  it('stops the containers (containerStopMs, capped by the grace period), then deletes the pod with grace 0', () => {
    const c = cluster({ timing: { imagePullMs: 2000, containerStartMs: 1000, containerStopMs: 5000 } });
    c.api.create(pod('a', { terminationGracePeriodSeconds: 2 }));
    c.api.create(pod('b'));
    c.settle();
    const t0 = at(c);
    c.api.delete('Pod', 'a');
    c.api.delete('Pod', 'b');
    const gone: Record<string, number> = {};
    c.settle({
      onState: () => {
        for (const n of ['a', 'b']) if (!c.api.get('Pod', n) && gone[n] === undefined) gone[n] = at(c) - t0;
      },
    });
    expect(gone).toEqual({ a: 2000, b: 5000 });
    expect(c.api.list('Event').filter((e) => e.reason === 'Killing').map((e) => e.message)).toEqual(['Stopping container nginx', 'Stopping container nginx']);
  });

  it('deletes the pod (grace 0) the moment its containers have exited', () => {
    const c = cluster();
    c.api.create(pod('a'));
    c.settle();
    c.api.delete('Pod', 'a');
    const seen: string[] = [];
    c.api.watch('Pod', (ev) => seen.push(`${ev.type} ${ev.object.metadata.deletionGracePeriodSeconds}`));
    const t0 = at(c);
    c.settle();
    expect(seen).toEqual(['DELETED 30']);
    expect(at(c) - t0).toBe(1000);
  });

  it('does nothing for pods on a NotReady node (its kubelet is down), and catches up when it returns', () => {
    const c = cluster({ nodes: [{ name: 'master', controlPlane: true }, { name: 'worker0' }] });
    c.api.create(pod('a'));
    c.settle();
    setReady(c, 'worker0', 'Unknown');
    c.api.delete('Pod', 'a');
    c.settle();
    c.wait(600_000);
    expect(get(c, 'a').metadata.deletionTimestamp).toBeDefined();
    expect(get(c, 'a').status.phase).toBe('Running');
    setReady(c, 'worker0', 'True');
    c.settle();
    expect(c.api.get('Pod', 'a')).toBeUndefined();
    const node = c.api.get('Node', 'worker0')!;
    expect(node.status.conditions.find((x: { type: string }) => x.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' });
  });
});

describe('goDuration', () => {
  it('prints like Go time.Duration', () => {
    expect([0, 500, 1000, 1500, 2000, 61_000, 3_600_000].map(goDuration)).toEqual(['0s', '500ms', '1s', '1.5s', '2s', '1m1s', '1h0m0s']);
  });
});
