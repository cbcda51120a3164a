// `kubectl label` on the command line, as kubectl 1.32's label.go: `k=v` and `k-` changes, the
// overwrite refusal, `labeled` / `unlabeled` / `not labeled`, --all, -l, -f, --list,
// --resource-version, --dry-run and -o; keys are checked by the API server, values here. The
// spec's structured `label:` action keeps operations.label.
import type { KubeObject } from '../apiserver/types';
import { conflictError } from '../apiserver/errors';
import { deepClone } from '../util/clone';
import { resourcesAndPairs } from './annotate';
import { checkOutput, dryRunOf, printTyped } from './generated';
import { KubectlError, Output, type OpResult, guarded } from './resources';
import { findObjects } from './targets';
import type { VerbContext } from './verbs-objects';
import { stringifyJson } from '../util/json';

/** validation.IsValidLabelValue */
function labelValueErrors(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v)) {
    errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  }
  return errs;
}

export function labelCommand(c: VerbContext): OpResult {
  return guarded((out) => label(c, out));
}

function label(c: VerbContext, out: Output): void {
  const fl = c.cmd.flags;
  const str = (n: string) => String(fl[n] ?? '');
  const bool = (n: string) => fl[n] === true;
  const files = (fl.filename as string[] | undefined) ?? [];
  const output = str('output');
  checkOutput(output);
  const dryRun = dryRunOf(str('dry-run'));
  const { resources, pairs } = resourcesAndPairs(c.cmd.args, 'label');
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i >= 0) {
      const [k, v] = [p.slice(0, i), p.slice(i + 1)];
      const errs = labelValueErrors(v);
      if (errs.length) throw new KubectlError(`invalid label value: ${JSON.stringify(p)}: ${errs.join('; ')}`);
      set[k] = v;
    } else remove.push(p.slice(0, -1));
  }
  for (const k of remove) if (k in set) throw new KubectlError('can not both modify and remove a label in the same command');
  if (bool('all') && str('selector')) throw new KubectlError('cannot set --all and --selector at the same time');
  if (bool('all') && str('field-selector')) throw new KubectlError('cannot set --all and --field-selector at the same time');
  if (!bool('local') && !resources.length && !files.length) throw new KubectlError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (!Object.keys(set).length && !remove.length && !bool('list')) throw new KubectlError('at least one label update is required');
  if (bool('local')) throw new KubectlError("kubespec's kubectl emulation does not support label --local");
  const found = findObjects(c, {
    args: resources,
    files,
    selector: str('selector') || undefined,
    fieldSelector: str('field-selector') || undefined,
    all: bool('all'),
    allNamespaces: bool('all-namespaces'),
  });
  const resourceVersion = str('resource-version');
  const overwrite = bool('overwrite');
  for (const f of found) {
    if (!f.ok) {
      out.fail(f.error);
      continue;
    }
    try {
      const { info, object } = f;
      const current = object.metadata.labels ?? {};
      if (bool('list')) {
        // Deliberate difference: kubectl walks a Go map (an order that changes from run to run).
        for (const [k, v] of Object.entries(current)) out.out(`${k}=${v}\n`);
        continue;
      }
      if (!overwrite) {
        for (const [k, v] of Object.entries(set)) {
          if (k in current && current[k] !== v) throw new KubectlError(`'${k}' already has a value (${current[k]}), and --overwrite is false`);
        }
      }
      const labels: Record<string, string> = { ...current, ...set };
      for (const k of remove) {
        if (!(k in current)) out.out(`label ${JSON.stringify(k)} not found.\n`);
        delete labels[k];
      }
      let result: KubeObject = deepClone(object);
      result.metadata.labels = labels;
      if (!Object.keys(labels).length) delete result.metadata.labels;
      // label.go updateDataChangeMsg: the object's JSON before and after the change.
      // stringifyJson: an int64 past 2^53 in the object is a bigint (src/util/json.ts).
      const before = stringifyJson(object);
      const after = stringifyJson(result);
      let msg = 'not labeled';
      if (before !== after) msg = !overwrite && after.length < before.length ? 'unlabeled' : 'labeled';
      if (resourceVersion && resourceVersion !== object.metadata.resourceVersion) throw conflictError(info.plural, info.group, object.metadata.name!);
      if (dryRun !== 'client') {
        const patchLabels: Record<string, string | null> = {};
        for (const [k, v] of Object.entries(set)) if (current[k] !== v) patchLabels[k] = v;
        for (const k of remove) if (k in current) patchLabels[k] = null;
        const metadata: Record<string, unknown> = {};
        if (Object.keys(patchLabels).length) metadata.labels = patchLabels;
        if (resourceVersion) metadata.resourceVersion = resourceVersion;
        if (Object.keys(metadata).length) {
          result = c.cluster.api.patch(info.kind, object.metadata.name!, { metadata }, 'merge', { namespace: object.metadata.namespace, dryRun: dryRun === 'server' });
        }
      }
      out.out(printTyped(result, msg, output, dryRun, false));
    } catch (e) {
      out.fail(e);
    }
  }
}
