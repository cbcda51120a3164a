// kubectl's verbs against the embedded cluster, one function per verb, each returning what kubectl
// prints and its exit code. The spec runner calls these directly for its structured actions; the
// command-line front (commands.ts) calls them for `kubectl: "..."` steps. Nothing here settles the
// cluster: the caller does, after a mutating verb.
//
// The spec format's actions map onto them as:
//   apply: FILE | {manifest}          readManifest(text, file) → apply(cluster, objects)
//   create: ...                       readManifest(...) → create(cluster, objects)
//   delete: {kind, name, selector, file, cascade}
//                                     deleteResources(cluster, {kind, names, selector} | {objects}, {cascade})
//   scale: {kind, name, replicas}     scale(cluster, {kind, name}, {replicas})
//   setImage: {kind, name, container, image}
//                                     setImage(cluster, {kind, name}, {[container]: image})
//   rollout: {action, kind, name, toRevision}
//                                     rollout(cluster, action, {kind, name}, {toRevision})
//   label: {kind, name, selector, set, remove}
//                                     label(cluster, {kind, name, selector}, {set, remove, overwrite: true})
import type { ClusterApi, KubeCluster } from '../cluster/backend';
import type { PropagationPolicy } from '../apiserver/apiserver';
import { StatusError } from '../apiserver/errors';
import { goPlainValue } from '../apiserver/govalue';
import type { KindInfo } from '../apiserver/kinds';
import type { KubeObject } from '../apiserver/types';
import { deepClone, deepEqual } from '../util/clone';
import { formatTime } from '../util/clock';
import { stringifyJson } from '../util/json';
import { parseYaml } from '../manifest/yaml';
import { LAST_APPLIED, modifiedConfiguration, originalConfiguration, threeWayMergePatch } from './apply';
import {
  KubectlError,
  Output,
  guarded,
  loadManifest as loadManifestImpl,
  addSourceToErr,
  manifestKind,
  objectNamespace,
  parseResourceArgs,
  resolveKind,
  selectObjects,
  type OpResult,
  type ResourceGroup,
  type SourcedObject,
} from './resources';
import { deploymentHistory, deploymentStatus, rollbackPatch } from './rollout';
import { CHANGE_CAUSE, recordChangeCause } from './record';
import { runDue } from './sim-time';

export type { OpResult, SourcedObject } from './resources';
export { loadManifest } from './resources';

/**
 * The objects of a manifest text for apply/create/delete, or what kubectl prints when it cannot
 * read it (`error: error parsing x.yaml: ...`). `manifest` may also be an already parsed object.
 */
export function readManifest(manifest: string | KubeObject | KubeObject[], display = ''): { objects: SourcedObject[] } | { error: OpResult } {
  if (typeof manifest !== 'string') {
    return { objects: (Array.isArray(manifest) ? manifest : [manifest]).map((object) => ({ object, source: display })) };
  }
  try {
    return { objects: loadManifestImpl(manifest, display) };
  } catch (e) {
    const out = new Output();
    out.fail(e);
    return { error: out.result() };
  }
}

export type DryRun = 'none' | 'client' | 'server';

export interface CommonOptions {
  /** `-n`; default `default`. */
  namespace?: string;
  /** Whether `-n` was given explicitly (objects from files must then agree with it). */
  explicitNamespace?: boolean;
  dryRun?: DryRun;
  /** --record: the kubernetes.io/change-cause to set on what the verb changes (record.ts). */
  changeCause?: string;
}

/**
 * What a verb acts on: a kind with names, or with a selector / `--all`, or the objects of
 * manifests (`-f`). `kind` is anything kubectl resolves: `Deployment`, `deploy`, `replicasets.apps`.
 */
export type Target =
  | { kind: string; names?: string[]; name?: string; selector?: string; fieldSelector?: string; all?: boolean; allNamespaces?: boolean }
  | { groups: ResourceGroup[]; selector?: string; fieldSelector?: string; all?: boolean; allNamespaces?: boolean }
  | { objects: SourcedObject[] };

interface Resolved {
  info: KindInfo;
  object: KubeObject;
  source: string;
}

const dryRunSuffix = (d: DryRun | undefined) => (d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '');

function nsOf(opts: CommonOptions): string {
  return opts.namespace || 'default';
}

/** `deployment.apps/x` */
function nameOf(info: KindInfo, name: string): string {
  return `${(info.group ? `${info.kind}.${info.group}` : info.kind).toLowerCase()}/${name}`;
}

