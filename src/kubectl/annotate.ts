// `kubectl annotate`: add (`k=v`), overwrite (`--overwrite`, refused without it unless the value is
// the same), remove (`k-`) annotations on objects by name, `-l`, `--all` or `-f`, `--list`,
// `--resource-version`, `--dry-run`, `-o`; each change sent as a merge patch of the metadata, as
// kubectl 1.32's annotate.go does, and printed `deployment.apps/x annotated`.
import type { KubeObject } from '../apiserver/types';
import { conflictError } from '../apiserver/errors';
import { deepClone } from '../util/clone';
import { checkOutput, dryRunOf, printTyped } from './generated';
import { KubectlError, Output, type OpResult, guarded } from './resources';
import { findObjects } from './targets';
import type { VerbContext } from './verbs-objects';

/** The `kubernetes.io/change-cause` annotation may always be overwritten. */
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** cmdutil.GetResourcesAndPairs: resources first, then `k=v` / `k-` pairs. */
export function resourcesAndPairs(args: string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  let first = true;
  for (const a of args) {
    if (a.includes('=') || a.endsWith('-')) {
      first = false;
      pairs.push(a);
    } else {
      if (!first) throw new KubectlError(`all resources must be specified before ${pairType} changes: ${a}`);
      resources.push(a);
    }
  }
  return { resources, pairs };
}

export function annotateCommand(c: VerbContext): OpResult {
  return guarded((out) => annotate(c, out));
}

function annotate(c: VerbContext, out: Output): void {
  const fl = c.cmd.flags;
  const str = (n: string) => String(fl[n] ?? '');
  const bool = (n: string) => fl[n] === true;
  const files = (fl.filename as string[] | undefined) ?? [];
  // Complete
  const output = str('output');
  checkOutput(output);
  const dryRun = dryRunOf(str('dry-run'));
  const { resources, pairs } = resourcesAndPairs(c.cmd.args, 'annotation');
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i >= 0) {
      // parseAnnotations: an empty key is no update at all.
      if (i === 0) continue;
      set[p.slice(0, i)] = p.slice(i + 1);
    } else remove.push(p.slice(0, -1));
  }
  const both = remove.filter((k) => k in set);
  if (both.length) throw new KubectlError(`can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);
  // Validate
  if (bool('all') && str('selector')) throw new KubectlError('cannot set --all and --selector at the same time');
  if (bool('all') && str('field-selector')) throw new KubectlError('cannot set --all and --field-selector at the same time');
  if (!bool('local') && !resources.length && !files.length) throw new KubectlError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (!Object.keys(set).length && !remove.length && !bool('list')) throw new KubectlError('at least one annotation update is required');
  if (bool('local')) throw new KubectlError("kubespec's kubectl emulation does not support annotate --local");
  const found = findObjects(c, {
    args: resources,
    files,
    selector: str('selector') || undefined,
    fieldSelector: str('field-selector') || undefined,
    all: bool('all'),
    allNamespaces: bool('all-namespaces'),
  });
  const resourceVersion = str('resource-version');
  for (const f of found) {
    if (!f.ok) {
      out.fail(f.error);
      continue;
    }
    try {
      const { info, object } = f;
      const current = object.metadata.annotations ?? {};
      if (bool('list')) {
        // The annotations with the command's changes made (nothing is sent). Deliberate difference:
        // kubectl walks a Go map, in an order that changes from run to run; this keeps the object's.
        const listed: Record<string, string> = { ...current, ...set };
        for (const k of remove) delete listed[k];
        for (const [k, v] of Object.entries(listed)) out.out(`${k}=${v}\n`);
        continue;
      }
      if (!bool('overwrite')) {
        const taken = Object.entries(set)
          .filter(([k, v]) => k !== CHANGE_CAUSE && k in current && current[k] !== v)
          .map(([k]) => `'${k}' already has a value (${current[k]})`);
        if (taken.length) throw new KubectlError(`--overwrite is false but found the following declared annotation(s): ${taken.join('; ')}`);
      }
      const annotations: Record<string, string> = { ...current, ...set };
      for (const k of remove) delete annotations[k];
      let result: KubeObject = deepClone(object);
      result.metadata.annotations = annotations;
      if (!Object.keys(annotations).length) delete result.metadata.annotations;
      // The server's optimistic concurrency on the patch's resourceVersion.
      if (resourceVersion && resourceVersion !== object.metadata.resourceVersion) throw conflictError(info.plural, info.group, object.metadata.name!);
      if (dryRun !== 'client') {
        // The two-way merge patch of the metadata kubectl sends: changed keys, removed ones as null.
        const patchAnnotations: Record<string, string | null> = { ...set };
        for (const k of remove) if (k in current) patchAnnotations[k] = null;
        const metadata: Record<string, unknown> = {};
        if (Object.keys(patchAnnotations).length) metadata.annotations = patchAnnotations;
        if (resourceVersion) metadata.resourceVersion = resourceVersion;
        result = c.cluster.api.patch(info.kind, object.metadata.name!, { metadata }, 'merge', { namespace: object.metadata.namespace, dryRun: dryRun === 'server' });
      }
      out.out(printTyped(result, 'annotated', output, dryRun, false));
    } catch (e) {
      out.fail(e);
    }
  }
}
