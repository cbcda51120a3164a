// `${NAME}` references in a spec's strings: a value an earlier assertion captured
// (`capture: { victim: metadata.name }`) or a built-in (`${namespace}`, `${seed}`), put in place
// just before the step runs (`kubectl: delete pod ${victim}`). `$${` is a literal `${`.
//
// A step's `name` is shown as written (reports and grading platforms name a test the same way for
// every student), and `capture:` paths are never expanded; every other string of a step may hold
// references. Inside a `/regex/` string, a value is put in as literal text (its `.` matches a dot).
import { RE2JS } from 're2js';
import { isRegexLiteral } from './pattern';

/** Names that always have a value: the spec's namespace (`default` on the embedded cluster) and its seed. */
export const BUILTIN_NAMES: readonly string[] = ['namespace', 'seed'];

/** A capture name: letters, digits and `_`, not starting with a digit. */
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A step's keys whose strings are never expanded. */
const LITERAL_STEP_KEYS = new Set(['name']);

export type TemplatePiece = { text: string } | { ref: string };

/** What is wrong with a string's references, when something is. */
export type TemplateProblem = { problem: 'unclosed'; at: number } | { problem: 'badName'; name: string };

/** Whether a string has references or escapes to expand (a quick test before parsing). */
export function isTemplated(s: string): boolean {
  return s.includes('${');
}

/** A string as text and references: `$${` is a literal `${`, `${NAME}` a reference. */
export function parseTemplate(s: string): { pieces: TemplatePiece[]; problems: TemplateProblem[] } {
  const pieces: TemplatePiece[] = [];
  const problems: TemplateProblem[] = [];
  let text = '';
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('$${', i)) {
      text += '${';
      i += 3;
      continue;
    }
    if (s.startsWith('${', i)) {
      const end = s.indexOf('}', i + 2);
      if (end < 0) {
        problems.push({ problem: 'unclosed', at: i });
        text += s.slice(i);
        break;
      }
      const name = s.slice(i + 2, end).trim();
      if (!NAME_PATTERN.test(name)) problems.push({ problem: 'badName', name });
      if (text) pieces.push({ text });
      text = '';
      pieces.push({ ref: name });
      i = end + 1;
      continue;
    }
    text += s[i++];
  }
  if (text || pieces.length === 0) pieces.push({ text });
  return { pieces, problems };
}

/** The names a string refers to, in order (with repeats). */
export function referencesIn(s: string): string[] {
  if (!isTemplated(s)) return [];
  return parseTemplate(s)
    .pieces.filter((p): p is { ref: string } => 'ref' in p)
    .map((p) => p.ref);
}

/**
 * The string with its references replaced by `value(name)` (which throws for a name without a
 * value) and `$${` by `${`. In a `/regex/` literal a value is quoted, so that it matches as text.
 */
export function expandString(s: string, value: (name: string) => string): string {
  if (!isTemplated(s)) return s;
  const regex = isRegexLiteral(s);
  return parseTemplate(s)
    .pieces.map((p) => ('text' in p ? p.text : regex ? RE2JS.quote(value(p.ref)) : value(p.ref)))
    .join('');
}

/** Every string of a value (a step, an assertion), with its path, skipping what `skip` says. */
export function forEachString(v: unknown, path: (string | number)[], visit: (s: string, path: (string | number)[]) => void, skip: (path: (string | number)[]) => boolean = () => false, depth = 0): void {
  if (depth > 64 || skip(path)) return;
  if (typeof v === 'string') visit(v, path);
  else if (Array.isArray(v)) v.forEach((x, i) => forEachString(x, [...path, i], visit, skip, depth + 1));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) forEachString(x, [...path, k], visit, skip, depth + 1);
}

/** Paths inside a step (relative to it) whose strings stay as written: its `name`, every `capture:`. */
export function isLiteralPath(rel: (string | number)[]): boolean {
  if (rel.length === 1 && typeof rel[0] === 'string' && LITERAL_STEP_KEYS.has(rel[0])) return true;
  // steps[i].expect[j].capture (and eventually, throughout): names and paths, not text.
  return rel.length >= 3 && rel[2] === 'capture' && typeof rel[1] === 'number';
}

/** Whether a step (its document value) has anything to expand. */
export function stepIsTemplated(step: unknown): boolean {
  let found = false;
  forEachString(step, [], (s) => void (found ||= isTemplated(s)), isLiteralPath);
  return found;
}

/** A copy of a step's value with every string expanded (its name and captures as written). */
export function expandStep<T>(step: T, value: (name: string) => string): T {
  return expandValue(step, value, isLiteralPath);
}

/** A copy of one assertion's value with every string expanded (its `capture:` as written). */
export function expandAssertion<T>(assertion: T, value: (name: string) => string): T {
  return expandValue(assertion, value, (rel) => rel.length === 1 && rel[0] === 'capture');
}

/** Whether an assertion (its document value) has anything to expand. */
export function assertionIsTemplated(assertion: unknown): boolean {
  let found = false;
  forEachString(assertion, [], (s) => void (found ||= isTemplated(s)), (rel) => rel.length === 1 && rel[0] === 'capture');
  return found;
}

function expandValue<T>(v: T, value: (name: string) => string, literal: (rel: (string | number)[]) => boolean): T {
  const walk = (x: unknown, rel: (string | number)[], depth: number): unknown => {
    if (depth > 64 || literal(rel)) return x;
    if (typeof x === 'string') return expandString(x, value);
    if (Array.isArray(x)) return x.map((y, i) => walk(y, [...rel, i], depth + 1));
    if (x && typeof x === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, y] of Object.entries(x)) out[k] = walk(y, [...rel, k], depth + 1);
      return out;
    }
    return x;
  };
  return walk(v, [], 0) as T;
}
