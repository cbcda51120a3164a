// Field selectors (`spec.nodeName=worker0,status.phase!=Running`), as kubectl passes them.
// Upstream supports a fixed set of fields per kind; here any dotted path is accepted, which is a
// superset of what the real API server accepts (it rejects unsupported fields with BadRequest).
import type { KubeObject } from './types';

export interface FieldRequirement {
  path: string[];
  op: '=' | '!=';
  value: string;
}

export class FieldSelectorParseError extends Error {}

export function parseFieldSelector(text: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9_.\-/]+)\s*(==|!=|=)\s*(.*)$/.exec(part);
    if (!m) throw new FieldSelectorParseError(`invalid selector: '${text}'; can't understand '${part}'`);
    out.push({ path: m[1].split('.'), op: m[2] === '!=' ? '!=' : '=', value: m[3] });
  }
  return out;
}

function valueAt(obj: unknown, path: string[]): string {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[p];
  }
  if (cur === undefined || cur === null) return '';
  return typeof cur === 'object' ? JSON.stringify(cur) : String(cur);
}

export function fieldsMatch(reqs: FieldRequirement[], obj: KubeObject): boolean {
  for (const r of reqs) {
    const v = valueAt(obj, r.path);
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
