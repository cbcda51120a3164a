// `kubectl set env|image|resources|selector|serviceaccount` (the spec's setImage: action keeps
// operations.setImage): each
// changes the objects' pod template (or a Service's selector) as kubectl 1.32's set_*.go do, sends
// the change unless --dry-run=client, and prints `deployment.apps/x env updated`; env and resources
// print nothing for an object they leave as it was.
import type { KubeObject } from '../apiserver/types';
import { canonicalQuantity } from '../apiserver/registry/quantity';
import { SelectorParseError, parseSelector } from '../apiserver/labels';
import { StatusError } from '../apiserver/errors';
import { deepClone, deepEqual } from '../util/clone';
import { checkOutput, dryRunOf, printTyped, type DryRun } from './generated';
import { changeCause, recordChangeCause } from './record';
import { KubectlError, Output, type OpResult } from './resources';
import { NO_RESOURCES, findObjects, type Found } from './targets';
import { validateEnvVarName } from './validation';
import type { VerbContext } from './verbs-objects';

interface SetCommon {
  output: string;
  dryRun: DryRun;
  found: Found[];
}

function common(c: VerbContext, resources: string[], requireNames = true): SetCommon {
  const fl = c.cmd.flags;
  const str = (n: string) => String(fl[n] ?? '');
  const output = str('output');
  checkOutput(output);
  const dryRun = dryRunOf(str('dry-run'));
  if (fl.local === true) throw new KubectlError("kubespec's kubectl emulation does not support --local");
  const files = (fl.filename as string[] | undefined) ?? [];
  if (!resources.length && !files.length) throw new KubectlError(NO_RESOURCES);
  const found = findObjects(c, { args: resources, files, selector: str('selector') || undefined, all: fl.all === true, requireNames });
  return { output, dryRun, found };
}

/** The pod spec of a Pod or of a pod template; kubectl's error for any other kind (UpdatePodSpecForObject). */
function podSpecOf(obj: KubeObject): any {
  if (obj.kind === 'Pod') return obj.spec;
  const spec = obj.spec?.template?.spec;
  if (!spec) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { resolveResource } = require('../apiserver/kinds') as typeof import('../apiserver/kinds');
    const plural = resolveResource(obj.kind)?.plural ?? obj.kind.toLowerCase();
    throw new KubectlError(`${plural}/${obj.metadata.name} the object is not a pod or does not have a pod template: *${obj.apiVersion.split('/').pop()}.${obj.kind}`);
  }
  return spec;
}

/** Send the changed object (an update of the whole object, as the patch kubectl computes amounts to). */
function send(c: VerbContext, updated: KubeObject, dryRun: DryRun, what: string): KubeObject {
  // --record: the command line goes with the change (for rollout history).
  recordChangeCause(updated, changeCause(c.cmd));
  if (dryRun === 'client') return updated;
  try {
    return c.cluster.api.update(updated, { dryRun: dryRun === 'server' });
  } catch (e) {
    if (what) throw new KubectlError(`failed to patch ${what} update to pod template: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  }
}

function run(fn: (out: Output) => void): OpResult {
  const out = new Output();
  try {
    fn(out);
  } catch (e) {
    out.fail(e);
  }
  return out.result();
}

/** The containers `-c` names (`*` and shell-style globs as kubectl's path.Match). */
function selectContainers(spec: any, pattern: string): any[] {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].filter((ct: any) => re.test(ct.name));
}

// ---- set env -----------------------------------------------------------------------------------

export function setEnv(c: VerbContext): OpResult {
  return run((out) => {
    const fl = c.cmd.flags;
    const containers = String(fl.containers ?? '*');
    // envutil.SplitEnvironmentFromResources: resources, then KEY=VALUE / KEY- pairs.
    const resources: string[] = [];
    const envArgs: string[] = [...((fl.env as string[] | undefined) ?? [])];
    let inEnv = false;
    for (const a of c.cmd.args) {
      if (a.includes('=') || a.endsWith('-')) {
        inEnv = true;
        envArgs.push(a);
      } else if (inEnv) throw new KubectlError(`all resources must be specified before environment changes: ${a}`);
      else resources.push(a);
    }
    const set: { name: string; value?: string; valueFrom?: unknown }[] = [];
    const remove: string[] = [];
    for (const e of envArgs) {
      const i = e.indexOf('=');
      if (i >= 0) {
        const name = e.slice(0, i);
        const errs = validateEnvVarName(name);
        if (errs.length) throw new KubectlError(`${JSON.stringify(name)} is not a valid key name: ${errs.join(';')}`);
        const value = e.slice(i + 1);
        set.push(value ? { name, value } : { name });
      } else if (e === '-') throw new KubectlError("kubespec's kubectl emulation does not read environment variables from stdin");
      else remove.push(e.slice(0, -1));
    }
    const list = fl.list === true;
    const { output, dryRun, found } = common(c, resources);
    if (fl.from) set.push(...fromEnv(c, out, String(fl.from), (fl.keys as string[] | undefined) ?? [], String(fl.prefix ?? '')));
    for (const f of found) {
      if (!f.ok) {
        out.fail(f.error);
        continue;
      }
      try {
        const { object } = f;
        const updated = deepClone(object);
        const spec = podSpecOf(updated);
        const matched = selectContainers(spec, containers);
        if (list) {
          for (const ct of matched) {
            out.out(`# ${object.kind} ${object.metadata.name}, container ${ct.name}\n`);
            for (const e of ct.env ?? []) out.out(e.valueFrom ? `# ${e.name} from ${valueFromText(e.valueFrom)}\n` : `${e.name}=${e.value ?? ''}\n`);
          }
          continue;
        }
        if (!matched.length) {
          out.err(`Warning: ${object.kind}/${object.metadata.name} does not have any containers matching ${JSON.stringify(containers)}\n`);
          continue;
        }
        for (const ct of matched) {
          // set_env.go updateEnv: replaced in place, removed, the new ones appended.
          const covered = new Set(remove);
          const next: any[] = [];
          for (const e of ct.env ?? []) {
            if (covered.has(e.name)) continue;
            const newer = set.find((s) => s.name === e.name);
            if (newer) {
              covered.add(e.name);
              next.push(newer);
            } else next.push(e);
          }
          for (const s of set) {
            if (covered.has(s.name)) continue;
            covered.add(s.name);
            next.push(s);
          }
          if (next.length) ct.env = next;
          else delete ct.env;
        }
        if (deepEqual(updated, object)) continue;
        const result = send(c, updated, dryRun, 'env');
        out.out(printTyped(result, 'env updated', output, dryRun, false));
      } catch (e) {
        out.fail(e);
      }
    }
  });
}

