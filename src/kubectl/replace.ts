// `kubectl replace -f FILE` (PUT of each manifest object, `deployment.apps/x replaced`) and
// `--force` (each object deleted, waited for in simulated time, then created again), with
// --dry-run, -o and --save-config, as kubectl 1.32's replace.go does.
import type { KubeObject } from '../apiserver/types';
import { StatusError } from '../apiserver/errors';
import { deepClone } from '../util/clone';
import { modifiedConfiguration } from './apply';
import { checkOutput, dryRunOf, printTyped } from './generated';
import { KubectlError, KUSTOMIZE_REFUSED, Output, addSourceToErr, manifestKind, objectNamespace, type OpResult, guarded } from './resources';
import { readManifests } from './targets';
import type { VerbContext } from './verbs-objects';

export function replaceCommand(c: VerbContext): OpResult {
  return guarded((out) => replace(c, out));
}

function replace(c: VerbContext, out: Output): void {
  const fl = c.cmd.flags;
  const str = (n: string) => String(fl[n] ?? '');
  const files = (fl.filename as string[] | undefined) ?? [];
  const output = str('output');
  checkOutput(output);
  const dryRun = dryRunOf(str('dry-run'));
  if (str('kustomize')) throw new KubectlError(KUSTOMIZE_REFUSED);
  if (!files.length) throw new KubectlError('must specify one of -f and -k');
  if (fl.raw) throw new KubectlError("kubespec's kubectl emulation does not support replace --raw");
  const force = fl.force === true;
  if (force && dryRun !== 'none') throw new KubectlError('--dry-run can not be used when --force is set');
  const api = c.cluster.api;
  const objects = readManifests(c, files).map((so) => {
    const info = manifestKind(so, c.namespace);
    const ns = objectNamespace(so, info, c.namespace, c.explicitNamespace);
    let obj: KubeObject = deepClone(so.object);
    obj.metadata = obj.metadata ?? {};
    if (ns) obj.metadata.namespace = ns;
    if (fl['save-config'] === true) obj = modifiedConfiguration(obj).modified;
    return { info, obj, source: so.source };
  });
  if (force) {
    // forceReplace: delete what exists (NotFound ignored), wait until it is gone, create all.
    const waiting: { kind: string; name: string; ns?: string }[] = [];
    for (const { info, obj } of objects) {
      const name = obj.metadata.name ?? '';
      try {
        api.delete(info.kind, name, { namespace: obj.metadata.namespace, propagationPolicy: 'Background' });
        out.out(`${info.group ? `${info.singular}.${info.group}` : info.singular} ${JSON.stringify(name)} deleted\n`);
        waiting.push({ kind: info.kind, name, ns: obj.metadata.namespace });
      } catch (e) {
        if (!(e instanceof StatusError && e.reason === 'NotFound')) out.fail(e);
      }
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { waitFor, durationMs } = require('./sim-time') as typeof import('./sim-time');
    const gone = waitFor(c.cluster, durationMs(str('timeout')), () => waiting.every((w) => !api.get(w.kind, w.name, w.ns)));
    if (!gone) throw new KubectlError('timed out waiting for the condition');
    for (const { obj, source } of objects) {
      try {
        delete obj.metadata.resourceVersion;
        const created = api.create(obj);
        out.out(printTyped(created, 'replaced', output, dryRun, false));
      } catch (e) {
        out.fail(addSourceToErr('creating', source, e), source);
      }
    }
    return;
  }
  for (const { info, obj, source } of objects) {
    try {
      if (dryRun === 'client') {
        out.out(printTyped(obj, 'replaced', output, dryRun, false));
        continue;
      }
      const name = obj.metadata.name ?? '';
      const live = api.get(info.kind, name, obj.metadata.namespace);
      if (!live) throw new StatusError('NotFound', `${info.group ? `${info.plural}.${info.group}` : info.plural} ${JSON.stringify(name)} not found`, [], undefined, name);
      let result: KubeObject;
      try {
        result = api.update(obj, { dryRun: dryRun === 'server' });
      } catch (e) {
        throw addSourceToErr('replacing', source, e);
      }
      out.out(printTyped(result, 'replaced', output, dryRun, false));
    } catch (e) {
      out.fail(e instanceof StatusError && e.reason === 'NotFound' && !e.message.startsWith('error when') ? addSourceToErr('replacing', source, e) : e, source);
    }
  }
}