/** `deployments.apps` */
function resourceOf(info: KindInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

/**
 * Resolve a target to live objects, as the resource Builder does. Names that do not exist become
 * NotFound errors in `out`; `requireNames` refuses a bare type without a name or selector.
 */
function resolveTarget(api: ClusterApi, target: Target, opts: CommonOptions, out: Output, requireNames: boolean): Resolved[] {
  const ns = nsOf(opts);
  if ('objects' in target) {
    const res: Resolved[] = [];
    for (const so of target.objects) {
      try {
        const info = manifestKind(so, ns);
        const objNs = objectNamespace(so, info, ns, !!opts.explicitNamespace);
        const live = api.get(info.kind, so.object.metadata?.name ?? '', objNs);
        if (!live) {
          out.fail(new StatusError('NotFound', `${resourceOf(info)} ${JSON.stringify(so.object.metadata?.name ?? '')} not found`, [], undefined, so.object.metadata?.name));
          continue;
        }
        res.push({ info, object: live, source: so.source });
      } catch (e) {
        out.fail(e);
      }
    }
    return res;
  }
  let groups: ResourceGroup[];
  if ('groups' in target) groups = target.groups;
  else {
    const names = target.names ?? (target.name !== undefined ? [target.name] : undefined);
    groups = [{ info: resolveKind(target.kind), names: names && names.length ? names : undefined }];
  }
  const hasSelector = !!target.selector || !!target.fieldSelector || !!target.all;
  if (groups.some((g) => g.names) && hasSelector) throw new KubectlError('name cannot be provided when a selector is specified');
  if (requireNames && groups.some((g) => !g.names) && !hasSelector) throw new KubectlError('resource(s) were provided, but no name was specified');
  const res: Resolved[] = [];
  for (const g of groups) {
    const { objects, errors } = selectObjects(api, g, { namespace: ns, allNamespaces: target.allNamespaces, labelSelector: target.selector, fieldSelector: target.fieldSelector });
    for (const e of errors) out.fail(e);
    for (const o of objects) res.push({ info: g.info, object: o, source: '' });
  }
  return res;
}

function guard(out: Output, fn: () => void): OpResult {
  return guarded(fn, out);
}

// ---- apply / create ----------------------------------------------------------------------------

export interface ApplyOptions extends CommonOptions {
  /** `-o name|yaml|json` (default: the `created`/`configured`/`unchanged` lines). */
  output?: string;
}

/**
 * `kubectl apply -f` (client-side): each object in order; create with the last-applied annotation,
 * or patch the live object with the three-way merge; errors do not stop the others.
 */
export function apply(cluster: KubeCluster, objects: SourcedObject[], opts: ApplyOptions = {}): OpResult {
  const out = new Output();
  const api = cluster.api;
  const ns = nsOf(opts);
  if (!objects.length) return guard(out, () => out.fail(new KubectlError('no objects passed to apply')));
  for (const so of objects) {
    try {
      const info = manifestKind(so, ns);
      const objNs = objectNamespace(so, info, ns, !!opts.explicitNamespace);
      const obj = deepClone(so.object);
      obj.metadata = obj.metadata ?? {};
      if (objNs) obj.metadata.namespace = objNs;
      // --record: the change cause goes into the object, and so into its last-applied configuration.
      recordChangeCause(obj, opts.changeCause);
      const name = obj.metadata.name ?? '';
      const { modified } = modifiedConfiguration(obj);
      const live = name ? api.get(info.kind, name, objNs) : undefined;
      if (!live) {
        let created: KubeObject = modified;
        if (opts.dryRun !== 'client') {
          try {
            created = api.create(modified, { dryRun: opts.dryRun === 'server' });
          } catch (e) {
            throw addSourceToErr('creating', so.source, e);
          }
        }
        printResult(out, info, created, 'created', opts);
        continue;
      }
      if (!live.metadata.annotations?.[LAST_APPLIED]) {
        out.err(
          `Warning: resource ${info.plural}/${name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
        );
      }
      const patch = threeWayMergePatch(originalConfiguration(live), modified, live, info.kind);
      if (!Object.keys(patch).length) {
        printResult(out, info, live, 'unchanged', opts);
        continue;
      }
      let patched: KubeObject = live;
      if (opts.dryRun !== 'client') {
        try {
          patched = api.patch(info.kind, name, patch, 'strategic', { namespace: objNs, dryRun: opts.dryRun === 'server' });
        } catch (e) {
          throw addSourceToErr('patching', so.source, e);
        }
      }
      printResult(out, info, patched, 'configured', opts);
    } catch (e) {
      out.fail(e, so.source);
    }
  }
  return out.result();
}

function printResult(out: Output, info: KindInfo, obj: KubeObject, operation: string, opts: { output?: string; dryRun?: DryRun }): void {
  const o = opts.output ?? '';
  if (o === 'yaml' || o === 'json') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const p = require('./printers') as typeof import('./printers');
    out.out(o === 'yaml' ? p.toYaml(obj) : p.toJson(obj));
    return;
  }
  if (o === 'name') {
    out.out(`${nameOf(info, obj.metadata.name!)}\n`);
    return;
  }
  out.out(`${nameOf(info, obj.metadata.name!)} ${operation}${dryRunSuffix(opts.dryRun)}\n`);
}

export interface CreateOptions extends ApplyOptions {
  /** `--save-config`: record the last-applied annotation, so that apply works later. */
  saveConfig?: boolean;
}

/** `kubectl create -f`: every object created; an existing one is an AlreadyExists error. */
export function create(cluster: KubeCluster, objects: SourcedObject[], opts: CreateOptions = {}): OpResult {
  const out = new Output();
  const ns = nsOf(opts);
  for (const so of objects) {
    try {
      const info = manifestKind(so, ns);
      const objNs = objectNamespace(so, info, ns, !!opts.explicitNamespace);
      let obj = deepClone(so.object);
      obj.metadata = obj.metadata ?? {};
      if (objNs) obj.metadata.namespace = objNs;
      recordChangeCause(obj, opts.changeCause);
      if (opts.saveConfig) obj = modifiedConfiguration(obj).modified;
      let created = obj;
      if (opts.dryRun !== 'client') {
        try {
          created = cluster.api.create(obj, { dryRun: opts.dryRun === 'server' });
        } catch (e) {
          throw addSourceToErr('creating', so.source, e);
        }
      }
      printResult(out, info, created, 'created', opts);
    } catch (e) {
      out.fail(e);
    }
  }
  return out.result();
}

// ---- delete ------------------------------------------------------------------------------------

export interface DeleteOptions extends CommonOptions {
  /** `--cascade`: background (default), foreground, orphan; `true`/`false` are deprecated spellings. */
  cascade?: string;
  /** `--grace-period` (-1: the object's own); an int64, a bigint past 2^53. */
  gracePeriod?: number | bigint;
  force?: boolean;
  now?: boolean;
  ignoreNotFound?: boolean;
  /** `-o name`. */
  output?: string;
}

/** delete_flags.go GetCascadingStrategy / parseCascadingFlag. */
export function cascadingStrategy(cascade: string | undefined, out: Output): PropagationPolicy {
  const v = (cascade ?? 'background').toLowerCase();
  switch (v) {
    case 'background':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
      return 'Orphan';
  }
  const b = { '1': true, t: true, true: true, '0': false, f: false, false: false }[v];
  if (b === undefined) throw new KubectlError(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`);
  out.err(`warning: --cascade=${cascade} is deprecated (boolean value) and can be replaced with --cascade=${b ? 'background' : 'orphan'}.\n`);
  return b ? 'Background' : 'Orphan';
}

/** `kubectl delete`: `pod "x" deleted`, `deployment.apps "x" deleted`; `No resources found` when a selector matches nothing. */
export function deleteResources(cluster: KubeCluster, target: Target, opts: DeleteOptions = {}): OpResult {
  const out = new Output();
  return guard(out, () => {
    const policy = cascadingStrategy(opts.cascade, out);
    let grace: number | bigint = opts.gracePeriod ?? -1;
    if (opts.now) {
      if (grace !== -1) throw new KubectlError('--now and --grace-period cannot be specified together');
      grace = 1;
    }
    // delete.go Complete: --grace-period=0 without --force becomes 1; --force alone means 0.
    if (grace === 0 && !opts.force) grace = 1;
    if (opts.force && grace < 0) grace = 0;
    if (opts.force && grace === 0) out.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
    const sub = new Output();
    const items = resolveTarget(cluster.api, target, opts, sub, true);
    const errs = sub.errors.filter((e) => !(opts.ignoreNotFound && e instanceof StatusError && e.reason === 'NotFound'));
    for (const e of errs) out.fail(e);
    if (!items.length && !errs.length) {
      out.out('No resources found\n');
      return;
    }
    for (const { info, object } of items) {
      try {
        if (opts.dryRun !== 'client') {
          cluster.api.delete(info.kind, object.metadata.name!, {
            namespace: object.metadata.namespace,
            propagationPolicy: policy,
            gracePeriodSeconds: grace >= 0 ? grace : undefined,
            dryRun: opts.dryRun === 'server',
          });
        }
        const op = grace === 0 ? 'force deleted' : 'deleted';
        if (opts.output === 'name') out.out(`${deletedName(info)}/${object.metadata.name}\n`);
        else out.out(`${deletedName(info)} "${object.metadata.name}" ${op}${dryRunSuffix(opts.dryRun)}\n`);
      } catch (e) {
        if (opts.ignoreNotFound && e instanceof StatusError && e.reason === 'NotFound') continue;
        out.fail(e);
      }
    }
  });
}

/** delete.go: `info.Mapping.GroupVersionKind.Kind` lower-cased with its group: `deployment.apps`. */
function deletedName(info: KindInfo): string {
  return (info.group ? `${info.kind}.${info.group}` : info.kind).toLowerCase();
}

// ---- scale -------------------------------------------------------------------------------------

export interface ScaleOptions extends CommonOptions {
  replicas: number;
  /** `--current-replicas` precondition (-1: none). */
  currentReplicas?: number;
  /** `--resource-version` precondition. */
  resourceVersion?: string;
}

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

/** `kubectl scale`: `replicaset.apps/x scaled`. */
export function scale(cluster: KubeCluster, target: Target, opts: ScaleOptions): OpResult {
  const out = new Output();
  return guard(out, () => {
    if (!(opts.replicas >= 0)) throw new KubectlError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    const items = resolveTarget(cluster.api, target, opts, out, true);
    if (!items.length) {
      // scale.go: no object found wraps what the builder's visit returned (an aggregate prints `[a, b]`).
      const errs = out.errors.splice(0).map((e) => (e instanceof Error ? e.message : String(e)));
      const why = errs.length === 0 ? '' : errs.length === 1 ? ` ${errs[0]}` : ` [${errs.join(', ')}]`;
      throw new KubectlError(`no objects passed to scale${why}`);
    }
    for (const { info, object } of items) {
      try {
        if (!SCALABLE.has(info.kind)) throw new KubectlError(`cannot scale ${info.plural}`);
        // scale.go ScaleCondition / ScalePrecondition.ValidateScale.
        const current = object.spec?.replicas ?? 1;
        if (opts.currentReplicas !== undefined && opts.currentReplicas >= 0 && opts.currentReplicas !== current) {
          throw new KubectlError(`Expected replicas to be ${opts.currentReplicas}, was ${current}`);
        }
        if (opts.resourceVersion && opts.resourceVersion !== object.metadata.resourceVersion) {
          throw new KubectlError(`Expected resource version to be ${opts.resourceVersion}, was ${object.metadata.resourceVersion}`);
        }
        if (opts.dryRun !== 'client') {
          cluster.api.patch(info.kind, object.metadata.name!, { spec: { replicas: opts.replicas } }, 'merge', { namespace: object.metadata.namespace, dryRun: opts.dryRun === 'server' });
          // --record: a merge patch of the annotation after the scale, when it changes anything: a
          // request of its own, so the controllers have taken up the scale by then.
          if (opts.changeCause !== undefined && object.metadata.annotations?.[CHANGE_CAUSE] !== opts.changeCause) {
            runDue(cluster);
            cluster.api.patch(info.kind, object.metadata.name!, { metadata: { annotations: { [CHANGE_CAUSE]: opts.changeCause } } }, 'merge', { namespace: object.metadata.namespace, dryRun: opts.dryRun === 'server' });
          }
        }
        out.out(`${nameOf(info, object.metadata.name!)} scaled${dryRunSuffix(opts.dryRun)}\n`);
      } catch (e) {
        out.fail(e);
      }
    }
  });
}

// ---- set image ---------------------------------------------------------------------------------

/** The pod spec inside an object: a Pod's own, or a workload's template's. */
function podSpecOf(obj: KubeObject): any {
  if (obj.kind === 'Pod') return obj.spec;
  return obj.spec?.template?.spec;
}

/**
 * `kubectl set image TYPE/NAME container=image ...`: `deployment.apps/x image updated`; nothing is
 * printed for an object whose images already match; `*` sets every container.
 */
export function setImage(cluster: KubeCluster, target: Target, images: Record<string, string> | [string, string][], opts: CommonOptions = {}): OpResult {
  const out = new Output();
  return guard(out, () => {
    const pairs = Array.isArray(images) ? images : Object.entries(images);
    if (!pairs.length) throw new KubectlError('at least one image update is required');
    const items = resolveTarget(cluster.api, target, opts, out, true);
    for (const { info, object } of items) {
      try {
        const updated = deepClone(object);
        const spec = podSpecOf(updated);
        if (!spec) throw new KubectlError(`${info.plural}/${object.metadata.name} does not have a pod template`);
        for (const [name, image] of pairs) {
          let found = false;
          for (const list of [spec.initContainers ?? [], spec.containers ?? []]) {
            for (const c of list) {
              if (name === '*' || c.name === name) {
                c.image = image;
                found = true;
              }
            }
          }
          if (!found) out.fail(new KubectlError(`error: unable to find container named ${JSON.stringify(name)}`));
        }
        if (deepEqual(updated, object)) continue;
        let result = updated;
        if (opts.dryRun !== 'client') {
          try {
            result = cluster.api.update(updated, { dryRun: opts.dryRun === 'server' });
          } catch (e) {
            throw new KubectlError(`failed to patch image update to pod template: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
        out.out(`${nameOf(info, result.metadata.name!)} image updated${dryRunSuffix(opts.dryRun)}\n`);
      } catch (e) {
        out.fail(e);
      }
    }
  });
}

// ---- rollout -----------------------------------------------------------------------------------

export type RolloutAction = 'undo' | 'restart' | 'pause' | 'resume' | 'status' | 'history';

export interface RolloutOptions extends CommonOptions {
  /** undo: `--to-revision` (0: the previous revision); an int64, a bigint past 2^53. */
  toRevision?: number | bigint;
  /** status / history: `--revision`. */
  revision?: number | bigint;
  /** history: `-o` for `--revision` output. */
  output?: string;
  /** status: `--watch` (default true): follow the rollout until it finishes. */
  watch?: boolean;
  /** status: `--timeout` in ms of simulated time (0: no limit but the emulation's hour). */
  timeoutMs?: number;
}

/** The structured `rollout:` action: dispatch to one of the rollout verbs. */
export function rollout(cluster: KubeCluster, action: RolloutAction, target: Target, opts: RolloutOptions = {}): OpResult {
  switch (action) {
    case 'undo':
      return rolloutUndo(cluster, target, opts);
    case 'restart':
      return rolloutRestart(cluster, target, opts);
    case 'pause':
      return rolloutPause(cluster, target, opts);
    case 'resume':
      return rolloutResume(cluster, target, opts);
    case 'status':
      return rolloutStatus(cluster, target, opts);
    case 'history':
      return rolloutHistory(cluster, target, opts);
  }
}

function rolloutTargets(cluster: KubeCluster, target: Target, opts: CommonOptions, out: Output, verb: string): Resolved[] {
  // ResourceTypeOrNameArgs(true, ...): a type alone is every object of it.
  const items = resolveTarget(cluster.api, target, opts, out, false);
  return items.filter(({ info, object }) => {
    if (info.kind === 'Deployment') return true;
    const gk = info.group ? `${info.kind}.${info.group}` : info.kind;
    const what = { undo: 'rollbacker', status: 'status viewer', history: 'history viewer' }[verb];
    // rollback.go and history.go quote the GroupKind (%q); rollout_status.go does not (%v).
    if (what) out.fail(new KubectlError(`no ${what} has been implemented for ${verb === 'status' ? gk : JSON.stringify(gk)}`));
    else out.fail(new KubectlError(`${resourceOf(info)} ${JSON.stringify(object.metadata.name)} ${verb === 'restart' ? 'restarting' : verb === 'pause' ? 'pausing' : 'resuming'} is not supported`));
    return false;
  });
}

/** `kubectl rollout undo`: client-side, as polymorphichelpers/rollback.go. */
export function rolloutUndo(cluster: KubeCluster, target: Target, opts: RolloutOptions = {}): OpResult {
  const out = new Output();
  return guard(out, () => {
    for (const { info, object } of rolloutTargets(cluster, target, opts, out, 'undo')) {
      try {
        const r = rollbackPatch(cluster.api, object, opts.toRevision ?? 0);
        if ('skipped' in r) {
          out.out(`${nameOf(info, object.metadata.name!)} ${r.skipped}\n`);
          continue;
        }
        if (opts.dryRun !== 'client') {
          try {
            cluster.api.patch(info.kind, object.metadata.name!, r.patch, 'json', { namespace: object.metadata.namespace, dryRun: opts.dryRun === 'server' });
          } catch (e) {
            throw new KubectlError(`failed restoring revision ${opts.toRevision ?? 0}: ${e instanceof StatusError ? e.message : String(e)}`);
          }
        }
        out.out(`${nameOf(info, object.metadata.name!)} rolled back${dryRunSuffix(opts.dryRun)}\n`);
      } catch (e) {
        out.fail(e);
      }
    }
  });
}

/** Apply a change to each Deployment, as set.CalculatePatches + Patch; `{}` patches print `noop`. */
function patchEach(
  cluster: KubeCluster,
  target: Target,
  opts: CommonOptions,
  verb: string,
  change: (d: KubeObject) => KubeObject,
  done: string,
  noop: string | undefined,
): OpResult {
  const out = new Output();
  return guard(out, () => {
    const items = rolloutTargets(cluster, target, opts, out, verb);
    if (!items.length && !out.errors.length) out.err(`No resources found in ${nsOf(opts)} namespace.\n`);
    for (const { info, object } of items) {
      let updated: KubeObject;
      try {
        updated = change(deepClone(object));
      } catch (e) {
        out.fail(new KubectlError(`error: ${resourceOf(info)} ${JSON.stringify(object.metadata.name)} ${e instanceof Error ? e.message : String(e)}`));
        continue;
      }
      if (deepEqual(updated, object)) {
        if (noop) out.out(`${nameOf(info, object.metadata.name!)} ${noop}\n`);
        else if (verb === 'restart') {
          out.fail(new KubectlError(`failed to create patch for ${object.metadata.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`));
        }
        continue;
      }
      try {
        if (opts.dryRun !== 'client') cluster.api.update(updated, { dryRun: opts.dryRun === 'server' });
        out.out(`${nameOf(info, object.metadata.name!)} ${done}${dryRunSuffix(opts.dryRun)}\n`);
      } catch (e) {
        out.fail(e);
      }
    }
  });
}

/** `kubectl rollout restart`: the template annotation kubectl.kubernetes.io/restartedAt = now (RFC 3339). */
export function rolloutRestart(cluster: KubeCluster, target: Target, opts: CommonOptions = {}): OpResult {
  const now = formatTime(cluster.clock.now());
  return patchEach(
    cluster,
    target,
    opts,
    'restart',
    (d) => {
      if (d.spec?.paused) throw new Error("can't restart paused deployment (run rollout resume first)");
      d.spec.template.metadata = d.spec.template.metadata ?? {};
      d.spec.template.metadata.annotations = { ...(d.spec.template.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': now };
      return d;
    },
    'restarted',
    undefined,
  );
}

/** `kubectl rollout pause`. */
export function rolloutPause(cluster: KubeCluster, target: Target, opts: CommonOptions = {}): OpResult {
  return patchEach(
    cluster,
    target,
    opts,
    'pause',
    (d) => {
      if (d.spec?.paused) throw new Error('is already paused');
      d.spec.paused = true;
      return d;
    },
    'paused',
    'already paused',
  );
}

/** `kubectl rollout resume`. */
export function rolloutResume(cluster: KubeCluster, target: Target, opts: CommonOptions = {}): OpResult {
  return patchEach(
    cluster,
    target,
    opts,
    'resume',
    (d) => {
      if (!d.spec?.paused) throw new Error('is not paused');
      d.spec.paused = false;
      return d;
    },
    'resumed',
    'already resumed',
  );
}

/**
 * `kubectl rollout status`: the Deployment's status message, and with `--watch` (the default) a new
 * line each time it changes while simulated time passes, until the rollout finishes (polymorphichelpers
 * DeploymentStatusViewer, watched by the rollout status command). Exit 1 when its progress deadline
 * is exceeded, or with `error: timed out waiting for the condition` past `--timeout`.
 */
export function rolloutStatus(cluster: KubeCluster, target: Target, opts: RolloutOptions = {}): OpResult {
  const out = new Output();
  return guard(out, () => {
    const items = rolloutTargets(cluster, target, opts, out, 'status');
    if (!items.length && !out.errors.length) out.err(`No resources found in ${nsOf(opts)} namespace.\n`);
    for (const { info, object } of items) {
      if (opts.watch === false) {
        out.out(deploymentStatus(object, opts.revision ?? 0).message);
        continue;
      }
      let last = '';
      const done = () => {
        const live = cluster.api.get(info.kind, object.metadata.name!, object.metadata.namespace) ?? object;
        const status = deploymentStatus(live, opts.revision ?? 0);
        if (status.message !== last) out.out((last = status.message));
        return status.done;
      };
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { waitFor } = require('./sim-time') as typeof import('./sim-time');
      if (!done() && !waitFor(cluster, opts.timeoutMs ?? 0, done)) throw new KubectlError('timed out waiting for the condition');
    }
  });
}

/** `kubectl rollout history`: `deployment.apps/x ` then the REVISION CHANGE-CAUSE table. */
export function rolloutHistory(cluster: KubeCluster, target: Target, opts: RolloutOptions = {}): OpResult {
  const out = new Output();
  return guard(out, () => {
    for (const { info, object } of rolloutTargets(cluster, target, opts, out, 'history')) {
      try {
        const revision = opts.revision ?? 0;
        const text = deploymentHistory(cluster.api, object, revision, describePodTemplate);
        const withRevision = revision > 0 ? `with revision #${revision}` : '';
        out.out(`${nameOf(info, object.metadata.name!)} ${withRevision}\n${text}\n`);
      } catch (e) {
        out.fail(e);
      }
    }
  });
}

/**
 * A short rendering of describe.DescribePodTemplate (labels, annotations, containers). History's
 * printer writes the describer's cells straight out: separated by tabs, not aligned (kubectl 1.32).
 */
function describePodTemplate(t: any): string {
  const rows: string[][] = [['Pod Template:']];
  const map = (label: string, m: Record<string, string> | undefined) => {
    const keys = Object.keys(m ?? {}).sort();
    if (!keys.length) rows.push([`  ${label}:`, '<none>']);
    keys.forEach((k, i) => rows.push([i === 0 ? `  ${label}:` : '', `${k}=${m![k]}`]));
  };
  map('Labels', t.metadata?.labels);
  // printAnnotationsMultiline: `key: value`, one a line.
  const annotations = Object.keys(t.metadata?.annotations ?? {}).sort();
  annotations.forEach((k, i) => rows.push([i === 0 ? '  Annotations:' : '', `${k}: ${t.metadata.annotations[k]}`]));
  rows.push(['  Containers:']);
  for (const c of t.spec?.containers ?? []) {
    rows.push([`   ${c.name}:`]);
    rows.push(['    Image:', c.image ?? '']);
    const ports = (c.ports ?? []).map((p: any) => `${p.containerPort}/${p.protocol ?? 'TCP'}`);
    rows.push(['    Port:', ports.length ? ports.join(', ') : '<none>']);
    rows.push(['    Host Port:', ports.length ? (c.ports ?? []).map((p: any) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>']);
    rows.push(['    Environment:', (c.env ?? []).length ? (c.env ?? []).map((e: any) => `${e.name}=${e.value ?? ''}`).join(', ') : '<none>']);
    rows.push(['    Mounts:', '<none>']);
  }
  rows.push(['  Volumes:', '<none>']);
  rows.push(['  Node-Selectors:', '<none>']);
  rows.push(['  Tolerations:', '<none>']);
  return rows.map((r) => `${r.join('\t')}\n`).join('');
}

// ---- label -------------------------------------------------------------------------------------

export interface LabelOptions extends CommonOptions {
  set?: Record<string, string>;
  remove?: string[];
  overwrite?: boolean;
  resourceVersion?: string;
  /** `--list`: print the labels instead of changing them. */
  list?: boolean;
}

const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** `kubectl label`: `pod/x labeled`, `unlabeled`, `not labeled`; refuses to overwrite without --overwrite. */
export function label(cluster: KubeCluster, target: Target, opts: LabelOptions = {}): OpResult {
  const out = new Output();
  return guard(out, () => {
    const set = opts.set ?? {};
    const remove = opts.remove ?? [];
    if (!opts.list && !Object.keys(set).length && !remove.length) throw new KubectlError('at least one label update is required');
    for (const [k, v] of Object.entries(set)) {
      if (!LABEL_KEY.test(k) || k.split('/').pop()!.length > 63) throw new KubectlError(`invalid label spec: ${k}=${v}`);
      if (v.length > 63 || !LABEL_VALUE.test(v)) throw new KubectlError(`invalid label value: "${k}=${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`);
    }
    const items = resolveTarget(cluster.api, target, opts, out, true);
    if (!items.length && !out.errors.length) throw new KubectlError('no objects passed to label');
    for (const { info, object } of items) {
      try {
        if (opts.list) {
          for (const [k, v] of Object.entries(object.metadata.labels ?? {})) out.out(`${k}=${v}\n`);
          continue;
        }
        if (!opts.overwrite) {
          for (const k of Object.keys(set)) {
            const cur = object.metadata.labels?.[k];
            if (cur !== undefined && cur !== set[k]) throw new KubectlError(`'${k}' already has a value (${cur}), and --overwrite is false`);
          }
        }
        const updated = deepClone(object);
        const labels: Record<string, string> = { ...(updated.metadata.labels ?? {}), ...set };
        for (const k of remove) {
          if (k in labels) delete labels[k];
          else out.out(`label ${JSON.stringify(k)} not found.\n`);
        }
        updated.metadata.labels = labels;
        if (!Object.keys(labels).length) delete updated.metadata.labels;
        if (opts.resourceVersion) updated.metadata.resourceVersion = opts.resourceVersion;
        // label.go updateDataChangeMsg: compares the JSON before and after.
        const before = stringifyJson(object);
        const after = stringifyJson({ ...updated, metadata: { ...updated.metadata, resourceVersion: object.metadata.resourceVersion } });
        let msg = 'not labeled';
        if (before !== after) {
          msg = !opts.overwrite && after.length < before.length ? 'unlabeled' : 'labeled';
          if (opts.dryRun !== 'client') cluster.api.update(updated, { dryRun: opts.dryRun === 'server' });
        }
        out.out(`${nameOf(info, object.metadata.name!)} ${msg}${dryRunSuffix(opts.dryRun)}\n`);
      } catch (e) {
        out.fail(e);
      }
    }
  });
}

// ---- get ---------------------------------------------------------------------------------------

export interface GetOptions extends CommonOptions {
  /** '', 'wide', 'yaml', 'json', 'name'. */
  output?: string;
  selector?: string;
  fieldSelector?: string;
  allNamespaces?: boolean;
  showLabels?: boolean;
  showKind?: boolean;
  noHeaders?: boolean;
  ignoreNotFound?: boolean;
  /** `-L`: label columns. */
  labelColumns?: string[];
  /** `--sort-by`: a JSONPath such as `.metadata.creationTimestamp` or `{.spec.replicas}`. */
  sortBy?: string;
  /** `--template`: the template of `-o go-template` / `-o jsonpath` given apart. */
  template?: string;
  /** Reads the file of `-o go-template-file=` / `jsonpath-file=` / `custom-columns-file=`. */
  readFile?: (path: string) => string;
}

/** The value at a simple JSONPath (`.a.b[0].c`, with or without `{}`), for --sort-by. */
function valueAtPath(obj: unknown, path: string): unknown {
  const p = path.replace(/^\{|\}$/g, '').replace(/^\./, '');
  let cur: unknown = obj;
  for (const seg of p.split(/\.|\[(\d+)\]/).filter((x) => x !== undefined && x !== '')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** get/sorter.go RuntimeSort: numbers numerically, everything else by its text; stable. */
export function sortObjects(objs: KubeObject[], sortBy: string): KubeObject[] {
  const keyed = objs.map((o) => ({ o, v: valueAtPath(o, sortBy) }));
  keyed.sort((a, b) => {
    if (a.v === undefined || b.v === undefined) return a.v === undefined ? (b.v === undefined ? 0 : -1) : 1;
    if (typeof a.v === 'number' && typeof b.v === 'number') return a.v - b.v;
    // int64s past 2^53 are bigints: numerically too.
    if ((typeof a.v === 'number' || typeof a.v === 'bigint') && (typeof b.v === 'number' || typeof b.v === 'bigint')) return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
    const x = typeof a.v === 'string' ? a.v : stringifyJson(a.v);
    const y = typeof b.v === 'string' ? b.v : stringifyJson(b.v);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return keyed.map((k) => k.o);
}

/**
 * `kubectl get`: one table per resource type (separated by a blank line, names prefixed `kind/`
 * when several types were asked for), or `-o yaml|json|name`. Named objects that do not exist are
 * NotFound errors after whatever was found.
 */
export function get(cluster: KubeCluster, groups: ResourceGroup[] | Target, opts: GetOptions = {}): OpResult {
  const out = new Output();
  return guard(out, () => {
    const api = cluster.api;
    const ns = nsOf(opts);
    // PrintFlags.ToPrinter: the printer for -o (and --template), or kubectl's error for it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const spec = (require('./output-format') as typeof import('./output-format')).parseOutput(opts.output ?? '', { template: opts.template, readFile: opts.readFile });
    const output = spec.kind === 'human' ? (spec.wide ? 'wide' : '') : spec.kind;
    let list: ResourceGroup[];
    let byFile: Resolved[] | undefined;
    if (Array.isArray(groups)) list = groups;
    else if ('objects' in groups) {
      byFile = resolveTarget(api, groups, opts, out, false);
      list = [];
    } else if ('groups' in groups) list = groups.groups;
    else {
      const names = groups.names ?? (groups.name !== undefined ? [groups.name] : undefined);
      list = [{ info: resolveKind(groups.kind), names: names && names.length ? names : undefined }];
    }
    if (list.some((g) => g.names) && opts.selector) throw new KubectlError('name cannot be provided when a selector is specified');
    // The Builder's singleItemImplied: one name asked for (TYPE NAME, TYPE/NAME) or one object from
    // a file: -o yaml|json|jsonpath|go-template print that object alone, or nothing but the
    // error when it is not there; anything else prints as a List.
    const singleItemImplied = byFile ? !Array.isArray(groups) && 'objects' in groups && groups.objects.length === 1 : list.length === 1 && list[0].names?.length === 1;
    // Each group is one "info" per list request, or per named object.
    const blocks: { info: KindInfo; objects: KubeObject[]; single: boolean }[] = [];
    const errors: unknown[] = [];
    if (byFile) {
      for (const r of byFile) blocks.push({ info: r.info, objects: [r.object], single: true });
    }
    for (const g of list) {
      const { objects, errors: errs } = selectObjects(api, g, { namespace: ns, allNamespaces: opts.allNamespaces, labelSelector: opts.selector, fieldSelector: opts.fieldSelector });
      for (const e of errs) if (!(opts.ignoreNotFound && e instanceof StatusError && e.reason === 'NotFound')) errors.push(e);
      if (g.names) for (const o of objects) blocks.push({ info: g.info, objects: [o], single: true });
      else blocks.push({ info: g.info, objects: opts.sortBy ? sortObjects(objects, opts.sortBy) : objects, single: false });
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const p = require('./printers') as typeof import('./printers');
    if (spec.kind === 'jsonpath' || spec.kind === 'jsonpath-as-json') {
      const items = blocks.flatMap((b) => b.objects);
      const value = singleItemImplied ? items[0] : { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
      try {
        // jsonpath-as-json: what each {expr} finds, as a JSON list of its own (client-go jsonpath with outputJSON).
        if (items.length || !singleItemImplied) out.out(spec.kind === 'jsonpath' ? p.jsonPath(spec.template, value) : p.jsonPathResults(spec.template, value).map((r) => p.toJson(r)).join(''));
      } catch (e) {
        throw new KubectlError(`error parsing jsonpath ${spec.template}, ${e instanceof Error ? e.message : String(e)}`);
      }
    } else if (spec.kind === 'go-template') {
      // GoTemplatePrinter over the object, or over the List of what was found (printGeneric).
      const items = blocks.flatMap((b) => b.objects);
      const value = singleItemImplied ? items[0] : { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
      if (items.length || !singleItemImplied) {
        // printGeneric: what was not found comes first, then the printer's error (Output.fail prints
        // what the template wrote before it failed).
        try {
          out.out(spec.execute(value));
        } catch (e) {
          for (const x of errors.splice(0)) out.fail(x);
          throw e;
        }
      }
    } else if (spec.kind === 'custom-columns') {
      // cli-runtime CustomColumnsPrinter: NAME:JSONPATH pairs; several results comma-joined, none `<none>`.
      const cols = spec.columns;
      const rows: string[][] = opts.noHeaders ? [] : [cols.map((c) => c.header)];
      for (const b of blocks) {
        for (const o of b.objects) {
          rows.push(
            cols.map((c) => {
              // Each cell is Go's %v of the value (printers/customcolumn.go): `map[app:web]`, not JSON.
              const parts = p.jsonPathValues(c.expr, o, goPlainValue);
              return parts.length ? parts.join(',') : '<none>';
            }),
          );
        }
      }
      if (blocks.some((b) => b.objects.length)) out.out(p.formatTable(rows));
    } else if (output === 'yaml' || output === 'json') {
      const items = blocks.flatMap((b) => b.objects);
      const value = singleItemImplied ? items[0] : { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
      if (items.length || !singleItemImplied) out.out(output === 'yaml' ? p.toYaml(value) : p.toJson(value));
    } else if (output === 'name') {
      for (const b of blocks) for (const o of b.objects) out.out(p.nameLine(b.info, o.metadata.name!));
    } else {
      // get.go: printWithKind when more than one GroupVersionKind was asked for.
      const kinds = new Set(blocks.map((b) => b.info.kind));
      const withKind = opts.showKind || kinds.size > 1;
      const now = cluster.clock.now();
      let text = '';
      let i = 0;
      while (i < blocks.length) {
        // Consecutive blocks of the same resource share a printer (and one header and alignment).
        const info = blocks[i].info;
        const objs: KubeObject[] = [];
        while (i < blocks.length && blocks[i].info === info) objs.push(...blocks[i++].objects);
        const withNamespace = !!opts.allNamespaces && info.namespaced;
        const rows = p.tableRows(info, objs, now, { wide: output === 'wide', withNamespace, withKind, showLabels: opts.showLabels, noHeaders: opts.noHeaders, labelColumns: opts.labelColumns });
        if (!rows.length) continue;
        if (text && !opts.noHeaders) text += '\n';
        text += p.formatTable(rows);
      }
      out.out(text);
      if (!text && !errors.length && !opts.ignoreNotFound) {
        const allNamespaced = !opts.allNamespaces && blocks.every((b) => b.info.namespaced);
        out.err(allNamespaced ? `No resources found in ${ns} namespace.\n` : 'No resources found\n');
      }
    }
    for (const e of errors) out.fail(e);
  });
}

/** Convenience for the runner: `get` from kubectl-style resource arguments (`replicaset,pods`). */
export function getByArgs(cluster: KubeCluster, args: string[], opts: GetOptions = {}): OpResult {
  const out = new Output();
  let groups: ResourceGroup[];
  try {
    groups = parseResourceArgs(args);
  } catch (e) {
    out.fail(e);
    return out.result();
  }
  return get(cluster, groups, opts);
}

// ---- patch -------------------------------------------------------------------------------------

export interface PatchOptions extends CommonOptions {
  /** The patch, JSON or YAML. */
  patch: string;
  /** `--type`: strategic (default), merge, json. */
  type?: string;
}

/** `kubectl patch`: `service/x patched`, or `patched (no change)` when the object came out the same. */
export function patch(cluster: KubeCluster, target: Target, opts: PatchOptions): OpResult {
  const out = new Output();
  return guard(out, () => {
    const type = opts.type ?? 'strategic';
    if (!['json', 'merge', 'strategic'].includes(type)) throw new KubectlError(`--type must be one of [json merge strategic], not ${JSON.stringify(type)}`);
    if (!opts.patch) throw new KubectlError('must specify --patch or --patch-file containing the contents of the patch');
    let body: unknown;
    try {
      // yaml.ToJSON: the patch may be written in YAML as well. Through the manifests' safe loader
      // (nesting, alias expansion and tags bounded), not the yaml package's parse: the patch is
      // walked recursively next, and yaml's own composer overflowed on a deeply nested one.
      body = parseYaml(opts.patch, 'patch')[0]?.value ?? null;
    } catch (e) {
      throw new KubectlError(`unable to parse ${JSON.stringify(opts.patch)}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    const items = resolveTarget(cluster.api, target, opts, out, true);
    for (const { info, object } of items) {
      try {
        let result = object;
        if (opts.dryRun !== 'client') {
          result = cluster.api.patch(info.kind, object.metadata.name!, body, type as 'json' | 'merge' | 'strategic', { namespace: object.metadata.namespace, dryRun: opts.dryRun === 'server' });
        }
        const changed = !deepEqual(result, object);
        out.out(`${nameOf(info, object.metadata.name!)} ${changed || opts.dryRun === 'client' ? 'patched' : 'patched (no change)'}${dryRunSuffix(opts.dryRun)}\n`);
      } catch (e) {
        out.fail(e);
      }
    }
  });
}

// `create deployment` and `expose` live in create.ts and expose.ts (typed objects as kubectl builds them).

// ---- describe ----------------------------------------------------------------------------------

/**
 * `kubectl describe`: each object's description, separated by a blank line. A name that matches no
 * object describes every object whose name starts with it (describe.go DescribeMatchingResources).
 */
export function describe(cluster: KubeCluster, target: Target, opts: CommonOptions & { allNamespaces?: boolean } = {}): OpResult {
  const out = new Output();
  return guard(out, () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { describeObject } = require('./describe') as typeof import('./describe');
    const sub = new Output();
    let items = resolveTarget(cluster.api, target, opts, sub, false);
    if (!items.length && sub.errors.length === 1 && 'groups' in target && target.groups.length === 1 && target.groups[0].names?.length === 1) {
      // DescribeMatchingResources: a prefix of names.
      const g = target.groups[0];
      const prefix = g.names![0];
      const all = selectObjects(cluster.api, { info: g.info }, { namespace: nsOf(opts), allNamespaces: opts.allNamespaces });
      items = all.objects.filter((o) => o.metadata.name!.startsWith(prefix)).map((object) => ({ info: g.info, object, source: '' }));
      if (items.length) sub.errors.length = 0;
    }
    for (const e of sub.errors) out.fail(e);
    const texts: string[] = [];
    for (const { info, object } of items) {
      const text = describeObject(cluster.api, object, cluster.clock.now());
      if (text === undefined) {
        out.fail(new KubectlError(`no description has been implemented for ${info.apiVersion.includes('/') ? info.apiVersion : `/${info.apiVersion}`}, Kind=${info.kind}`));
        continue;
      }
      texts.push(text);
    }
    out.out(texts.join('\n\n'));
    if (!items.length && !out.errors.length) out.err(`No resources found in ${nsOf(opts)} namespace.\n`);
  });
}
