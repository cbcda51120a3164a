// Label selectors: kubectl's string syntax (`a=b,c!=d,e in (f,g),!h`) and metav1.LabelSelector
// (matchLabels + matchExpressions), as k8s.io/apimachinery/pkg/labels implements them.
import type { LabelSelector } from './types';
import { checkpoint } from '../util/deadline';
import { isQualifiedName, isValidLabelValue } from './registry/validation';
import { goQuote } from './govalue';

export type Requirement =
  | { key: string; op: 'exists' | 'notexists' }
  /** `form`: written `k=v`, `k==v` or `k!=v` (one value) rather than `k in (v)`; values sorted, unique. */
  | { key: string; op: 'in' | 'notin'; values: string[]; form?: '=' | '==' | '!=' }
  /** `text`: the integer as written (ParseInt's int64), `value` its nearest number. */
  | { key: string; op: 'gt' | 'lt'; value: number; text?: string };

/** A parsed selector: every requirement must hold. An empty list matches everything. */
export interface Selector {
  requirements: Requirement[];
  /** `nothing` is the selector a nil LabelSelector converts to: it matches no object. */
  nothing?: boolean;
}

export const EVERYTHING: Selector = { requirements: [] };
export const NOTHING: Selector = { requirements: [], nothing: true };

export class SelectorParseError extends Error {}

// ---- labels.Parse (k8s.io/apimachinery/pkg/labels/selector.go): its lexer, its recursive descent,
// NewRequirement's checks, and every error text. The result is sorted by key, as parse sorts it.

