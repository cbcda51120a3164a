// Executing a parsed template (text/template/exec.go and funcs.go, Go 1.23) over a Go value model
// of the object (value.ts): fields of maps, variables, pipelines, if/with/range/template,
// break/continue, the builtin functions and kubectl's exists and base64decode, with Go's
// error texts (`template: output:1:2: executing "output" at <eq .x 2>: error calling eq: ...`).
// Bounded for untrusted input: steps, output size and template nesting.
import { goQuote } from './lex';
import { nodeString, type Arg, type CommandNode, type ListNode, type Node, type NumberNode, type PipeNode, type Trees, type VariableNode } from './parse';
import { formatV, sprint, sprintf, sprintln } from './fmt';
import { concrete, element, fromJson, INVALID, isTrue, sortedKeys, typeName, type GoValue } from './value';

export class TemplateExecError extends Error {}

/** A bound kubespec puts on a template (not one of Go's errors). */
export class TemplateLimitError extends Error {}

export interface ExecLimits {
  /** Evaluations (nodes walked, range iterations) at most. */
  maxSteps: number;
  /** Characters of output at most. */
  maxOutput: number;
  /** Nested {{template}} calls at most (Go allows 100000). */
  maxDepth: number;
}

export const DEFAULT_LIMITS: ExecLimits = { maxSteps: 1_000_000, maxOutput: 8 * 1024 * 1024, maxDepth: 1000 };

/** The pipeline's previous value that has not been passed on (Go's missingVal). */
const MISSING: GoValue = { kind: 'invalid' };
const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

type Param = 'value' | 'any' | 'string';

class FnError extends Error {}

interface Fn {
  params: Param[];
  variadic?: Param;
  call(args: GoValue[]): GoValue;
}

const str = (v: string): GoValue => ({ kind: 'string', v });
const int = (v: number | bigint): GoValue => ({ kind: 'int', v: BigInt(v) });
const bool = (v: boolean): GoValue => ({ kind: 'bool', v });

/** indirect(): the value inside an interface, and whether that interface is nil. */
function indirect(g: GoValue): [GoValue, boolean] {
  if (g.kind === 'nil') return [g, true];
  return [concrete(g), false];
}

function byteLength(s: string): number {
  return Buffer.byteLength(s);
}

type BasicKind = 'bool' | 'int' | 'float' | 'string' | 'invalid';

function basicKind(g: GoValue): BasicKind {
  switch (g.kind) {
    case 'bool':
      return 'bool';
    case 'int':
    case 'int64':
      return 'int';
    case 'float64':
      return 'float';
    case 'string':
      return 'string';
    default:
      return 'invalid';
  }
}

const isNilValue = (g: GoValue) => g.kind === 'invalid' || g.kind === 'nil';

function eq(arg1: GoValue, rest: GoValue[]): boolean {
  const a = concrete(arg1);
  if (!rest.length) throw new FnError('missing argument for comparison');
  const k1 = basicKind(a);
  for (const r of rest) {
    const b = concrete(r);
    const k2 = basicKind(b);
    let truth = false;
    if (k1 !== k2) {
      if (a.kind !== 'invalid' && b.kind !== 'invalid') throw new FnError('incompatible types for comparison');
    } else if (k1 === 'invalid') {
      // Maps, slices and nils: only nil compares.
      const kindOf = (g: GoValue) => (g.kind === 'invalid' ? 'invalid' : g.kind);
      if (kindOf(a) !== kindOf(b) && a.kind !== 'invalid' && b.kind !== 'invalid') {
        throw new FnError(`non-comparable types ${formatV(a, false)}: ${typeName(a)}, ${typeName(b)}: ${formatV(b, false)}`);
      }
      if (isNilValue(a) || isNilValue(b)) truth = isNilValue(a) === isNilValue(b);
      else throw new FnError(`non-comparable type ${formatV(b, false)}: ${typeName(b)}`);
    } else {
      truth = a.v === b.v;
    }
    if (truth) return true;
  }
  return false;
}

