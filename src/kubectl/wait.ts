// `kubectl wait` in the emulation, as pkg/cmd/wait does it: --for=delete, --for=create,
// --for=condition=NAME[=VALUE], --for=jsonpath={EXPR}[=VALUE], each object in turn with --timeout,
// the time passing in simulated time (the cluster runs while the command waits).
import { StatusError } from '../apiserver/errors';
import type { KindInfo } from '../apiserver/kinds';
import type { KubeObject } from '../apiserver/types';
import { KubectlError, Output, parseResourceArgs, selectObjects, type OpResult } from './resources';
import { durationMs, waitFor } from './sim-time';
import type { VerbContext } from './verbs';

type Condition =
  | { type: 'delete' }
  | { type: 'create' }
  | { type: 'condition'; name: string; value: string }
  | { type: 'jsonpath'; expr: string; value?: string };


/** wait.go conditionFuncFor: what `--for` asks. */
function parseFor(text: string): Condition {
  const lower = text.toLowerCase();
  if (lower === 'delete') return { type: 'delete' };
  if (lower === 'create') return { type: 'create' };
  if (lower.startsWith('condition=')) {
    const rest = text.slice('condition='.length);
    const eq = rest.indexOf('=');
    if (eq < 0) return { type: 'condition', name: rest, value: 'true' };
    return { type: 'condition', name: rest.slice(0, eq), value: rest.slice(eq + 1) };
  }
  if (lower.startsWith('jsonpath=')) {
    const rest = text.slice('jsonpath='.length);
    // The expression is `{...}` (braces balanced); an `=VALUE` may follow it.
    let depth = 0;
    let end = -1;
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '{') depth++;
      else if (rest[i] === '}' && --depth === 0) {
        end = i;
        break;
      }
    }
    const expr = end >= 0 ? rest.slice(0, end + 1) : rest.split('=')[0];
    const tail = rest.slice(expr.length);
    if (!expr || (tail && !tail.startsWith('='))) throw new KubectlError(`unrecognized condition: ${JSON.stringify(text)}`);
    if (tail === '=') throw new KubectlError('jsonpath wait value cannot be empty');
    return { type: 'jsonpath', expr: expr.startsWith('{') ? expr : `{${expr}}`, ...(tail ? { value: tail.slice(1) } : {}) };
  }
  throw new KubectlError(`unrecognized condition: ${JSON.stringify(text)}`);
}

/** Whether the object as it stands meets the condition (condition types compare case-insensitively). */
function met(obj: KubeObject, c: Condition): boolean {
  if (c.type === 'condition') {
    const cond = (obj.status?.conditions ?? []).find((x: any) => String(x.type).toLowerCase() === c.name.toLowerCase());
    if (!cond) return false;
    if (cond.observedGeneration !== undefined && obj.metadata.generation !== undefined && cond.observedGeneration !== obj.metadata.generation) return false;
    return String(cond.status).toLowerCase() === c.value.toLowerCase();
  }
  if (c.type === 'jsonpath') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { jsonPathValues } = require('./printers') as typeof import('./printers');
    let values: string[];
    try {
      values = jsonPathValues(c.expr, obj);
    } catch {
      return false;
    }
    if (c.value === undefined) return values.length > 0;
    return values.length === 1 && values[0] === c.value;
  }
  return true;
}

/** `kubectl wait TYPE/NAME --for=...`. */
export function waitCommand(ctx: VerbContext): OpResult {
  const out = new Output();
  try {
    const { cmd, cluster } = ctx;
    const forText = String(cmd.flags.for ?? '');
    if (!forText) throw new KubectlError(`unrecognized condition: ""`);
    const cond = parseFor(forText);
    const timeoutMs = durationMs(String(cmd.flags.timeout ?? '30s'));
    const selector = String(cmd.flags.selector ?? '') || undefined;
    const fieldSelector = String(cmd.flags['field-selector'] ?? '') || undefined;
    const all = cmd.flags.all === true;
    if (!cmd.args.length) throw new KubectlError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    const groups = parseResourceArgs(cmd.args);
    if (groups.some((g) => !g.names) && !selector && !fieldSelector && !all) throw new KubectlError('resource(s) were provided, but no name was specified');
    const items: { info: KindInfo; name: string; namespace?: string; object?: KubeObject }[] = [];
    for (const g of groups) {
      const ns = g.info.namespaced ? ctx.namespace : undefined;
      if (g.names) {
        for (const name of g.names) items.push({ info: g.info, name, namespace: ns, object: cluster.api.get(g.info.kind, name, ns) });
      } else {
        const { objects } = selectObjects(cluster.api, g, { namespace: ctx.namespace, allNamespaces: cmd.flags['all-namespaces'] === true, labelSelector: selector, fieldSelector });
        for (const o of objects) items.push({ info: g.info, name: o.metadata.name!, namespace: o.metadata.namespace, object: o });
      }
    }
    if (!items.length && cond.type !== 'create') throw new KubectlError('no matching resources found');
    // One deadline for the whole command (RunWait's context), not one per object. --timeout=0
    // checks once (a millisecond of simulated time); a negative one waits (here: an hour at most).
    const deadline = cluster.clock.now() + timeoutMs;
    const left = () => (timeoutMs === 0 ? 1 : timeoutMs < 0 ? 0 : Math.max(1, deadline - cluster.clock.now()));
    for (const it of items) {
      const label = `${(it.info.group ? `${it.info.kind}.${it.info.group}` : it.info.kind).toLowerCase()}/${it.name}`;
      const current = () => cluster.api.get(it.info.kind, it.name, it.namespace);
      if (cond.type === 'delete') {
        if (!it.object) continue;
        const uid = it.object.metadata.uid;
        const ok = waitFor(cluster, left(), () => current()?.metadata.uid !== uid);
        if (!ok) throw new KubectlError(`timed out waiting for the condition on ${it.info.plural}/${it.name}`);
        out.out(`${label} condition met\n`);
        continue;
      }
      if (!it.object && cond.type !== 'create') {
        out.fail(new StatusError('NotFound', `${it.info.group ? `${it.info.plural}.${it.info.group}` : it.info.plural} ${JSON.stringify(it.name)} not found`));
        continue;
      }
      const ok = waitFor(cluster, left(), () => {
        const o = current();
        return !!o && met(o, cond);
      });
      if (!ok) throw new KubectlError(`timed out waiting for the condition on ${it.info.plural}/${it.name}`);
      out.out(`${label} condition met\n`);
    }
  } catch (e) {
    out.fail(e);
  }
  return out.result();
}
