// How kubectl names objects in its output: `deployment.apps/x` (NamePrinter), `deployments.apps "x"`.
import type { KindInfo } from '../../apiserver/kinds';

/** `deployment.apps/x`, `pod/x` */
export function nameOf(info: KindInfo, name: string): string {
  return `${info.singular}${info.group ? `.${info.group}` : ''}/${name}`;
}

/** `deployments.apps "x"`, `pods "x"` */
export function quotedName(info: KindInfo, name: string): string {
  return `${info.plural}${info.group ? `.${info.group}` : ''} ${JSON.stringify(name)}`;
}

/** `deployment.apps "x"` (kubectl delete's "deleted" line). */
export function singularQuoted(info: KindInfo, name: string): string {
  return `${info.singular}${info.group ? `.${info.group}` : ''} ${JSON.stringify(name)}`;
}
