// Splits a kubectl command line into words as a POSIX shell would (quotes, backslashes), without
// expanding anything: no variables, globs or command substitution reach the emulation.

export class TokenizeError extends Error {}

/**
 * `scale rs/x --replicas=5` → ['scale', 'rs/x', '--replicas=5']. Single quotes keep everything
 * literally; double quotes keep everything but `\"`, `\\`, `\$` and `` \` ``; a backslash outside
 * quotes escapes the next character; a backslash-newline joins lines.
 */
export function tokenize(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new TokenizeError('unterminated quoted string');
      cur += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new TokenizeError('unterminated quoted string');
        const c = line[i];
        if (c === '"') break;
        if (c === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) {
          if (line[i + 1] !== '\n') cur += line[i + 1];
          i += 2;
          continue;
        }
        cur += c;
        i++;
      }
      inWord = true;
      i++;
    } else if (ch === '\\') {
      if (i + 1 < line.length) {
        if (line[i + 1] !== '\n') {
          cur += line[i + 1];
          inWord = true;
        }
        i += 2;
      } else {
        i++;
      }
    } else if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      i++;
    } else {
      cur += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/**
 * The first shell operator outside quotes (`|`, `||`, `&&`, `&`, `;`, `>`, `>>`, `<`, `$(`, a
 * backtick): a shell would pipe, chain, redirect or substitute there, while kubespec runs one
 * kubectl command and would take it as arguments. Undefined when there is none (or the quotes do
 * not close: tokenize reports that).
 */
export function shellOperator(line: string): string | undefined {
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return undefined;
      i = end;
    } else if (ch === '"') {
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\') i++;
        else if (line[i] === '`' || (line[i] === '$' && line[i + 1] === '(')) return line[i] === '`' ? '`' : '$(';
      }
    } else if (ch === '\\') {
      i++;
    } else if (ch === '`') {
      return '`';
    } else if (ch === '$' && line[i + 1] === '(') {
      return '$(';
    } else if ('|&;<>'.includes(ch)) {
      const two = line.slice(i, i + 2);
      return ['||', '&&', '>>'].includes(two) ? two : ch;
    }
  }
  return undefined;
}
