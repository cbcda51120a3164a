// Service request routing: which pod answers a request sent to a nodePort on a node's IP, or to a
// Service port, as kube-proxy on every node forwards it: nodePort → Service port → one of the
// Service's ready endpoints, chosen uniformly at random (iptables mode's statistic-mode-random
// rules) → the pod's targetPort. The request succeeds only if that pod listens there.
import type { Cluster } from './cluster';
import type { KubeObject } from '../apiserver/types';
import type { Random } from '../util/random';
import { podListeningPorts, podListensOn } from '../images';

export type RequestTarget = { nodePort: number; node?: string; namespace?: string } | { service: string; port: number; namespace?: string };

export type RouteResult =
  | {
      ok: true;
      pod: KubeObject;
      /** The node the answering pod runs on. */
      node: string;
      podIP: string;
      targetPort: number;
      /** `namespace/name` of the Service that routed the request. */
      service: string;
      /** The node whose kube-proxy received a nodePort request. */
      via?: string;
    }
  | { ok: false; reason: string };

interface ServicePort {
  name?: string;
  port: number;
  nodePort?: number;
  protocol?: string;
}

interface Address {
  ip: string;
  nodeName?: string;
  targetRef?: { kind?: string; name: string; namespace?: string; uid?: string };
}

/** sessionAffinity: ClientIP pins the (single, simulated) client to an endpoint for timeoutSeconds. */
const affinities = new WeakMap<Cluster, Map<string, { ip: string; port: number; until: number }>>();

function isReady(node: KubeObject): boolean {
  return (node.status?.conditions as { type: string; status: string }[] | undefined)?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

const fail = (reason: string): RouteResult => ({ ok: false, reason });

/** Send one request; the random source spreads requests over endpoints as kube-proxy would. */
export function sendRequest(cluster: Cluster, target: RequestTarget, rng: Random): RouteResult {
  const api = cluster.api;
  let svc: KubeObject | undefined;
  let svcPort: ServicePort | undefined;
  let via: string | undefined;
  if ('nodePort' in target) {
    if (target.node !== undefined) {
      const node = api.get('Node', target.node);
      if (!node) return fail(`no such node "${target.node}"`);
      // The node is down (its kubelet and kube-proxy with it): nothing answers on its IP.
      if (!isReady(node)) return fail(`connection timed out: node ${target.node} is not Ready`);
      via = target.node;
    }
    // nodePorts are allocated cluster-wide: whatever namespace the request names, one Service has it.
    for (const s of api.list('Service')) {
      if (s.spec?.type !== 'NodePort' && s.spec?.type !== 'LoadBalancer') continue;
      const p = ((s.spec.ports ?? []) as ServicePort[]).find((x) => x.nodePort === target.nodePort);
      if (p) {
        svc = s;
        svcPort = p;
        break;
      }
    }
    if (!svc || !svcPort) return fail(`connection refused: no NodePort or LoadBalancer Service has nodePort ${target.nodePort}`);
    if (via === undefined && svc.spec.externalTrafficPolicy === 'Local') {
      // Which node receives the request matters with Local: any Ready node, at random.
      const nodes = api.list('Node').filter(isReady);
      if (!nodes.length) return fail('connection timed out: no node is Ready');
      via = nodes[rng.int(nodes.length)].metadata.name!;
    }
  } else {
    svc = api.get('Service', target.service, target.namespace);
    if (!svc) return fail(`service "${target.service}" not found`);
    if (svc.spec?.type === 'ExternalName') return fail(`service "${target.service}" is an ExternalName Service (${svc.spec.externalName}): kube-proxy does not route it`);
    const ports = (svc.spec?.ports ?? []) as ServicePort[];
    svcPort = ports.find((p) => p.port === target.port);
    if (!svcPort) return fail(`connection refused: service "${target.service}" has no port ${target.port} (its ports: ${ports.map((p) => p.port).join(', ') || 'none'})`);
  }
  const ns = svc.metadata.namespace ?? 'default';
  const svcName = `${ns}/${svc.metadata.name}`;
  const protocol = svcPort.protocol ?? 'TCP';

  // The Service port's endpoints: subsets carrying an endpoint port of the same name.
  const ep = api.get('Endpoints', svc.metadata.name!, ns);
  const ready: { addr: Address; port: number }[] = [];
  let notReady = 0;
  for (const subset of (ep?.subsets ?? []) as { addresses?: Address[]; notReadyAddresses?: Address[]; ports?: { name?: string; port: number; protocol?: string }[] }[]) {
    const p = subset.ports?.find((x) => (x.name ?? '') === (svcPort!.name ?? '') && (x.protocol ?? 'TCP') === protocol);
    if (!p) continue;
    for (const a of subset.addresses ?? []) ready.push({ addr: a, port: p.port });
    notReady += subset.notReadyAddresses?.length ?? 0;
  }
  let candidates = ready;
  if (via !== undefined && 'nodePort' in target && svc.spec.externalTrafficPolicy === 'Local') {
    candidates = ready.filter((c) => c.addr.nodeName === via);
    if (!candidates.length) return fail(`connection timed out: externalTrafficPolicy Local and no ready endpoint of service ${svcName} on node ${via}`);
  }
  if (!candidates.length) {
    return fail(`no endpoints: service ${svcName} has no ready endpoints for port ${svcPort.port}${notReady ? ` (${notReady} not ready)` : ''}`);
  }

  let chosen = candidates[0];
  const affinity = svc.spec.sessionAffinity === 'ClientIP';
  const now = cluster.clock.now();
  const affKey = `${svcName}:${svcPort.port}`;
  const pinned = affinity ? affinities.get(cluster)?.get(affKey) : undefined;
  const stillThere = pinned && pinned.until > now ? candidates.find((c) => c.addr.ip === pinned.ip && c.port === pinned.port) : undefined;
  if (stillThere) chosen = stillThere;
  else chosen = candidates[candidates.length === 1 ? 0 : rng.int(candidates.length)];
  if (affinity) {
    const timeout = (svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) * 1000;
    let m = affinities.get(cluster);
    if (!m) affinities.set(cluster, (m = new Map()));
    m.set(affKey, { ip: chosen.addr.ip, port: chosen.port, until: now + timeout });
  }

  const ref = chosen.addr.targetRef;
  const pod = ref && (ref.kind ?? 'Pod') === 'Pod' ? api.get('Pod', ref.name, ref.namespace ?? ns) : undefined;
  if (!pod || (ref?.uid && pod.metadata.uid !== ref.uid)) return fail(`connection refused: nothing answers at ${chosen.addr.ip}:${chosen.port}`);
  if (!podListensOn(pod.spec, chosen.port, protocol)) {
    const listening = podListeningPorts(pod.spec, protocol);
    return fail(`connection refused: pod ${pod.metadata.name} listens on ${listening.length ? listening.join(', ') : 'no port'}, not ${chosen.port}`);
  }
  return { ok: true, pod, node: pod.spec.nodeName, podIP: chosen.addr.ip, targetPort: chosen.port, service: svcName, ...(via !== undefined ? { via } : {}) };
}
