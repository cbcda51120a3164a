// EndpointSlices for a Service, as the EndpointSlice controller keeps them
// (pkg/controller/endpointslice/reconciler.go, k8s.io/endpointslice/utils.go podToEndpoint):
// the selected pods that have an IP (terminating ones included, with their conditions), grouped
// by the ports they resolve to, at most 100 endpoints per slice; slices are named
// `<service>-<5 random characters>`, labelled with the Service's name and the controller that
// manages them, and owned by the Service (the garbage collector removes them with it).
//
// Simplified reconciler: an endpoint stays in the slice it is in; new endpoints fill existing
// slices of their port set (oldest name first), then new slices; emptied slices are deleted; a
// Service with no endpoints keeps one placeholder slice without endpoints or ports.
import type { ApiServer } from '../../apiserver/apiserver';
import { isStatusError } from '../../apiserver/errors';
import type { KubeObject } from '../../apiserver/types';
import { deepEqual } from '../../util/clone';
import { findPort, isPodReady, shouldPodBeInEndpoints } from './subsets';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  nodeName?: string;
  zone?: string;
  targetRef: { kind: string; namespace?: string; name: string; uid: string };
}

function portSetKey(ports: readonly SlicePort[]): string {
  return ports.map((p) => `${p.name}\u0000${p.port}\u0000${p.protocol}\u0000${p.appProtocol ?? ''}`).join('\u0001');
}

/** podToEndpoint: ready = publishNotReadyAddresses || (serving && !terminating). */
function podToEndpoint(pod: KubeObject, svc: KubeObject, zone: string | undefined): SliceEndpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const ep: SliceEndpoint = {
    addresses: [pod.status.podIP ?? pod.status.podIPs[0].ip],
    conditions: { ready: !!svc.spec.publishNotReadyAddresses || (serving && !terminating), serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name!, uid: pod.metadata.uid! },
  };
  if (pod.spec?.hostname && pod.spec?.subdomain === svc.metadata.name) ep.hostname = pod.spec.hostname;
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  if (zone) ep.zone = zone;
  return ep;
}

/** getEndpointPorts: every Service port the pod resolves (unnamed ports get name ""). */
function endpointPorts(pod: KubeObject, svc: KubeObject): SlicePort[] {
  const out: SlicePort[] = [];
  for (const sp of (svc.spec.ports ?? []) as { name?: string; port: number; targetPort?: number | string; protocol?: string; appProtocol?: string }[]) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const p: SlicePort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out;
}

function byAddress(a: SliceEndpoint, b: SliceEndpoint): number {
  if (a.addresses[0] !== b.addresses[0]) return a.addresses[0] < b.addresses[0] ? -1 : 1;
  return a.targetRef.uid < b.targetRef.uid ? -1 : a.targetRef.uid > b.targetRef.uid ? 1 : 0;
}

