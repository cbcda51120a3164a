// The API server's Service proxy, `/api/v1/namespaces/NS/services/[SCHEME:]NAME[:PORT]/proxy/PATH`
// (what `kubectl proxy` users and `kubespec run --kubeconfig` use to reach a Service's port without
// a nodePort): kube-proxy's choice of endpoint (routing.ts) answers as the image would, as the
// nodePort listeners answer (nodeports/responses.ts), with the pod named in X-Kubespec-Pod.
// Upstream: pkg/registry/core/service/storage (ResourceLocation), "no endpoints available for
// service %q" when no endpoint is ready.
import type * as http from 'http';
import type { KubeObject } from '../../apiserver/types';
import { sendRequest } from '../../cluster/routing';
import type { Random } from '../../util/random';
import type { LiveCluster } from '../live';
import { listeningContainer } from '../nodeports/proxy';
import { answer } from '../nodeports/responses';
import { HttpError } from './status';

export interface ProxyAnswer {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

/** `[scheme:]name[:port]`, as ResourceLocation splits it (net.SplitSchemeNamePort). */
function splitName(id: string): { name: string; port: string } {
  const parts = id.split(':');
  if (parts.length === 3) return { name: parts[1], port: parts[2] };
  if (parts.length === 2 && (parts[0] === 'http' || parts[0] === 'https')) return { name: parts[1], port: '' };
  return { name: parts[0], port: parts[1] ?? '' };
}

export function serviceProxy(live: LiveCluster, rng: Random, namespace: string, id: string, req: http.IncomingMessage, path: string): ProxyAnswer {
  const { name, port } = splitName(id);
  const svc = live.api.get('Service', name, namespace);
  if (!svc) throw new HttpError(404, 'NotFound', `services "${name}" not found`, { name, kind: 'services' });
  const ports = (svc.spec?.ports ?? []) as { name?: string; port: number }[];
  // A port by number or by name; none given: the Service's unnamed (only) port.
  const p = port === '' ? ports.find((x) => !x.name) ?? (ports.length === 1 ? ports[0] : undefined) : ports.find((x) => String(x.port) === port || x.name === port);
  if (!p) throw new HttpError(503, 'ServiceUnavailable', `no endpoints available for service "${id}"`);
  const r = sendRequest(live.cluster, { service: name, port: p.port, namespace }, rng);
  if (!r.ok) throw new HttpError(503, 'ServiceUnavailable', `no endpoints available for service "${name}"`);
  const pod: KubeObject = r.pod;
  const query = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
  const a = answer({ method: req.method ?? 'GET', url: `${path}${query}`, headers: req.headers }, { pod: `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`, image: listeningContainer(pod, r.targetPort)?.image ?? '', port: r.targetPort, nowMs: live.now() });
  return { status: a.status, headers: [...a.headers, ['X-Kubespec-Pod', `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`]], body: a.body };
}
