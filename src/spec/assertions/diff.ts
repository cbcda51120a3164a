// Unified diffs of expected vs actual YAML, as failures show them: pruned views (see match.ts) with
// the identifying context (kind, metadata.name, namespace) first, so the diff reads like Jest's.
// The `diff` package (~4.5 ms to load) is loaded by the first failure that needs a diff.
import type * as DiffModule from 'diff';
import { stringify } from 'yaml';

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
export function unifiedDiff(expected: unknown[], actual: unknown[], labels: [string, string] = ['expected', 'actual']): string {
  const e = expected.map(toYaml).join('---\n');
  const a = actual.map(toYaml).join('---\n');
  return textDiff(e, a, labels);
}

/** A unified diff of two texts, or '' when equal. */
export function textDiff(e: string, a: string, labels: [string, string] = ['expected', 'actual']): string {
  if (e === a) return '';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { structuredPatch } = require('diff') as typeof DiffModule;
  const patch = structuredPatch(labels[0], labels[1], e, a, '', '', { context: 1_000_000 });
  const lines = [`--- ${labels[0]}`, `+++ ${labels[1]}`];
  for (const h of patch.hunks) {
    lines.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
    for (const l of h.lines) if (!l.startsWith('\\')) lines.push(l);
  }
  if (lines.length > MAX_DIFF_LINES) {
    const more = lines.length - MAX_DIFF_LINES;
    return `${lines.slice(0, MAX_DIFF_LINES).join('\n')}\n... ${more} more lines`;
  }
  return lines.join('\n');
}