/** set_env.go's --list line for an env var with valueFrom. */
function valueFromText(v: any): string {
  if (v.configMapKeyRef) return `configmap ${v.configMapKeyRef.name}, key ${v.configMapKeyRef.key}`;
  if (v.secretKeyRef) return `secret ${v.secretKeyRef.name}, key ${v.secretKeyRef.key}`;
  if (v.fieldRef) return `field path ${v.fieldRef.fieldPath}`;
  if (v.resourceFieldRef) return `resource ${v.resourceFieldRef.resource}`;
  return Object.keys(v)[0] ?? '';
}

/**
 * `--from=configmap/NAME|secret/NAME`: a variable per key (--keys: those only), named as
 * keyToEnvName does (upper case, other characters `_`) after --prefix, its value a key reference.
 * Deliberate difference: kubectl walks the data as a Go map (an order that changes from run to
 * run); the keys go in sorted order here.
 */
function fromEnv(c: VerbContext, out: Output, from: string, keys: string[], prefix: string): { name: string; valueFrom: unknown }[] {
  const slash = from.indexOf('/');
  const kind = slash < 0 ? from : from.slice(0, slash);
  const name = from.slice(slash + 1);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { resolveKind } = require('./resources') as typeof import('./resources');
  const info = resolveKind(kind);
  if (info.kind !== 'ConfigMap' && info.kind !== 'Secret') throw new KubectlError(`unsupported resource specified in --from`);
  const obj = c.cluster.api.get(info.kind, name, c.namespace);
  if (!obj) throw new StatusError('NotFound', `${info.plural} ${JSON.stringify(name)} not found`, [], undefined, name);
  const data = { ...(obj.data ?? {}), ...(info.kind === 'ConfigMap' ? (obj.binaryData ?? {}) : {}) } as Record<string, unknown>;
  const vars: { name: string; valueFrom: unknown }[] = [];
  for (const key of Object.keys(data).sort()) {
    if (keys.length && !keys.includes(key)) continue;
    const envName = key.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase();
    if (envName !== key) out.err(`Warning: key ${key} transferred to ${envName}\n`);
    const ref = { key, name };
    vars.push({ name: prefix + envName, valueFrom: info.kind === 'ConfigMap' ? { configMapKeyRef: ref } : { secretKeyRef: ref } });
  }
  return vars;
}

// ---- set image ---------------------------------------------------------------------------------

/** `kubectl set image TYPE NAME container=image ...` (`*` every container); nothing printed when already so. */
export function setImage(c: VerbContext): OpResult {
  return run((out) => {
    const resources: string[] = [];
    const pairs: [string, string][] = [];
    let inPairs = false;
    for (const a of c.cmd.args) {
      if (a.includes('=')) {
        inPairs = true;
        pairs.push([a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]);
      } else if (inPairs) throw new KubectlError(`all resources must be specified before image changes: ${a}`);
      else resources.push(a);
    }
    const files = (c.cmd.flags.filename as string[] | undefined) ?? [];
    if (!resources.length && !files.length) throw new KubectlError(NO_RESOURCES);
    if (!pairs.length) throw new KubectlError('at least one image update is required');
    const { output, dryRun, found } = common(c, resources);
    for (const f of found) {
      if (!f.ok) {
        out.fail(f.error);
        continue;
      }
      try {
        const { object } = f;
        const updated = deepClone(object);
        const spec = podSpecOf(updated);
        for (const [name, image] of pairs) {
          let matched = false;
          for (const ct of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
            if (name === '*' || ct.name === name) {
              ct.image = image;
              matched = true;
            }
          }
          if (!matched) out.fail(new KubectlError(`unable to find container named ${JSON.stringify(name)}`));
        }
        if (deepEqual(updated, object)) continue;
        const result = send(c, updated, dryRun, 'image');
        out.out(printTyped(result, 'image updated', output, dryRun, false));
      } catch (e) {
        out.fail(e);
      }
    }
  });
}