function lt(arg1: GoValue, arg2: GoValue): boolean {
  const a = concrete(arg1);
  const k1 = basicKind(a);
  if (k1 === 'invalid') throw new FnError('invalid type for comparison');
  const b = concrete(arg2);
  const k2 = basicKind(b);
  if (k2 === 'invalid') throw new FnError('invalid type for comparison');
  if (k1 !== k2) throw new FnError('incompatible types for comparison');
  if (k1 === 'bool') throw new FnError('invalid type for comparison');
  return (a.v as number | bigint | string) < (b.v as number | bigint | string);
}

function indexArg(index: GoValue, cap: number): number {
  const i = concrete(index);
  if (i.kind === 'invalid') throw new FnError('cannot index slice/array with nil');
  if (i.kind !== 'int' && i.kind !== 'int64') throw new FnError(`cannot index slice/array with type ${typeName(i)}`);
  const x = i.v as bigint;
  if (x < 0n || x > BigInt(cap)) throw new FnError(`index out of range: ${x}`);
  return Number(x);
}

function index(item: GoValue, indexes: GoValue[]): GoValue {
  let cur = concrete(item);
  if (cur.kind === 'invalid') throw new FnError('index of untyped nil');
  for (const raw of indexes) {
    const ix = concrete(raw);
    const [it, isNil] = indirect(cur);
    if (isNil) throw new FnError('index of nil pointer');
    cur = it;
    switch (cur.kind) {
      case 'slice':
      case 'string': {
        const len = cur.kind === 'string' ? byteLength(cur.v as string) : (cur.v as unknown[]).length;
        const x = indexArg(ix, len);
        if (x >= len) throw new FnError(cur.kind === 'string' ? 'reflect: string index out of range' : 'reflect: slice index out of range');
        cur = cur.kind === 'string' ? int(Buffer.from(cur.v as string)[x]) : element(cur, x)!;
        break;
      }
      case 'map': {
        if (ix.kind === 'invalid') throw new FnError('value is nil; should be of type string');
        if (ix.kind !== 'string') throw new FnError(`value has type ${typeName(ix)}; should be string`);
        cur = element(cur, ix.v as string) ?? { kind: 'nil', iface: true };
        break;
      }
      default:
        throw new FnError(`can't index item of type ${typeName(cur)}`);
    }
  }
  return cur;
}

function slice(item: GoValue, indexes: GoValue[]): GoValue {
  const it = concrete(item);
  if (it.kind === 'invalid') throw new FnError('slice of untyped nil');
  if (indexes.length > 3) throw new FnError(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (it.kind === 'string') {
    if (indexes.length === 3) throw new FnError('cannot 3-index slice a string');
    len = byteLength(it.v as string);
  } else if (it.kind === 'slice') len = (it.v as unknown[]).length;
  else throw new FnError(`can't slice item of type ${typeName(it)}`);
  const idx = [0, len, len];
  indexes.forEach((x, i) => (idx[i] = indexArg(x, len)));
  if (idx[0] > idx[1]) throw new FnError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) throw new FnError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (it.kind === 'string') return str(Buffer.from(it.v as string).subarray(idx[0], idx[1]).toString('utf8'));
  return { kind: 'slice', v: (it.v as unknown[]).slice(idx[0], idx[1]) };
}

function length(item: GoValue): GoValue {
  if (item.kind === 'invalid') throw new FnError('reflect: call of reflect.Value.Type on zero Value');
  const [it, isNil] = indirect(item);
  if (isNil) throw new FnError('len of nil pointer');
  if (it.kind === 'string') return int(byteLength(it.v as string));
  if (it.kind === 'slice') return int((it.v as unknown[]).length);
  if (it.kind === 'map') return int(Object.keys(it.v as object).length);
  throw new FnError(`len of type ${typeName(it)}`);
}

