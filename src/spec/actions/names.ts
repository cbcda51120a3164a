// How kubectl names an object in its output (cli-runtime NamePrinter): `deployment.apps/x`, `pod/x`.
import type { KindInfo } from '../../apiserver/kinds';

export function nameOf(info: KindInfo, name: string): string {
  return `${info.singular}${info.group ? `.${info.group}` : ''}/${name}`;
}
