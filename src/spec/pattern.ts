// Text patterns in specs: a plain string means "contains this text" (expectError, output) or
// "equals" (match), while a string written as `/.../flags` is a regular expression.

/** `/body/flags` with flags among `imsu` (stateful `g`/`y` would make repeated tests disagree). */
const REGEX_LITERAL = /^\/([\s\S]*)\/([imsu]*)$/;

export function isRegexLiteral(text: string): boolean {
  return text.length >= 2 && REGEX_LITERAL.test(text);
}

/** Compile a `/.../` literal. Throws SyntaxError (with the engine's reason) when it does not compile. */
export function compileRegexLiteral(text: string): RegExp {
  const m = REGEX_LITERAL.exec(text);
  if (!m) throw new SyntaxError(`${text} is not a /regular expression/`);
  return new RegExp(m[1], m[2]);
}

/** Why a `/.../` literal does not compile, or undefined when it does (or is not a literal). */
export function regexProblem(text: string): string | undefined {
  if (!isRegexLiteral(text)) return undefined;
  try {
    compileRegexLiteral(text);
    return undefined;
  } catch (e) {
    // V8: `Invalid regular expression: /src/flags: reason`: keep the reason.
    const m = (e as Error).message;
    const i = m.lastIndexOf(': ');
    return i >= 0 ? m.slice(i + 2) : m;
  }
}

/** A text expectation: a substring, or a regular expression. */
export interface TextPattern {
  /** As written in the spec. */
  source: string;
  regex?: RegExp;
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
