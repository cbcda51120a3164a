// Text patterns in specs: a plain string means "contains this text" (expectError, output) or
// "equals" (match), while a string written as `/.../flags` is a regular expression.
// Spec regexes are RE2 (through re2js): they run in time linear in the text, so an instructor's
// `/^(a+)+$/` cannot hang a grading run on a student's string; RE2 is also the dialect of Go's
// regexp, so of Kubernetes and kubectl. What RE2 lacks (backreferences, lookaround) is a load error.
import { RE2JS } from 're2js';

/** A compiled spec regex: what the assertions need of it. */
export interface SpecRegex {
  /** Whether the regex matches anywhere in `text`. */
  test(text: string): boolean;
}

const FLAGS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, u: 0 };

/** The hint added to an error for what RE2 does not do. */
function hint(message: string, body: string): string {
  if (/\\[1-9]/.test(body) || /invalid escape sequence: `\\[1-9]/.test(message)) return `${message} (backreferences are not supported: spec regexes use RE2 syntax, as Go and kubectl do)`;
  if (/\(\?<?[=!]/.test(body)) return `${message} (lookahead and lookbehind are not supported: spec regexes use RE2 syntax, as Go and kubectl do)`;
  return message;
}

/** `/body/flags` with flags among `imsu` (stateful `g`/`y` would make repeated tests disagree). */
const REGEX_LITERAL = /^\/([\s\S]*)\/([imsu]*)$/;

export function isRegexLiteral(text: string): boolean {
  return text.length >= 2 && REGEX_LITERAL.test(text);
}

/**
 * Literals compiled so far: a spec's regexes are compiled when it is checked (regexProblem) and again
 * when it is built (textPattern); RE2JS patterns are immutable, so one serves both. Bounded for a
 * long-lived process (watch mode, serve).
 */
const COMPILED = new Map<string, SpecRegex>();
const COMPILED_MAX = 1000;

/** Compile a `/.../` literal. Throws SyntaxError (with RE2's reason) when it does not compile. */
export function compileRegexLiteral(text: string): SpecRegex {
  const known = COMPILED.get(text);
  if (known) return known;
  const compiled = compileAfresh(text);
  if (COMPILED.size >= COMPILED_MAX) COMPILED.clear();
  COMPILED.set(text, compiled);
  return compiled;
}

function compileAfresh(text: string): SpecRegex {
  const m = REGEX_LITERAL.exec(text);
  if (!m) throw new SyntaxError(`${text} is not a /regular expression/`);
  let flags = 0;
  for (const f of m[2]) flags |= FLAGS[f];
  try {
    const re = RE2JS.compile(m[1], flags);
    return { test: (s: string) => re.test(s) };
  } catch (e) {
    throw new SyntaxError(hint((e as Error).message, m[1]));
  }
}

/** Why a `/.../` literal does not compile, or undefined when it does (or is not a literal). */
export function regexProblem(text: string): string | undefined {
  if (!isRegexLiteral(text)) return undefined;
  try {
    compileRegexLiteral(text);
    return undefined;
  } catch (e) {
    // RE2's own words (Go's: `error parsing regexp: missing closing ): \`(a\``), without the prefix.
    return (e as Error).message.replace(/^error parsing regexp: /, '');
  }
}

/** A text expectation: a substring, or a regular expression. */
export interface TextPattern {
  /** As written in the spec. */
  source: string;
  regex?: SpecRegex;
}

export function textPattern(source: string): TextPattern {
  return isRegexLiteral(source) ? { source, regex: compileRegexLiteral(source) } : { source };
}

/** Substring containment, or a regex search. */
export function containsText(p: TextPattern, text: string): boolean {
  return p.regex ? p.regex.test(text) : text.includes(p.source);
}

/** How a pattern reads in a message: `"text"` or `/re/`. */
export function describePattern(p: TextPattern): string {
  return p.regex ? p.source : JSON.stringify(p.source);
}
