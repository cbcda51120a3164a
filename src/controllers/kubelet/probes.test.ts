// Liveness, startup and readiness probes against a 1.32 kubelet: pkg/kubelet/prober/worker.go
// (doProbe: initialDelaySeconds, thresholds, onHold after a liveness failure, startup gating),
// prober.go (Unhealthy "<Kind> probe failed: <output>"), pkg/probe/http/http.go ("HTTP probe
// failed with statuscode: %d"), the CRI client's ExecSync timeout (`command %q timed out`), and
// kuberuntime_manager.go computePodActions (Killing "Container %s failed liveness probe, will be
// restarted"). The manifests are the Kubernetes docs' (content/en/examples/pods/probe/).
import { Cluster } from '../../cluster/cluster';
import type { ClusterOptions } from '../../cluster/config';
import type { KubeObject } from '../../apiserver/types';
import { EPOCH_MS } from '../../util/clock';
import { Scheduler } from '../scheduler';
import { Kubelet } from '.';

function pod(name: string, container: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name } }, spec: { containers: [{ name: 'c', ...container }], ...spec } };
}

const nodes = [{ name: 'master', controlPlane: true }, { name: 'worker0' }];
function cluster(config: ClusterOptions = {}): Cluster {
  return new Cluster({ nodes, ...config }, [new Scheduler(), new Kubelet()]);
}

const at = (c: Cluster) => c.clock.now() - EPOCH_MS;
const get = (c: Cluster, name: string) => c.api.get('Pod', name)!;
const status = (c: Cluster, name: string) => get(c, name).status.containerStatuses[0];
const ready = (c: Cluster, name: string) => get(c, name).status.conditions.find((x: { type: string }) => x.type === 'Ready').status;
/** Probe and restart events, with the simulated second they were last seen. */
function probeEvents(c: Cluster, name: string): string[] {
  return c.api
    .list('Event')
    .filter((e) => e.involvedObject.name === name && ['Unhealthy', 'Killing', 'BackOff'].includes(e.reason))
    .map((e) => `${e.reason}: ${e.message} (x${e.count})`);
}

describe('Kubelet: liveness probes', () => {
  it('exec: the docs example fails once the script removes /tmp/healthy, and the container is restarted', () => {
    const c = cluster();
    c.api.create(
      pod('liveness-exec', {
        image: 'registry.k8s.io/busybox',
        args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
        livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
      }),
    );
    c.settle();
    // Started at 3 s; the probes at 10, 15 ... 30 s pass; the first failure is a wait away.
    expect(at(c)).toBe(3000);
    expect(c.pendingTimers().filter((t) => t.controller === 'kubelet')).toEqual([{ at: EPOCH_MS + 35_000, controller: 'kubelet', key: 'default/liveness-exec', settle: false }]);
    c.wait(41_000);
    // Removed at 33 s; failures at 35 and 40 s: below failureThreshold 3, still running.
    expect(status(c, 'liveness-exec')).toMatchObject({ restartCount: 0, state: { running: {} } });
    expect(probeEvents(c, 'liveness-exec')).toEqual(["Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n (x2)"]);
    c.wait(10_000);
    // The third failure (45 s) kills it; it exits at 46 s (137: sh ignores SIGTERM) and is started
    // again at once (pulled again: registry.k8s.io/busybox is :latest), running at 49 s.
    expect(probeEvents(c, 'liveness-exec')).toEqual([
      "Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n (x3)",
      'Killing: Container c failed liveness probe, will be restarted (x1)',
    ]);
    expect(status(c, 'liveness-exec')).toMatchObject({
      restartCount: 1,
      state: { running: { startedAt: '2024-01-01T00:00:49Z' } },
      lastState: { terminated: { exitCode: 137, reason: 'Error', startedAt: '2024-01-01T00:00:03Z', finishedAt: '2024-01-01T00:00:46Z' } },
    });
  });

  it('httpGet: agnhost liveness answers 500 after 10 s; a Never pod is not restarted', () => {
    const probe = { httpGet: { path: '/healthz', port: 8080, httpHeaders: [{ name: 'Custom-Header', value: 'Awesome' }] }, initialDelaySeconds: 3, periodSeconds: 3 };
    const c = cluster();
    c.api.create(pod('liveness-http', { image: 'registry.k8s.io/e2e-test-images/agnhost:2.40', args: ['liveness'], livenessProbe: probe }));
    c.api.create(pod('once', { image: 'registry.k8s.io/e2e-test-images/agnhost:2.40', args: ['liveness'], livenessProbe: probe }, { restartPolicy: 'Never' }));
    c.settle();
    c.wait(30_000);
    // Started at 3 s; probes from 6 s; 500 from 15 s (12 s after the start); killed at 21 s.
    expect(probeEvents(c, 'liveness-http')).toEqual(['Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500 (x3)', 'Killing: Container c failed liveness probe, will be restarted (x1)']);
    expect(status(c, 'liveness-http').restartCount).toBe(1);
    expect(probeEvents(c, 'once')).toEqual(['Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500 (x3)', 'Killing: Container c failed liveness probe (x1)']);
    expect(get(c, 'once').status.phase).toBe('Failed');
    expect(status(c, 'once').state.terminated).toMatchObject({ exitCode: 137, reason: 'Error', finishedAt: '2024-01-01T00:00:22Z' });
  });

  it('httpGet on a port nothing listens on: connection refused, restarts, then CrashLoopBackOff between quick kills', () => {
    const c = cluster();
    c.api.create(pod('web', { image: 'nginx:1.27', livenessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 1, failureThreshold: 1 } }));
    c.settle();
    c.wait(60_000);
    const p = get(c, 'web');
    const ip = p.status.podIP;
    expect(probeEvents(c, 'web')[0]).toMatch(new RegExp(`^Unhealthy: Liveness probe failed: Get "http://${ip.replace(/\./g, '\\.')}:8080/": dial tcp ${ip.replace(/\./g, '\\.')}:8080: connect: connection refused \\(x\\d+\\)$`));
    // nginx exits 0 on SIGTERM.
    expect(status(c, 'web').lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(status(c, 'web').restartCount).toBeGreaterThan(2);
    expect(probeEvents(c, 'web').some((e) => e.startsWith('BackOff: Back-off restarting failed container c in pod web_default('))).toBe(true);
  });
});

