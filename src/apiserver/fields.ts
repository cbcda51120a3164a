// Field selectors (`spec.nodeName=worker0,status.phase!=Running`): fields.ParseSelector
// (k8s.io/apimachinery/pkg/fields/selector.go) with its escapes and error texts, and the field
// labels each kind supports at the API server (its registry's selectable fields and the field label
// conversion funcs of pkg/apis/core/v1 and pkg/apis/apps/v1 conversion.go): anything else is
// `field label not supported: <label>`.
import type { KubeObject } from './types';

export interface FieldRequirement {
  path: string[];
  op: '=' | '!=';
  value: string;
}

export class FieldSelectorParseError extends Error {}

/** splitTerms: split on commas not escaped by a backslash (the backslash stays in the term). */
function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

/** splitTerm: at the first position where `!=`, `==` or `=` starts (tried in that order). */
function splitTerm(term: string): { lhs: string; op: '!=' | '==' | '='; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

/** UnescapeValue: `\\`, `\,` and `\=` are the escapes; an unescaped `,` or `=` is an error (%v of the rune: its code). */
function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') throw new FieldSelectorParseError(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') throw new FieldSelectorParseError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new FieldSelectorParseError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/**
 * fields.ParseSelector: terms sorted (as parseSelector sorts them, so the first bad one in that
 * order is reported), empty terms skipped, the field as written (no trimming: `a = b` is the field
 * `a ` and the value ` b`).
 */
export function parseFieldSelector(text: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  const parts = splitTerms(text).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const part of parts) {
    if (part === '') continue;
    const t = splitTerm(part);
    if (!t) throw new FieldSelectorParseError(`invalid selector: '${text}'; can't understand '${part}'`);
    out.push({ path: t.lhs.split('.'), op: t.op === '!=' ? '!=' : '=', value: unescapeValue(t.rhs) });
  }
  return out;
}

function valueAt(obj: unknown, path: string[]): string {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = Object.prototype.hasOwnProperty.call(cur, p) ? (cur as Record<string, unknown>)[p] : undefined;
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

// ---- the field labels each kind supports --------------------------------------------------------

const META = ['metadata.name', 'metadata.namespace'];

/** Per kind; a kind not listed supports metadata.name and metadata.namespace (DefaultMetaV1FieldSelectorConversion). */
export const SUPPORTED_FIELD_LABELS: Record<string, string[]> = {
  // pkg/registry/core/pod/strategy.go ToSelectableFields; core/v1 conversion.go
  Pod: [...META, 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
  // pkg/registry/core/event/strategy.go
  Event: [
    ...META,
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Namespace: ['metadata.name', 'status.phase'],
  Node: ['metadata.name', 'spec.unschedulable'],
  Service: [...META, 'spec.clusterIP', 'spec.type'],
  ReplicaSet: [...META, 'status.replicas'],
  Deployment: META,
  DaemonSet: META,
  Endpoints: META,
  EndpointSlice: META,
  ConfigMap: META,
  // pkg/registry/core/secret/strategy.go SelectableFields
  Secret: [...META, 'type'],
  ServiceAccount: META,
};

/** Where a field label's value lives in the object, when not at its own path. */
const FIELD_PATHS: Record<string, Record<string, string[]>> = {
  Event: { source: ['source', 'component'] },
  Pod: { 'status.podIPs': ['status', 'podIP'] },
};

/**
 * A field selector as the API server takes it for `kind`: parsed, each label checked against what
 * the kind supports (`field label not supported: x`, in the sorted order parsing visits the terms),
 * and mapped to where its value is. Throws FieldSelectorParseError with upstream's message.
 */
export function fieldSelectorFor(kind: string, text: string): FieldRequirement[] {
  const supported = SUPPORTED_FIELD_LABELS[kind] ?? META;
  return parseFieldSelector(text).map((r) => {
    const label = r.path.join('.');
    if (!supported.includes(label)) throw new FieldSelectorParseError(`field label not supported: ${label}`);
    const path = FIELD_PATHS[kind]?.[label];
    return path ? { ...r, path } : r;
  });
}
