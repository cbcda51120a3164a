// `kubectl cordon`, `uncordon`, `drain` and `taint` against the embedded cluster, as
// k8s.io/kubectl's pkg/cmd/drain (with pkg/drain's pod filters and eviction) and pkg/cmd/taint do
// them: the same lines on stdout and stderr, the same errors and exit codes. Drain evicts through the
// API (what serve's pods/eviction does: no PodDisruptionBudgets are served, so every eviction is
// allowed) and waits for the pods to go in simulated time.
import { StatusError } from '../apiserver/errors';
import { kindInfo, resolveResource } from '../apiserver/kinds';
import { parseSelector } from '../apiserver/labels';
import type { KubeObject } from '../apiserver/types';
import { deepClone } from '../util/clone';
import { KubectlError, Output, type OpResult } from './resources';
import { durationMs, waitFor } from './sim-time';
import type { VerbContext } from './verbs';

type DryRun = 'none' | 'client' | 'server';

function dryRunOf(ctx: VerbContext): DryRun {
  const v = String(ctx.cmd.flags['dry-run'] ?? 'none');
  if (v === 'none' || v === 'false') return 'none';
  if (v === 'client' || v === 'unchanged' || v === 'true') return 'client';
  if (v === 'server') return 'server';
  throw new KubectlError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

const suffix = (d: DryRun) => (d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '');

function usage(verb: string, use: string): KubectlError {
  return new KubectlError(`USAGE: ${use} [flags]\nSee 'kubectl ${verb} -h' for help and examples`);
}

/** The nodes named on the line (`worker1`, `node/worker1`) or selected with `-l`, as the drain builder finds them. */
function selectNodes(ctx: VerbContext, verb: string, use: string): KubeObject[] {
  const { cmd, cluster } = ctx;
  const selector = String(cmd.flags.selector ?? '');
  if (!cmd.args.length && !cmd.given.has('selector')) throw usage(verb, use);
  if (cmd.args.length && selector) throw new KubectlError(`error: cannot specify both a node name and a --selector option\nSee 'kubectl ${verb} -h' for help and examples`);
  if (!cmd.args.length) return cluster.api.list('Node', { labelSelector: parseSelector(selector) });
  const nodes: KubeObject[] = [];
  for (const a of cmd.args) {
    const slash = a.indexOf('/');
    if (slash >= 0 && !['node', 'nodes', 'no'].includes(a.slice(0, slash).toLowerCase())) throw new KubectlError(`error: expected resource of type node, got ${JSON.stringify(a.slice(0, slash))}`);
    const name = slash >= 0 ? a.slice(slash + 1) : a;
    const node = cluster.api.get('Node', name);
    if (!node) throw new StatusError('NotFound', `nodes ${JSON.stringify(name)} not found`, [], undefined, name);
    nodes.push(node);
  }
  return nodes;
}

/** drain.go RunCordonOrUncordon for each node: `node/x cordoned`, `already cordoned`. */
function cordonNodes(ctx: VerbContext, nodes: KubeObject[], desired: boolean, dryRun: DryRun, out: Output): void {
  for (const node of nodes) {
    const name = node.metadata.name!;
    const current = !!node.spec?.unschedulable;
    if (current === desired) {
      out.out(`node/${name} already ${desired ? 'cordoned' : 'uncordoned'}${suffix(dryRun)}\n`);
      continue;
    }
    if (dryRun !== 'client') {
      try {
        ctx.cluster.api.patch('Node', name, { spec: { unschedulable: desired ? true : null } }, 'strategic', { dryRun: dryRun === 'server' });
      } catch (e) {
        out.err(`error: unable to ${desired ? 'cordon' : 'uncordon'} node ${JSON.stringify(name)}: ${e instanceof Error ? e.message : String(e)}\n`);
        continue;
      }
    }
    out.out(`node/${name} ${desired ? 'cordoned' : 'uncordoned'}${suffix(dryRun)}\n`);
  }
}

/** `kubectl cordon NODE` / `kubectl uncordon NODE`. */
export function cordon(ctx: VerbContext, desired: boolean): OpResult {
  const out = new Output();
  try {
    const verb = desired ? 'cordon' : 'uncordon';
    const dryRun = dryRunOf(ctx);
    const nodes = selectNodes(ctx, verb, `${verb} NODE`);
    cordonNodes(ctx, nodes, desired, dryRun, out);
  } catch (e) {
    out.fail(e);
  }
  return out.result();
}

// ---- drain -------------------------------------------------------------------------------------

const MIRROR_POD = 'kubernetes.io/config.mirror';

interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  gracePeriod: number;
  podSelector: string;
  timeoutMs: number;
  disableEviction: boolean;
}

