// YAML exactly as `kubectl -o yaml` prints it: sigs.k8s.io/yaml turns the object into JSON and
// hands it to gopkg.in/yaml.v2, whose emitter (a port of libyaml) decides every detail below —
// keys in yaml.v2's "natural" order, sequences not indented under their key, strings quoted only
// when they would otherwise read back as something else, long strings folded past column 80.

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

type Json = null | boolean | number | bigint | string | Json[] | { [k: string]: Json };

/** Marshal a JSON-like value as kubectl's YAML printer does (ends with a newline). */
export function toYaml(value: unknown): string {
  const e = new Emitter();
  e.document(value as Json);
  return e.out.endsWith('\n') ? e.out : e.out + '\n';
}

// ---- key order -------------------------------------------------------------------------------

const isLetter = (ch: string) => /\p{L}/u.test(ch);
const isDigit = (ch: string) => ch >= '0' && ch <= '9';

/** gopkg.in/yaml.v2 sorter.go keyList.Less for string keys: digit runs compare as numbers, non-letters before letters. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai].charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort((a, b) => (a === b ? 0 : yamlKeyLess(a, b) ? -1 : 1));
}

// ---- resolving: would this string read back as something other than a string? ----------------

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE',
  'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
  '<<',
]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** strconv.ParseInt(s, 0, 64) / ParseUint: optional sign, then 0x / 0o / 0b / leading-0 octal or decimal. */
function goParsesAsInt(s: string): boolean {
  const m = /^([+-]?)(.*)$/.exec(s)!;
  const body = m[2];
  if (body === '') return false;
  if (/^0[xX][0-9a-fA-F]+$/.test(body)) return true;
  if (/^0[oO][0-7]+$/.test(body)) return true;
  if (/^0[bB][01]+$/.test(body)) return true;
  if (/^0[0-7]*$/.test(body)) return true;
  return /^[1-9][0-9]*$/.test(body);
}

function validDate(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[mo - 1];
}

/** yaml.v2 parseTimestamp (time.Parse over its allowed formats), approximated by patterns. */
function isTimestamp(s: string): boolean {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return validDate(+m[1], +m[2], +m[3]);
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) m = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?()$/.exec(s);
  if (!m) return false;
  return validDate(+m[1], +m[2], +m[3]) && +m[4] < 24 && +m[5] < 60 && +m[6] < 60;
}

/** yaml.v2 resolve(): true when the plain text would not read back as a string. */
export function resolvesToNonString(s: string): boolean {
  if (RESOLVE_MAP.has(s)) return true;
  const c = s[0];
  if (c === '.') return YAML_STYLE_FLOAT.test(s) || /^\.\d/.test(s) && !Number.isNaN(Number(s));
  if (c === '+' || c === '-' || isDigit(c)) {
    if (isTimestamp(s)) return true;
    const plain = s.replace(/_/g, '');
    if (goParsesAsInt(plain)) return true;
    if (YAML_STYLE_FLOAT.test(plain)) return true;
    if (/^-?0b[01]+$/.test(plain)) return true;
  }
  return false;
}

// ---- scalar analysis (libyaml yaml_emitter_analyze_scalar) -----------------------------------

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const isBreak = (c: string) => c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlankZ = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || isBreak(c) || c === '\0';

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

