// The parser of Go's text/template (text/template/parse/parse.go and node.go, Go 1.23): the tree
// of a template and the templates it defines, with Go's error texts (`template: output:1: ...`)
// and each node's String() (the `<...>` of an execution error).
import { goQuote, itemString, Lexer, T, type Item } from './lex';

/** Nesting of parenthesized pipelines (Go allows 10000; kubespec's parser recurses, so less). */
const MAX_STACK_DEPTH = 1000;

export type Node =
  | { type: 'text'; pos: number; text: string }
  | { type: 'action'; pos: number; line: number; pipe: PipeNode }
  | { type: 'if' | 'with' | 'range'; pos: number; line: number; pipe: PipeNode; list: ListNode; elseList?: ListNode }
  | { type: 'template'; pos: number; line: number; name: string; pipe?: PipeNode }
  | { type: 'break' | 'continue'; pos: number; line: number }
  | ListNode
  | { type: 'end' | 'else'; pos: number; line: number };

export interface ListNode {
  type: 'list';
  pos: number;
  nodes: Node[];
}

export interface PipeNode {
  type: 'pipe';
  pos: number;
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}

export interface CommandNode {
  type: 'command';
  pos: number;
  args: Arg[];
}

export interface VariableNode {
  type: 'variable';
  pos: number;
  ident: string[];
}

export type Arg =
  | { type: 'field'; pos: number; ident: string[] }
  | VariableNode
  | { type: 'chain'; pos: number; node: Arg; field: string[] }
  | { type: 'identifier'; pos: number; ident: string }
  | { type: 'dot'; pos: number }
  | { type: 'nil'; pos: number }
  | { type: 'bool'; pos: number; value: boolean }
  | { type: 'string'; pos: number; quoted: string; text: string }
  | NumberNode
  | PipeNode;

export interface NumberNode {
  type: 'number';
  pos: number;
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int?: bigint;
  float?: number;
}

export class TemplateParseError extends Error {}

/** n.String(), as node.go writes each node. */
export function nodeString(n: Node | Arg | CommandNode): string {
  switch (n.type) {
    case 'text':
      return n.text;
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'pipe': {
      let s = '';
      if (n.decl.length) s += n.decl.map(nodeString).join(', ') + (n.isAssign ? ' = ' : ' := ');
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'field':
      return n.ident.map((i) => `.${i}`).join('');
    case 'variable':
      return n.ident.join('.');
    case 'chain':
      return (n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node)) + n.field.map((f) => `.${f}`).join('');
    case 'identifier':
      return n.ident;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'string':
      return n.quoted;
    case 'number':
      return n.text;
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'if':
    case 'with':
    case 'range':
      return `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}${n.elseList ? `{{else}}${nodeString(n.elseList)}` : ''}{{end}}`;
    case 'template':
      return n.pipe ? `{{template ${goQuote(n.name)} ${nodeString(n.pipe)}}}` : `{{template ${goQuote(n.name)}}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'end':
      return '{{end}}';
    case 'else':
      return '{{else}}';
  }
}

/** strconv.Unquote for the template's string and char literals. */
function unquote(s: string): string {
  const q = s[0];
  if (q === '`') {
    if (s.length < 2 || s[s.length - 1] !== '`') throw new Error('invalid syntax');
    return s.slice(1, -1).replace(/\r/g, '');
  }
  if (s.length < 2 || s[s.length - 1] !== q) throw new Error('invalid syntax');
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === q || c === '\n') throw new Error('invalid syntax');
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (e in simple) out += simple[e];
    else if (e === q) out += q;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) throw new Error('invalid syntax');
      const v = parseInt(hex, 16);
      if (e !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v < 0xe000))) throw new Error('invalid syntax');
      out += e === 'x' ? Buffer.from([v]).toString('latin1') : String.fromCodePoint(v);
      i += n;
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) throw new Error('invalid syntax');
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else throw new Error('invalid syntax');
  }
  if (q === "'" && [...out].length !== 1) throw new Error('invalid syntax');
  return out;
}