/** kubectl's `exists` (printers/template.go): whether `index` would find something non-nil. */
function exists(item: GoValue, indices: GoValue[]): GoValue {
  let v = concrete(item);
  for (const raw of indices) {
    const ix = concrete(raw);
    const [it, isNil] = indirect(v);
    if (isNil) return bool(false);
    v = it;
    if (v.kind === 'slice' || v.kind === 'string') {
      if (ix.kind !== 'int' && ix.kind !== 'int64') return bool(false);
      const len = v.kind === 'string' ? byteLength(v.v as string) : (v.v as unknown[]).length;
      const x = ix.v as bigint;
      if (x < 0n || x >= BigInt(len)) return bool(false);
      v = v.kind === 'string' ? int(Buffer.from(v.v as string)[Number(x)]) : element(v, Number(x))!;
    } else if (v.kind === 'map') {
      const key = ix.kind === 'invalid' ? str('') : ix;
      if (key.kind !== 'string') return bool(false);
      v = element(v, key.v as string) ?? { kind: 'nil', iface: true };
    } else return bool(false);
  }
  return bool(!indirect(v)[1] && v.kind !== 'invalid');
}

/** encoding/base64 StdEncoding.DecodeString, its CorruptInputError offsets included. */
export function base64Decode(s: string): string {
  const src = Buffer.from(s, 'utf8');
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const out: number[] = [];
  let si = 0;
  const corrupt = (n: number) => new FnError(`base64 decode failed: illegal base64 data at input byte ${n}`);
  for (;;) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let end = false;
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Buffer.from(out).toString('utf8');
        throw corrupt(si - j);
      }
      const c = src[si++];
      const d = A.indexOf(String.fromCharCode(c));
      if (d >= 0 && c < 128) {
        dbuf[j] = d;
        continue;
      }
      if (c === 10 || c === 13) {
        j--;
        continue;
      }
      if (c !== 61) throw corrupt(si - 1);
      if (j === 0 || j === 1) throw corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && (src[si] === 10 || src[si] === 13)) si++;
        if (si === src.length) throw corrupt(src.length);
        if (src[si] !== 61) throw corrupt(si - 1);
        si++;
      }
      while (si < src.length && (src[si] === 10 || src[si] === 13)) si++;
      if (si < src.length) throw corrupt(si);
      dlen = j;
      end = true;
      break;
    }
    const val = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    out.push(...bytes.slice(0, dlen - 1));
    if (end) return Buffer.from(out).toString('utf8');
  }
}

