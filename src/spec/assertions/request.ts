// The request assertion: send N requests through the cluster's Service routing (a Random forked
// from the spec's seed per assertion, so results are reproducible) and check who answered.
import type { Cluster } from '../../cluster/cluster';
import { sendRequest, type RequestTarget as RoutingTarget } from '../../cluster/routing';
import { matches as labelsMatch, parseSelector } from '../../apiserver/labels';
import type { KubeObject } from '../../apiserver/types';
import type { Failure } from '../../runner/result';
import { Random } from '../../util/random';
import type { RequestAssertion } from '../model';
import { getLang, msg } from '../../i18n';
import { specMessages as t } from '../../i18n/messages/spec';
import { reportMessages } from '../../i18n/messages/report';

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

/** The routing's reason for a failed request, in the run's language (its English is the cluster's). */
const REASONS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^no such node "(.*)"$/, (m) => msg(t.routeNoNode, { node: m[1] })],
  [/^connection timed out: node (\S+) is not Ready$/, (m) => msg(t.routeNodeNotReady, { node: m[1] })],
  [/^connection refused: no NodePort or LoadBalancer Service has nodePort (\d+)$/, (m) => msg(t.routeNoNodePort, { port: m[1] })],
  [/^connection timed out: no node is Ready$/, () => msg(t.routeNoReadyNode)],
  [/^service "(.*)" not found$/, (m) => msg(t.routeNoService, { service: m[1] })],
  [/^service "(.*)" is an ExternalName Service \((.*)\): kube-proxy does not route it$/, (m) => msg(t.routeExternalName, { service: m[1], name: m[2] })],
  [/^connection refused: service "(.*)" has no port (\d+) \(its ports: (.*)\)$/, (m) => msg(t.routeNoPort, { service: m[1], port: m[2], ports: m[3] === 'none' ? msg(t.routeNone) : m[3] })],
  [/^connection timed out: externalTrafficPolicy Local and no ready endpoint of service (\S+) on node (\S+)$/, (m) => msg(t.routeLocal, { service: m[1], node: m[2] })],
  [/^no endpoints: service (\S+) has no ready endpoints for port (\d+)(?: \((\d+) not ready\))?$/, (m) => msg(t.routeNoEndpoints, { service: m[1], port: m[2], notReady: m[3] ?? '' })],
  [/^connection refused: nothing answers at (\S+)$/, (m) => msg(t.routeNothingAnswers, { address: m[1] })],
  [/^connection refused: pod (\S+) listens on (.+), not (\d+)$/, (m) => msg(t.routeWrongPort, { pod: m[1], ports: m[2] === 'no port' ? msg(t.routeNoListeningPort) : m[2], port: m[3] })],
];

function requestReason(reason: string): string {
  if (getLang() === 'en') return reason;
  for (const [re, say] of REASONS) {
    const m = re.exec(reason);
    if (m) return say(m);
  }
  return reason;
}

/**
 * In another language than English, what to check for the failures' reasons, once each, as `hint:`
 * lines after the failure (English keeps the message as it was).
 */
function reasonHints(list: string[]): string {
  if (getLang() === 'en') return '';
  const hints = new Set<string>();
  for (const r of list) {
    if (/^no endpoints: /.test(r)) hints.add(msg(t.routeHintSelector));
    else if (/^connection refused: pod \S+ listens on /.test(r)) hints.add(msg(t.routeHintTargetPort));
    else if (/^connection refused: no NodePort or LoadBalancer Service has nodePort /.test(r)) hints.add(msg(t.routeHintNodePort));
  }
  return [...hints].map((h) => `\n${msg(reportMessages.hintLabel)} ${h}`).join('');
}

function reasons(list: string[]): string {
  const counts = new Map<string, number>();
  for (const r of list.map(requestReason)) counts.set(r, (counts.get(r) ?? 0) + 1);
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
    if (r.ok) {
      answered.push(r.pod);
      // The answering container's access line, for `kubectl logs` later in the spec.
      (require('../../kubectl/logs') as typeof import('../../kubectl/logs')).recordSpecRequest(cluster, r.pod, r.targetPort); // eslint-disable-line @typescript-eslint/no-require-imports
    } else failed.push(r.reason);
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
  return fail(msg(t.requestsProblem, { what, goal, problems: problems.join('; '), by: answered.length ? tally(answeredNames) : '' }) + reasonHints(failed));
}
