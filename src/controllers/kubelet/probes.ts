// Readiness probes, simulated (pkg/kubelet/prober/worker.go): a probe worker starts when the pod is
// admitted and probes every periodSeconds from then on; when a container starts, the kubelet
// triggers one probe at once (prober_manager.go UpdatePodStatus → manualTriggerCh). A probe before
// initialDelaySeconds have passed since the container started does not count. The container is
// ready after successThreshold consecutive successes.
//
// Whether a probe succeeds: an httpGet, tcpSocket or grpc probe succeeds when the pod listens on
// its port (podListensOn: declared containerPort, else the image's known port); exec probes
// succeed. Liveness and startup probes are not simulated (they always pass).
import type { KubeObject } from '../../apiserver/types';
import { podListensOn } from '../../images';

interface ProbeSpec {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  httpGet?: { port: number | string; path?: string; scheme?: string; host?: string };
  tcpSocket?: { port: number | string; host?: string };
  grpc?: { port: number };
  exec?: unknown;
}

interface ContainerSpec {
  name: string;
  image?: string;
  ports?: { containerPort: number; name?: string; protocol?: string }[];
  readinessProbe?: ProbeSpec;
}

/** Resolve a probe's port: a number, or the name of one of the container's ports. */
function probePort(port: number | string, container: ContainerSpec): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/**
 * The result of the container's readiness probe: undefined when it succeeds, else the Unhealthy
 * event's message (`Readiness probe failed: ...`, as prober.go prints an HTTP / TCP failure).
 */
export function readinessFailure(pod: KubeObject, container: ContainerSpec, podIP: string): string | undefined {
  const probe = container.readinessProbe;
  if (!probe) return undefined;
  const target = probe.httpGet ?? probe.tcpSocket ?? probe.grpc;
  if (!target) return undefined;
  const port = probePort(target.port, container);
  const host = ('host' in target && target.host) || podIP;
  if (port !== undefined && podListensOn(pod.spec, port)) return undefined;
  const addr = `${host}:${port ?? target.port}`;
  if (probe.httpGet) {
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const path = probe.httpGet.path ?? '/';
    return `Readiness probe failed: Get "${scheme}://${addr}${path.startsWith('/') ? path : `/${path}`}": dial tcp ${addr}: connect: connection refused`;
  }
  if (probe.grpc) return `Readiness probe failed: timeout: failed to connect service "${addr}" within 1s: context deadline exceeded`;
  return `Readiness probe failed: dial tcp ${addr}: connect: connection refused`;
}

/** Probe period in ms (periodSeconds, default 10). */
export function probePeriodMs(container: ContainerSpec): number {
  return (container.readinessProbe?.periodSeconds ?? 10) * 1000;
}

/**
 * When a container with a passing readiness probe becomes ready. Probes run at
 * `workerStart + k·period` and once at `startedAt` (the manual trigger); those before
 * `startedAt + initialDelaySeconds` are skipped; ready on the successThreshold-th that counts.
 */
export function readyAt(container: ContainerSpec, workerStart: number, startedAt: number): number {
  const probe = container.readinessProbe;
  if (!probe) return startedAt;
  const period = probePeriodMs(container);
  const earliest = startedAt + (probe.initialDelaySeconds ?? 0) * 1000;
  let first: number;
  if (earliest <= startedAt) first = startedAt;
  else first = workerStart + Math.ceil((earliest - workerStart) / period) * period;
  let at = first;
  for (let i = 1; i < (probe.successThreshold ?? 1); i++) at = workerStart + (Math.floor((at - workerStart) / period) + 1) * period;
  return at;
}

/** The next probe tick strictly after `now` (for repeating a failing probe's Unhealthy event). */
export function nextProbeTick(container: ContainerSpec, workerStart: number, now: number): number {
  const period = probePeriodMs(container);
  return workerStart + (Math.floor((now - workerStart) / period) + 1) * period;
}
