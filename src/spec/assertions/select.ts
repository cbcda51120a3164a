// Selection of objects for an assertion or an action: kind + name | label selector, field selector,
// namespace (`*` for all), then `where` (a partial object narrowing the selection).
import type { ClusterApi } from '../../cluster/backend';
import { kindInfo } from '../../apiserver/kinds';
import { matches as labelsMatch, parseSelector } from '../../apiserver/labels';
import { fieldsMatch, parseFieldSelector } from '../../apiserver/fields';
import type { KubeObject } from '../../apiserver/types';
import { parseTime } from '../../util/clock';
import { matches } from './match';
import type { Selection } from '../model';
import { msg } from '../../i18n';
import { specMessages as t } from '../../i18n/messages/spec';

export type { Selection };

/** The objects selected, and (when `where` narrowed it) the selection before `where`. */
export function selectObjects(api: ClusterApi, s: Selection): { selected: KubeObject[]; beforeWhere: KubeObject[] } {
  const info = kindInfo(s.kind);
  if (!info) throw new Error(`unknown kind ${s.kind}`);
  const ns = info.namespaced && s.namespace !== '*' ? s.namespace : undefined;
  let objs: KubeObject[];
  if (s.name !== undefined && ns !== undefined) {
    const one = api.get(info.kind, s.name, ns);
    objs = one ? [one] : [];
    if (s.selector !== undefined) objs = objs.filter((o) => labelsMatch(parseSelector(s.selector!), o.metadata.labels));
    if (s.fieldSelector) objs = objs.filter((o) => fieldsMatch(parseFieldSelector(s.fieldSelector!), o));
  } else if (s.name !== undefined && !info.namespaced) {
    const one = api.get(info.kind, s.name);
    objs = one ? [one] : [];
    if (s.selector !== undefined) objs = objs.filter((o) => labelsMatch(parseSelector(s.selector!), o.metadata.labels));
    if (s.fieldSelector) objs = objs.filter((o) => fieldsMatch(parseFieldSelector(s.fieldSelector!), o));
  } else {
    objs = api.list(info.kind, { namespace: ns, labelSelector: s.selector, fieldSelector: s.fieldSelector });
    if (s.name !== undefined) objs = objs.filter((o) => o.metadata.name === s.name);
  }
  if (!s.where) return { selected: objs, beforeWhere: objs };
  return { selected: objs.filter((o) => matches(s.where, o)), beforeWhere: objs };
}

/** A selection prepared for testing one object at a time (for incremental checks). */
export interface PreparedSelection {
  /** Whether `o` (of the selection's kind) is selected. */
  test(o: KubeObject): boolean;
}

export function prepareSelection(s: Selection): PreparedSelection {
  const info = kindInfo(s.kind);
  if (!info) throw new Error(`unknown kind ${s.kind}`);
  const ns = info.namespaced && s.namespace !== '*' ? s.namespace : undefined;
  const sel = s.selector !== undefined ? parseSelector(s.selector) : undefined;
  const fsel = s.fieldSelector ? parseFieldSelector(s.fieldSelector) : undefined;
  return {
    test(o: KubeObject): boolean {
      if (ns !== undefined && o.metadata.namespace !== ns) return false;
      if (s.name !== undefined && o.metadata.name !== s.name) return false;
      if (sel && !labelsMatch(sel, o.metadata.labels)) return false;
      if (fsel && fsel.length && !fieldsMatch(fsel, o)) return false;
      return !s.where || matches(s.where, o);
    },
  };
}

/** Sorted by creation (creationTimestamp, then name, as the timestamps have second precision). */
export function byCreation(objs: readonly KubeObject[]): KubeObject[] {
  return [...objs].sort((a, b) => {
    const d = parseTime(a.metadata.creationTimestamp) - parseTime(b.metadata.creationTimestamp);
    if (d) return d;
    const an = a.metadata.name ?? '';
    const bn = b.metadata.name ?? '';
    return an < bn ? -1 : an > bn ? 1 : 0;
  });
}

/** `Pod/nginx-abc12` (`Pod/kube-system/x` outside `default`). */
export function objectName(o: KubeObject): string {
  const ns = o.metadata.namespace;
  return ns && ns !== 'default' ? `${o.kind}/${ns}/${o.metadata.name}` : `${o.kind}/${o.metadata.name}`;
}

/** `a, b, c and 7 more` */
export function nameList(objs: readonly KubeObject[], max = 10): string {
  const names = objs.slice(0, max).map((o) => (o.metadata.namespace && o.metadata.namespace !== 'default' ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name));
  return objs.length > max ? msg(t.andMoreNames, { names: names.join(', '), n: objs.length - max }) : names.join(', ');
}