type Status = { delete: true; warning?: string } | { delete: false; warning?: string; error?: string };

const finished = (p: KubeObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const controllerOf = (p: KubeObject) => (p.metadata.ownerReferences ?? []).find((r) => r.controller);

/** pkg/drain filters.go, in its order; the first filter that keeps a pod decides. */
function filterPod(ctx: VerbContext, pod: KubeObject, o: DrainOptions): Status {
  // daemonSetFilter
  const ref = controllerOf(pod);
  if (ref && ref.kind === 'DaemonSet' && !finished(pod)) {
    let error: string | undefined;
    if (!kindInfo('DaemonSet')) error = 'the server could not find the requested resource';
    else if (!ctx.cluster.api.get('DaemonSet', ref.name, pod.metadata.namespace)) error = `daemonsets.apps ${JSON.stringify(ref.name)} not found`;
    if (error) {
      if (o.force && error.endsWith('not found')) return { delete: true, warning: error };
      return { delete: false, error };
    }
    if (!o.ignoreDaemonSets) return { delete: false, error: 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)' };
    return { delete: false, warning: 'ignoring DaemonSet-managed Pods' };
  }
  // mirrorPodFilter
  if (pod.metadata.annotations?.[MIRROR_POD] !== undefined) return { delete: false };
  // localStorageFilter (its warning, 'deleting Pods with local storage', is dropped by the filter
  // after it, as upstream's TODO says: only the last filter's status is kept)
  if ((pod.spec?.volumes ?? []).some((v: any) => v?.emptyDir) && !finished(pod) && !o.deleteEmptyDirData) {
    return { delete: false, error: 'Pods with local storage (use --delete-emptydir-data to override)' };
  }
  // unreplicatedFilter
  if (finished(pod) || ref) return { delete: true };
  if (o.force) return { delete: true, warning: 'deleting Pods that declare no controller' };
  return { delete: false, error: 'cannot delete Pods that declare no controller (use --force to override)' };
}

/** GetPodsForDeletion: the node's pods with their verdicts; errors and warnings grouped by message. */
function podsForDeletion(ctx: VerbContext, node: string, o: DrainOptions): { pods: KubeObject[]; warnings: string; errors: string[] } {
  const pods = ctx.cluster.api.list('Pod', { fieldSelector: `spec.nodeName=${node}`, labelSelector: o.podSelector ? parseSelector(o.podSelector) : undefined });
  const keep: KubeObject[] = [];
  const warnings = new Map<string, string[]>();
  const errors = new Map<string, string[]>();
  for (const p of pods) {
    const s = filterPod(ctx, p, o);
    const id = `${p.metadata.namespace}/${p.metadata.name}`;
    if (s.delete) keep.push(p);
    if (s.warning) warnings.set(s.warning, [...(warnings.get(s.warning) ?? []), id]);
    if (!s.delete && s.error) errors.set(s.error, [...(errors.get(s.error) ?? []), id]);
  }
  return {
    pods: keep,
    // Go ranges over maps in no fixed order: here, the order the messages first came up.
    warnings: [...warnings].map(([m, ids]) => `${m}: ${ids.join(', ')}`).join('; '),
    // kubectl 1.32 prefixes every message, even those that start so (`cannot delete cannot delete Pods that declare no controller`).
    errors: [...errors].map(([m, ids]) => `cannot delete ${m}: ${ids.join(', ')}`),
  };
}

const aggregate = (errs: string[]) => (errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);

/** Evict (or delete) the pods and wait in simulated time for them to go; the error, if any. */
function evictPods(ctx: VerbContext, pods: KubeObject[], o: DrainOptions, dryRun: DryRun, out: Output): string[] | undefined {
  const api = ctx.cluster.api;
  const errors: string[] = [];
  const waiting: KubeObject[] = [];
  const grace = o.gracePeriod >= 0 ? o.gracePeriod : undefined;
  // A goroutine per pod: Go's scheduler runs the one started last first (its runnext slot), then
  // the others in order, which is the order the real kubectl prints its lines in (seen: with 2 and
  // 3 pods, always so for the `evicting` lines; the `evicted` lines of pods that go at the same
  // moment follow their polls, here the same order).
  const order = o.disableEviction ? pods : pods.length > 1 ? [pods[pods.length - 1], ...pods.slice(0, -1)] : pods;
  for (const pod of order) {
    const ns = pod.metadata.namespace!;
    const name = pod.metadata.name!;
    if (!o.disableEviction) out.out(`evicting pod ${ns}/${name}${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
    try {
      api.delete('Pod', name, { namespace: ns, gracePeriodSeconds: grace, dryRun: dryRun === 'server' });
    } catch (e) {
      if (e instanceof StatusError && e.reason === 'NotFound') continue;
      errors.push(o.disableEviction ? (e instanceof Error ? e.message : String(e)) : `error when evicting pods/${JSON.stringify(name)} -n ${JSON.stringify(ns)}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    if (dryRun !== 'server') waiting.push(pod);
  }
  const gone = (p: KubeObject) => {
    const live = api.get('Pod', p.metadata.name!, p.metadata.namespace);
    return !live || live.metadata.uid !== p.metadata.uid;
  };
  const reported = new Set<KubeObject>();
  const report = () => {
    for (const p of waiting) {
      if (reported.has(p) || !gone(p)) continue;
      reported.add(p);
      out.out(`pod/${p.metadata.name} ${o.disableEviction ? 'deleted' : 'evicted'}\n`);
    }
    return reported.size === waiting.length;
  };
  if (!waitFor(ctx.cluster, o.timeoutMs, report)) {
    for (const p of waiting) {
      if (reported.has(p)) continue;
      // The eviction's wait ends with its context: PollUntilContextTimeout's error.
      errors.push(`error when waiting for pod ${JSON.stringify(p.metadata.name)} in namespace ${JSON.stringify(p.metadata.namespace)} to terminate: ${o.disableEviction ? 'context deadline exceeded' : 'context deadline exceeded'}`);
      if (o.disableEviction) break;
    }
  }
  return errors.length ? errors : undefined;
}

/** `kubectl drain NODE`: cordon, then evict what the filters let go, and wait for it to go. */
export function drain(ctx: VerbContext): OpResult {
  const out = new Output();
  try {
    const fl = ctx.cmd.flags;
    const dryRun = dryRunOf(ctx);
    const podSelector = String(fl['pod-selector'] ?? '');
    if (podSelector) {
      try {
        parseSelector(podSelector);
      } catch {
        throw new KubectlError('--pod-selector=<pod_selector> must be a valid label selector');
      }
    }
    const o: DrainOptions = {
      force: fl.force === true,
      ignoreDaemonSets: fl['ignore-daemonsets'] === true,
      deleteEmptyDirData: fl['delete-emptydir-data'] === true || fl['delete-local-data'] === true,
      gracePeriod: Number(fl['grace-period'] ?? -1),
      podSelector,
      timeoutMs: durationMs(String(fl.timeout ?? '0s')),
      disableEviction: fl['disable-eviction'] === true,
    };
    if (ctx.cmd.given.has('delete-local-data')) out.err('Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.\n');
    const nodes = selectNodes(ctx, 'drain', 'drain NODE');
    cordonNodes(ctx, nodes, true, dryRun, out);
    const fatal: string[][] = [];
    const remaining: string[] = [];
    for (const node of nodes) {
      const name = node.metadata.name!;
      const err = drainNode(ctx, name, o, dryRun, out);
      if (err === undefined) {
        out.out(`node/${name} drained${suffix(dryRun)}\n`);
        // drain.go prints the pending nodes after each node that drained (inside its loop).
        if (remaining.length) out.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
        continue;
      }
      out.err(`error: unable to drain node ${JSON.stringify(name)} due to error: ${aggregate(err)}, continuing command...\n`);
      fatal.push(err);
      remaining.push(name);
    }
    if (fatal.length) {
      if (remaining.length) out.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
      // CheckErr prints an aggregate's errors (flattened) one a line, without `error: `.
      out.err(fatal.flat().map((e) => `${e}\n`).join(''));
      return { stdout: out.stdout, stderr: out.stderr, exitCode: 1 };
    }
  } catch (e) {
    out.fail(e);
  }
  return out.result();
}

/** deleteOrEvictPodsSimple: one node's pods; the error text when it could not be drained. */
function drainNode(ctx: VerbContext, node: string, o: DrainOptions, dryRun: DryRun, out: Output): string[] | undefined {
  const list = podsForDeletion(ctx, node, o);
  if (list.errors.length) return list.errors;
  if (list.warnings) out.err(`Warning: ${list.warnings}\n`);
  if (dryRun === 'client') {
    for (const p of list.pods) out.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
    return undefined;
  }
  const err = evictPods(ctx, list.pods, o, dryRun, out);
  if (err === undefined) return undefined;
  const pending = podsForDeletion(ctx, node, o);
  if (pending.pods.length) out.err(`There are pending pods in node ${JSON.stringify(node)} when an error occurred: ${aggregate(err)}\n${pending.pods.map((p) => `pod/${p.metadata.name}\n`).join('')}`);
  if (pending.errors.length) out.err(`Following errors occurred while getting the list of pods to delete:\n${aggregate(pending.errors)}`);
  return err;
}

// ---- taint -------------------------------------------------------------------------------------

interface Taint {
  key: string;
  value?: string;
  effect?: string;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** validation.IsQualifiedName's messages, for the names people type. */
function qualifiedNameErrors(key: string): string[] {
  const errs: string[] = [];
  const parts = key.split('/');
  const name = parts[parts.length - 1];
  if (parts.length > 2) return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
  if (!name.length) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name.length && !/^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(name)) {
    errs.push("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
  }
  if (parts.length === 2 && !QUALIFIED_NAME.test(key)) {
    if (!parts[0].length) errs.push('prefix part must be non-empty');
    else errs.push("prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  }
  return errs;
}

/** utils.go parseTaint: `key=value:Effect`, `key:Effect` or `key`. */
function parseTaint(st: string): Taint {
  const parts = st.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0];
  else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) throw new KubectlError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new KubectlError(`invalid taint spec: ${st}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      if (value.length > 63 || !LABEL_VALUE.test(value)) {
        const errs = [
          ...(value.length > 63 ? ['must be no more than 63 characters'] : []),
          ...(!LABEL_VALUE.test(value) ? ["a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"] : []),
        ];
        throw new KubectlError(`invalid taint spec: ${st}, ${errs.join('; ')}`);
      }
    }
  } else throw new KubectlError(`invalid taint spec: ${st}`);
  const errs = qualifiedNameErrors(key);
  if (errs.length) throw new KubectlError(`invalid taint spec: ${st}, ${errs.join('; ')}`);
  return { key, ...(value ? { value } : {}), ...(effect ? { effect } : {}) };
}

/** corev1.Taint.ToString. */
function taintString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** Go's %v of a corev1.Taint (for the duplicate message): `{key value effect <nil>}`. */
const taintV = (t: Taint) => `{${t.key} ${t.value ?? ''} ${t.effect ?? ''} <nil>}`;

const matchTaint = (a: Taint, b: Taint) => a.key === b.key && (a.effect ?? '') === (b.effect ?? '');

/** `kubectl taint nodes NAME key=value:Effect key:Effect- ...`. */
export function taint(ctx: VerbContext): OpResult {
  const out = new Output();
  try {
    const { cmd, cluster } = ctx;
    const dryRun = dryRunOf(ctx);
    const resources: string[] = [];
    const specs: string[] = [];
    for (const s of cmd.args) {
      const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
      if (isTaint) specs.push(s);
      else if (specs.length) throw new KubectlError(`all resources must be specified before taint changes: ${s}`);
      else resources.push(s);
    }
    if (!resources.length) throw new KubectlError('one or more resources must be specified as <resource> <name>');
    if (!specs.length) throw new KubectlError('at least one taint update is required');
    const add: Taint[] = [];
    const remove: Taint[] = [];
    try {
      for (const s of specs) {
        if (s.endsWith('-')) {
          const t = parseTaint(s.slice(0, -1));
          remove.push({ key: t.key, ...(t.effect ? { effect: t.effect } : {}) });
          continue;
        }
        const t = parseTaint(s);
        if (!t.effect) throw new KubectlError(`invalid taint spec: ${s}`);
        if (add.some((a) => a.key === t.key && a.effect === t.effect)) throw new KubectlError(`duplicated taints with the same key and effect: ${taintV(t)}`);
        add.push(t);
      }
    } catch (e) {
      throw new KubectlError(`${e instanceof Error ? e.message : String(e)}\nSee 'kubectl taint -h' for help and examples`);
    }
    // Validate: the resource type must map to Node.
    const type = resources[0].toLowerCase();
    const typeInfo = resolveResource(type);
    if (!typeInfo) throw new KubectlError(`the server doesn't have a resource type ${JSON.stringify(type)}`);
    if (typeInfo.kind !== 'Node') throw new KubectlError(`invalid resource type ${type}, only node types are supported`);
    const conflicts = add.flatMap((a) => remove.filter((r) => r.key === a.key && (!r.effect || r.effect === a.effect)).map((r) => `${r.key}=${r.effect ?? ''}`));
    if (conflicts.length) throw new KubectlError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
    const all = cmd.flags.all === true;
    const selector = String(cmd.flags.selector ?? '');
    if (all && selector) throw new KubectlError("setting 'all' parameter with a non empty selector is prohibited");
    if (!all && !selector && resources.length < 2) throw new KubectlError("at least one resource name must be specified since 'all' parameter is not set");
    let nodes: KubeObject[];
    if (all || selector) nodes = cluster.api.list('Node', { labelSelector: selector ? parseSelector(selector) : undefined });
    else {
      nodes = [];
      for (const name of resources.slice(1)) {
        const n = cluster.api.get('Node', name);
        if (!n) {
          out.fail(new StatusError('NotFound', `nodes ${JSON.stringify(name)} not found`, [], undefined, name));
          continue;
        }
        nodes.push(n);
      }
      if (out.errors.length) return out.result();
    }
    const overwrite = cmd.flags.overwrite === true;
    // The builder continues on error: every node is tried; one error prints as `error: ...`, several
    // (an aggregate) one a line.
    const errors: string[] = [];
    for (const node of nodes) {
      try {
        taintNode(ctx, node, add, remove, overwrite, dryRun, out);
      } catch (e) {
        errors.push(e instanceof Error ? e.message : String(e));
      }
    }
    if (errors.length === 1) out.fail(new KubectlError(errors[0]));
    else if (errors.length) return { stdout: out.stdout, stderr: out.stderr + errors.map((e) => `${e}\n`).join(''), exitCode: 1 };
  } catch (e) {
    out.fail(e);
  }
  return out.result();
}

/** One node's taints changed (taint.go updateTaints, reorganizeTaints, then the patch). */
function taintNode(ctx: VerbContext, node: KubeObject, add: Taint[], remove: Taint[], overwrite: boolean, dryRun: DryRun, out: Output): void {
  const { cluster } = ctx;
  const old: Taint[] = node.spec?.taints ?? [];
  if (!overwrite) {
    const exists = add.flatMap((t) => old.filter((o) => t.key === o.key && t.effect === o.effect).map(() => t.key));
    if (exists.length) throw new KubectlError(`node ${node.metadata.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`);
  }
  // reorganizeTaints
  let next: Taint[] = add.map((t) => ({ ...t }));
  for (const o of old) if (!next.some((t) => matchTaint(t, o))) next.push(o);
  const added = old.length !== next.length;
  const errs: string[] = [];
  let deleted = false;
  for (const r of remove) {
    const before = next.length;
    next = next.filter((t) => !(r.effect ? matchTaint(r, t) : r.key === t.key));
    deleted = next.length !== before;
    if (!deleted) errs.push(`taint ${JSON.stringify(taintString(r))} not found`);
  }
  if (errs.length) throw new KubectlError(aggregate(errs));
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  if (dryRun !== 'client') {
    const updated = deepClone(node);
    updated.spec = updated.spec ?? {};
    if (next.length) updated.spec.taints = next;
    else delete updated.spec.taints;
    cluster.api.update(updated, { dryRun: dryRun === 'server' });
  }
  // kubectl 1.32's taint printer has no dry-run suffix.
  out.out(`node/${node.metadata.name} ${operation}\n`);
}
