// kubectl's output printers over objects of one resource type: human-readable tables (cli-runtime
// tableprinter decorateTable/printTable), `-o name`, `-o yaml`, `-o json`.
import type { KindInfo } from '../../apiserver/kinds';
import type { KubeObject } from '../../apiserver/types';
import { DEFAULT_TABLE, TABLES, formatLabels } from './tables';

export { formatTable, KUBECTL_TABWRITER, TABBED_STRING } from './tabwriter';
export { toYaml } from './yaml';
export { toJson, toCompactJson } from './json';
export { humanDuration, translateTimestampSince } from './duration';
export { jsonPath, jsonPathResults, jsonPathValues } from './jsonpath';

export interface TableOptions {
  /** `-o wide`: priority-1 columns too. */
  wide?: boolean;
  /** `-A`: a NAMESPACE column first. */
  withNamespace?: boolean;
  /** Several resource types requested: names print as `kind.group/name`. */
  withKind?: boolean;
  /** `--show-labels`: a LABELS column last. */
  showLabels?: boolean;
  /** `--no-headers`. */
  noHeaders?: boolean;
  /** `-L key1,key2`: a column per label key (header: the key's last segment, upper-cased). */
  labelColumns?: string[];
}

/** `replicaset.apps` / `pod`: strings.ToLower(GroupKind.String()). */
export function kindPrefix(info: KindInfo): string {
  return (info.group ? `${info.kind}.${info.group}` : info.kind).toLowerCase();
}

/**
 * The rows (header first unless noHeaders) of a table of objects of one kind, as kubectl's table
 * printer lays out the server's Table. No rows at all (not even a header) when `objs` is empty.
 */
export function tableRows(info: KindInfo, objs: readonly KubeObject[], now: number, opts: TableOptions = {}): string[][] {
  if (!objs.length) return [];
  const def = TABLES[info.kind] ?? DEFAULT_TABLE;
  // The API server always generates the wide cells; the client drops priority>0 columns.
  const keep = def.columns.map((c) => c.priority === 0 || !!opts.wide);
  const nameIdx = def.columns.findIndex((c) => c.name === 'Name');
  const prefix = opts.withKind ? kindPrefix(info) + '/' : '';
  const rows: string[][] = [];
  if (!opts.noHeaders) {
    const header: string[] = [];
    if (opts.withNamespace) header.push('NAMESPACE');
    def.columns.forEach((c, i) => keep[i] && header.push(c.name.toUpperCase()));
    for (const l of opts.labelColumns ?? []) header.push(l.split('/').pop()!.toUpperCase());
    if (opts.showLabels) header.push('LABELS');
    rows.push(header);
  }
  for (const obj of objs) {
    const cells = def.cells(obj, now, true);
    const row: string[] = [];
    if (opts.withNamespace) row.push(obj.metadata.namespace ?? '');
    for (let i = 0; i < def.columns.length; i++) {
      if (!keep[i]) continue;
      row.push(i === nameIdx ? prefix + (cells[i] ?? '') : (cells[i] ?? ''));
    }
    for (const l of opts.labelColumns ?? []) row.push(obj.metadata.labels?.[l] ?? '');
    if (opts.showLabels) row.push(formatLabels(obj.metadata.labels));
    rows.push(row);
  }
  return rows;
}

/** cli-runtime NamePrinter: `kind.group/name` (core kinds have no group suffix). */
export function resourceName(info: KindInfo, name: string): string {
  return `${kindPrefix(info)}/${name}`;
}

/** NamePrinter with an operation: `deployment.apps/x created`. */
export function nameLine(info: KindInfo, name: string, operation?: string): string {
  return operation ? `${resourceName(info, name)} ${operation}\n` : `${resourceName(info, name)}\n`;
}
