// A cluster to drive from code (`createCluster()` in kubespec's library entry): the same embedded
// cluster a spec runs on, with the verbs a spec has — apply manifests, run kubectl command lines,
// read objects, settle, wait in simulated time — and `check`, which judges spec-format assertions
// exactly as a spec's `expect:` does (the Jest matchers build on it). Everything goes through the
// spec actions and the kubectl emulation, never around them.
import * as path from 'path';
import { Cluster, type SettleOptions } from '../cluster/cluster';
import type { ClusterOptions } from '../cluster/config';
import type { KubeObject } from '../apiserver/types';
import { runAction, type ActionContext } from '../spec/actions';
import { checkAssertion } from '../spec/assertions';
import type { Assertion } from '../spec/model';
import { loadSpecText } from '../spec/loader';
import { parseDuration } from '../util/clock';
import { stringifyJson } from '../util/json';
import type { Failure } from '../runner/result';

/** A mistake of the caller's (bad YAML, a refused manifest, an assertion that is not one): kubectl's or kubespec's words. */
export class KubespecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubespecError';
  }
}

export interface CreateClusterOptions extends ClusterOptions {
  /** Where relative manifest paths (apply, `kubectl apply -f`) are read from (default: the working directory). */
  cwd?: string;
  /** Largest manifest file read, in bytes (default 1 MiB). */
  maxFileBytes?: number;
}

/** What a kubectl command line printed, and its exit code. */
export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** What `check` found: whether every assertion held, and each miss as a spec run reports it. */
export interface CheckResult {
  pass: boolean;
  failures: Failure[];
}

export interface KubespecCluster {
  /** The engine underneath: its API server (`cluster.api`), simulated clock and controllers. */
  readonly cluster: Cluster;
  /**
   * `kubectl apply` of a manifest file (a path relative to `cwd`), of YAML text, or of objects; the
   * cluster then settles. Returns what kubectl prints; throws KubespecError with kubectl's words when
   * it fails.
   */
  apply(manifest: string | object | object[], opts?: { settle?: boolean }): string;
  /** `kubectl create`, likewise. */
  create(manifest: string | object | object[], opts?: { settle?: boolean }): string;
  /** One kubectl command line (the emulation kubectl: steps run), then the cluster settles. Never throws. */
  kubectl(commandLine: string, opts?: { settle?: boolean }): KubectlResult;
  /** The object, or undefined. `namespace` defaults to `default` for namespaced kinds. */
  get(kind: string, name: string, namespace?: string): KubeObject | undefined;
  /** The objects of a kind, optionally in one namespace and matching a label selector (`app=web,tier!=db`). */
  list(kind: string, opts?: { namespace?: string; selector?: string }): KubeObject[];
  /** Run the controllers until nothing is left to do now (simulated time moves only for timers due). */
  settle(opts?: SettleOptions): void;
  /** Let simulated time pass (`30s`, `5m`, or milliseconds as a number), settling as it goes. */
  wait(duration: string | number): void;
  /** The simulated time. */
  now(): Date;
  /** Judge assertions written as in a spec's `expect:` (objects: kind, name, selector, count, match, ownedBy...). */
  check(assertions: object | object[]): CheckResult;
}

/** A fresh embedded cluster: the course's three nodes unless `nodes` says otherwise. */
export function createCluster(options: CreateClusterOptions = {}): KubespecCluster {
  const { cwd = process.cwd(), maxFileBytes = 1024 * 1024, ...clusterOptions } = options;
  const cluster = new Cluster(clusterOptions);
  cluster.settle();
  const ctx: ActionContext = { cluster, roots: [path.resolve(cwd)], specFile: '<library>', maxFileBytes, settle: {} };

  const applyLike = (type: 'apply' | 'create', manifest: string | object | object[], settle = true): string => {
    const source = typeof manifest !== 'string' ? { objects: Array.isArray(manifest) ? manifest : [manifest], location: at } : looksLikeFile(manifest) ? { files: [manifest] } : { text: manifest, location: at };
    const outcome = runAction({ type, source }, ctx);
    if (outcome.error !== undefined) throw new KubespecError(outcome.error);
    if (settle) cluster.settle();
    return outcome.output;
  };

  return {
    cluster,
    apply: (manifest, opts) => applyLike('apply', manifest, opts?.settle),
    create: (manifest, opts) => applyLike('create', manifest, opts?.settle),
    kubectl(commandLine, opts) {
      const outcome = runAction({ type: 'kubectl', command: commandLine }, ctx);
      if (opts?.settle !== false) cluster.settle();
      return { stdout: outcome.stdout ?? outcome.output, stderr: outcome.stderr ?? '', exitCode: outcome.exitCode ?? 0 };
    },
    get: (kind, name, namespace) => cluster.api.get(kind, name, namespace),
    list(kind, opts = {}) {
      try {
        return cluster.api.list(kind, { ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}), ...(opts.selector ? { labelSelector: opts.selector } : {}) });
      } catch (e) {
        throw new KubespecError((e as Error).message);
      }
    },
    settle: (opts) => cluster.settle(opts),
    wait(duration) {
      const ms = typeof duration === 'number' ? duration : parseDuration(duration);
      if (ms === undefined || !Number.isFinite(ms) || ms < 0) throw new KubespecError(`bad duration ${JSON.stringify(duration)}: write one such as 30s, 5m or 250ms`);
      cluster.wait(ms);
    },
    now: () => new Date(cluster.clock.now()),
    check(assertions) {
      const failures: Failure[] = [];
      for (const a of buildAssertions(assertions)) {
        const f = checkAssertion(a, { cluster, seed: cluster.config.seed, phase: 'expect' });
        if (f) failures.push(f);
      }
      return { pass: failures.length === 0, failures };
    },
  };
}

const at = { file: '<library>', line: 1, column: 1 };

/** A path (one line, a manifest's extension) rather than YAML text. */
function looksLikeFile(s: string): boolean {
  return !s.includes('\n') && /\.(ya?ml|json)$/i.test(s.trim()) && !/^\s*(apiVersion|kind)\s*:/.test(s);
}

/**
 * Assertions in spec form, validated and built by the spec loader itself (as the `expect:` of a
 * one-step spec), so that they accept exactly what a spec accepts, with the same messages.
 */
export function buildAssertions(input: object | object[]): Assertion[] {
  const list = Array.isArray(input) ? input : [input];
  // stringifyJson: a bigint (an int64 past 2^53) in a match is written, and read back, with its digits.
  const text = stringifyJson({ name: 'check', steps: [{ wait: '1ms', expect: list }] });
  const loaded = loadSpecText(text, '<check>', process.cwd());
  const doc = loaded.documents[0];
  if (!doc || !doc.ok) {
    const problems = doc && !doc.ok ? doc.problems : [];
    const words = problems.map((p) => `${p.message.replace(/^steps\[0\]\.expect/, 'assertions')}${p.hint ? ` (${p.hint})` : ''}`);
    throw new KubespecError(`not an assertion kubespec knows: ${words.join('; ') || 'the file holds no spec'}`);
  }
  return doc.spec.steps[0].expect;
}
