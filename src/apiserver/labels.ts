// Label selectors: kubectl's string syntax (`a=b,c!=d,e in (f,g),!h`) and metav1.LabelSelector
// (matchLabels + matchExpressions), as k8s.io/apimachinery/pkg/labels implements them.
import type { LabelSelector } from './types';
import { checkpoint } from '../util/deadline';

export type Requirement =
  | { key: string; op: 'exists' | 'notexists' }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'gt' | 'lt'; value: number };

/** A parsed selector: every requirement must hold. An empty list matches everything. */
export interface Selector {
  requirements: Requirement[];
  /** `nothing` is the selector a nil LabelSelector converts to: it matches no object. */
  nothing?: boolean;
}

export const EVERYTHING: Selector = { requirements: [] };
export const NOTHING: Selector = { requirements: [], nothing: true };

export class SelectorParseError extends Error {}

/** Parse kubectl's selector syntax. Throws SelectorParseError with a readable message. */
export function parseSelector(text: string): Selector {
  const s = text.trim();
  if (s === '') return EVERYTHING;
  const requirements: Requirement[] = [];
  let i = 0;
  const skipWs = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const readToken = (): string => {
    skipWs();
    const start = i;
    while (i < s.length && /[A-Za-z0-9_.\-/]/.test(s[i])) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    skipWs();
    let negate = false;
    if (s[i] === '!') {
      negate = true;
      i++;
    }
    const key = readToken();
    if (!key) throw new SelectorParseError(`unable to parse requirement: found '${s[i] ?? ''}', expected: identifier`);
    skipWs();
    if (negate) {
      requirements.push({ key, op: 'notexists' });
    } else if (i >= s.length || s[i] === ',') {
      requirements.push({ key, op: 'exists' });
    } else if (s.startsWith('==', i) || s.startsWith('!=', i) || s[i] === '=') {
      const op = s.startsWith('!=', i) ? 'notin' : 'in';
      i += s.startsWith('==', i) || s.startsWith('!=', i) ? 2 : 1;
      const value = readToken();
      requirements.push({ key, op, values: [value] });
    } else if (s[i] === '>' || s[i] === '<') {
      const op = s[i] === '>' ? 'gt' : 'lt';
      i++;
      const value = readToken();
      if (!/^-?\d+$/.test(value)) throw new SelectorParseError(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
      requirements.push({ key, op, value: Number(value) });
    } else {
      const word = readToken().toLowerCase();
      if (word !== 'in' && word !== 'notin') throw new SelectorParseError(`unable to parse requirement: found '${word}', expected: in, notin, =, ==, !=, gt, lt`);
      skipWs();
      if (s[i] !== '(') throw new SelectorParseError(`unable to parse requirement: found '${s[i] ?? ''}', expected: '('`);
      i++;
      const values: string[] = [];
      for (;;) {
        skipWs();
        if (s[i] === ')') {
          i++;
          break;
        }
        values.push(readToken());
        skipWs();
        if (s[i] === ',') i++;
        else if (s[i] !== ')') throw new SelectorParseError(`unable to parse requirement: found '${s[i] ?? ''}', expected: ',', ')'`);
      }
      requirements.push({ key, op: word, values });
    }
    skipWs();
    if (i < s.length) {
      if (s[i] !== ',') throw new SelectorParseError(`unable to parse requirement: found '${s[i]}', expected: ','`);
      i++;
    }
  }
  return { requirements };
}

/** metav1.LabelSelectorAsSelector: nil → nothing; empty → everything. */
export function fromLabelSelector(sel: LabelSelector | undefined | null): Selector {
  if (!sel) return NOTHING;
  const requirements: Requirement[] = [];
  for (const key of Object.keys(sel.matchLabels ?? {}).sort()) requirements.push({ key, op: 'in', values: [sel.matchLabels![key]] });
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
  return { requirements };
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
        if (!has || !/^-?\d+$/.test(l[r.key])) return false;
        const n = Number(l[r.key]);
        if (r.op === 'gt' ? !(n > r.value) : !(n < r.value)) return false;
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

/** The selector's string form as kubectl prints it (`app=nginx,tier in (a,b)`). */
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
          return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(',')})`;
        case 'notin':
          return r.values.length === 1 ? `${r.key}!=${r.values[0]}` : `${r.key} notin (${r.values.join(',')})`;
        case 'gt':
          return `${r.key}>${r.value}`;
        case 'lt':
          return `${r.key}<${r.value}`;
      }
    })
    .join(',');
}
