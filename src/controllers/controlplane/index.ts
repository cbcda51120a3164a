// The API server's own `kubernetes` Service in `default`, with its Endpoints and EndpointSlice
// listing the API server's address on port 6443 (name `https`), as the control plane keeps them:
// pkg/controlplane/controller/kubernetesservice (the Service, re-created when deleted) and
// pkg/controlplane/reconcilers (the lease endpoint reconciler's Endpoints, marked skip-mirror, and
// endpointsadapter's EndpointSlice of the same name). Upstream checks every 10 s
// (EndpointInterval); here a deleted or changed object is put back on the next such tick.
import type { ApiServer } from '../../apiserver/apiserver';
import { isStatusError } from '../../apiserver/errors';
import type { KubeObject } from '../../apiserver/types';
import type { WorkQueue } from '../../cluster/workqueue';
import type { Controller, ControllerContext } from '../controller';

export const KUBERNETES_SERVICE = 'kubernetes';
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
/** kube-apiserver's --secure-port. */
export const API_SERVER_PORT = 6443;
/** The reconcile period of the kubernetes Service controller (EndpointInterval). */
export const RECONCILE_INTERVAL_MS = 10_000;

const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';

/** The API server's advertise address as the Nodes show it: the control-plane node's InternalIP (kubeadm), else the first node's. */
export function apiServerAddress(api: ApiServer): string | undefined {
  const nodes = api.list('Node');
  const node = nodes.find((n) => n.metadata.labels?.[CONTROL_PLANE_LABEL] !== undefined) ?? nodes[0];
  return node?.status?.addresses?.find((a: { type: string }) => a.type === 'InternalIP')?.address;
}

export function kubernetesService(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: KUBERNETES_SERVICE, namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { type: 'ClusterIP', clusterIP: KUBERNETES_SERVICE_IP, clusterIPs: [KUBERNETES_SERVICE_IP], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: API_SERVER_PORT }] },
  };
}

/** The lease reconciler's Endpoints: one subset, the API server, port https/6443. */
export function kubernetesEndpoints(address: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: KUBERNETES_SERVICE, namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: address }], ports: [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }] }],
  };
}

/** endpointSliceFromEndpoints: same name, the service-name label only, ready endpoints. */
export function kubernetesEndpointSlice(address: string): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: KUBERNETES_SERVICE, namespace: 'default', labels: { 'kubernetes.io/service-name': KUBERNETES_SERVICE } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [address], conditions: { ready: true } }],
    ports: [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }],
  };
}

export class KubernetesServiceController implements Controller {
  readonly name = 'kubernetes-service-controller';
  private api!: ApiServer;
  private queue!: WorkQueue;

  start(ctx: ControllerContext): void {
    this.api = ctx.api;
    this.queue = ctx.queue;
    // Deleted or changed by someone: put back on the next tick (its own creations are ADDED).
    const watch = (ev: { type: string; object: KubeObject }) => {
      if (ev.type !== 'ADDED' && ev.object.metadata.name === KUBERNETES_SERVICE && ev.object.metadata.namespace === 'default') this.queue.addAfter(KUBERNETES_SERVICE, RECONCILE_INTERVAL_MS);
    };
    for (const kind of ['Service', 'Endpoints', 'EndpointSlice']) ctx.api.watch(kind, watch);
    // A cluster restored from an earlier run may lack them.
    this.queue.add(KUBERNETES_SERVICE);
  }

  reconcile(): void {
    const svc = this.api.get('Service', KUBERNETES_SERVICE, 'default');
    if (!svc) this.ensure(kubernetesService());
    const address = apiServerAddress(this.api);
    if (!address) return;
    this.ensure(kubernetesEndpoints(address), (cur, want) => JSON.stringify(cur.subsets) === JSON.stringify(want.subsets));
    this.ensure(kubernetesEndpointSlice(address), (cur, want) => JSON.stringify([cur.endpoints, cur.ports]) === JSON.stringify([want.endpoints, want.ports]));
  }

  /** Create `want` if missing; with `same`, put its content back when it differs. */
  private ensure(want: KubeObject, same?: (cur: KubeObject, want: KubeObject) => boolean): void {
    const cur = this.api.get(want.kind, want.metadata.name!, 'default');
    try {
      if (!cur) this.api.create(want);
      else if (same && !same(cur, want)) this.api.update({ ...cur, ...want, metadata: { ...cur.metadata, labels: { ...(cur.metadata.labels ?? {}), ...want.metadata.labels } } });
    } catch (e) {
      if (!isStatusError(e)) throw e;
      this.queue.addAfter(KUBERNETES_SERVICE, RECONCILE_INTERVAL_MS);
    }
  }
}
