// `-o json` for the objects kubectl's generators print (create configmap|secret|service|..., run,
// expose, set ...): they are typed Go structs, so encoding/json writes their fields in the struct's
// order (kind and apiVersion first, then the fields as upstream's generated.proto lists them), maps
// with sorted keys, 4-space indent. Fields the schema does not know follow, sorted.
import type * as protobuf from 'protobufjs';
import { goJsonEscape } from './printers/json';

/** Messages encoding/json writes as one scalar (a string, a number or raw JSON), not field by field. */
const SCALAR_MESSAGES = new Set(['Time', 'MicroTime', 'Quantity', 'IntOrString', 'FieldsV1', 'RawExtension', 'Duration']);

interface Schema {
  root: protobuf.Root;
  kinds: Readonly<Record<string, string>>;
  inline: ReadonlySet<string>;
}

let schema: Schema | undefined;
function load(): Schema {
  if (!schema) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const s = require('../serve/protobuf/schema') as typeof import('../serve/protobuf/schema');
    schema = { root: s.root, kinds: s.KINDS, inline: s.INLINE };
  }
  return schema;
}


function sortMap(v: unknown, valueType: protobuf.Type | undefined): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = ordered((v as Record<string, unknown>)[k], valueType);
  return out;
}

function shortName(t: protobuf.Type): string {
  return t.fullName.replace(/^\.k8s\.io\.api\./, '').replace(/^\.k8s\.io\.apimachinery\.pkg\.apis\./, '');
}

function fillFields(out: Record<string, unknown>, src: Record<string, unknown>, type: protobuf.Type, used: Set<string>): void {
  const { inline } = load();
  for (const field of type.fieldsArray) {
    const sub = field.resolvedType as protobuf.Type | null;
    if (inline.has(`${shortName(type)}.${field.name}`) && sub) {
      fillFields(out, src, sub, used);
      continue;
    }
    if (!(field.name in src)) continue;
    used.add(field.name);
    const v = src[field.name];
    const msg = sub && 'fieldsArray' in sub ? sub : undefined;
    if (field.map) {
      const mf = field as unknown as protobuf.MapField;
      const vt = mf.resolvedType && 'fieldsArray' in mf.resolvedType ? (mf.resolvedType as protobuf.Type) : undefined;
      out[field.name] = sortMap(v, vt);
    } else if (Array.isArray(v)) out[field.name] = v.map((x) => ordered(x, msg));
    else out[field.name] = ordered(v, msg);
  }
}

function ordered(v: unknown, type: protobuf.Type | undefined): unknown {
  if (Array.isArray(v)) return v.map((x) => ordered(x, type));
  if (v === null || typeof v !== 'object') return v;
  if (!type) return sortMap(v, undefined);
  if (SCALAR_MESSAGES.has(type.name)) return v;
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const used = new Set<string>();
  fillFields(out, src, type, used);
  for (const k of Object.keys(src).sort()) if (!used.has(k) && !(k in out)) out[k] = sortMap(src[k], undefined);
  return out;
}

/** The object's fields in its Go struct's order (TypeMeta first). */
export function typedOrder(obj: Record<string, unknown>): Record<string, unknown> {
  const { root, kinds } = load();
  const key = `${String(obj.apiVersion)}/${String(obj.kind)}`;
  const name = kinds[key];
  let type: protobuf.Type | undefined;
  try {
    type = name ? root.lookupType(name) : undefined;
  } catch {
    type = undefined;
  }
  const rest = ordered(Object.fromEntries(Object.entries(obj).filter(([k]) => k !== 'kind' && k !== 'apiVersion')), type) as Record<string, unknown>;
  return { ...(obj.kind !== undefined ? { kind: obj.kind } : {}), ...(obj.apiVersion !== undefined ? { apiVersion: obj.apiVersion } : {}), ...rest };
}

/** json.MarshalIndent of the typed object, as kubectl's JSON printer writes it. */
export function typedJson(obj: Record<string, unknown>): string {
  return goJsonEscape(JSON.stringify(typedOrder(obj), null, 4)) + '\n';
}

/** Compact typed JSON (the last-applied annotation of --save-config). */
export function typedCompactJson(obj: Record<string, unknown>): string {
  return goJsonEscape(JSON.stringify(typedOrder(obj)));
}
