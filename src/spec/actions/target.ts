// The objects an action works on: `kind` + `name`, or `kind` + `selector` narrowed by `pick`
// (`all`, `oldest`, `newest`, or an index into the matches sorted by creation).
import type { ClusterApi } from '../../cluster/backend';
import { kindInfo, type KindInfo } from '../../apiserver/kinds';
import { notFoundError } from '../../apiserver/errors';
import type { KubeObject } from '../../apiserver/types';
import type { Pick } from '../model';
import { byCreation } from '../assertions/select';
import { ActionError } from './context';
import { plural } from '../summary';
import { msg } from '../../i18n';
import { specMessages as s } from '../../i18n/messages/spec';

export interface Target {
  kind: string;
  name?: string;
  selector?: string;
  pick?: Pick;
  namespace: string;
}

export function infoOf(kind: string): KindInfo {
  const info = kindInfo(kind);
  if (!info) throw new ActionError(`the server doesn't have a resource type ${JSON.stringify(kind)}`);
  return info;
}

/** The objects of a target. A missing name is NotFound; a selector may match nothing (unless a pick needs one). */
export function resolveTarget(api: ClusterApi, t: Target): { info: KindInfo; objects: KubeObject[] } {
  const info = infoOf(t.kind);
  const ns = info.namespaced ? t.namespace : undefined;
  if (t.name !== undefined) {
    const obj = api.get(info.kind, t.name, ns);
    if (!obj) throw notFoundError(info.plural, info.group, t.name);
    return { info, objects: [obj] };
  }
  const matched = byCreation(api.list(info.kind, { namespace: ns, labelSelector: t.selector ?? '' }));
  const pick = t.pick ?? 'all';
  if (pick === 'all') return { info, objects: matched };
  const selector = JSON.stringify(t.selector ?? '');
  const inNs = ns && ns !== 'default' ? msg(s.pickInNamespace, { ns }) : '';
  const which = typeof pick === 'number' ? `#${pick}` : msg(pick === 'oldest' ? s.pickTheOldest : s.pickTheNewest);
  if (!matched.length) throw new ActionError(msg(s.pickNone, { which, kinds: plural(info.kind, 2), kind: info.kind, selector, ns: inNs }));
  if (pick === 'oldest') return { info, objects: [matched[0]] };
  if (pick === 'newest') return { info, objects: [matched[matched.length - 1]] };
  if (pick >= matched.length) throw new ActionError(msg(s.pickTooFew, { which, n: matched.length, kinds: plural(info.kind, 2), kind: info.kind, selector, ns: inNs }));
  return { info, objects: [matched[pick]] };
}
