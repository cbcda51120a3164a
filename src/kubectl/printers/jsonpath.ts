// `-o jsonpath=TEMPLATE`, the subset of client-go's util/jsonpath that kubectl users write: text with
// `{...}` actions — paths (`.a.b`, `['k']`, `[0]`, `[-1]`, `[*]`, `[1:3]`, `..name`, `*`), filters
// (`[?(@.type=="Ready")]`, `[?(@.x)]`), `{range ...}{end}`, string literals (`{"\n"}`). Missing keys
// print nothing (kubectl's --allow-missing-template-keys=true); several results are space-separated.
import { goJsonEscape } from './json';
import { stringifyJson } from '../../util/json';

export class JsonPathError extends Error {}

type Node =
  | { type: 'text'; text: string }
  | { type: 'path'; segments: Segment[] }
  | { type: 'literal'; text: string }
  | { type: 'range'; segments: Segment[]; body: Node[] };

type Segment =
  | { kind: 'field'; name: string }
  | { kind: 'recursive'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'index'; index: number }
  | { kind: 'slice'; start?: number; end?: number }
  | { kind: 'filter'; path: Segment[]; op?: string; value?: string | number | boolean };

/** Parse `.a.b[0]['c'][*]..d[?(@.x=="y")]` (a leading `$` or `.` is optional). */
function parsePath(expr: string): Segment[] {
  const s = expr.trim();
  const segs: Segment[] = [];
  let i = s.startsWith('$') ? 1 : 0;
  const readName = () => {
    const m = /^[A-Za-z0-9_\-/~]+|^\*/.exec(s.slice(i));
    if (!m) throw new JsonPathError(`unrecognized identifier ${s.slice(i)}`);
    i += m[0].length;
    return m[0];
  };
  while (i < s.length) {
    if (s.startsWith('..', i)) {
      i += 2;
      segs.push({ kind: 'recursive', name: readName() });
    } else if (s[i] === '.') {
      i++;
      if (i >= s.length) break;
      const name = readName();
      segs.push(name === '*' ? { kind: 'wildcard' } : { kind: 'field', name });
    } else if (s[i] === '[') {
      const close = findClose(s, i);
      const inner = s.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === '*') segs.push({ kind: 'wildcard' });
      else if (/^'.*'$|^".*"$/.test(inner)) segs.push({ kind: 'field', name: inner.slice(1, -1) });
      else if (/^-?\d+$/.test(inner)) segs.push({ kind: 'index', index: Number(inner) });
      else if (/^(-?\d+)?:(-?\d+)?$/.test(inner)) {
        const [a, b] = inner.split(':');
        segs.push({ kind: 'slice', start: a ? Number(a) : undefined, end: b ? Number(b) : undefined });
      } else if (inner.startsWith('?(') && inner.endsWith(')')) {
        const body = inner.slice(2, -1).trim();
        const m = /^@(\S*?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(body);
        if (m) {
          const raw = m[3].trim();
          const value = /^'.*'$|^".*"$/.test(raw) ? raw.slice(1, -1) : raw === 'true' || raw === 'false' ? raw === 'true' : Number(raw);
          segs.push({ kind: 'filter', path: parsePath(m[1]), op: m[2], value });
        } else if (body.startsWith('@')) {
          segs.push({ kind: 'filter', path: parsePath(body.slice(1)) });
        } else {
          throw new JsonPathError(`unrecognized filter ${inner}`);
        }
      } else {
        throw new JsonPathError(`invalid array index ${inner}`);
      }
    } else {
      // A path may start with a bare name (`{metadata.name}`), as kubectl accepts.
      const name = readName();
      segs.push(name === '*' ? { kind: 'wildcard' } : { kind: 'field', name });
    }
  }
  return segs;
}

function findClose(s: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  throw new JsonPathError(`unterminated array at ${s.slice(open)}`);
}

