// `delete`, as `kubectl delete` does it: by name, by selector (with `pick`), or every object of a
// manifest file; `cascade` maps to the propagation policy (kubectl --cascade=background|foreground|orphan).
import type { PropagationPolicy } from '../../apiserver/apiserver';
import type { KubeObject } from '../../apiserver/types';
import type { KindInfo } from '../../apiserver/kinds';
import type { Action } from '../model';
import { isActionFailure, renderError, type ActionContext, type ActionOutcome } from './context';
import { parseManifest, readManifestFiles } from './manifests';
import { singularQuoted } from './names';
import { resolveTarget } from './target';

const POLICY: Record<string, PropagationPolicy> = { background: 'Background', foreground: 'Foreground', orphan: 'Orphan' };

export function deleteAction(a: Extract<Action, { type: 'delete' }>, ctx: ActionContext): ActionOutcome {
  const api = ctx.cluster.api;
  const opts = { propagationPolicy: POLICY[a.cascade], ...(a.gracePeriod !== undefined ? { gracePeriodSeconds: a.gracePeriod } : {}) };
  const lines: string[] = [];
  const errors: string[] = [];
  const del = (info: KindInfo, o: { name: string; namespace?: string }, source?: string) => {
    try {
      api.delete(info.kind, o.name, { ...opts, namespace: o.namespace });
      lines.push(`${singularQuoted(info, o.name)} deleted`);
    } catch (e) {
      if (!isActionFailure(e)) throw e;
      errors.push(renderError(e, 'deleting', source));
    }
  };
  if (a.file) {
    for (const f of readManifestFiles([a.file], ctx)) {
      for (const m of parseManifest(f.text, f.display)) {
        const name = m.object.metadata?.name;
        if (typeof name !== 'string' || !name) {
          errors.push(`error: ${f.display}: a ${m.info.kind} without metadata.name cannot be deleted by file`);
          continue;
        }
        del(m.info, { name, namespace: m.info.namespaced ? (m.object.metadata?.namespace ?? 'default') : undefined }, f.display);
      }
    }
  } else {
    const { info, objects } = resolveTarget(api, { kind: a.kind!, name: a.name, selector: a.selector, pick: a.pick, namespace: a.namespace });
    if (!objects.length) return { output: `No resources found${info.namespaced ? ` in ${a.namespace} namespace` : ''}.` };
    for (const o of objects as KubeObject[]) del(info, { name: o.metadata.name!, namespace: o.metadata.namespace });
  }
  return { output: lines.join('\n'), ...(errors.length ? { error: errors.join('\n') } : {}) };
}
