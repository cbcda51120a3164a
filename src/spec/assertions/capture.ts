// `capture: { NAME: FIELD.PATH }` on an object assertion: the field of the first selected object
// (the oldest, or the one `pick` names), kept under NAME for the `${NAME}` references of later
// strings (spec/references.ts, runner/variables.ts).
//
// A path is dotted (`metadata.name`), with `[N]` for a list element and `["key"]` (or `['key']`)
// for a key holding dots or slashes: `metadata.labels["app.kubernetes.io/name"]`. A leading `.`
// (kubectl's jsonpath habit) is allowed.
import type { KubeObject } from '../../apiserver/types';
import { msg } from '../../i18n';
import { specMessages as t } from '../../i18n/messages/spec';
import { joinPath } from './match';

export type FieldPath = (string | number)[];

/** The path's segments, or undefined when it is not a path. */
export function parseFieldPath(text: string): FieldPath | undefined {
  const out: FieldPath = [];
  let i = text.startsWith('.') ? 1 : 0;
  let expectName = true;
  while (i < text.length) {
    const c = text[i];
    if (c === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) return undefined;
      const inner = text.slice(i + 1, close);
      if (/^\d+$/.test(inner)) out.push(Number(inner));
      else if (/^"[^"]+"$/.test(inner) || /^'[^']+'$/.test(inner)) out.push(inner.slice(1, -1));
      else return undefined;
      i = close + 1;
      expectName = false;
      continue;
    }
    if (c === '.') {
      if (expectName) return undefined;
      i++;
      expectName = true;
      continue;
    }
    if (!expectName) return undefined;
    const m = /^[^.[\]"'\s]+/.exec(text.slice(i));
    if (!m) return undefined;
    out.push(m[0]);
    i += m[0].length;
    expectName = false;
  }
  return out.length && !expectName ? out : undefined;
}

/** `metadata.labels["app.kubernetes.io/name"]` */
export function fieldPathText(path: FieldPath): string {
  return path.reduce<string>((base, k) => joinPath(base, k), '');
}

/** What a capture recorded: a value, or why there is none. */
export type Captured = { value: string } | { missing: string };

/** The field `path` of `o` as text, or why it cannot be captured. */
export function captureField(o: KubeObject, path: FieldPath, object: string): Captured {
  let v: unknown = o;
  for (const k of path) {
    if (v === null || typeof v !== 'object') {
      v = undefined;
      break;
    }
    v = (v as Record<string | number, unknown>)[k];
  }
  const field = fieldPathText(path);
  if (v === undefined || v === null) return { missing: msg(t.captureFieldMissing, { object, field }) };
  if (typeof v === 'object') return { missing: msg(t.captureNotScalar, { object, field }) };
  return { value: String(v) };
}