/** Parse a template into text and actions. */
export function parseTemplate(template: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      stack[stack.length - 1].push({ type: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1].push({ type: 'text', text: template.slice(i, open) });
    let close = open + 1;
    let quote = '';
    for (; close < template.length; close++) {
      const c = template[close];
      if (quote) {
        if (c === '\\') close++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '}') break;
    }
    if (close >= template.length) throw new JsonPathError(`unclosed action`);
    const action = template.slice(open + 1, close).trim();
    i = close + 1;
    const cur = stack[stack.length - 1];
    if (action.startsWith('range ')) {
      const node: Node = { type: 'range', segments: parsePath(action.slice(6)), body: [] };
      cur.push(node);
      stack.push(node.body);
    } else if (action === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
    } else if (/^".*"$|^'.*'$/.test(action)) {
      cur.push({ type: 'literal', text: unescape(action.slice(1, -1)) });
    } else {
      cur.push({ type: 'path', segments: parsePath(action) });
    }
  }
  return root;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

function step(values: unknown[], seg: Segment): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    switch (seg.kind) {
      case 'field':
        if (v && typeof v === 'object' && !Array.isArray(v) && (v as Record<string, unknown>)[seg.name] !== undefined) out.push((v as Record<string, unknown>)[seg.name]);
        break;
      case 'wildcard':
        if (Array.isArray(v)) out.push(...v);
        else if (v && typeof v === 'object') out.push(...Object.keys(v).sort().map((k) => (v as Record<string, unknown>)[k]));
        break;
      case 'index':
        if (Array.isArray(v)) {
          const i = seg.index < 0 ? v.length + seg.index : seg.index;
          if (i >= 0 && i < v.length) out.push(v[i]);
        }
        break;
      case 'slice':
        if (Array.isArray(v)) out.push(...v.slice(seg.start ?? 0, seg.end ?? v.length));
        break;
      case 'recursive': {
        const walk = (x: unknown) => {
          if (Array.isArray(x)) x.forEach(walk);
          else if (x && typeof x === 'object') {
            const o = x as Record<string, unknown>;
            if (o[seg.name] !== undefined) out.push(o[seg.name]);
            for (const k of Object.keys(o).sort()) walk(o[k]);
          }
        };
        walk(v);
        break;
      }
      case 'filter':
        if (Array.isArray(v)) {
          for (const item of v) {
            const got = evaluate([item], seg.path);
            if (seg.op === undefined ? got.length > 0 : got.some((g) => compare(g, seg.op!, seg.value!))) out.push(item);
          }
        }
        break;
    }
  }
  return out;
}

function compare(a: unknown, op: string, b: string | number | boolean): boolean {
  const x = typeof b === 'number' && typeof a === 'string' && a.trim() !== '' ? Number(a) : a;
  switch (op) {
    case '==':
      return x === b || String(x) === String(b);
    case '!=':
      return !(x === b || String(x) === String(b));
    case '<':
      return (x as number) < (b as number);
    case '>':
      return (x as number) > (b as number);
    case '<=':
      return (x as number) <= (b as number);
    case '>=':
      return (x as number) >= (b as number);
  }
  return false;
}

function evaluate(values: unknown[], segs: Segment[]): unknown[] {
  return segs.reduce(step, values);
}

/** How jsonpath prints a value: text as is, maps and lists as (Go) JSON. */
function printValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null) return 'null';
  if (typeof v === 'object') return goJsonEscape(stringifyJson(v));
  return String(v);
}

function execute(nodes: Node[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
      case 'literal':
        out += n.text;
        break;
      case 'path':
        out += evaluate([data], n.segments).map(printValue).join(' ');
        break;
      case 'range':
        for (const item of evaluate([data], n.segments).flatMap((v) => (Array.isArray(v) ? v : [v]))) out += execute(n.body, item);
        break;
    }
  }
  return out;
}

/** Run a kubectl jsonpath template over an object (or a List). */
export function jsonPath(template: string, data: unknown): string {
  return execute(parseTemplate(template), data);
}

/** The values each `{expr}` of the template finds, unprinted: `-o jsonpath-as-json` marshals each as a list. */
export function jsonPathResults(template: string, data: unknown): unknown[][] {
  const out: unknown[][] = [];
  for (const n of parseTemplate(template)) if (n.type === 'path') out.push(evaluate([data], n.segments));
  return out;
}

/** The printed values one `{expr}` finds (custom-columns cells), each through `format` (jsonpath's printing by default). */
export function jsonPathValues(template: string, data: unknown, format: (v: unknown) => string = printValue): string[] {
  const nodes = parseTemplate(template);
  const out: string[] = [];
  for (const n of nodes) if (n.type === 'path') out.push(...evaluate([data], n.segments).map(format));
  return out;
}