/** Bring the Service's EndpointSlices in line with `pods` (the pods its selector matches). */
export function reconcileEndpointSlices(api: ApiServer, svc: KubeObject, pods: readonly KubeObject[], now: string): void {
  const ns = svc.metadata.namespace;
  const name = svc.metadata.name!;
  // Desired endpoints, grouped by port set.
  const groups = new Map<string, { ports: SlicePort[]; endpoints: Map<string, SliceEndpoint> }>();
  const zones = new Map<string, string | undefined>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const nodeName = pod.spec?.nodeName as string | undefined;
    if (nodeName && !zones.has(nodeName)) zones.set(nodeName, api.get('Node', nodeName)?.metadata.labels?.['topology.kubernetes.io/zone']);
    const ports = endpointPorts(pod, svc);
    const key = portSetKey(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, endpoints: new Map() }));
    g.endpoints.set(pod.metadata.uid!, podToEndpoint(pod, svc, nodeName ? zones.get(nodeName) : undefined));
  }

  const existing = api.list('EndpointSlice', { namespace: ns, labelSelector: `${SERVICE_NAME_LABEL}=${name},${MANAGED_BY_LABEL}=${CONTROLLER_NAME}` });
  const labels: Record<string, string> = { ...svc.metadata.labels };
  labels[SERVICE_NAME_LABEL] = name;
  labels[MANAGED_BY_LABEL] = CONTROLLER_NAME;
  if (svc.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  const owner = { apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true };
  const toWrite: KubeObject[] = [];
  const toCreate: KubeObject[] = [];
  const toDelete: KubeObject[] = [];

  const slicesByPorts = new Map<string, KubeObject[]>();
  for (const s of existing) {
    const key = portSetKey(((s.ports ?? []) as SlicePort[]).map((p) => ({ ...p, name: p.name ?? '', protocol: p.protocol ?? 'TCP' })));
    const list = slicesByPorts.get(key) ?? [];
    list.push(s);
    slicesByPorts.set(key, list);
  }
  for (const [key, slices] of slicesByPorts) if (!groups.has(key)) toDelete.push(...slices);

  const build = (base: KubeObject | undefined, ports: SlicePort[], endpoints: SliceEndpoint[]): KubeObject => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      ...(base ? { name: base.metadata.name, resourceVersion: base.metadata.resourceVersion } : { generateName: `${name}-` }),
      namespace: ns,
      labels,
      annotations: { ...base?.metadata.annotations, 'endpoints.kubernetes.io/last-change-trigger-time': now },
      ownerReferences: [owner],
    },
    addressType: 'IPv4',
    ...(endpoints.length ? { endpoints } : {}),
    ...(ports.length ? { ports } : {}),
  });
  const changed = (s: KubeObject, ports: SlicePort[], endpoints: SliceEndpoint[]) =>
    !deepEqual(s.endpoints ?? [], endpoints) || !deepEqual(s.ports ?? [], ports) || !deepEqual(s.metadata.labels ?? {}, labels) || !deepEqual(s.metadata.ownerReferences ?? [], [owner]);

  for (const [key, g] of groups) {
    const slices = (slicesByPorts.get(key) ?? []).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    const placed = new Set<string>();
    const contents = slices.map((s) => {
      const kept: SliceEndpoint[] = [];
      for (const ep of (s.endpoints ?? []) as SliceEndpoint[]) {
        const want = g.endpoints.get(ep.targetRef?.uid);
        if (!want || placed.has(ep.targetRef.uid)) continue;
        placed.add(ep.targetRef.uid);
        kept.push(want);
      }
      return kept;
    });
    const fresh = [...g.endpoints.entries()].filter(([uid]) => !placed.has(uid)).map(([, ep]) => ep).sort(byAddress);
    let i = 0;
    for (const list of contents) while (list.length < MAX_ENDPOINTS_PER_SLICE && i < fresh.length) list.push(fresh[i++]);
    slices.forEach((s, j) => {
      if (!contents[j].length) toDelete.push(s);
      else if (changed(s, g.ports, contents[j])) toWrite.push(build(s, g.ports, contents[j]));
    });
    for (; i < fresh.length; i += MAX_ENDPOINTS_PER_SLICE) toCreate.push(build(undefined, g.ports, fresh.slice(i, i + MAX_ENDPOINTS_PER_SLICE)));
  }

  // A Service without endpoints keeps one placeholder slice (no endpoints, no ports).
  if (!groups.size) {
    const keep = existing.filter((s) => !s.endpoints?.length && !s.ports?.length).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))[0];
    toDelete.splice(0, toDelete.length, ...existing.filter((s) => s !== keep));
    if (!keep) toCreate.push(build(undefined, [], []));
    else if (changed(keep, [], [])) toWrite.push(build(keep, [], []));
  }

  const tolerate = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (!isStatusError(e, 'NotFound') && !isStatusError(e, 'Conflict') && !isStatusError(e, 'AlreadyExists')) throw e;
    }
  };
  for (const s of toWrite) tolerate(() => api.update(s));
  for (const s of toCreate) tolerate(() => api.create(s));
  for (const s of toDelete) tolerate(() => api.delete('EndpointSlice', s.metadata.name!, { namespace: ns }));
}
