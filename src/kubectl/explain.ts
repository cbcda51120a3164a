// `kubectl explain TYPE[.FIELD...] [--recursive]` in the emulation: kubectl 1.32's plaintext
// template (pkg/explain/v2/templates/plaintext.tmpl) walked over the OpenAPI v3 document that
// `kubespec serve` serves for the kind's group version (generated/openapi), with its word wrapping
// (mitchellh/go-wordwrap) and indentation.
import { resolveResource } from '../apiserver/kinds';
import { openapiV3Document } from '../serve/openapi';
import { KubectlError, Output, type OpResult } from './resources';
import type { VerbContext } from './verbs';

type Schema = Record<string, any>;
type Doc = { paths?: Record<string, Record<string, any>>; components?: { schemas?: Record<string, Schema> } };

const docs = new Map<string, Doc>();

function documentFor(gvPath: string): Doc | undefined {
  let d = docs.get(gvPath);
  if (!d) {
    const served = openapiV3Document(gvPath);
    if (!served) return undefined;
    d = JSON.parse(served.body.toString('utf8')) as Doc;
    docs.set(gvPath, d);
  }
  return d;
}

/** go-wordwrap v1.0.1 WrapString: break before a word that would pass `lim` (a longer word stays whole). */
export function wrapString(s: string, lim: number): string {
  let buf = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const ch of s) {
    if (ch === '\n') {
      if (!word.length) {
        if (current + [...space].length > lim) current = 0;
        else buf += space;
      } else {
        buf += space + word;
      }
      space = '';
      word = '';
      buf += ch;
      current = 0;
    } else if (/\s/u.test(ch) && ch !== '\u00a0') {
      if (!space.length || word.length) {
        current += [...space].length + [...word].length;
        buf += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      const wl = [...word].length;
      if (current + [...space].length + wl > lim && wl < lim) {
        buf += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (!word.length) {
    if (current + [...space].length <= lim) buf += space;
  } else buf += space + word;
  return buf;
}

/** The template's indent: every line, the first included, padded. */
const indent = (n: number, s: string) => ' '.repeat(n) + s.split('\n').join('\n' + ' '.repeat(n));

function resolveRef(ref: unknown, doc: Doc): Schema | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  let cur: any = doc;
  for (const k of ref.slice(1).split('/')) {
    if (!k) continue;
    const next = cur?.[k];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) return undefined;
    cur = next;
  }
  return cur as Schema;
}

const isMap = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);
/** `.additionalProperties` that is a schema, not `true`/`false`. */
const additional = (s: Schema) => (s.additionalProperties && typeof s.additionalProperties !== 'boolean' ? (s.additionalProperties as Schema) : undefined);
const sortedKeys = (o: Record<string, unknown> | undefined) => Object.keys(o ?? {}).sort();

function typeGuess(s: Schema, doc: Doc): string {
  if (s.items) return `[]${typeGuess(s.items, doc)}`;
  const ap = additional(s);
  if (ap) return `map[string]${typeGuess(ap, doc)}`;
  if (Array.isArray(s.allOf) && s.allOf.length === 1 && !s.properties) return typeGuess(s.allOf[0], doc);
  if (s.$ref) {
    const ref = resolveRef(s.$ref, doc);
    if (!ref || !ref.type || ref.type === 'object') {
      const name = String(s.$ref).split('/').pop() ?? '';
      return name.split('.').pop() || 'Object';
    }
    return ref.type || 'Object';
  }
  if (s.type === 'object') return 'Object';
  return s.type || 'Object';
}

function enumText(s: Schema, long: boolean, limit: number, indentAmount = 0): string {
  if (!Array.isArray(s.enum) || !s.enum.length) return '';
  let out = long ? 'ENUM:' : `\n${' '.repeat(indentAmount)}enum: `;
  s.enum.forEach((e: unknown, i: number) => {
    if (out === undefined) return;
    if (limit > -1 && i >= limit) {
      if (i === limit) out += ', ....';
      return;
    }
    if (i > 0 && !long) out += ', ';
    else if (long) out += '\n    ';
    out += e === '' ? '""' : String(e);
  });
  return out;
}

function description(s: Schema, doc: Doc): string {
  const r = resolveRef(s.$ref, doc) ?? s;
  let out = '';
  if (r.description) out += `${r.description}\n`;
  for (const a of r.allOf ?? []) out += description(a, doc);
  if (r.items) out += description(r.items, doc);
  const ap = additional(r);
  if (ap) out += description(ap, doc);
  return out;
}

function externalDocs(s: Schema, pad: number, width: number): string {
  const e = s.externalDocs;
  if (!e) return '';
  let out = `${indent(pad, 'EXTERNAL DOCS:')}\n`;
  if (e.description) out += `${indent(pad + 4, wrapString(e.description, width))}\n`;
  if (e.url) out += `${indent(pad + 4, `URL: ${e.url}`)}\n`;
  return out;
}

function fieldDetail(name: string, s: Schema, short: boolean, level: number, doc: Doc): string {
  const ind = level * 2;
  const f: Schema = s.properties[name];
  let out = `${indent(ind, name)}\t<${typeGuess(f, doc)}>`;
  if (Array.isArray(s.required) && s.required.includes(name)) out += ' -required-';
  out += enumText(f, false, 4, ind);
  out += '\n';
  if (!short) {
    out += `${indent(ind + 2, wrapString(f.description || '<no description>', 78 - ind))}\n`;
    if (f.externalDocs) out += `\n${externalDocs(f, ind + 2, 76 - ind)}`;
    out += '\n';
  }
  return out;
}

