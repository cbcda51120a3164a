// Jest matchers on cluster objects and on a library cluster (`kubespec/jest`): they judge as a
// spec's `expect:` does and print kubespec's own mismatch lines and pruned YAML diff.
//   expect(deployment).toMatchSpec({ spec: { replicas: 2 }, status: { readyReplicas: 2 } })
//   expect(rs).toHaveReadyReplicas(3)
//   expect(pod).toBeOwnedBy('ReplicaSet', /^web-/)
//   expect(cluster).toHold({ kind: 'Pod', selector: 'app=web', count: 3 })
//   expect(cluster).toReach({ kind: 'Deployment', name: 'web', match: { status: { availableReplicas: 3 } } }, { within: '5m' })
import type { KubeObject } from '../apiserver/types';
import type { KubespecCluster } from '../library/cluster';
import { matchPartial } from '../spec/assertions/match';
import { unifiedDiff, withIdentity } from '../spec/assertions/diff';
import type { Failure } from '../runner/result';
import { parseDuration } from '../util/clock';
import { stringifyJson } from '../util/json';

/** What Jest passes a matcher as `this` (only what these matchers read). */
export interface MatcherState {
  isNot: boolean;
}

export interface MatcherResult {
  pass: boolean;
  message(): string;
}

function isObject(v: unknown): v is KubeObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as KubeObject).metadata === 'object';
}

function isCluster(v: unknown): v is KubespecCluster {
  return v !== null && typeof v === 'object' && typeof (v as KubespecCluster).check === 'function' && typeof (v as KubespecCluster).wait === 'function';
}

function nameOf(o: KubeObject): string {
  return `${o.kind ?? 'object'}/${o.metadata?.name ?? '?'}`;
}

function notA(what: string, received: unknown): MatcherResult {
  return { pass: false, message: () => `expected ${what}, received ${received === null ? 'null' : Array.isArray(received) ? 'an array' : typeof received}` };
}

/** kubespec's text for failures: each message, then its diff. */
export function failureText(failures: Failure[]): string {
  return failures.map((f) => [f.message, ...(f.diff ? ['', f.diff] : [])].join('\n')).join('\n\n');
}

export function toMatchSpec(this: MatcherState, received: unknown, expected: unknown): MatcherResult {
  const objects = Array.isArray(received) ? received : [received];
  if (!objects.every(isObject)) return notA('a Kubernetes object (or a list of them)', received);
  const results = objects.map((o) => ({ o, r: matchPartial(expected, o) }));
  const pass = results.every(({ r }) => r.ok);
  return {
    pass,
    message: () => {
      if (pass) return `expected ${objects.map(nameOf).join(', ')} not to match, but every field did`;
      const bad = results.filter(({ r }) => !r.ok);
      const lines = bad.flatMap(({ o, r }) => [`${nameOf(o)} does not match:`, ...r.mismatches.map((m) => `  ${m.path}: expected ${stringifyJson(m.expected)}, found ${m.actual === undefined ? 'nothing' : stringifyJson(m.actual)}`)]);
      const diff = unifiedDiff(
        bad.map(({ o, r }) => withIdentity(o, r.expectedView)),
        bad.map(({ o, r }) => withIdentity(o, r.actualView)),
      );
      return `${lines.join('\n')}\n\n${diff}`;
    },
  };
}

export function toHaveReadyReplicas(this: MatcherState, received: unknown, expected: number): MatcherResult {
  if (!isObject(received)) return notA('a Deployment, ReplicaSet or StatefulSet', received);
  const ready = (received.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0;
  return {
    pass: ready === expected,
    message: () => `expected ${nameOf(received)} ${this.isNot ? 'not ' : ''}to have ${expected} ready replica${expected === 1 ? '' : 's'}, it has ${ready} (status.readyReplicas)`,
  };
}

/** Owned through a controller reference (as `ownedBy` in a spec); `name` a string or a RegExp, or any. */
export function toBeOwnedBy(this: MatcherState, received: unknown, kind: string, name?: string | RegExp): MatcherResult {
  if (!isObject(received)) return notA('a Kubernetes object', received);
  const owners = received.metadata.ownerReferences ?? [];
  const controller = owners.find((r) => r.controller === true);
  const nameOk = (n: string) => name === undefined || (typeof name === 'string' ? n === name : name.test(n));
  const pass = controller !== undefined && controller.kind === kind && nameOk(controller.name);
  const wanted = `${kind}${name === undefined ? '' : ` ${String(name)}`}`;
  const has = controller ? `its controller is ${controller.kind} ${controller.name}` : owners.length ? `it has owners (${owners.map((r) => `${r.kind} ${r.name}`).join(', ')}) but no controller` : 'it has no owner';
  return { pass, message: () => `expected ${nameOf(received)} ${this.isNot ? 'not ' : ''}to be owned by ${wanted}: ${has}` };
}

/** Every assertion (spec form) holds now. */
export function toHold(this: MatcherState, received: unknown, assertions: object | object[]): MatcherResult {
  if (!isCluster(received)) return notA('a cluster from createCluster()', received);
  const r = received.check(assertions);
  return { pass: r.pass, message: () => (r.pass ? 'expected the assertions not to hold, but they all did' : failureText(r.failures)) };
}

/**
 * The assertions hold at some moment within `within` of simulated time (default 5m), checked after
 * each step of `every` (default 1s) of simulated time; the cluster stays at that moment.
 */
export function toReach(this: MatcherState, received: unknown, assertions: object | object[], opts: { within?: string | number; every?: string | number } = {}): MatcherResult {
  if (!isCluster(received)) return notA('a cluster from createCluster()', received);
  const ms = (d: string | number | undefined, dflt: number) => (d === undefined ? dflt : typeof d === 'number' ? d : (parseDuration(d) ?? dflt));
  const within = ms(opts.within, 300_000);
  const every = Math.max(1, ms(opts.every, 1000));
  const start = received.now().getTime();
  let r = received.check(assertions);
  while (!r.pass && received.now().getTime() - start < within) {
    received.wait(Math.min(every, within - (received.now().getTime() - start)));
    r = received.check(assertions);
  }
  const took = received.now().getTime() - start;
  return {
    pass: r.pass,
    message: () => (r.pass ? `expected the assertions never to hold, but they did after ${took} ms of simulated time` : `not reached within ${within} ms of simulated time; at the end:\n\n${failureText(r.failures)}`),
  };
}

export const matchers = { toMatchSpec, toHaveReadyReplicas, toBeOwnedBy, toHold, toReach };