/** parse.NumberNode: the number's readings (int, uint, float), as newNumber decides them. */
function newNumber(pos: number, text: string, typ: T): NumberNode {
  const n: NumberNode = { type: 'number', pos, text, isInt: false, isUint: false, isFloat: false, isComplex: false };
  if (typ === T.CharConstant) {
    const r = unquote(text);
    const c = BigInt(r.codePointAt(0)!);
    return { ...n, isInt: true, isUint: true, isFloat: true, int: c, float: Number(c) };
  }
  if (typ === T.Complex || text.endsWith('i')) {
    throw new TemplateParseError(`kubespec's template engine does not support complex numbers: ${text}`);
  }
  const clean = text.replace(/_/g, '');
  const intRe = /^[+-]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
  if (intRe.test(clean)) {
    const neg = clean.startsWith('-');
    const body = clean.replace(/^[+-]/, '');
    let v: bigint;
    if (/^0[0-7]+$/.test(body)) v = BigInt('0o' + body.slice(1));
    else v = BigInt(body.toLowerCase().startsWith('0o') || body.toLowerCase().startsWith('0b') || body.toLowerCase().startsWith('0x') ? body.toLowerCase() : body);
    if (neg) v = -v;
    if (v >= -(1n << 63n) && v < 1n << 63n) {
      n.isInt = true;
      n.int = v;
    }
    if (v >= 0n && v < 1n << 64n) n.isUint = true;
    if (n.isInt || n.isUint) {
      n.isFloat = true;
      n.float = Number(v);
      return n;
    }
    throw new TemplateParseError(`integer overflow: ${goQuote(text)}`);
  }
  const f = /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)$/.test(clean) ? Number(clean) : NaN;
  if (Number.isNaN(f) || !Number.isFinite(f)) throw new TemplateParseError(`illegal number syntax: ${goQuote(text)}`);
  n.isFloat = true;
  n.float = f;
  // A float with an integral value (1.0, 1e3) reads as an integer too.
  if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
    n.isInt = true;
    n.int = BigInt(f);
  }
  if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) n.isUint = true;
  return n;
}

export interface Trees {
  /** The templates by name; "output" is the top one. */
  [name: string]: ListNode;
}

class Parser {
  private token: Item[] = [];
  private peekCount = 0;
  private vars: string[] = ['$'];
  private actionLine = 0;
  private rangeDepth = 0;
  private stackDepth = 0;