function fieldList(s: Schema, level: number, history: Set<string>, recursive: boolean, doc: Doc): string {
  const ref = typeof s.$ref === 'string' ? s.$ref : '';
  if (ref && history.has(ref)) return '';
  const next = new Set(history).add(ref);
  const r = resolveRef(ref, doc) ?? s;
  let out = '';
  for (const k of sortedKeys(r.properties)) {
    out += fieldDetail(k, r, recursive, level, doc);
    if (recursive) out += fieldList(r.properties[k], level + 1, next, recursive, doc);
  }
  for (const a of r.allOf ?? []) out += fieldList(a, level, next, recursive, doc);
  if (r.items) out += fieldList(r.items, level, next, recursive, doc);
  const ap = additional(r);
  if (ap) out += fieldList(ap, level, next, recursive, doc);
  return out;
}

/** The template's "output": follow the field path, then describe what it ends at. */
function output(s: Schema, path: string[], history: Set<string>, recursive: boolean, doc: Doc): string {
  const ref = typeof s.$ref === 'string' ? s.$ref : '';
  const next = new Set(history).add(ref);
  const r = resolveRef(ref, doc) ?? s;
  if (!path.length) {
    let out = 'DESCRIPTION:\n';
    out += `${indent(4, wrapString(description(r, doc) || '<empty>', 76))}\n`;
    const ext = externalDocs(r, 0, 76);
    if (ext) out += `\n${ext}`;
    const fields = fieldList(r, 1, new Set(), recursive, doc);
    if (fields) out += `FIELDS:\n${fields}`;
    return out;
  }
  if (ref && history.has(ref)) return '';
  if (isMap(r.properties) && r.properties[path[0]]) {
    const sub: Schema = r.properties[path[0]];
    let out = '';
    if (path.length === 1) out += `FIELD: ${path[0]} <${typeGuess(sub, doc)}>\n${enumText(sub, true, -1)}\n\n`;
    return out + output(sub, path.slice(1), new Set(), recursive, doc);
  }
  if (r.items) return output(r.items, path, next, recursive, doc);
  const ap = additional(r);
  if (ap) return output(ap, path, next, recursive, doc);
  for (const a of r.allOf ?? []) {
    const o = output(a, path, next, recursive, doc);
    if (o) return o;
  }
  return '';
}

/** `kubectl explain`. What the template wrote before an error stays printed, as kubectl streams it. */
export function explain(ctx: VerbContext): OpResult {
  const out = new Output();
  try {
    explainInto(ctx, out);
  } catch (e) {
    if (e instanceof BareError) return { stdout: out.stdout, stderr: `${e.message}\n`, exitCode: 1 };
    out.fail(e);
  }
  return out.result();
}

/** An error kubectl explain prints as it is, without `error: `. */
class BareError extends Error {}

function explainInto(ctx: VerbContext, out: Output): void {
  const { args, flags } = ctx.cmd;
  if (!args.length) throw new KubectlError("You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n");
  if (args.length > 1) throw new KubectlError(`We accept only this format: explain RESOURCE\n`);
  const output0 = String(flags.output ?? 'plaintext');
  if (output0 !== 'plaintext') throw new KubectlError(`unsupported output format: ${output0}`);
  const [resource, ...path] = args[0].split('.');
  const info = resolveResource(resource);
  // kubectl prints this one bare (no `error: `): CheckErr's text for a NotFound-like mapping error.
  if (!info) throw new BareError(`the server doesn't have a resource type ${JSON.stringify(resource)}`);
  const [group, version] = info.apiVersion.includes('/') ? info.apiVersion.split('/') : ['', info.apiVersion];
  const prefix = group ? `/apis/${group}` : '/api';
  const doc = documentFor(group ? `apis/${group}/${version}` : `api/${version}`);
  if (!doc) throw new KubectlError(`couldn't find resource for "${info.group ? `${info.group}/` : ''}${version}, Resource=${info.plural}"`);
  let gvk: { group?: string; kind: string; version: string } | undefined;
  for (const p of [`${prefix}/${version}/${info.plural}`, `${prefix}/${version}/${info.plural}/{name}`, `${prefix}/${version}/namespaces/{namespace}/${info.plural}`, `${prefix}/${version}/namespaces/{namespace}/${info.plural}/{name}`]) {
    const el = doc.paths?.[p];
    if (!el) continue;
    for (const m of ['get', 'post', 'put', 'patch', 'delete']) {
      const g = el[m]?.['x-kubernetes-group-version-kind'];
      if (g) {
        gvk = g;
        break;
      }
    }
    if (gvk) break;
  }
  if (!gvk) throw new KubectlError(`GVR (${group ? `${group}/` : ''}${version}, Resource=${info.plural}) not found in OpenAPI schema`);
  let text = '';
  if (gvk.group) text += `GROUP:      ${gvk.group}\n`;
  text += `KIND:       ${gvk.kind}\nVERSION:    ${gvk.version}\n\n`;
  const schemas = doc.components?.schemas ?? {};
  const key = sortedKeys(schemas).find((k) => (schemas[k]['x-kubernetes-group-version-kind'] ?? []).some((g: any) => (g.group ?? '') === (gvk!.group ?? '') && g.kind === gvk!.kind && g.version === gvk!.version));
  if (!key) {
    out.out(text);
    throw new KubectlError(`GVK ${JSON.stringify(gvk)} not found in OpenAPI schema`);
  }
  const body = output(schemas[key], path, new Set(), flags.recursive === true, doc);
  if (!body) {
    out.out(text);
    throw new KubectlError(`field ${JSON.stringify(path[path.length - 1])} does not exist`);
  }
  out.out(`${text}${body}\n`);
}