/** text/template's evalArgs (html, js, urlquery): fmt.Sprint, a nil operand reading `<no value>`. */
function evalArgsString(args: GoValue[]): string {
  if (args.length === 1 && args[0].kind === 'string') return args[0].v as string;
  return sprint(args.map((a) => (a.kind === 'nil' || a.kind === 'invalid' ? str('<no value>') : concrete(a))));
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const special: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D' };
    if (ch in special) out += special[ch];
    else if (c < 0x20) out += '\\u00' + c.toString(16).toUpperCase().padStart(2, '0');
    else if (c >= 0x80 && !/[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]/u.test(ch)) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

/** url.QueryEscape. */
function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

const FUNCS: Record<string, Fn> = {
  and: { params: ['value'], variadic: 'value', call: () => INVALID },
  or: { params: ['value'], variadic: 'value', call: () => INVALID },
  call: {
    params: ['value'],
    variadic: 'value',
    call: () => INVALID,
  },
  html: { params: [], variadic: 'any', call: (a) => str(htmlEscape(evalArgsString(a))) },
  index: { params: ['value'], variadic: 'value', call: (a) => index(a[0], a.slice(1)) },
  slice: { params: ['value'], variadic: 'value', call: (a) => slice(a[0], a.slice(1)) },
  js: { params: [], variadic: 'any', call: (a) => str(jsEscape(evalArgsString(a))) },
  len: { params: ['value'], call: (a) => length(a[0]) },
  not: { params: ['value'], call: (a) => bool(!isTrue(concrete(a[0]))) },
  print: { params: [], variadic: 'any', call: (a) => str(sprint(a.map(concrete))) },
  printf: { params: ['string'], variadic: 'any', call: (a) => str(sprintf(a[0].v as string, a.slice(1).map(concrete))) },
  println: { params: [], variadic: 'any', call: (a) => str(sprintln(a.map(concrete))) },
  urlquery: { params: [], variadic: 'any', call: (a) => str(queryEscape(evalArgsString(a))) },
  eq: { params: ['value'], variadic: 'value', call: (a) => bool(eq(a[0], a.slice(1))) },
  ge: { params: ['value', 'value'], call: (a) => bool(!lt(a[0], a[1])) },
  gt: { params: ['value', 'value'], call: (a) => bool(!(lt(a[0], a[1]) || eq(a[0], [a[1]]))) },
  le: { params: ['value', 'value'], call: (a) => bool(lt(a[0], a[1]) || eq(a[0], [a[1]])) },
  lt: { params: ['value', 'value'], call: (a) => bool(lt(a[0], a[1])) },
  ne: { params: ['value', 'value'], call: (a) => bool(!eq(a[0], [a[1]])) },
  // kubectl's own (cli-runtime printers/template.go).
  exists: { params: ['any'], variadic: 'any', call: (a) => exists(a[0], a.slice(1)) },
  base64decode: { params: ['string'], call: (a) => str(base64Decode(a[0].v as string)) },
};

/** The function names a template may call (the parser refuses others). */
export const FUNCTION_NAMES = new Set(Object.keys(FUNCS));

const PARAM_TYPE: Record<Param, string> = { value: 'reflect.Value', any: 'interface {}', string: 'string' };

export class Executor {
  private node: { pos: number } | undefined;
  private vars: { name: string; value: GoValue }[] = [];
  private out = '';
  private steps = 0;
  private depth = 0;
  private current: string;

  constructor(
    private readonly trees: Trees,
    private readonly name: string,
    private readonly text: string,
    private readonly limits: ExecLimits = DEFAULT_LIMITS,
  ) {
    this.current = name;
  }

  /** What the template wrote (so far, when it failed). */
  get output(): string {
    return this.out;
  }

  execute(data: GoValue): string {
    this.vars = [{ name: '$', value: data }];
    const root = this.trees[this.name];
    if (!root) this.errorf(`${goQuote(this.name)} is an incomplete or empty template`);
    this.walk(data, root);
    return this.out;
  }

  private errorf(msg: string): never {
    if (!this.node) throw new TemplateExecError(`template: ${this.current}: ${msg}`);
    const pos = this.node.pos;
    const before = this.text.slice(0, pos);
    const nl = before.lastIndexOf('\n');
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const col = nl < 0 ? byteLength(before) : byteLength(before.slice(nl + 1));
    const context = nodeString(this.node as Node);
    throw new TemplateExecError(`template: ${this.name}:${line}:${col}: executing ${goQuote(this.current)} at <${context}>: ${msg}`);
  }

  private at(n: { pos: number }): void {
    this.node = n;
  }

  private tick(): void {
    if (++this.steps > this.limits.maxSteps) throw new TemplateLimitError(`kubespec stops a template after ${this.limits.maxSteps} steps`);
  }

  private write(s: string): void {
    this.out += s;
    if (this.out.length > this.limits.maxOutput) throw new TemplateLimitError(`kubespec stops a template past ${this.limits.maxOutput} characters of output`);
  }

  private walk(dot: GoValue, node: Node): void {
    this.tick();
    this.at(node);
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (!node.pipe.decl.length) {
          this.at(node);
          this.write(formatV(val.kind === 'nil' ? INVALID : val, true));
        }
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'if':
      case 'with':
        return this.walkIfOrWith(node.type, dot, node.pipe, node.list, node.elseList);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        return this.write(node.text);
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkIfOrWith(type: 'if' | 'with', dot: GoValue, pipe: PipeNode, list: ListNode, elseList: ListNode | undefined): void {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, pipe);
      if (isTrue(concrete(val))) this.walk(type === 'with' ? val : dot, list);
      else if (elseList) this.walk(dot, elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: GoValue, r: Extract<Node, { list: ListNode }>): void {
    this.at(r);
    const mark0 = this.vars.length;
    try {
      const val = concrete(this.evalPipeline(dot, r.pipe));
      const mark = this.vars.length;
      const decl = r.pipe.decl;
      const one = (key: GoValue, elem: GoValue) => {
        this.tick();
        if (decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(decl[0].ident[0], decl.length > 1 ? key : elem);
          else this.vars[this.vars.length - 1].value = elem;
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem);
          else this.vars[this.vars.length - 2].value = key;
        }
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.vars.length = mark;
        }
      };
      let ran = false;
      try {
        if (val.kind === 'slice') {
          const items = val.v as unknown[];
          items.forEach((_, i) => {
            ran = true;
            one(int(i), element(val, i)!);
          });
        } else if (val.kind === 'map') {
          for (const k of sortedKeys(val.v as object)) {
            ran = true;
            one(str(k), element(val, k)!);
          }
        } else if (val.kind !== 'invalid') {
          this.errorf(`range can't iterate over ${formatV(val, false)}`);
        }
      } catch (e) {
        if (e !== BREAK) throw e;
        return;
      }
      if (!ran && r.elseList) this.walk(dot, r.elseList);
    } finally {
      this.vars.length = mark0;
    }
  }

  private walkTemplate(dot: GoValue, t: Extract<Node, { type: 'template' }>): void {
    this.at(t);
    const tmpl = this.trees[t.name];
    if (!tmpl) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth >= this.limits.maxDepth) this.errorf(`exceeded maximum template depth (${this.limits.maxDepth})`);
    const value = this.evalPipeline(dot, t.pipe);
    const saved = { vars: this.vars, current: this.current };
    this.depth++;
    this.vars = [{ name: '$', value }];
    this.current = t.name;
    try {
      this.walk(value, tmpl);
    } finally {
      this.depth--;
      this.vars = saved.vars;
      this.current = saved.current;
    }
  }

  private setVar(name: string, value: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private varValue(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    this.errorf(`undefined variable: ${name}`);
  }

  private evalPipeline(dot: GoValue, pipe: PipeNode | undefined): GoValue {
    if (!pipe) return INVALID;
    this.at(pipe);
    let value = MISSING;
    for (const cmd of pipe.cmds) {
      this.tick();
      value = this.evalCommand(dot, cmd, value);
      // A value inside an interface{} is the thing inside from here on.
      if (value.iface) value = concrete(value);
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0], value);
      else this.vars.push({ name: v.ident[0], value });
    }
    return value;
  }

  private notAFunction(args: Arg[], final: GoValue): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
  }

  private evalCommand(dot: GoValue, cmd: CommandNode, final: GoValue): GoValue {
    const first = cmd.args[0];
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return bool(first.value);
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      // eslint-disable-next-line no-fallthrough
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return str(first.text);
    }
  }

  private idealConstant(n: NumberNode): GoValue {
    this.at(n);
    const isHexInt = /^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isFloat && !isHexInt && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return { kind: 'float64', v: n.float };
    if (n.isInt) return int(n.int!);
    if (n.isUint) this.errorf(`${n.text} overflows int`);
    return INVALID;
  }

  private evalFieldNode(dot: GoValue, field: Extract<Arg, { type: 'field' }>, args: Arg[] | undefined, final: GoValue): GoValue {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(dot: GoValue, chain: Extract<Arg, { type: 'chain' }>, args: Arg[] | undefined, final: GoValue): GoValue {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, undefined, chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: GoValue, v: VariableNode, args: Arg[] | undefined, final: GoValue): GoValue {
    this.at(v);
    const value = this.varValue(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args ?? [v], final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: GoValue, receiver: GoValue, node: { pos: number }, ident: string[], args: Arg[] | undefined, final: GoValue): GoValue {
    let r = receiver;
    for (let i = 0; i < ident.length - 1; i++) r = this.evalField(ident[i], node, undefined, MISSING, r);
    return this.evalField(ident[ident.length - 1], node, args, final, r);
  }

  private evalField(fieldName: string, _node: { pos: number }, args: Arg[] | undefined, final: GoValue, receiver: GoValue): GoValue {
    if (receiver.kind === 'invalid') return INVALID;
    const typ = typeName(receiver, true);
    if (receiver.kind === 'nil') this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    const r = concrete(receiver);
    const hasArgs = (args?.length ?? 0) > 1 || final !== MISSING;
    if (r.kind === 'map') {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      return element(r, fieldName) ?? INVALID;
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  private evalFunction(dot: GoValue, node: Extract<Arg, { type: 'identifier' }>, cmd: { pos: number }, args: Arg[] | undefined, final: GoValue): GoValue {
    this.at(node);
    const fn = FUNCS[node.ident];
    if (!fn) this.errorf(`${goQuote(node.ident)} is not a defined function`);
    return this.evalCall(dot, fn, cmd, node.ident, args, final);
  }

  private evalCall(dot: GoValue, fn: Fn, node: { pos: number }, name: string, allArgs: Arg[] | undefined, final: GoValue): GoValue {
    const args = allArgs ? allArgs.slice(1) : [];
    let numIn = args.length;
    if (final !== MISSING) numIn++;
    let numFixed = args.length;
    if (fn.variadic) {
      numFixed = fn.params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${fn.params.length} got ${args.length}`);
    } else if (numIn !== fn.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }
    if (name === 'and' || name === 'or') {
      let v: GoValue = INVALID;
      for (const a of args) {
        v = this.evalArg(dot, 'value', a);
        if (isTrue(concrete(v)) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, 'value');
      return v;
    }
    const argv: GoValue[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, fn.params[i], args[i]));
    if (fn.variadic) for (; i < args.length; i++) argv.push(this.evalArg(dot, fn.variadic, args[i]));
    if (final !== MISSING) {
      const t = fn.variadic ? (numIn - 1 < numFixed ? fn.params[numIn - 1] : fn.variadic) : fn.params[fn.params.length - 1];
      argv.push(this.validateType(final, t));
    }
    if (name === 'call') {
      const callee = argv[0];
      const c = concrete(callee);
      this.at(node);
      this.errorf(`error calling call: ${c.kind === 'invalid' ? 'call of nil' : `non-function ${args.length ? nodeString(args[0]) : formatV(final, false)} of type ${typeName(c)}`}`);
    }
    try {
      return fn.call(argv);
    } catch (e) {
      if (!(e instanceof FnError)) throw e;
      this.at(node);
      this.errorf(`error calling ${name}: ${e.message}`);
    }
  }

  private validateType(value: GoValue, typ: Param | undefined): GoValue {
    if (value.kind === 'invalid') {
      if (typ === undefined || typ === 'value') return INVALID;
      if (typ === 'any') return { kind: 'nil', iface: true };
      this.errorf(`invalid value; expected ${PARAM_TYPE[typ]}`);
    }
    if (typ === 'string') {
      if (value.kind === 'string') return concrete(value);
      this.errorf(`wrong type for value; expected string; got ${value.kind === 'nil' ? 'interface {}' : typeName(concrete(value))}`);
    }
    return value;
  }

  private evalArg(dot: GoValue, typ: Param | undefined, n: Arg): GoValue {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (typ === 'value' || typ === undefined) return INVALID;
        if (typ === 'any') return { kind: 'nil', iface: true };
        this.errorf(`cannot assign nil to ${PARAM_TYPE[typ]}`);
      // eslint-disable-next-line no-fallthrough
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, undefined, MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, undefined, MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, undefined, MISSING), typ);
    }
    if (typ === 'string') {
      if (n.type === 'string') return str(n.text);
      this.errorf(`expected string; found ${nodeString(n)}`);
    }
    // interface{} and reflect.Value parameters: evalEmptyInterface.
    switch (n.type) {
      case 'bool':
        return bool(n.value);
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return str(n.text);
    }
    this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }
}

/** The data kubectl hands its template: the object's JSON as util/json decodes it. */
export function templateData(obj: unknown): GoValue {
  return fromJson(obj, false);
}