type Tok = 'error' | 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';
const LITERAL_TOKENS: Record<string, Tok> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', in: 'in', '<': '<', '!=': '!=', notin: 'notin', '(': '(' };
const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => c === '=' || c === '!' || c === '(' || c === ')' || c === ',' || c === '>' || c === '<';
/** binaryOperators, as parseOperator lists them. */
const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

/** Lexer.Lex over the whole text (Parser.scan). A NUL reads as the end of the text, as in Go. */
function scan(s: string): { tok: Tok; lit: string }[] {
  const items: { tok: Tok; lit: string }[] = [];
  let pos = 0;
  const read = (): string => (pos < s.length ? s[pos++] : '\0');
  for (;;) {
    let ch = read();
    while (isWhitespace(ch)) ch = read();
    if (ch === '\0') {
      items.push({ tok: 'eos', lit: '' });
      return items;
    }
    if (isSpecial(ch)) {
      // scanSpecialSymbol: the longest run of specials that is still a token.
      let buf = ch;
      let last: Tok | undefined = LITERAL_TOKENS[buf];
      let lastLit = buf;
      for (;;) {
        const c = read();
        if (c === '\0') break;
        if (!isSpecial(c)) {
          pos--;
          break;
        }
        buf += c;
        const t = LITERAL_TOKENS[buf] as Tok | undefined;
        if (t) {
          last = t;
          lastLit = buf;
        } else if (last) {
          pos--;
          break;
        }
      }
      items.push(last ? { tok: last, lit: lastLit } : { tok: 'error', lit: `error expected: keyword found '${buf}'` });
      continue;
    }
    // scanIDOrKeyword
    let buf = ch;
    for (;;) {
      const c = read();
      if (c === '\0') break;
      if (isSpecial(c) || isWhitespace(c)) {
        pos--;
        break;
      }
      buf += c;
    }
    const kw = Object.prototype.hasOwnProperty.call(LITERAL_TOKENS, buf) ? LITERAL_TOKENS[buf] : undefined;
    items.push({ tok: kw ?? 'id', lit: buf });
  }
}

const fail = (message: string): never => {
  throw new SelectorParseError(message);
};

/** field.Error for an Invalid value (ErrorBody: a string with %q, a []string with %#v). */
function invalid(path: string, value: string | string[], detail: string): string {
  const v = Array.isArray(value) ? `[]string{${value.map(goQuote).join(', ')}}` : goQuote(value);
  return `${path}: Invalid value: ${v}: ${detail}`;
}


const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64): the value, or undefined. */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/** validateLabelKey: IsQualifiedName's messages, joined with "; ". */
function keyError(key: string, path: string): string | undefined {
  const errs = isQualifiedName(key);
  return errs.length ? invalid(path, key, errs.join('; ')) : undefined;
}

type Op = 'exists' | 'notexists' | 'in' | 'notin' | '=' | '==' | '!=' | 'gt' | 'lt';

/** NewRequirement: the requirement, or the aggregate of its field errors (one: itself; more: `[a, b]`). */
function newRequirement(key: string, op: Op, vals: string[]): Requirement {
  const errs: string[] = [];
  const k = keyError(key, 'key');
  if (k) errs.push(k);
  switch (op) {
    case 'in':
    case 'notin':
      if (vals.length === 0) errs.push(invalid('values', vals, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) errs.push(invalid('values', vals, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case 'notexists':
      if (vals.length !== 0) errs.push(invalid('values', vals, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) errs.push(invalid('values', vals, "for 'Gt', 'Lt' operators, exactly one value is required"));
      vals.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
  }
  vals.forEach((v, i) => {
    const m = isValidLabelValue(v);
    if (m.length) errs.push(invalid(`values[${i}][${key}]`, v, m.join('; ')));
  });
  if (errs.length === 1) fail(errs[0]);
  if (errs.length > 1) fail(`[${errs.join(', ')}]`);
  switch (op) {
    case 'exists':
    case 'notexists':
      return { key, op };
    case 'gt':
    case 'lt':
      return { key, op, value: Number(parseInt64(vals[0])!), text: vals[0] };
    case 'in':
    case 'notin':
      return { key, op, values: vals };
    default:
      return { key, op: op === '!=' ? 'notin' : 'in', values: vals, form: op };
  }
}

/** sets.String's List(): unique, sorted. */
function setList(vals: Set<string>): string[] {
  return [...vals].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

class Parser {
  private position = 0;
  constructor(private readonly items: { tok: Tok; lit: string }[]) {}

  /** In the Values context `in` and `notin` are identifiers. */
  private item(values: boolean, advance: boolean): { tok: Tok; lit: string } {
    const it = this.items[Math.min(this.position, this.items.length - 1)];
    if (advance) this.position++;
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it;
  }
  private lookahead(values = true) {
    return this.item(values, false);
  }
  private consume(values = true) {
    return this.item(values, true);
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      checkpoint();
      const { tok, lit } = this.lookahead();
      if (tok === 'eos') return reqs;
      if (tok !== 'id' && tok !== '!') fail(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        reqs.push(this.parseRequirement());
      } catch (e) {
        if (e instanceof SelectorParseError) fail(`unable to parse requirement: ${e.message}`);
        throw e;
      }
      const t = this.consume();
      if (t.tok === 'eos') return reqs;
      if (t.tok !== ',') fail(`found '${t.lit}', expected: ',' or 'end of string'`);
      const t2 = this.lookahead();
      if (t2.tok !== 'id' && t2.tok !== '!') fail(`found '${t2.lit}', expected: identifier after ','`);
    }
  }

  private parseRequirement(): Requirement {
    const { key, op } = this.parseKeyAndInferOperator();
    if (op === 'exists' || op === 'notexists') return newRequirement(key, op, []);
    const operator = this.parseOperator();
    const values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, operator, setList(values));
  }

  private parseKeyAndInferOperator(): { key: string; op?: Op } {
    let op: Op | undefined;
    let t = this.consume();
    if (t.tok === '!') {
      op = 'notexists';
      t = this.consume();
    }
    if (t.tok !== 'id') fail(`found '${t.lit}', expected: identifier`);
    // validateLabelKey with the parser's path, which is nil: field.Path's String() of nil is "<nil>".
    const k = keyError(t.lit, '<nil>');
    if (k) fail(k);
    const next = this.lookahead().tok;
    if ((next === 'eos' || next === ',') && op !== 'notexists') op = 'exists';
    return { key: t.lit, op };
  }

  private parseOperator(): Op {
    const { tok, lit } = this.consume(false);
    switch (tok) {
      case 'in':
        return 'in';
      case 'notin':
        return 'notin';
      case '=':
      case '==':
      case '!=':
        return tok;
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      default:
        return fail(`found '${lit}', expected: ${BINARY_OPERATORS}`);
    }
  }

  private parseValues(): Set<string> {
    const open = this.consume();
    if (open.tok !== '(') fail(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead();
    if (tok === ')') {
      this.consume();
      return new Set(['']);
    }
    if (tok !== 'id' && tok !== ',') fail(`found '${lit}', expected: ',', ')' or identifier`);
    const s = this.parseIdentifiersList();
    // Upstream words this with the literal it looked at first, not the one it found.
    if (this.consume().tok !== ')') fail(`found '${lit}', expected: ')'`);
    return s;
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      checkpoint();
      const { tok, lit } = this.consume();
      if (tok === 'id') {
        s.add(lit);
        const t2 = this.lookahead();
        if (t2.tok === ',') continue;
        if (t2.tok === ')') return s;
        fail(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (tok === ',') {
        if (s.size === 0) s.add(''); // "(,"
        const t2 = this.lookahead().tok;
        if (t2 === ')') {
          s.add(''); // ",)"
          return s;
        }
        if (t2 === ',') {
          this.consume();
          s.add(''); // ",,"
        }
      } else {
        fail(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const t = this.lookahead().tok;
    if (t === 'eos' || t === ',') return new Set(['']);
    const { tok, lit } = this.consume();
    if (tok === 'id') return new Set([lit]);
    return fail(`found '${lit}', expected: identifier`);
  }
}

/** Sorted by key, stable (sort.Sort(ByKey) on what the parse or LabelSelectorAsSelector built). */
function byKey(reqs: Requirement[]): Requirement[] {
  return reqs.map((r, i) => [r, i] as const).sort(([a, i], [b, j]) => (a.key < b.key ? -1 : a.key > b.key ? 1 : i - j)).map(([r]) => r);
}

/**
 * labels.Parse: kubectl's selector syntax (`a=b,c!=d,e in (f,g),!h,n>1`). Throws SelectorParseError
 * with upstream's message (`found '', expected: identifier after ','`, `unable to parse
 * requirement: ...`).
 */
export function parseSelector(text: string): Selector {
  const reqs = new Parser(scan(text)).parse();
  return reqs.length ? { requirements: byKey(reqs) } : EVERYTHING;
}

/**
 * metav1.LabelSelectorAsSelector: nil → nothing; empty → everything; matchLabels as `k=v`, then the
 * expressions, all sorted by key (Selector.Add). Not validated here: the API server validated the
 * object that holds it.
 */
export function fromLabelSelector(sel: LabelSelector | undefined | null): Selector {
  if (!sel) return NOTHING;
  const requirements: Requirement[] = [];
  for (const key of Object.keys(sel.matchLabels ?? {}).sort()) requirements.push({ key, op: 'in', values: [sel.matchLabels![key]], form: '=' });
  for (const e of sel.matchExpressions ?? []) {
    switch (e.operator) {
      case 'In':
        requirements.push({ key: e.key, op: 'in', values: e.values ?? [] });
        break;
      case 'NotIn':
        requirements.push({ key: e.key, op: 'notin', values: e.values ?? [] });
        break;
      case 'Exists':
        requirements.push({ key: e.key, op: 'exists' });
        break;
      case 'DoesNotExist':
        requirements.push({ key: e.key, op: 'notexists' });
        break;
      default:
        return NOTHING;
    }
  }
  return { requirements: sel.matchExpressions?.length ? byKey(requirements) : requirements };
}

export function matches(sel: Selector, labels: Record<string, string> | undefined): boolean {
  if (sel.nothing) return false;
  checkpoint();
  const l = labels ?? {};
  for (const r of sel.requirements) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists':
        if (!has) return false;
        break;
      case 'notexists':
        if (has) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(l[r.key])) return false;
        break;
      case 'notin':
        if (has && r.values.includes(l[r.key])) return false;
        break;
      case 'gt':
      case 'lt': {
        // Both sides as strconv.ParseInt(…, 10, 64): a label that is not an int64 never matches.
        const n = has ? parseInt64(l[r.key]) : undefined;
        if (n === undefined) return false;
        const v = r.text !== undefined ? BigInt(r.text) : BigInt(Math.trunc(r.value));
        if (r.op === 'gt' ? !(n > v) : !(n < v)) return false;
        break;
      }
    }
  }
  return true;
}

/** True when the LabelSelector matches the labels (nil selector matches nothing). */
export function labelSelectorMatches(sel: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
  return matches(fromLabelSelector(sel), labels);
}

/**
 * The selector's String() (`app=nginx,tier in (a,b)`; `<none>` for Nothing, as FormatLabelSelector
 * prints it): `=`, `==` and `!=` as written, `in`/`notin` always with parentheses, values sorted.
 */
export function selectorString(sel: Selector): string {
  if (sel.nothing) return '<none>';
  return sel.requirements
    .map((r) => {
      switch (r.op) {
        case 'exists':
          return r.key;
        case 'notexists':
          return `!${r.key}`;
        case 'in':
        case 'notin': {
          if (r.form && r.values.length === 1) return `${r.key}${r.form}${r.values[0]}`;
          const sorted = [...r.values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          return `${r.key} ${r.op} (${sorted.join(',')})`;
        }
        case 'gt':
          return `${r.key}>${r.text ?? r.value}`;
        case 'lt':
          return `${r.key}<${r.text ?? r.value}`;
      }
    })
    .join(',');
}
