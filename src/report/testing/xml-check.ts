// A small, strict XML 1.0 well-formedness checker for the JUnit reporter's tests: legal characters
// only (§2.2), well-formed tags and attributes, no duplicate attributes, only the predefined entities
// and legal character references, proper nesting, one root. Returns the element tree with text
// and attribute values decoded, so tests can check structure without a dependency.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlSyntaxError extends Error {}

const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*/;

function isLegalChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function checkChars(s: string): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) throw new XmlSyntaxError(`lone surrogate at ${i}`);
      i++;
      continue;
    }
    if (!isLegalChar(c)) throw new XmlSyntaxError(`illegal character U+${c.toString(16).padStart(4, '0')} at ${i}`);
  }
}

function decode(s: string, where: number): string {
  return s.replace(/&([^;]*);|&/g, (m, ent: string | undefined) => {
    if (ent === undefined) throw new XmlSyntaxError(`bare & at ${where}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (ent in named) return named[ent];
    const num = /^#(\d+)$/.exec(ent) ?? /^#x([0-9a-fA-F]+)$/.exec(ent);
    if (!num) throw new XmlSyntaxError(`unknown entity ${m} at ${where}`);
    const cp = ent[1] === 'x' ? parseInt(num[1], 16) : parseInt(num[1], 10);
    if (!isLegalChar(cp)) throw new XmlSyntaxError(`character reference to an illegal character ${m} at ${where}`);
    return String.fromCodePoint(cp);
  });
}

export function parseXml(input: string): XmlElement {
  checkChars(input);
  // End-of-line handling (§2.11): a parser sees CR LF and lone CR as LF.
  const src = input.replace(/\r\n?/g, '\n');
  let i = 0;
  if (src.startsWith('<?xml')) {
    const end = src.indexOf('?>');
    if (end < 0) throw new XmlSyntaxError('unterminated XML declaration');
    i = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const text = src.slice(i, lt < 0 ? src.length : lt);
    if (text.includes('>') && text.includes(']]>')) throw new XmlSyntaxError(`']]>' in text at ${i}`);
    if (stack.length === 0) {
      if (text.trim() !== '') throw new XmlSyntaxError(`text outside the root element at ${i}`);
    } else stack[stack.length - 1].text += decode(text, i);
    if (lt < 0) break;
    i = lt;
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end < 0) throw new XmlSyntaxError('unterminated comment');
      i = end + 3;
      continue;
    }
    if (src.startsWith('<![CDATA[', i)) {
      const end = src.indexOf(']]>', i);
      if (end < 0 || stack.length === 0) throw new XmlSyntaxError('bad CDATA');
      stack[stack.length - 1].text += src.slice(i + 9, end);
      i = end + 3;
      continue;
    }
    if (src.startsWith('</', i)) {
      const m = NAME.exec(src.slice(i + 2));
      if (!m) throw new XmlSyntaxError(`bad end tag at ${i}`);
      const after = i + 2 + m[0].length;
      const close = /^\s*>/.exec(src.slice(after));
      if (!close) throw new XmlSyntaxError(`bad end tag at ${i}`);
      const open = stack.pop();
      if (!open || open.name !== m[0]) throw new XmlSyntaxError(`</${m[0]}> does not close <${open?.name}> at ${i}`);
      i = after + close[0].length;
      continue;
    }
    const m = NAME.exec(src.slice(i + 1));
    if (!m) throw new XmlSyntaxError(`bad start tag at ${i}`);
    const el: XmlElement = { name: m[0], attrs: {}, children: [], text: '' };
    i += 1 + m[0].length;
    for (;;) {
      const ws = /^\s*/.exec(src.slice(i))![0];
      i += ws.length;
      if (src.startsWith('/>', i) || src[i] === '>') break;
      if (ws === '') throw new XmlSyntaxError(`expected whitespace before an attribute at ${i}`);
      const a = /^([A-Za-z_:][A-Za-z0-9_:.-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(src.slice(i));
      if (!a) throw new XmlSyntaxError(`bad attribute at ${i}: ${JSON.stringify(src.slice(i, i + 30))}`);
      if (a[1] in el.attrs) throw new XmlSyntaxError(`duplicate attribute ${a[1]} at ${i}`);
      // Attribute-value normalisation (§3.3.3): literal whitespace characters become spaces.
      const raw = (a[3] ?? a[4]).replace(/[\t\n\r]/g, ' ');
      el.attrs[a[1]] = decode(raw, i);
      i += a[0].length;
    }
    if (stack.length > 0) stack[stack.length - 1].children.push(el);
    else if (root) throw new XmlSyntaxError(`a second root element <${el.name}> at ${i}`);
    else root = el;
    if (src.startsWith('/>', i)) i += 2;
    else {
      i += 1;
      stack.push(el);
    }
  }
  if (stack.length > 0) throw new XmlSyntaxError(`<${stack[stack.length - 1].name}> is not closed`);
  if (!root) throw new XmlSyntaxError('no root element');
  return root;
}
