// The lexer of Go's text/template (text/template/parse/lex.go, as of Go 1.23, which kubectl 1.32 is
// built with): text and actions, `{{- ` / ` -}}` trimming, comments, the tokens inside an action.
// Positions are string indices here; errors convert them to bytes as Go counts them.

export enum T {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  // Keywords appear after all the rest.
  Keyword,
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

export interface Item {
  typ: T;
  pos: number;
  val: string;
  line: number;
}

const KEY: Record<string, T> = {
  '.': T.Dot,
  block: T.Block,
  break: T.Break,
  continue: T.Continue,
  define: T.Define,
  else: T.Else,
  end: T.End,
  if: T.If,
  range: T.Range,
  nil: T.Nil,
  template: T.Template,
  with: T.With,
};

const LEFT = '{{';
const RIGHT = '}}';
const SPACE_CHARS = ' \t\r\n';
const isSpace = (r: string) => r === ' ' || r === '\t' || r === '\r' || r === '\n';
const isAlphaNumeric = (r: string) => r === '_' || /^[\p{L}\p{Nd}]$/u.test(r);
const hasLeftTrimMarker = (s: string) => s.length >= 2 && s[0] === '-' && isSpace(s[1]);
const hasRightTrimMarker = (s: string) => s.length >= 2 && isSpace(s[0]) && s[1] === '-';

/** Go's %q of a string (strconv.Quote): printable runes kept, the rest escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (!/[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]/u.test(ch) || (c !== 0x20 && /\p{Zs}/u.test(ch))) {
      out += c > 0xffff ? '\\U' + c.toString(16).padStart(8, '0') : '\\u' + c.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

/** item.String(): how a token reads in `unexpected X in Y`. */
export function itemString(i: Item): string {
  if (i.typ === T.EOF) return 'EOF';
  if (i.typ === T.Error) return i.val;
  if (i.typ > T.Keyword) return `<${i.val}>`;
  const runes = [...i.val];
  if (runes.length > 10) return `${goQuote(runes.slice(0, 10).join(''))}...`;
  return goQuote(i.val);
}

export class Lexer {
  private pos = 0;
  private start = 0;
  private atEOF = false;
  private parenDepth = 0;
  private line = 1;
  private startLine = 1;
  private item: Item = { typ: T.EOF, pos: 0, val: 'EOF', line: 1 };
  private insideAction = false;
  breakOK = true;
  continueOK = true;

  constructor(private input: string) {}

  nextItem(): Item {
    this.item = { typ: T.EOF, pos: this.pos, val: 'EOF', line: this.startLine };
    let state: (() => unknown) | null = this.insideAction ? this.lexInsideAction : this.lexText;
    for (;;) {
      state = state.call(this) as (() => unknown) | null;
      if (state === null) return this.item;
    }
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return '';
    }
    const c = this.input.codePointAt(this.pos)!;
    const r = String.fromCodePoint(c);
    this.pos += r.length;
    if (r === '\n') this.line++;
    return r;
  }

