// One-line renderings of actions and selections, for default step names and failure messages.
import type { Action, ObjectAssertion, Pick } from './model';
import { msg } from '../i18n';
import { specMessages as t } from '../i18n/messages/spec';

/** ` (oldest)`, ` (#2 by age)`, or nothing for `all`. */
export function pickText(p: Pick): string {
  return p === 'all' ? '' : typeof p === 'number' ? msg(t.pickByAge, { n: p }) : p === 'oldest' ? msg(t.pickOldest) : p === 'newest' ? msg(t.pickNewest) : ` (${p})`;
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
      if ('files' in s) return msg(a.type === 'apply' ? t.actApplyFiles : t.actCreateFiles, { files: s.files.join(', ') });
      const objs = (s.objects ?? []) as { kind?: unknown; metadata?: { name?: unknown } }[];
      const first = objs[0];
      const what = first && typeof first === 'object' && typeof first.kind === 'string' ? ` (${first.kind}${typeof first.metadata?.name === 'string' ? ` ${first.metadata.name}` : ''}${objs.length > 1 ? ', ...' : ''})` : '';
      return msg(a.type === 'apply' ? t.actApplyInline : t.actCreateInline, { what });
    }
    case 'delete': {
      const cascade = a.cascade !== 'background' ? ` --cascade=${a.cascade}` : '';
      if (a.file) return msg(t.actDeleteFile, { file: a.file, cascade });
      return msg(t.actDelete, { target: `${a.kind}${a.name ? `/${a.name}` : ` -l ${a.selector}`}`, pick: pickText(a.pick), ns: ns(a.namespace), cascade });
    }
    case 'scale':
      return msg(t.actScale, { target: `${a.kind}/${a.name}`, replicas: a.replicas, ns: ns(a.namespace) });
    case 'setImage':
      return msg(t.actSetImage, { target: `${a.kind}/${a.name}`, change: `${a.container}=${a.image}`, ns: ns(a.namespace) });
    case 'rollout':
      return msg(t.actRollout, { action: a.action, target: `${a.kind}/${a.name}`, revision: a.toRevision !== undefined ? ` --to-revision=${a.toRevision}` : '', ns: ns(a.namespace) });
    case 'kubectl':
      return a.command.trim().startsWith('kubectl') ? a.command.trim() : `kubectl ${a.command.trim()}`;
    case 'label': {
      const changes = [...Object.entries(a.set).map(([k, v]) => `${k}=${v}`), ...a.remove.map((k) => `${k}-`)].join(' ');
      return msg(t.actLabel, { target: `${a.kind}${a.name ? `/${a.name}` : ` -l ${a.selector}`}`, pick: pickText(a.pick), changes, ns: ns(a.namespace) });
    }
    case 'wait':
      return msg(t.actWait, { time: a.text });
    case 'node': {
      const parts: string[] = [];
      if (a.ready !== undefined) parts.push(msg(a.ready === 'unknown' ? t.nodeUnreachable : a.ready ? t.nodeReady : t.nodeNotReady));
      if (a.unschedulable !== undefined) parts.push(msg(a.unschedulable ? t.nodeCordoned : t.nodeUncordoned));
      return msg(t.actNode, { name: a.name, changes: parts.join(', ') });
    }
    case 'patch':
      return msg(t.actPatch, { target: `${a.kind}/${a.name}`, type: a.patchType, ns: ns(a.namespace) });
  }
}

/** `Pod selector=app=nginx`, `Deployment nginx`, `Pod selector=app=x fieldSelector=spec.nodeName=w0 in ns kube-system`. */
export function describeSelection(a: ObjectAssertion): string {
  const parts = [a.kind];
  if (a.name) parts.push(a.name);
  if (a.selector !== undefined) parts.push(`selector=${a.selector}`);
  if (a.fieldSelector) parts.push(`fieldSelector=${a.fieldSelector}`);
  if (a.namespace !== 'default') parts.push(a.namespace === '*' ? msg(t.inAllNamespaces) : msg(t.inNamespace, { ns: a.namespace }));
  if (a.where) parts.push(msg(t.whereClause, { where: flow(a.where) }));
  if (a.pick !== undefined && a.pick !== 'all') parts.push(pickText(a.pick).trim());
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
