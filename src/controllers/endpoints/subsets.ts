// Building an Endpoints object's subsets from pods, as pkg/controller/endpoint/endpoints_controller.go
// syncService does, with the helpers it uses: FindPort (pkg/api/v1/pod/util.go),
// ShouldPodBeInEndpoints (k8s.io/endpointslice/util), RepackSubsets (pkg/api/v1/endpoints/util.go)
// and truncateEndpoints (maxCapacity 1000).
import type { KubeObject } from '../../apiserver/types';

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace?: string; name: string; uid: string };
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

/** maxCapacity: an Endpoints object holds at most 1000 addresses (over-capacity annotation beyond). */
export const MAX_ENDPOINTS_CAPACITY = 1000;

export function isPodReady(pod: KubeObject): boolean {
  return (pod.status?.conditions as { type: string; status: string }[] | undefined)?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** ShouldPodBeInEndpoints: not terminal, has an IP, and not terminating unless included. */
export function shouldPodBeInEndpoints(pod: KubeObject, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/**
 * podutil.FindPort: an int targetPort is used as is; a named one is the first container port of
 * that name and the Service port's protocol (restartable init containers too). Undefined when the
 * pod has no such port ("no suitable port for manifest").
 */
export function findPort(pod: KubeObject, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  const protocol = sp.protocol ?? 'TCP';
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  type C = { ports?: { name?: string; containerPort: number; protocol?: string }[]; restartPolicy?: string };
  const containers = [...((pod.spec?.containers ?? []) as C[]), ...((pod.spec?.initContainers ?? []) as C[]).filter((c) => c.restartPolicy === 'Always')];
  for (const c of containers) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** podToEndpointAddressForService, with the hostname when the pod's subdomain is the Service. */
export function endpointAddress(pod: KubeObject, service: KubeObject): EndpointAddress {
  const addr: EndpointAddress = { ip: pod.status.podIP ?? pod.status.podIPs[0].ip };
  if (pod.spec?.hostname && pod.spec?.subdomain === service.metadata.name && service.metadata.namespace === pod.metadata.namespace) addr.hostname = pod.spec.hostname;
  if (pod.spec?.nodeName) addr.nodeName = pod.spec.nodeName;
  addr.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name!, uid: pod.metadata.uid! };
  return addr;
}

/** endpoints.LessEndpointAddress: by IP (byte order), then target UID. */
function lessAddress(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const au = a.targetRef?.uid ?? '';
  const bu = b.targetRef?.uid ?? '';
  return au < bu ? -1 : au > bu ? 1 : 0;
}

function portKey(p: EndpointPort): string {
  return `${p.name ?? ''}\u0000${p.port}\u0000${p.protocol}\u0000${p.appProtocol ?? ''}`;
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  const an = a.name ?? '';
  const bn = b.name ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  if (a.port !== b.port) return a.port - b.port;
  return a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0;
}

/** One endpoint (address, port, readiness) before repacking: addEndpointSubset's output. */
export interface EndpointEntry {
  address: EndpointAddress;
  port?: EndpointPort;
  ready: boolean;
}

/**
 * RepackSubsets: group addresses by the ports they serve, then ports by identical address sets;
 * an address not ready on a port stays not ready (not-ready trumps ready). Addresses are sorted by
 * IP and UID. Deviation: upstream orders ports and subsets by an md5 hash of their Go dump; here
 * ports sort by (name, port, protocol) and subsets by their first port, an order just as stable.
 */
export function repackSubsets(entries: readonly EndpointEntry[]): EndpointSubset[] {
  const byPort = new Map<string, { port?: EndpointPort; addrs: Map<string, EndpointEntry> }>();
  for (const e of entries) {
    const pk = e.port ? portKey(e.port) : '';
    let slot = byPort.get(pk);
    if (!slot) byPort.set(pk, (slot = { port: e.port, addrs: new Map() }));
    const ak = `${e.address.ip}\u0000${e.address.targetRef?.uid ?? ''}`;
    const prev = slot.addrs.get(ak);
    if (!prev || prev.ready) slot.addrs.set(ak, e);
  }
  const groups = new Map<string, { ports: EndpointPort[]; entries: EndpointEntry[] }>();
  for (const slot of byPort.values()) {
    const list = [...slot.addrs.values()].sort((a, b) => lessAddress(a.address, b.address));
    const sig = list.map((e) => `${e.address.ip}\u0000${e.address.targetRef?.uid ?? ''}\u0000${e.ready ? 1 : 0}`).join('\u0001');
    let g = groups.get(sig);
    if (!g) groups.set(sig, (g = { ports: [], entries: list }));
    if (slot.port) g.ports.push(slot.port);
  }
  const subsets: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const s: EndpointSubset = {};
    const ready = g.entries.filter((e) => e.ready).map((e) => e.address);
    const notReady = g.entries.filter((e) => !e.ready).map((e) => e.address);
    if (ready.length) s.addresses = ready;
    if (notReady.length) s.notReadyAddresses = notReady;
    if (g.ports.length) s.ports = g.ports.sort(comparePorts);
    subsets.push(s);
  }
  return subsets.sort((a, b) => {
    const ap = a.ports?.[0];
    const bp = b.ports?.[0];
    if (!ap || !bp) return ap ? 1 : bp ? -1 : 0;
    return comparePorts(ap, bp);
  });
}

/**
 * truncateEndpoints: past 1000 addresses, keep ready ones first, each subset keeping its share
 * (rounded up) of the room. Returns whether anything was cut.
 */
export function truncateEndpoints(subsets: EndpointSubset[]): boolean {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const s of subsets) {
    totalReady += s.addresses?.length ?? 0;
    totalNotReady += s.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= MAX_ENDPOINTS_CAPACITY) return false;
  let truncateReady = false;
  let max = MAX_ENDPOINTS_CAPACITY - totalReady;
  let numTotal = totalNotReady;
  if (totalReady > MAX_ENDPOINTS_CAPACITY) {
    truncateReady = true;
    max = MAX_ENDPOINTS_CAPACITY;
    numTotal = totalReady;
  }
  let canBeAdded = max;
  for (const s of subsets) {
    const inSubset = truncateReady ? (s.addresses?.length ?? 0) : (s.notReadyAddresses?.length ?? 0);
    const toBeAdded = Math.min(Math.ceil((inSubset / numTotal) * max), canBeAdded);
    if (truncateReady) {
      s.addresses = (s.addresses ?? []).slice(0, toBeAdded);
      delete s.notReadyAddresses;
      canBeAdded -= s.addresses.length;
      if (!s.addresses.length) delete s.addresses;
    } else {
      s.notReadyAddresses = (s.notReadyAddresses ?? []).slice(0, toBeAdded);
      canBeAdded -= s.notReadyAddresses.length;
      if (!s.notReadyAddresses.length) delete s.notReadyAddresses;
    }
  }
  return true;
}