  private peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    if (!this.atEOF && this.pos > 0) {
      const prev = this.input.charCodeAt(this.pos - 1);
      const w = prev >= 0xdc00 && prev <= 0xdfff && this.pos >= 2 ? 2 : 1;
      this.pos -= w;
      if (this.input[this.pos] === '\n') this.line--;
    }
  }

  private thisItem(t: T): Item {
    const i = { typ: t, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine };
    this.start = this.pos;
    this.startLine = this.line;
    return i;
  }

  private emit(t: T): null {
    return this.emitItem(this.thisItem(t));
  }

  private emitItem(i: Item): null {
    this.item = i;
    return null;
  }

  private ignore(): void {
    this.line += count(this.input.slice(this.start, this.pos), '\n');
    this.start = this.pos;
    this.startLine = this.line;
  }

  private accept(valid: string): boolean {
    const r = this.next();
    if (r && valid.includes(r)) return true;
    this.backup();
    return false;
  }

  private acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (!r || !valid.includes(r)) break;
    }
    this.backup();
  }

  private errorf(msg: string): null {
    this.item = { typ: T.Error, pos: this.start, val: msg, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input = '';
    return null;
  }

  private lexText(): unknown {
    const x = this.input.indexOf(LEFT, this.pos);
    if (x >= 0) {
      if (x > this.pos) {
        this.pos = x;
        let trim = 0;
        const delimEnd = this.pos + LEFT.length;
        if (hasLeftTrimMarker(this.input.slice(delimEnd))) trim = rightTrimLength(this.input.slice(this.start, this.pos));
        this.pos -= trim;
        this.line += count(this.input.slice(this.start, this.pos), '\n');
        const i = this.thisItem(T.Text);
        this.pos += trim;
        this.ignore();
        if (i.val.length > 0) return this.emitItem(i);
      }
      return this.lexLeftDelim;
    }
    this.pos = this.input.length;
    if (this.pos > this.start) {
      this.line += count(this.input.slice(this.start, this.pos), '\n');
      return this.emit(T.Text);
    }
    return this.emit(T.EOF);
  }

  private atRightDelim(): { delim: boolean; trim: boolean } {
    const rest = this.input.slice(this.pos);
    if (hasRightTrimMarker(rest) && rest.slice(2).startsWith(RIGHT)) return { delim: true, trim: true };
    if (rest.startsWith(RIGHT)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  }

  private lexLeftDelim(): unknown {
    this.pos += LEFT.length;
    const trim = hasLeftTrimMarker(this.input.slice(this.pos));
    const after = trim ? 2 : 0;
    if (this.input.startsWith('/*', this.pos + after)) {
      this.pos += after;
      this.ignore();
      return this.lexComment;
    }
    const i = this.thisItem(T.LeftDelim);
    this.insideAction = true;
    this.pos += after;
    this.ignore();
    this.parenDepth = 0;
    return this.emitItem(i);
  }

  private lexComment(): unknown {
    this.pos += 2;
    const x = this.input.indexOf('*/', this.pos);
    if (x < 0) return this.errorf('unclosed comment');
    this.pos = x + 2;
    const { delim, trim } = this.atRightDelim();
    if (!delim) return this.errorf('comment ends before closing delimiter');
    this.line += count(this.input.slice(this.start, this.pos), '\n');
    this.thisItem(T.Comment);
    if (trim) this.pos += 2;
    this.pos += RIGHT.length;
    if (trim) this.pos += leftTrimLength(this.input.slice(this.pos));
    this.ignore();
    return this.lexText;
  }

  private lexRightDelim(): unknown {
    const { trim } = this.atRightDelim();
    if (trim) {
      this.pos += 2;
      this.ignore();
    }
    this.pos += RIGHT.length;
    const i = this.thisItem(T.RightDelim);
    if (trim) {
      this.pos += leftTrimLength(this.input.slice(this.pos));
      this.ignore();
    }
    this.insideAction = false;
    return this.emitItem(i);
  }

  private lexInsideAction(): unknown {
    const { delim } = this.atRightDelim();
    if (delim) {
      if (this.parenDepth === 0) return this.lexRightDelim;
      return this.errorf('unclosed left paren');
    }
    const r = this.next();
    if (r === '') return this.errorf('unclosed action');
    if (isSpace(r)) {
      this.backup();
      return this.lexSpace;
    }
    if (r === '=') return this.emit(T.Assign);
    if (r === ':') {
      if (this.next() !== '=') return this.errorf('expected :=');
      return this.emit(T.Declare);
    }
    if (r === '|') return this.emit(T.Pipe);
    if (r === '"') return this.lexQuote;
    if (r === '`') return this.lexRawQuote;
    if (r === '$') return this.lexVariable;
    if (r === "'") return this.lexChar;
    if (r === '.') {
      if (this.pos < this.input.length) {
        const c = this.input[this.pos];
        if (c < '0' || c > '9') return this.lexField;
      }
      this.backup();
      return this.lexNumber;
    }
    if (r === '+' || r === '-' || (r >= '0' && r <= '9')) {
      this.backup();
      return this.lexNumber;
    }
    if (isAlphaNumeric(r)) {
      this.backup();
      return this.lexIdentifier;
    }
    if (r === '(') {
      this.parenDepth++;
      return this.emit(T.LeftParen);
    }
    if (r === ')') {
      this.parenDepth--;
      if (this.parenDepth < 0) return this.errorf('unexpected right paren');
      return this.emit(T.RightParen);
    }
    const c = r.codePointAt(0)!;
    if (c <= 0x7f && c >= 0x20 && c !== 0x7f) return this.emit(T.Char);
    return this.errorf(`unrecognized character in action: ${goRune(r)}`);
  }

  private lexSpace(): unknown {
    let n = 0;
    for (;;) {
      const r = this.peek();
      if (!isSpace(r)) break;
      this.next();
      n++;
    }
    if (hasRightTrimMarker(this.input.slice(this.pos - 1)) && this.input.startsWith(RIGHT, this.pos - 1 + 2)) {
      this.backup();
      if (n === 1) return this.lexRightDelim;
    }
    return this.emit(T.Space);
  }

  private lexIdentifier(): unknown {
    for (;;) {
      const r = this.next();
      if (r && isAlphaNumeric(r)) continue;
      this.backup();
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) return this.errorf(`bad character ${goRune(r)}`);
      const k = KEY[word];
      if (k !== undefined && k > T.Keyword) {
        if ((k === T.Break && !this.breakOK) || (k === T.Continue && !this.continueOK)) return this.emit(T.Identifier);
        return this.emit(k);
      }
      if (word[0] === '.') return this.emit(T.Field);
      if (word === 'true' || word === 'false') return this.emit(T.Bool);
      return this.emit(T.Identifier);
    }
  }

  private lexField(): unknown {
    return this.lexFieldOrVariable(T.Field);
  }

  private lexVariable(): unknown {
    if (this.atTerminator()) return this.emit(T.Variable);
    return this.lexFieldOrVariable(T.Variable);
  }

  private lexFieldOrVariable(typ: T): unknown {
    if (this.atTerminator()) return this.emit(typ === T.Variable ? T.Variable : T.Dot);
    let r: string;
    for (;;) {
      r = this.next();
      if (!r || !isAlphaNumeric(r)) {
        this.backup();
        break;
      }
    }
    if (!this.atTerminator()) return this.errorf(`bad character ${goRune(r)}`);
    return this.emit(typ);
  }

  private atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    if (r === '' || '.,|:)('.includes(r)) return true;
    return this.input.startsWith(RIGHT, this.pos);
  }

  private lexChar(): unknown {
    for (;;) {
      const r = this.next();
      if (r === '\\') {
        const n = this.next();
        if (n !== '' && n !== '\n') continue;
        return this.errorf('unterminated character constant');
      }
      if (r === '' || r === '\n') return this.errorf('unterminated character constant');
      if (r === "'") break;
    }
    return this.emit(T.CharConstant);
  }

  private lexNumber(): unknown {
    if (!this.scanNumber()) return this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
    const sign = this.peek();
    if (sign === '+' || sign === '-') {
      if (!this.scanNumber() || this.input[this.pos - 1] !== 'i') return this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
      return this.emit(T.Complex);
    }
    return this.emit(T.Number);
  }

  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 10 + 1 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 16 + 6 + 1 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    const p = this.peek();
    if (p && isAlphaNumeric(p)) {
      this.next();
      return false;
    }
    return true;
  }

  private lexQuote(): unknown {
    for (;;) {
      const r = this.next();
      if (r === '\\') {
        const n = this.next();
        if (n !== '' && n !== '\n') continue;
        return this.errorf('unterminated quoted string');
      }
      if (r === '' || r === '\n') return this.errorf('unterminated quoted string');
      if (r === '"') break;
    }
    return this.emit(T.String);
  }

  private lexRawQuote(): unknown {
    for (;;) {
      const r = this.next();
      if (r === '') return this.errorf('unterminated raw quoted string');
      if (r === '`') break;
    }
    return this.emit(T.RawString);
  }
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

function rightTrimLength(s: string): number {
  let n = 0;
  while (n < s.length && SPACE_CHARS.includes(s[s.length - 1 - n])) n++;
  return n;
}

function leftTrimLength(s: string): number {
  let n = 0;
  while (n < s.length && SPACE_CHARS.includes(s[n])) n++;
  return n;
}

/** Go's %#U: `U+0021 '!'`. */
export function goRune(r: string): string {
  if (r === '') return 'U+FFFFFFFFFFFFFFFF';
  const c = r.codePointAt(0)!;
  const hex = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return /[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]/u.test(r) ? `${hex} '${r}'` : hex;
}