describe('Kubelet: startup probes', () => {
  it('gate liveness and readiness until they pass', () => {
    const c = cluster();
    c.api.create(
      pod('slow-start', {
        image: 'nginx:1.27',
        startupProbe: { httpGet: { path: '/', port: 80 }, failureThreshold: 30, periodSeconds: 10 },
        readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 },
      }),
    );
    const seen: string[] = [];
    c.settle({
      onState: () => {
        const cs = c.api.get('Pod', 'slow-start')?.status?.containerStatuses?.[0];
        const line = cs ? `${Object.keys(cs.state)[0]} started=${cs.started} ready=${cs.ready}` : '-';
        if (seen[seen.length - 1]?.endsWith(line) !== true) seen.push(`${at(c)} ${line}`);
      },
    });
    // Running at 3 s; the startup probe's first tick is at 10 s, and readiness is probed at once.
    expect(seen).toEqual(['0 -', '0 waiting started=false ready=false', '3000 running started=false ready=false', '10000 running started=true ready=true']);
    expect(status(c, 'slow-start').state.running.startedAt).toBe('2024-01-01T00:00:03Z');
    expect(ready(c, 'slow-start')).toBe('True');
  });

  it('a failing startup probe kills the container; liveness and readiness never run meanwhile', () => {
    const c = cluster();
    c.api.create(
      pod('never-starts', {
        image: 'nginx:1.27',
        startupProbe: { tcpSocket: { port: 8080 }, failureThreshold: 3, periodSeconds: 5 },
        livenessProbe: { tcpSocket: { port: 8080 } },
        readinessProbe: { tcpSocket: { port: 8080 } },
      }),
    );
    c.settle();
    expect(status(c, 'never-starts')).toMatchObject({ started: false, ready: false, state: { running: {} } });
    c.wait(15_000);
    const ip = get(c, 'never-starts').status.podIP;
    expect(probeEvents(c, 'never-starts')).toEqual([`Unhealthy: Startup probe failed: dial tcp ${ip}:8080: connect: connection refused (x3)`, 'Killing: Container c failed startup probe, will be restarted (x1)']);
  });
});

describe('Kubelet: readiness probes over time', () => {
  it('takes the pod out of the Service endpoints once failureThreshold probes fail', () => {
    const c = new Cluster({ nodes });
    c.api.create(
      pod('api', {
        image: 'busybox:1.36',
        command: ['sh', '-c', 'touch /tmp/ready; sleep 20; rm /tmp/ready; sleep 3600'],
        readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 10 },
      }),
    );
    c.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { selector: { app: 'api' }, ports: [{ port: 80 }] } });
    c.settle();
    const ip = get(c, 'api').status.podIP;
    const subsets = () => c.api.get('Endpoints', 'api', 'default')!.subsets;
    expect(subsets()[0].addresses.map((a: { ip: string }) => a.ip)).toEqual([ip]);
    // Removed at 23 s; failures at 30, 40, 50 s: not ready from the third.
    c.wait(46_000);
    expect(ready(c, 'api')).toBe('True');
    c.wait(2_000);
    expect(ready(c, 'api')).toBe('False');
    expect(subsets()[0].addresses).toBeUndefined();
    expect(subsets()[0].notReadyAddresses.map((a: { ip: string }) => a.ip)).toEqual([ip]);
    expect(probeEvents(c, 'api')).toEqual(["Unhealthy: Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory\n (x3)"]);
    expect(status(c, 'api').restartCount).toBe(0);
  });

  it('an exec probe that does not end within timeoutSeconds fails with the CRI timeout', () => {
    const c = cluster();
    c.api.create(pod('slowprobe', { image: 'busybox:1.36', command: ['sleep', '3600'], readinessProbe: { exec: { command: ['sh', '-c', 'sleep 5'] }, timeoutSeconds: 2 } }));
    c.settle();
    expect(ready(c, 'slowprobe')).toBe('False');
    expect(probeEvents(c, 'slowprobe')).toEqual(['Unhealthy: Readiness probe failed: command "sh -c sleep 5" timed out (x1)']);
  });
});
