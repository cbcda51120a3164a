// The request assertion: send N requests through the cluster's Service routing (a Random forked
// from the spec's seed per assertion, so results are reproducible) and check who answered.
import type { Cluster } from '../../cluster/cluster';
import { sendRequest, type RequestTarget as RoutingTarget } from '../../cluster/routing';
import { matches as labelsMatch, parseSelector } from '../../apiserver/labels';
import type { KubeObject } from '../../apiserver/types';
import type { Failure } from '../../runner/result';
import { Random } from '../../util/random';
import type { RequestAssertion } from '../model';
import { msg } from '../../i18n';
import { specMessages as t } from '../../i18n/messages/spec';

export function describeTarget(r: RequestAssertion['request']): string {
  if ('nodePort' in r) return msg(t.targetNodePort, { port: r.nodePort, node: r.node ? msg(t.onNode, { node: r.node }) : '' });
  return msg(t.targetService, { service: r.service, port: r.port, ns: r.namespace !== 'default' ? msg(t.targetNamespace, { ns: r.namespace }) : '' });
}

function isReady(p: KubeObject): boolean {
  return !p.metadata.deletionTimestamp && (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
}

/** `nginx-a ×4, nginx-b ×3` */
function tally(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts.entries()].map(([n, c]) => `${n} ×${c}`).join(', ');
}

function reasons(list: string[]): string {
  const counts = new Map<string, number>();
  for (const r of list) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts.entries()].map(([r, c]) => (c > 1 ? `${r} (×${c})` : r)).join('; ');
}

/**
 * Check a request assertion. `rngKey` names the assertion (step and position), so each assertion
 * draws its own reproducible stream from the spec seed.
 */
export function checkRequestAssertion(cluster: Cluster, a: RequestAssertion, seed: number, rngKey: string, kind: 'expect' | 'throughout' = 'expect'): Failure | undefined {
  const rng = new Random(seed).fork(`request:${rngKey}`);
  const target: RoutingTarget = 'nodePort' in a.request ? { nodePort: a.request.nodePort, node: a.request.node, namespace: a.request.namespace } : { service: a.request.service, port: a.request.port, namespace: a.request.namespace };
  const answered: KubeObject[] = [];
  const failed: string[] = [];
  for (let i = 0; i < a.times; i++) {
    const r = sendRequest(cluster, target, rng);
    if (r.ok) answered.push(r.pod);
    else failed.push(r.reason);
  }
  const what = msg(t.requestsTo, { n: a.times, target: describeTarget(a.request) });
  const selection = msg(t.requestSelection, { target: describeTarget(a.request), n: a.times });
  const answeredNames = answered.map((p) => p.metadata.name!);
  const selected = [...new Set(answeredNames)].map((n) => `Pod/${n}`);
  const fail = (message: string, extra: Partial<Failure> = {}): Failure => ({ message, location: a.location, kind, selection, selected, ...extra });

  if (a.fails) {
    if (answered.length === 0) return undefined;
    return fail(msg(t.requestsShouldFail, { what, answered: answered.length, by: tally(answeredNames) }));
  }
  const problems: string[] = [];
  if (failed.length) problems.push(msg(t.requestsFailed, { n: failed.length, reasons: reasons(failed) }));
  if (a.reaches) {
    const sel = parseSelector(a.reaches.selector);
    const strangers = answered.filter((p) => !labelsMatch(sel, p.metadata.labels));
    if (strangers.length) problems.push(msg(t.answeredByStrangers, { n: strangers.length, selector: a.reaches.selector, by: tally(strangers.map((p) => p.metadata.name!)) }));
    if (a.reaches.all) {
      const ns = a.request.namespace;
      const ready = cluster.api.list('Pod', { namespace: ns, labelSelector: sel }).filter(isReady);
      const seen = new Set(answeredNames);
      const silent = ready.filter((p) => !seen.has(p.metadata.name!));
      if (ready.length === 0) problems.push(msg(t.noReadyPod, { selector: a.reaches.selector }));
      else if (silent.length) problems.push(msg(t.silentPods, { silent: silent.length, ready: ready.length, selector: a.reaches.selector, names: silent.slice(0, 10).map((p) => p.metadata.name).join(', ') }));
    }
  }
  if (!problems.length) return undefined;
  const goal = a.reaches ? msg(t.goalReach, { selector: a.reaches.selector, all: a.reaches.all ? 1 : '' }) : msg(t.goalAnswered);
  return fail(msg(t.requestsProblem, { what, goal, problems: problems.join('; '), by: answered.length ? tally(answeredNames) : '' }));
}