// ---- set resources -----------------------------------------------------------------------------

const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** `cpu=200m,memory=512Mi` (cmdutil.GetResourcesAndPairs / ParseResourceList). */
function resourceList(spec: string): Record<string, string> {
  const list: Record<string, string> = {};
  if (!spec) return list;
  for (const part of spec.split(',')) {
    const i = part.indexOf('=');
    if (i < 0) throw new KubectlError(`Invalid argument syntax ${part}, expected <resource>=<value>`);
    const q = canonicalQuantity(part.slice(i + 1));
    if (q === undefined) throw new KubectlError(QUANTITY_ERROR);
    list[part.slice(0, i)] = q;
  }
  return list;
}

export function setResources(c: VerbContext): OpResult {
  return run((out) => {
    const fl = c.cmd.flags;
    const limits = resourceList(String(fl.limits ?? ''));
    const requests = resourceList(String(fl.requests ?? ''));
    if (!Object.keys(limits).length && !Object.keys(requests).length) throw new KubectlError('you must specify an update to requests or limits (in the form of --requests/--limits)');
    const containers = String(fl.containers ?? '*');
    const { output, dryRun, found } = common(c, c.cmd.args);
    for (const f of found) {
      if (!f.ok) {
        out.fail(f.error);
        continue;
      }
      try {
        const { object } = f;
        const updated = deepClone(object);
        const matched = selectContainers(podSpecOf(updated), containers);
        if (!matched.length) throw new KubectlError(`unable to find container named ${containers}`);
        for (const ct of matched) {
          const r = (ct.resources ??= {});
          if (Object.keys(limits).length) r.limits = { ...(r.limits ?? {}), ...limits };
          if (Object.keys(requests).length) r.requests = { ...(r.requests ?? {}), ...requests };
        }
        if (deepEqual(updated, object)) continue;
        const result = send(c, updated, dryRun, 'resources');
        out.out(printTyped(result, 'resource requirements updated', output, dryRun, false));
      } catch (e) {
        out.fail(e);
      }
    }
  });
}

// ---- set selector ------------------------------------------------------------------------------

export function setSelector(c: VerbContext): OpResult {
  return run((out) => {
    const args = c.cmd.args;
    const resources = args.slice(0, -1);
    const expr = args.length ? args[args.length - 1] : '';
    const matchLabels: Record<string, string> = {};
    if (args.length) {
      try {
        const sel = parseSelector(expr);
        // ParseToLabelSelector: `k=v` requirements are matchLabels (a Service selects by those only).
        for (const r of sel.requirements) if (r.op === 'in' && r.values.length === 1 && r.form !== '!=') matchLabels[r.key] = r.values[0];
      } catch (e) {
        if (e instanceof SelectorParseError) throw new KubectlError(`couldn't parse the selector string ${JSON.stringify(expr)}: ${e.message}`);
        throw e;
      }
    }
    const { output, dryRun, found } = common(c, resources);
    const resourceVersion = String(c.cmd.flags['resource-version'] ?? '');
    for (const f of found) {
      if (!f.ok) {
        out.fail(f.error);
        continue;
      }
      try {
        const { object } = f;
        if (object.kind !== 'Service') throw new KubectlError('setting a selector is only supported for Services');
        const updated = deepClone(object);
        updated.spec.selector = matchLabels;
        if (resourceVersion) updated.metadata.resourceVersion = resourceVersion;
        const result = send(c, updated, dryRun, '');
        out.out(printTyped(result, 'selector updated', output, dryRun, false));
      } catch (e) {
        out.fail(e);
      }
    }
  });
}

// ---- set serviceaccount ------------------------------------------------------------------------

export function setServiceAccount(c: VerbContext): OpResult {
  return run((out) => {
    const args = c.cmd.args;
    if (!args.length) throw new KubectlError('serviceaccount is required');
    const name = args[args.length - 1];
    const { output, dryRun, found } = common(c, args.slice(0, -1));
    for (const f of found) {
      if (!f.ok) {
        out.fail(f.error);
        continue;
      }
      try {
        const { object } = f;
        const updated = deepClone(object);
        podSpecOf(updated).serviceAccountName = name;
        const result = send(c, updated, dryRun, '');
        out.out(printTyped(result, 'serviceaccount updated', output, dryRun, false));
      } catch (e) {
        out.fail(e);
      }
    }
  });
}
