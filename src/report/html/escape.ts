// Escaping for the HTML report: every text that reaches the page (spec and step names, student
// names, pod names, messages, diffs) goes through `text` or `attr`, and colour comes through a Paint
// whose marks cannot be forged by the text it paints (a random token per page, see htmlPaint).
import { randomBytes } from 'crypto';
import { sanitize, type Paint } from '../text';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text content: markup characters as entities, control characters visible (`\u001b`). */
export function text(s: string): string {
  return sanitize(s).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** An attribute value (always written in double quotes): `text`, and on one line. */
export function attr(s: string): string {
  return text(s).replace(/\n/g, '&#10;');
}

/** A fragment id made of the characters ids and URLs agree on. */
export function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'x';
}

export type PaintClass = 'red' | 'green' | 'yellow' | 'cyan' | 'dim' | 'bold';

/**
 * A Paint for text that is escaped afterwards (`painted.html(line)`): each colour is a pair of marks
 * holding a token drawn at random for this paint, so a student's string that imitates a mark is
 * escaped as the text it is. `html` escapes the line and turns the marks into `<span class=...>`.
 */
export function htmlPaint(): Paint & { html(s: string): string } {
  const token = randomBytes(9).toString('hex');
  const open = (c: PaintClass) => `\u{F0000}${token}:${c}\u{F0001}`;
  const close = `\u{F0000}${token}:/\u{F0001}`;
  const wrap = (c: PaintClass) => (s: string) => (s === '' ? s : `${open(c)}${s}${close}`);
  const mark = new RegExp(`\u{F0000}${token}:(red|green|yellow|cyan|dim|bold|/)\u{F0001}`, 'gu');
  return {
    red: wrap('red'),
    green: wrap('green'),
    yellow: wrap('yellow'),
    cyan: wrap('cyan'),
    dim: wrap('dim'),
    bold: wrap('bold'),
    html(s: string): string {
      let depth = 0;
      const out = text(s).replace(mark, (_m, c: string) => {
        if (c === '/') {
          if (depth === 0) return '';
          depth--;
          return '</span>';
        }
        depth++;
        return `<span class="${c}">`;
      });
      return out + '</span>'.repeat(depth);
    },
  };
}