  constructor(
    private readonly lex: Lexer,
    private readonly name: string,
    private readonly funcs: Set<string>,
    private readonly trees: Trees,
  ) {
    this.token = [{ typ: T.EOF, pos: 0, val: '', line: 1 }];
    lex.breakOK = !funcs.has('break');
    lex.continueOK = !funcs.has('continue');
  }

  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount];
  }
  private backup(): void {
    this.peekCount++;
  }
  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }
  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }
  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1];
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }
  private nextNonSpace(): Item {
    let t: Item;
    do t = this.next();
    while (t.typ === T.Space);
    return t;
  }
  private peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  errorf(msg: string): never {
    throw new TemplateParseError(`template: ${this.name}:${this.token[0].line}: ${msg}`);
  }
  private expect(typ: T, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== typ) this.unexpected(t, context);
    return t;
  }
  private unexpected(t: Item, context: string): never {
    if (t.typ === T.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.name}:${this.actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(t)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(t)} in ${context}`);
  }

  parse(): ListNode {
    const root: ListNode = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().typ !== T.EOF) {
      if (this.peek().typ === T.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().typ === T.Define) {
          this.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      root.nodes.push(n);
    }
    return root;
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.nextNonSpace();
    if (name.typ !== T.String && name.typ !== T.RawString) this.unexpected(name, context);
    let tname: string;
    try {
      tname = unquote(name.val);
    } catch (e) {
      this.errorf((e as Error).message);
    }
    this.expect(T.RightDelim, context);
    const saved = this.vars;
    this.vars = ['$'];
    const [list, end] = this.itemList();
    this.vars = saved;
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.addTree(tname, list);
  }

  private addTree(name: string, list: ListNode): void {
    const existing = this.trees[name];
    if (!existing || isEmptyTree(existing)) {
      this.trees[name] = list;
      return;
    }
    if (!isEmptyTree(list)) this.errorf(`template: multiple definition of template ${goQuote(name)}`);
  }

  private itemList(): [ListNode, Node] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== T.EOF) {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case T.Text:
        return { type: 'text', pos: t.pos, text: t.val };
      case T.LeftDelim:
        this.actionLine = t.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      default:
        this.unexpected(t, 'input');
    }
  }

  private action(): Node {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case T.Block:
        return this.blockControl();
      case T.Break:
      case T.Continue: {
        const word = t.typ === T.Break ? 'break' : 'continue';
        const n = this.nextNonSpace();
        if (n.typ !== T.RightDelim) this.unexpected(n, `{{${word}}}`);
        if (this.rangeDepth === 0) this.errorf(`{{${word}}} outside {{range}}`);
        return { type: word, pos: t.pos, line: t.line };
      }
      case T.Else:
        return this.elseControl();
      case T.End:
        return { type: 'end', pos: this.expect(T.RightDelim, 'end').pos, line: t.line };
      case T.If:
        return this.control('if');
      case T.Range:
        return this.control('range');
      case T.Template:
        return this.templateControl();
      case T.With:
        return this.control('with');
    }
    this.backup();
    const tok = this.peek();
    return { type: 'action', pos: tok.pos, line: tok.line, pipe: this.pipeline('command', T.RightDelim) };
  }

  private elseControl(): Node {
    const p = this.peekNonSpace();
    if (p.typ === T.If || p.typ === T.With) return { type: 'else', pos: p.pos, line: p.line };
    const t = this.expect(T.RightDelim, 'else');
    return { type: 'else', pos: t.pos, line: t.line };
  }

  private control(context: 'if' | 'with' | 'range'): Node {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, T.RightDelim);
      if (context === 'range') this.rangeDepth++;
      const [list, first] = this.itemList();
      let next = first;
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.type === 'else') {
        if (context === 'if' && this.peek().typ === T.If) {
          this.next();
          elseList = { type: 'list', pos: next.pos, nodes: [this.control('if')] };
        } else if (context === 'with' && this.peek().typ === T.With) {
          this.next();
          elseList = { type: 'list', pos: next.pos, nodes: [this.control('with')] };
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return { type: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  private blockControl(): Node {
    const context = 'block clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    const pipe = this.pipeline(context, T.RightDelim);
    // The block's body is a template of its own: no variables, no enclosing range.
    const saved = [this.vars, this.rangeDepth] as const;
    this.vars = ['$'];
    this.rangeDepth = 0;
    const [list, end] = this.itemList();
    [this.vars, this.rangeDepth] = saved;
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.addTree(name, list);
    return { type: 'template', pos: t.pos, line: t.line, name, pipe };
  }

  private templateControl(): Node {
    const context = 'template clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().typ !== T.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, T.RightDelim);
    }
    return { type: 'template', pos: t.pos, line: t.line, name, pipe };
  }

  private templateName(t: Item, context: string): string {
    if (t.typ === T.String || t.typ === T.RawString) {
      try {
        return unquote(t.val);
      } catch (e) {
        this.errorf((e as Error).message);
      }
    }
    this.unexpected(t, context);
  }

  private pipeline(context: string, end: T): PipeNode {
    const t = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: t.pos, line: t.line, isAssign: false, decl: [], cmds: [] };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== T.Variable) break;
      this.next();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === T.Assign || next.typ === T.Declare) {
        pipe.isAssign = next.typ === T.Assign;
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: v.val.split('.') });
        this.vars.push(v.val);
      } else if (next.typ === T.Char && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: v.val.split('.') });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace().typ;
          if (p === T.Variable || p === T.RightDelim || p === T.RightParen) continue decls;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (tokenAfterVariable.typ === T.Space) {
        this.backup3(v, tokenAfterVariable);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const tok = this.nextNonSpace();
      if (tok.typ === end) {
        if (!pipe.cmds.length) this.errorf(`missing value for ${context}`);
        pipe.cmds.slice(1).forEach((c, i) => {
          if (['bool', 'dot', 'nil', 'number', 'string'].includes(c.args[0].type)) this.errorf(`non executable command in pipeline stage ${i + 2}`);
        });
        return pipe;
      }
      switch (tok.typ) {
        case T.Bool:
        case T.CharConstant:
        case T.Complex:
        case T.Dot:
        case T.Field:
        case T.Identifier:
        case T.Number:
        case T.Nil:
        case T.RawString:
        case T.String:
        case T.Variable:
        case T.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(tok, context);
      }
    }
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.typ === T.Space) continue;
      if (t.typ === T.RightDelim || t.typ === T.RightParen) this.backup();
      else if (t.typ !== T.Pipe) this.unexpected(t, 'operand');
      break;
    }
    if (!cmd.args.length) this.errorf('empty command');
    return cmd;
  }

  private operand(): Arg | undefined {
    let node = this.term();
    if (!node) return undefined;
    if (this.peek().typ === T.Field) {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().typ === T.Field) fields.push(this.next().val.slice(1));
      switch (node.type) {
        case 'field':
          node = { type: 'field', pos, ident: [...node.ident, ...fields] };
          break;
        case 'variable':
          node = { type: 'variable', pos, ident: [...node.ident, ...fields] };
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
        // eslint-disable-next-line no-fallthrough
        default:
          node = { type: 'chain', pos, node, field: fields };
      }
    }
    return node;
  }

  private term(): Arg | undefined {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case T.Identifier:
        if (!this.funcs.has(t.val)) this.errorf(`function ${goQuote(t.val)} not defined`);
        return { type: 'identifier', pos: t.pos, ident: t.val };
      case T.Dot:
        return { type: 'dot', pos: t.pos };
      case T.Nil:
        return { type: 'nil', pos: t.pos };
      case T.Variable: {
        const ident = t.val.split('.');
        if (!this.vars.includes(ident[0])) this.errorf(`undefined variable ${goQuote(ident[0])}`);
        return { type: 'variable', pos: t.pos, ident };
      }
      case T.Field:
        return { type: 'field', pos: t.pos, ident: t.val.slice(1).split('.') };
      case T.Bool:
        return { type: 'bool', pos: t.pos, value: t.val === 'true' };
      case T.CharConstant:
      case T.Complex:
      case T.Number:
        try {
          return newNumber(t.pos, t.val, t.typ);
        } catch (e) {
          this.errorf((e as Error).message);
        }
      // eslint-disable-next-line no-fallthrough
      case T.LeftParen: {
        if (this.stackDepth >= MAX_STACK_DEPTH) this.errorf('max expression depth exceeded');
        this.stackDepth++;
        try {
          return this.pipeline('parenthesized pipeline', T.RightParen);
        } finally {
          this.stackDepth--;
        }
      }
      case T.String:
      case T.RawString:
        try {
          return { type: 'string', pos: t.pos, quoted: t.val, text: unquote(t.val) };
        } catch (e) {
          this.errorf((e as Error).message);
        }
    }
    this.backup();
    return undefined;
  }
}

function isEmptyTree(n: Node): boolean {
  switch (n.type) {
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return n.text.trim() === '';
    default:
      return false;
  }
}

/** Parse a template named `name`: its tree and the ones it defines. Throws TemplateParseError. */
export function parseTemplate(name: string, text: string, funcs: Set<string>): Trees {
  const trees: Trees = {};
  const p = new Parser(new Lexer(text), name, funcs, trees);
  const root = p.parse();
  const existing = trees[name];
  if (!existing || isEmptyTree(existing)) trees[name] = root;
  else if (!isEmptyTree(root)) p.errorf(`template: multiple definition of template ${goQuote(name)}`);
  return trees;
}
