// meta.k8s.io/v1 Table answers (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`), what
// `kubectl get` asks for: columns and cells from the kubectl emulation's printers (the one source of
// cells, so the emulation and serve cannot drift apart), rows carrying the object's metadata
// (includeObject=Metadata, the default), the whole object (Object) or nothing (None).
import type { KubeObject } from '../../apiserver/types';
import { DEFAULT_TABLE, TABLES } from '../../kubectl/printers/tables';
import { badRequest } from '../http/status';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** Column types as upstream's printers declare them (pkg/printers/internalversion/printers.go). */
const INTEGER_COLUMNS: Record<string, string[]> = { ReplicaSet: ['Desired', 'Current', 'Ready'], Deployment: ['Up-to-date', 'Available'], DaemonSet: ['Desired', 'Current', 'Ready', 'Up-to-date', 'Available'], Event: ['Count'] };

export function includeObjectParam(value: string | null): IncludeObject {
  if (value === null || value === '' || value === 'Metadata') return 'Metadata';
  if (value === 'Object' || value === 'None') return value;
  throw badRequest(`unrecognized includeObject value: "${value}"`);
}

/** Does the Accept header ask for a Table first? */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  const first = accept.split(',')[0];
  return /;\s*as=Table/.test(first) && /;\s*g=meta\.k8s\.io/.test(first);
}

function columnDefinitions(kind: string): object[] {
  const def = TABLES[kind] ?? DEFAULT_TABLE;
  return def.columns.map((c) => ({
    name: c.name,
    type: INTEGER_COLUMNS[kind]?.includes(c.name) ? 'integer' : 'string',
    format: c.name === 'Name' ? 'name' : '',
    description: '',
    priority: c.priority,
  }));
}

function rowObject(obj: KubeObject, include: IncludeObject): object | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

function row(kind: string, obj: KubeObject, now: number, include: IncludeObject): object {
  const def = TABLES[kind] ?? DEFAULT_TABLE;
  const cells: unknown[] = def.cells(obj, now, true);
  const r: Record<string, unknown> = { cells };
  const o = rowObject(obj, include);
  if (o) r.object = o;
  return r;
}

export function toTable(kind: string, objs: readonly KubeObject[], now: number, include: IncludeObject, listMeta: Record<string, unknown>, headers = true): object {
  const t: Record<string, unknown> = { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: listMeta };
  if (headers) t.columnDefinitions = columnDefinitions(kind);
  t.rows = objs.map((o) => row(kind, o, now, include));
  return t;
}
