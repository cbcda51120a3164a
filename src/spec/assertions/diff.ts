// Unified diffs of expected vs actual YAML, as failures show them: pruned views (see match.ts) with
// the identifying context (kind, metadata.name, namespace) first, so the diff reads like Jest's.
// The `diff` package (~4.5 ms to load) is loaded by the first failure that needs a diff.
import type * as DiffModule from 'diff';
import { stringify } from 'yaml';
import { msg } from '../../i18n';
import { specMessages as t } from '../../i18n/messages/spec';

/** Most lines of a diff kept in a failure (the rest is summarised). */
export const MAX_DIFF_LINES = 400;

export function toYaml(v: unknown): string {
  if (v === undefined) return '';
  // YAML 1.1 quoting: strings a reader could take for booleans or timestamps (`yes`, `on`, dates) are quoted, as kubectl quotes them.
  return stringify(v, { lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' });
}

/** `kind` and `metadata: { name, namespace }` first, then the rest of the view. */
export function withIdentity(obj: { kind?: string; metadata?: { name?: string; namespace?: string } }, view: unknown): Record<string, unknown> {
  const v = (view && typeof view === 'object' && !Array.isArray(view) ? view : {}) as Record<string, unknown>;
  const meta: Record<string, unknown> = {};
  if (obj.metadata?.name !== undefined) meta.name = obj.metadata.name;
  if (obj.metadata?.namespace !== undefined && obj.metadata.namespace !== 'default') meta.namespace = obj.metadata.namespace;
  const vm = v.metadata && typeof v.metadata === 'object' && !Array.isArray(v.metadata) ? (v.metadata as Record<string, unknown>) : {};
  const { kind: _k, metadata: _m, ...rest } = v;
  return { kind: obj.kind, metadata: { ...meta, ...vm }, ...rest };
}

/**
 * A unified diff (`--- expected` / `+++ actual`, one hunk with the whole pruned documents as
 * context) of YAML documents, or '' when they render alike.
 */
export function unifiedDiff(expected: unknown[], actual: unknown[], labels: [string, string] = [msg(t.expectedLabel), msg(t.actualLabel)]): string {
  const e = expected.map(toYaml).join('---\n');
  const a = actual.map(toYaml).join('---\n');
  return textDiff(e, a, labels);
}

/**
 * Most lines of each side a diff compares. A failure shows MAX_DIFF_LINES lines at most, and Myers'
 * algorithm costs (N+M)·D: two 20,000-line texts that differ throughout took 110 s. Longer sides
 * are compared from a little before their first difference, and the rest of each is summarised.
 */
export const MAX_DIFF_INPUT_LINES = 4_000;

/** Largest edit distance searched for a minimal diff; past it the sides are shown whole, removed then added. */
const MAX_EDIT_LENGTH = 2_000;

/** Lines alike kept before the first difference when a long text's start is skipped. */
const LEAD = 3;

function splitLines(t: string): string[] {
  return t === '' ? [] : (t.endsWith('\n') ? t.slice(0, -1) : t).split('\n');
}

/** A unified diff of two texts, or '' when equal. Linear in the texts' size past a bound (see MAX_DIFF_INPUT_LINES). */
export function textDiff(e: string, a: string, labels: [string, string] = [msg(t.expectedLabel), msg(t.actualLabel)]): string {
  if (e === a) return '';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { structuredPatch } = require('diff') as typeof DiffModule;
  let eLines = splitLines(e);
  let aLines = splitLines(a);
  let skipped = 0;
  let eMore = 0;
  let aMore = 0;
  if (eLines.length > MAX_DIFF_INPUT_LINES || aLines.length > MAX_DIFF_INPUT_LINES) {
    let same = 0;
    while (same < eLines.length && same < aLines.length && eLines[same] === aLines[same]) same++;
    skipped = Math.max(0, same - LEAD);
    eMore = Math.max(0, eLines.length - skipped - MAX_DIFF_INPUT_LINES);
    aMore = Math.max(0, aLines.length - skipped - MAX_DIFF_INPUT_LINES);
    eLines = eLines.slice(skipped, skipped + MAX_DIFF_INPUT_LINES);
    aLines = aLines.slice(skipped, skipped + MAX_DIFF_INPUT_LINES);
  }
  const join = (ls: string[]) => ls.map((l) => `${l}\n`).join('');
  // Whole texts keep their own ends (a missing final line end is a difference); windows end in one.
  const eText = skipped || eMore || aMore ? join(eLines) : e;
  const aText = skipped || eMore || aMore ? join(aLines) : a;
  const lines = [`--- ${labels[0]}`, `+++ ${labels[1]}`];
  const patch = structuredPatch(labels[0], labels[1], eText, aText, '', '', { context: 1_000_000, maxEditLength: MAX_EDIT_LENGTH });
  if (patch) {
    for (const h of patch.hunks) {
      lines.push(`@@ -${h.oldStart + skipped},${h.oldLines} +${h.newStart + skipped},${h.newLines} @@`);
      for (const l of h.lines) if (!l.startsWith('\\')) lines.push(l);
    }
  } else {
    // Too different for a minimal diff within the bound: every line of one side, then the other's.
    lines.push(`@@ -${skipped + 1},${eLines.length} +${skipped + 1},${aLines.length} @@`, ...eLines.map((l) => `-${l}`), ...aLines.map((l) => `+${l}`));
  }
  if (eMore || aMore) lines.push(msg(t.notCompared, { expected: eMore, actual: aMore, expectedLabel: labels[0], actualLabel: labels[1] }));
  if (lines.length > MAX_DIFF_LINES) {
    const more = lines.length - MAX_DIFF_LINES;
    return `${lines.slice(0, MAX_DIFF_LINES).join('\n')}\n${msg(t.diffMoreLines, { n: more })}`;
  }
  return lines.join('\n');
}
