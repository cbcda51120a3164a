// JSON exactly as `kubectl -o json` prints it: encoding/json over an unstructured map, so keys are
// sorted, indentation is 4 spaces, and <, >, & (and U+2028/U+2029) are escaped as Go does.
import { setKey } from '../../util/clone';
import { stringifyJson } from '../../util/json';

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v as object).sort()) {
    const x = (v as Record<string, unknown>)[k];
    // setKey: a `__proto__` key stays a key of the JSON (last-applied keeps what the manifest said).
    if (x !== undefined) setKey(out, k, sortKeys(x));
  }
  return out;
}

/** Go's json.Marshal escaping on top of JSON.stringify (the characters only occur inside strings). */
export function goJsonEscape(text: string): string {
  return text
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** json.MarshalIndent(obj, "", "    ") plus the newline kubectl's JSONPrinter appends. */
export function toJson(value: unknown): string {
  return goJsonEscape(stringifyJson(sortKeys(value), null, 4)) + '\n';
}

/** Compact JSON with sorted keys and Go escaping, as json.Marshal writes an unstructured map. */
export function toCompactJson(value: unknown): string {
  return goJsonEscape(stringifyJson(sortKeys(value)));
}
