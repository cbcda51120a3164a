// Service request routing (being built): which ready pod answers a request on a nodePort or a
// Service port.
import type { Cluster } from './cluster';
import type { KubeObject } from '../apiserver/types';
import type { Random } from '../util/random';

export type RequestTarget = { nodePort: number; node?: string; namespace?: string } | { service: string; port: number; namespace?: string };

export type RouteResult = { ok: true; pod: KubeObject; node: string; podIP: string; targetPort: number } | { ok: false; reason: string };

/** Send one request; the random source spreads requests over endpoints as kube-proxy would. */
export function sendRequest(_cluster: Cluster, _target: RequestTarget, _rng: Random): RouteResult {
  return { ok: false, reason: 'routing not built yet' };
}
