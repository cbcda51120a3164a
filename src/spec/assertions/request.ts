// The request assertion: send N requests through the cluster's Service routing (a Random forked
// from the spec's seed per assertion, so results are reproducible) and check who answered.
import type { KubeCluster } from '../../cluster/backend';
import { sendRequest, type RequestTarget as RoutingTarget } from '../../cluster/routing';
import { matches as labelsMatch, parseSelector } from '../../apiserver/labels';
import type { KubeObject } from '../../apiserver/types';
import type { Failure } from '../../runner/result';
import { Random } from '../../util/random';
import type { RequestAssertion } from '../model';
import { containsText, describePattern } from '../pattern';
import { getLang, msg } from '../../i18n';
import { specMessages as t } from '../../i18n/messages/spec';
import { reportMessages } from '../../i18n/messages/report';

export function describeTarget(r: RequestAssertion['request']): string {
  if ('nodePort' in r) return msg(t.targetNodePort, { port: r.nodePort, node: r.node ? msg(t.onNode, { node: r.node }) : '' });
  const from = r.fromNode !== undefined ? msg(t.fromNode, { node: r.fromNode }) : '';
  return msg(t.targetService, { service: r.service, port: r.port, ns: r.namespace !== 'default' ? msg(t.targetNamespace, { ns: r.namespace }) : '' }) + from;
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
  [/^connection timed out: internalTrafficPolicy Local and no ready endpoint of service (\S+) on node (\S+)$/, (m) => msg(t.routeInternalLocal, { service: m[1], node: m[2] })],
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
export function checkRequestAssertion(cluster: KubeCluster, a: RequestAssertion, seed: number, rngKey: string, kind: Failure['kind'] = 'expect'): Failure | undefined {
  return evaluateRequestAssertion(cluster, a, seed, rngKey, kind).failure;
}

/** The routing's target for an assertion's `request:`. */
export function routingTarget(r: RequestAssertion['request']): RoutingTarget {
  return 'nodePort' in r ? { nodePort: r.nodePort, node: r.node, namespace: r.namespace } : { service: r.service, port: r.port, namespace: r.namespace, ...(r.fromNode !== undefined ? { fromNode: r.fromNode } : {}) };
}

/** `25%`, `12.5%` */
function percent(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

/** `between 15% and 35%`, `at least 15%`, `at most 35%` */
function shareBounds(b: { min?: number; max?: number }): string {
  if (b.min !== undefined && b.max !== undefined) return msg(t.boundsBetween, { min: percent(b.min), max: percent(b.max) });
  return b.min !== undefined ? msg(t.boundsAtLeast, { min: percent(b.min) }) : msg(t.boundsAtMost, { max: percent(b.max!) });
}

/**
 * The body the container listening on `targetPort` answers to `GET /`: the image's page, as
 * `kubespec serve` answers on a nodePort (serve/nodeports/responses.ts).
 */
function answerBody(pod: KubeObject, targetPort: number, nowMs: number): string {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { answer } = require('../../serve/nodeports/responses') as typeof import('../../serve/nodeports/responses');
  const { imagePorts } = require('../../images') as typeof import('../../images');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const containers = (pod.spec?.containers ?? []) as { image?: string; ports?: { containerPort: number; protocol?: string }[] }[];
  const c = containers.find((x) => (x.ports?.length ? x.ports.some((p) => p.containerPort === targetPort && (p.protocol ?? 'TCP') === 'TCP') : imagePorts(x.image ?? '').includes(targetPort)));
  const a = answer({ method: 'GET', url: '/', headers: { 'user-agent': 'kubespec' } }, { pod: `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`, image: c?.image ?? '', port: targetPort, nowMs });
  return a.body.toString('utf8');
}

/** What tells a body apart, shortened, for a message: an HTML page's title, else its first line with text. */
function bodyExcerpt(body: string): string {
  const title = /<title>[^<]*<\/title>/i.exec(body)?.[0];
  const line = title ?? body.split('\n').find((l) => l.trim())?.trim() ?? '';
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 57)}...` : line);
}

/**
 * Check a request assertion, and how far the answers are from what it asks (`misses`: requests
 * that failed or were answered by the wrong pods, answers a share is off by...; 0 when it holds),
 * which `eventually` uses to keep the closest state.
 */
export function evaluateRequestAssertion(cluster: KubeCluster, a: RequestAssertion, seed: number, rngKey: string, kind: Failure['kind'] = 'expect'): { failure?: Failure; misses: number } {
  const rng = new Random(seed).fork(`request:${rngKey}`);
  const target = routingTarget(a.request);
  const answered: KubeObject[] = [];
  const failed: string[] = [];
  const bodies: { pod: string; body: string }[] = [];
  let service: string | undefined;
  for (let i = 0; i < a.times; i++) {
    const r = sendRequest(cluster, target, rng);
    if (r.ok) {
      answered.push(r.pod);
      service ??= r.service;
      // The answering container's access line, for `kubectl logs` later in the spec.
      (require('../../kubectl/logs') as typeof import('../../kubectl/logs')).recordSpecRequest(cluster, r.pod, r.targetPort); // eslint-disable-line @typescript-eslint/no-require-imports
      if (a.body) bodies.push({ pod: r.pod.metadata.name!, body: answerBody(r.pod, r.targetPort, cluster.clock.now()) });
    } else failed.push(r.reason);
  }
  const what = msg(t.requestsTo, { n: a.times, target: describeTarget(a.request) });
  const selection = msg(t.requestSelection, { target: describeTarget(a.request), n: a.times });
  const answeredNames = answered.map((p) => p.metadata.name!);
  const selected = [...new Set(answeredNames)].map((n) => `Pod/${n}`);
  const fail = (message: string, misses: number) => ({ failure: { message, location: a.location, kind, selection, selected } as Failure, misses: Math.max(1, misses) });

  if (a.fails) {
    if (answered.length === 0) return { misses: 0 };
    return fail(msg(t.requestsShouldFail, { what, answered: answered.length, by: tally(answeredNames) }), answered.length);
  }
  const problems: string[] = [];
  let misses = failed.length;
  if (failed.length) problems.push(msg(t.requestsFailed, { n: failed.length, reasons: reasons(failed) }));
  if (a.reaches) {
    const sel = parseSelector(a.reaches.selector);
    const strangers = answered.filter((p) => !labelsMatch(sel, p.metadata.labels));
    misses += strangers.length;
    if (strangers.length) problems.push(msg(t.answeredByStrangers, { n: strangers.length, selector: a.reaches.selector, by: tally(strangers.map((p) => p.metadata.name!)) }));
    if (a.reaches.all) {
      const ns = a.request.namespace;
      const ready = cluster.api.list('Pod', { namespace: ns, labelSelector: sel }).filter(isReady);
      const seen = new Set(answeredNames);
      const silent = ready.filter((p) => !seen.has(p.metadata.name!));
      if (ready.length === 0) {
        misses++;
        problems.push(msg(t.noReadyPod, { selector: a.reaches.selector }));
      } else if (silent.length) {
        misses += silent.length;
        problems.push(msg(t.silentPods, { silent: silent.length, ready: ready.length, selector: a.reaches.selector, names: silent.slice(0, 10).map((p) => p.metadata.name).join(', ') }));
      }
    }
  }
  for (const share of a.answers ?? []) {
    const sel = parseSelector(share.selector);
    const count = answered.filter((p) => labelsMatch(sel, p.metadata.labels)).length;
    const { min, max } = share.share;
    // How many answers the share is off by: the fewest that would have to change.
    const short = min !== undefined ? Math.max(0, Math.ceil(min * a.times - 1e-9) - count) : 0;
    const over = max !== undefined ? Math.max(0, count - Math.floor(max * a.times + 1e-9)) : 0;
    if (short + over === 0) continue;
    misses += short + over;
    problems.push(msg(t.shareOff, { selector: share.selector, count, n: a.times, share: percent(a.times ? count / a.times : 0), bounds: shareBounds(share.share) }));
  }
  if (a.sameBackend && new Set(answeredNames).size > 1) {
    const counts = new Map<string, number>();
    for (const n of answeredNames) counts.set(n, (counts.get(n) ?? 0) + 1);
    misses += answeredNames.length - Math.max(...counts.values());
    const [ns, name] = (service ?? '/').split('/');
    const svc = name ? cluster.api.get('Service', name, ns) : undefined;
    const affinity = svc?.spec?.sessionAffinity === 'ClientIP';
    problems.push(msg(t.notSameBackend, { pods: counts.size, by: tally(answeredNames), affinity: affinity ? '' : 1 }));
  }
  if (a.body) {
    const wrong = bodies.filter((b) => !containsText(a.body!, b.body));
    if (wrong.length) {
      misses += wrong.length;
      problems.push(msg(a.body.regex ? t.bodyNoMatch : t.bodyNoText, { n: wrong.length, pattern: describePattern(a.body), pod: wrong[0].pod, excerpt: bodyExcerpt(wrong[0].body) }));
    }
  }
  if (!problems.length) return { misses: 0 };
  const goal = a.reaches ? msg(t.goalReach, { selector: a.reaches.selector, all: a.reaches.all ? 1 : '' }) : msg(t.goalAnswered);
  return fail(msg(t.requestsProblem, { what, goal, problems: problems.join('; '), by: answered.length ? tally(answeredNames) : '' }) + reasonHints(failed), misses);
}
