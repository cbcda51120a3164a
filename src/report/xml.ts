// Writing XML 1.0 that every parser accepts, whatever the text holds (kubectl output, student
// manifests' names, terminal escapes): markup characters become entities, and characters XML 1.0
// cannot carry at all (C0 controls other than TAB/LF/CR, U+FFFE/U+FFFF, lone surrogates) become a
// visible `\uXXXX` — there is no character reference for them (XML 1.0 §2.2 Char, §4.1 WFC: Legal Character).

// eslint-disable-next-line no-control-regex
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function visible(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Characters XML carries but a terminal or log reader acts on (DEL, the C1 controls such as CSI
 * U+009B and NEL U+0085, the line and paragraph separators U+2028/U+2029): written as character
 * references, so a JUnit file printed or shown in CI holds none raw and parsers read them back.
 */
const REFERENCED = /[\u007F-\u009F\u2028\u2029]/g;

/** Text content of an element. */
export function xmlText(s: string): string {
  // CR as a reference: a parser would otherwise turn CR LF into LF (end-of-line handling, §2.11).
  return s
    .replace(ILLEGAL, visible)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
    .replace(REFERENCED, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`);
}

/**
 * An attribute value (inside double quotes). Tab, newline and carriage return are written as
 * character references so that attribute-value normalisation (XML 1.0 §3.3.3) keeps them.
 */
export function xmlAttr(s: string): string {
  return xmlText(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;');
}

export type Attrs = Record<string, string | number | undefined>;

export function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}
