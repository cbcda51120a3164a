// One-line renderings of actions and selections, for default step names and failure messages.
import type { Action, ObjectAssertion, Pick } from './model';

function pickText(p: Pick): string {
  return p === 'all' ? '' : typeof p === 'number' ? ` (#${p} by age)` : ` (${p})`;
}

function ns(n: string): string {
  return n === 'default' ? '' : ` -n ${n}`;
}

/** `apply replicaset.yaml`, `scale ReplicaSet/3-replicaset to 5`, `wait 30s`... */
export function summarizeAction(a: Action): string {
  switch (a.type) {
    case 'apply':
    case 'create': {
      const s = a.source;
      if ('files' in s) return `${a.type} ${s.files.join(', ')}`;
      const objs = (s.objects ?? []) as { kind?: unknown; metadata?: { name?: unknown } }[];
      const first = objs[0];
      const what = first && typeof first === 'object' && typeof first.kind === 'string' ? ` (${first.kind}${typeof first.metadata?.name === 'string' ? ` ${first.metadata.name}` : ''}${objs.length > 1 ? ', ...' : ''})` : '';
      return `${a.type} inline manifest${what}`;
    }
    case 'delete':
      if (a.file) return `delete -f ${a.file}${a.cascade !== 'background' ? ` --cascade=${a.cascade}` : ''}`;
      return `delete ${a.kind}${a.name ? `/${a.name}` : ` -l ${a.selector}`}${pickText(a.pick)}${ns(a.namespace)}${a.cascade !== 'background' ? ` --cascade=${a.cascade}` : ''}`;
    case 'scale':
      return `scale ${a.kind}/${a.name} to ${a.replicas}${ns(a.namespace)}`;
    case 'setImage':
      return `set image ${a.kind}/${a.name} ${a.container}=${a.image}${ns(a.namespace)}`;
    case 'rollout':
      return `rollout ${a.action} ${a.kind}/${a.name}${a.toRevision !== undefined ? ` --to-revision=${a.toRevision}` : ''}${ns(a.namespace)}`;
    case 'kubectl':
      return a.command.trim().startsWith('kubectl') ? a.command.trim() : `kubectl ${a.command.trim()}`;
    case 'label': {
      const changes = [...Object.entries(a.set).map(([k, v]) => `${k}=${v}`), ...a.remove.map((k) => `${k}-`)].join(' ');
      return `label ${a.kind}${a.name ? `/${a.name}` : ` -l ${a.selector}`}${pickText(a.pick)} ${changes}${ns(a.namespace)}`;
    }
    case 'wait':
      return `wait ${a.text}`;
    case 'node': {
      const parts: string[] = [];
      if (a.ready !== undefined) parts.push(a.ready === 'unknown' ? 'unreachable' : a.ready ? 'ready' : 'not ready');
      if (a.unschedulable !== undefined) parts.push(a.unschedulable ? 'cordoned' : 'uncordoned');
      return `node ${a.name} ${parts.join(', ')}`;
    }
    case 'patch':
      return `patch ${a.kind}/${a.name} (${a.patchType})${ns(a.namespace)}`;
  }
}

/** `Pod selector=app=nginx`, `Deployment nginx`, `Pod selector=app=x fieldSelector=spec.nodeName=w0 in ns kube-system`. */
export function describeSelection(a: ObjectAssertion): string {
  const parts = [a.kind];
  if (a.name) parts.push(a.name);
  if (a.selector !== undefined) parts.push(`selector=${a.selector}`);
  if (a.fieldSelector) parts.push(`fieldSelector=${a.fieldSelector}`);
  if (a.namespace !== 'default') parts.push(a.namespace === '*' ? 'in all namespaces' : `in namespace ${a.namespace}`);
  if (a.where) parts.push(`where ${flow(a.where)}`);
  return parts.join(' ');
}

/** Compact flow-style rendering of a small value: `{spec: {replicas: 3}}`. */
export function flow(v: unknown, depth = 0): string {
  if (depth > 6) return '...';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map((x) => flow(x, depth + 1)).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v as object).map(([k, x]) => `${k}: ${flow(x, depth + 1)}`).join(', ')}}`;
  if (typeof v === 'string') return /^[\w./:@-]+$/.test(v) && !/^(true|false|null|\d[\d.]*)$/.test(v) ? v : JSON.stringify(v);
  return String(v);
}

export function plural(kind: string, n: number): string {
  if (n === 1 || kind === 'Endpoints') return kind;
  return kind.endsWith('s') ? `${kind}es` : `${kind}s`;
}
