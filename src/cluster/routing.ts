// Service request routing: which pod answers a request sent to a nodePort on a node's IP, or to a
// Service port, as kube-proxy on every node forwards it: nodePort → Service port → one of the
// Service's ready endpoints, chosen uniformly at random (iptables mode's statistic-mode-random
// rules) → the pod's targetPort. The request succeeds only if that pod listens there.
//
// The node a request enters on matters to three rules, each applied by that node's kube-proxy:
// externalTrafficPolicy Local (a nodePort request is answered only by pods on that node),
// internalTrafficPolicy Local (a Service request from a pod is answered only by pods on the pod's
// node; none there and it is dropped: pkg/proxy/topology.go CategorizeEndpoints, the iptables
// proxier's "has no local endpoints" DROP rule), and sessionAffinity ClientIP, whose memory of
// which endpoint a client was sent to is the node's own (pkg/proxy/iptables/proxier.go: `-m recent
// --name <endpoint chain> --rcheck --seconds <timeoutSeconds> --reap` in the service chain, `-m
// recent --set` in the endpoint chain, so each connection renews it; the kernel keeps one table
// per node).
import type { KubeCluster } from './backend';
import type { KubeObject } from '../apiserver/types';
import type { Random } from '../util/random';
import { podListeningPorts, podListensOn } from '../images';

export type RequestTarget = { nodePort: number; node?: string; namespace?: string } | { service: string; port: number; namespace?: string; fromNode?: string };

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
      /** The node whose kube-proxy routed the request (a nodePort's node, a Service request's `fromNode`), when known. */
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

/**
 * sessionAffinity: ClientIP pins the (single, simulated) client to an endpoint for timeoutSeconds,
 * in the table of the node whose kube-proxy routed it (`node|namespace/service:port`). A request
 * whose node is left unnamed (and does not matter to a Local policy) enters where the client's
 * other such requests do: one table for all of them.
 */
const affinities = new WeakMap<KubeCluster, Map<string, { ip: string; port: number; until: number }>>();

function isReady(node: KubeObject): boolean {
  return (node.status?.conditions as { type: string; status: string }[] | undefined)?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

const fail = (reason: string): RouteResult => ({ ok: false, reason });

/** A node requests may enter on: it exists and its kube-proxy runs (the node is Ready). */
function entryNode(cluster: KubeCluster, name: string): RouteResult | undefined {
  const node = cluster.api.get('Node', name);
  if (!node) return fail(`no such node "${name}"`);
  // The node is down (its kubelet and kube-proxy with it): nothing answers on its IP.
  if (!isReady(node)) return fail(`connection timed out: node ${name} is not Ready`);
  return undefined;
}

/** Any Ready node, at random (the node a request enters on, when the spec names none and it matters). */
function anyReadyNode(cluster: KubeCluster, rng: Random): string | undefined {
  const nodes = cluster.api.list('Node').filter(isReady);
  return nodes.length ? nodes[rng.int(nodes.length)].metadata.name! : undefined;
}

/** Send one request; the random source spreads requests over endpoints as kube-proxy would. */
export function sendRequest(cluster: KubeCluster, target: RequestTarget, rng: Random): RouteResult {
  const api = cluster.api;
  let svc: KubeObject | undefined;
  let svcPort: ServicePort | undefined;
  let via: string | undefined;
  if ('nodePort' in target) {
    if (target.node !== undefined) {
      const down = entryNode(cluster, target.node);
      if (down) return down;
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
      via = anyReadyNode(cluster, rng);
      if (via === undefined) return fail('connection timed out: no node is Ready');
    }
  } else {
    svc = api.get('Service', target.service, target.namespace);
    if (!svc) return fail(`service "${target.service}" not found`);
    if (svc.spec?.type === 'ExternalName') return fail(`service "${target.service}" is an ExternalName Service (${svc.spec.externalName}): kube-proxy does not route it`);
    const ports = (svc.spec?.ports ?? []) as ServicePort[];
    svcPort = ports.find((p) => p.port === target.port);
    if (!svcPort) return fail(`connection refused: service "${target.service}" has no port ${target.port} (its ports: ${ports.map((p) => p.port).join(', ') || 'none'})`);
    if (target.fromNode !== undefined) {
      const down = entryNode(cluster, target.fromNode);
      if (down) return down;
      via = target.fromNode;
    } else if (svc.spec.internalTrafficPolicy === 'Local') {
      // The client pod's node decides who may answer: any Ready node, at random.
      via = anyReadyNode(cluster, rng);
      if (via === undefined) return fail('connection timed out: no node is Ready');
    }
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
  const policy = 'nodePort' in target ? 'externalTrafficPolicy' : 'internalTrafficPolicy';
  if (via !== undefined && svc.spec[policy] === 'Local') {
    candidates = ready.filter((c) => c.addr.nodeName === via);
    if (!candidates.length) return fail(`connection timed out: ${policy} Local and no ready endpoint of service ${svcName} on node ${via}`);
  }
  if (!candidates.length) {
    return fail(`no endpoints: service ${svcName} has no ready endpoints for port ${svcPort.port}${notReady ? ` (${notReady} not ready)` : ''}`);
  }

  let chosen = candidates[0];
  const affinity = svc.spec.sessionAffinity === 'ClientIP';
  const now = cluster.clock.now();
  const affKey = `${via ?? ''}|${svcName}:${svcPort.port}`;
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