function analyze(s: string): Analysis {
  if (s === '') return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const ch = [...s];
  let blockIndicators = s.startsWith('---') || s.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  let followedByWhitespace = isBlankZ(ch[1]);
  for (let i = 0; i < ch.length; i++) {
    const c = ch[i];
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      if ((c === '?' || c === ':') && followedByWhitespace) blockIndicators = true;
      if (c === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === ':' && followedByWhitespace) blockIndicators = true;
      if (c === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(c)) special = true;
    if (isBreak(c)) lineBreaks = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === ch.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      if (i === 0) leadingBreak = true;
      if (i === ch.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankZ(c);
    followedByWhitespace = isBlankZ(ch[i + 2]);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

type Style = 'plain' | 'single' | 'double' | 'literal';

/** yaml.v2 encoder stringv + libyaml yaml_emitter_select_scalar_style (block context). */
function selectStyle(s: string, simpleKey: boolean): Style {
  let style: Style;
  if (s.includes('\n')) style = 'literal';
  else if (!resolvesToNonString(s) && !BASE60_FLOAT.test(s)) style = 'plain';
  else style = 'double';
  const a = analyze(s);
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (s === '' && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

// ---- the emitter -----------------------------------------------------------------------------

class Emitter {
  out = '';
  column = 0;
  /** Whether the last character written was whitespace (libyaml emitter->whitespace). */
  whitespace = true;
  /** Whether only indentation has been written on this line (libyaml emitter->indention). */
  indention = true;

  private put(s: string): void {
    this.out += s;
    this.column += [...s].length;
  }

  private breakLine(): void {
    this.out += '\n';
    this.column = 0;
    this.whitespace = true;
    this.indention = true;
  }

  /** libyaml yaml_emitter_write_indent. */
  private writeIndent(indent: number): void {
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.breakLine();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  /** libyaml yaml_emitter_write_indicator. */
  private indicator(text: string, needWhitespace: boolean, isIndention = false): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(text);
    this.whitespace = false;
    this.indention = this.indention && isIndention;
  }

  document(v: Json): void {
    this.node(v, -1, false);
    if (this.column !== 0) this.breakLine();
  }

  /** Emit a node whose parent has block indentation `indent` (-1 at the top). */
  private node(v: Json, indent: number, inSequence: boolean): void {
    if (Array.isArray(v)) {
      if (v.length === 0) return this.flowEmpty('[]');
      // A sequence inside a mapping is indentless (yaml.v2's emitter keeps it at the key's column).
      const seqIndent = indent < 0 ? 0 : inSequence ? indent + BEST_INDENT : indent;
      v.forEach((item) => {
        this.writeIndent(seqIndent);
        this.indicator('-', true, true);
        this.node(item, seqIndent, true);
      });
      return;
    }
    if (v !== null && typeof v === 'object') {
      const keys = sortedKeys(v);
      if (keys.length === 0) return this.flowEmpty('{}');
      const mapIndent = indent < 0 ? 0 : indent + BEST_INDENT;
      keys.forEach((k) => {
        // After `- ` only indentation has been written, so the first key stays on that line.
        this.writeIndent(mapIndent);
        this.scalar(k, mapIndent, true);
        this.indicator(':', false);
        this.node(v[k], mapIndent, false);
      });
      return;
    }
    this.scalarValue(v, indent);
  }

  private flowEmpty(text: string): void {
    this.indicator(text, true);
  }

  private scalarValue(v: Exclude<Json, Json[] | { [k: string]: Json }>, indent: number): void {
    if (v === null) return this.plain('null', indent, false);
    if (typeof v === 'boolean') return this.plain(String(v), indent, false);
    if (typeof v === 'number') return this.plain(formatNumber(v), indent, false);
    // An int64 past 2^53 (src/util/json.ts): yaml.v2 writes an integer plainly.
    if (typeof v === 'bigint') return this.plain(v.toString(), indent, false);
    this.scalar(v, indent, false);
  }

  private scalar(s: string, indent: number, simpleKey: boolean): void {
    const contIndent = indent < 0 ? 0 : indent + BEST_INDENT;
    switch (selectStyle(s, simpleKey)) {
      case 'plain':
        return this.plain(s, contIndent, !simpleKey);
      case 'single':
        return this.singleQuoted(s, contIndent, !simpleKey);
      case 'double':
        return this.doubleQuoted(s, contIndent, !simpleKey);
      case 'literal':
        return this.literal(s, contIndent);
    }
  }

  /** libyaml yaml_emitter_write_plain_scalar. */
  private plain(s: string, indent: number, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    const ch = [...s];
    let spaces = false;
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i];
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && ch[i + 1] !== ' ') {
          this.writeIndent(indent);
        } else {
          this.put(c);
        }
        spaces = true;
      } else {
        this.put(c);
        this.indention = false;
        spaces = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  /** libyaml yaml_emitter_write_single_quoted (single-quoted text never holds a line break here). */
  private singleQuoted(s: string, indent: number, allowBreaks: boolean): void {
    this.indicator("'", true);
    const ch = [...s];
    let spaces = false;
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i];
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== ch.length - 1 && ch[i + 1] !== ' ') {
          this.writeIndent(indent);
        } else {
          this.put(c);
        }
        spaces = true;
      } else {
        this.put(c === "'" ? "''" : c);
        this.indention = false;
        spaces = false;
      }
    }
    this.indicator("'", false);
  }

  /** libyaml yaml_emitter_write_double_quoted. */
  private doubleQuoted(s: string, indent: number, allowBreaks: boolean): void {
    this.indicator('"', true);
    const ch = [...s];
    let spaces = false;
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i];
      const cp = c.codePointAt(0)!;
      if (!isPrintable(c) || cp === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
        this.put('\\' + escapeFor(cp));
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== ch.length - 1) {
          this.writeIndent(indent);
          if (ch[i + 1] === ' ') this.put('\\');
        } else {
          this.put(c);
        }
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.indicator('"', false);
  }

  /** libyaml yaml_emitter_write_literal_scalar with yaml_emitter_write_block_scalar_hints. */
  private literal(s: string, indent: number): void {
    let hints = '';
    if (s[0] === ' ' || isBreak(s[0])) hints += String(BEST_INDENT);
    if (!s.endsWith('\n')) hints += '-';
    else if (s === '\n' || s.endsWith('\n\n')) hints += '+';
    this.indicator('|' + hints, true);
    this.breakLine();
    let breaks = true;
    for (const c of s) {
      if (c === '\n') {
        this.breakLine();
        breaks = true;
      } else {
        if (breaks) this.writeIndent(indent);
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
    // After a literal that ended with a line break the next line starts fresh.
    if (s.endsWith('\n')) {
      this.indention = true;
      this.whitespace = true;
    }
  }
}

function escapeFor(cp: number): string {
  switch (cp) {
    case 0x00: return '0';
    case 0x07: return 'a';
    case 0x08: return 'b';
    case 0x09: return 't';
    case 0x0a: return 'n';
    case 0x0b: return 'v';
    case 0x0c: return 'f';
    case 0x0d: return 'r';
    case 0x1b: return 'e';
    case 0x22: return '"';
    case 0x5c: return '\\';
    case 0x85: return 'N';
    case 0xa0: return '_';
    case 0x2028: return 'L';
    case 0x2029: return 'P';
  }
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return 'x' + hex.padStart(2, '0');
  if (cp <= 0xffff) return 'u' + hex.padStart(4, '0');
  return 'U' + hex.padStart(8, '0');
}

/** Numbers as yaml.v2 writes the values JSON decoding gives it: integers plainly, floats as strconv 'g' -1. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n > 0 ? '+.inf' : '-.inf';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [mant, e] = n.toExponential().split('e');
    const ev = Number(e);
    return `${mant}e${ev < 0 ? '-' : '+'}${String(Math.abs(ev)).padStart(2, '0')}`;
  }
  return String(n);
}
