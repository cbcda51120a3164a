// Resource quantities and pod requests as the scheduler counts them
// (k8s.io/apimachinery/pkg/api/resource Quantity; pkg/scheduler/framework/types.go computePodResourceRequest;
// pkg/scheduler/util/pod_resources.go DefaultMilliCPURequest / DefaultMemoryRequest).
import type { KubeObject } from '../../apiserver/types';

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A Quantity's value in base units (`100m` → 0.1, `2Gi` → 2147483648); NaN when malformed. */
export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined || q === null) return NaN;
  if (typeof q === 'number') return q;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(q.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  if (m[2]) return n * 10 ** Number(m[2].slice(1));
  const suffix = m[3] ?? '';
  return n * (BINARY[suffix] ?? DECIMAL[suffix]);
}

/** Quantity.MilliValue for cpu (rounded up, as Quantity does). */
export function milliCpu(q: string | number | undefined): number {
  const v = parseQuantity(q);
  return Number.isNaN(v) ? 0 : Math.ceil(Math.round(v * 1e9) / 1e6);
}

/** Quantity.Value for memory: bytes, rounded up. */
export function bytes(q: string | number | undefined): number {
  const v = parseQuantity(q);
  return Number.isNaN(v) ? 0 : Math.ceil(v);
}

/** schedutil.DefaultMilliCPURequest: what a container without a cpu request counts as (100m). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** schedutil.DefaultMemoryRequest: what a container without a memory request counts as (200Mi). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface PodRequests {
  cpu: number;
  memory: number;
  /** The same with the non-zero defaults applied (NonZeroRequested, used for scoring). */
  nonZeroCpu: number;
  nonZeroMemory: number;
}

interface ContainerLike {
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

/** Requests default to limits when only limits are given (SetDefaults_Pod). */
function request(c: ContainerLike, name: string): string | undefined {
  return c.resources?.requests?.[name] ?? c.resources?.limits?.[name];
}

/**
 * computePodResourceRequest: the sum over app containers, raised to the largest init container's
 * request (init containers run one at a time), plus pod overhead.
 */
export function podRequests(pod: KubeObject): PodRequests {
  const out: PodRequests = { cpu: 0, memory: 0, nonZeroCpu: 0, nonZeroMemory: 0 };
  // Index loops: for-of over the stored (frozen) arrays allocates an iterator result per element.
  const containers = (pod.spec?.containers ?? []) as ContainerLike[];
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i];
    const cpu = request(c, 'cpu');
    const mem = request(c, 'memory');
    out.cpu += milliCpu(cpu);
    out.memory += bytes(mem);
    out.nonZeroCpu += cpu === undefined ? DEFAULT_MILLI_CPU_REQUEST : milliCpu(cpu);
    out.nonZeroMemory += mem === undefined ? DEFAULT_MEMORY_REQUEST : bytes(mem);
  }
  const initContainers = (pod.spec?.initContainers ?? []) as ContainerLike[];
  for (let i = 0; i < initContainers.length; i++) {
    const c = initContainers[i];
    const cpu = request(c, 'cpu');
    const mem = request(c, 'memory');
    out.cpu = Math.max(out.cpu, milliCpu(cpu));
    out.memory = Math.max(out.memory, bytes(mem));
    out.nonZeroCpu = Math.max(out.nonZeroCpu, cpu === undefined ? DEFAULT_MILLI_CPU_REQUEST : milliCpu(cpu));
    out.nonZeroMemory = Math.max(out.nonZeroMemory, mem === undefined ? DEFAULT_MEMORY_REQUEST : bytes(mem));
  }
  const overhead = pod.spec?.overhead as Record<string, string> | undefined;
  if (overhead) {
    out.cpu += milliCpu(overhead.cpu);
    out.memory += bytes(overhead.memory);
    out.nonZeroCpu += milliCpu(overhead.cpu);
    out.nonZeroMemory += bytes(overhead.memory);
  }
  return out;
}
