// TAP version 14 (testanything.org/tap-version-14-specification.html): the plan `1..N` first, one
// test point per spec, each preceded by a commented subtest (`# Subtest: <desc>`, indented 4
// spaces) holding one test point per step. Failures carry a YAML diagnostics block (`  ---` …
// `  ...`, 2 spaces deeper than their test point). Descriptions escape `\` and `#` (§Escaping) and
// are kept on one line; skipped steps are `ok … # SKIP`.
import { Document, visit } from 'yaml';
import { DocumentReporter, type Output } from './output';
import type { Position } from '../manifest/yaml';
import type { Failure, RunResult, SpecResult, StepResult } from '../runner/result';
import { displayPath, formatValue, oneLine, skipReason, specSkipReason, summaryLines } from './text';
import { msg } from '../i18n';
import { reportMessages as m } from '../i18n/messages/report';

/** A test point description: one line, `\` and `#` escaped. */
export function tapDescription(s: string): string {
  return oneLine(s).replace(/\\/g, '\\\\').replace(/#/g, '\\#');
}

/**
 * Characters the yaml package writes raw (it escapes C0 controls, ESC as `\e`, but not these):
 * DEL, the C1 controls (CSI U+009B, NEL U+0085: a line end to .NET, so to GitHub's runner) and
 * U+2028/U+2029. A string holding one is written double-quoted, where YAML has an escape for each.
 */
const RAW_IN_YAML = /[\u007F-\u009F\u2028\u2029]/;
const YAML_ESCAPES: Record<string, string> = { '\u0085': '\\N', '\u2028': '\\L', '\u2029': '\\P' };

function yamlBlock(data: Record<string, unknown>, indent: string): string[] {
  const doc = new Document(data, { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && RAW_IN_YAML.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  // Only double-quoted scalars can hold them now: each becomes its escape there (`\N`, `\x9b`).
  const text = doc
    .toString({ lineWidth: 0, minContentWidth: 0 })
    .replace(new RegExp(RAW_IN_YAML.source, 'g'), (c) => YAML_ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16)}`)
    .replace(/\n$/, '');
  return [`${indent}---`, ...text.split('\n').map((l) => (l === '' ? '' : `${indent}${l}`)), `${indent}...`];
}

function at(p: Position, cwd: string): { file: string; line: number; column: number } {
  return { file: displayPath(p.file, cwd), line: p.line, column: p.column };
}

function failureDiag(f: Failure, cwd: string): Record<string, unknown> {
  const d: Record<string, unknown> = { message: f.message, severity: 'fail', kind: f.kind };
  if (f.location) d.at = at(f.location, cwd);
  if (f.selection !== undefined) d.selection = f.selection;
  if (f.selected) d.selected = f.selected;
  if (f.mismatches && f.mismatches.length > 0) {
    d.mismatches = f.mismatches.map((g) => ({
      object: g.object,
      fields: g.fields.map((m) => ({ path: m.path, expected: formatValue(m.expected), actual: formatValue(m.actual), ...(m.note ? { note: m.note } : {}) })),
    }));
  }
  if (f.atMs !== undefined) d.atMs = f.atMs;
  if (f.diff) d.diff = f.diff;
  return d;
}

function stepLines(step: StepResult, n: number, cwd: string): string[] {
  const desc = tapDescription(step.name);
  if (step.status === 'skipped') return [`ok ${n} - ${desc} # SKIP ${tapDescription(skipReason(step))}`];
  if (step.status === 'passed') return step.files ? [`ok ${n} - ${desc}`, ...yamlBlock({ files: step.files.map((f) => ({ ...f })) }, '  ')] : [`ok ${n} - ${desc}`];
  const diag: Record<string, unknown> =
    step.failures.length === 1 ? failureDiag(step.failures[0], cwd) : { message: msg(m.failuresCount, { n: step.failures.length }), severity: 'fail', failures: step.failures.map((f) => failureDiag(f, cwd)) };
  if (step.failures.length === 0) Object.assign(diag, { message: msg(m.stepStatus, { status: step.status }), severity: 'fail' });
  if (step.status === 'error') diag.severity = 'error';
  if (step.files) diag.files = step.files.map((f) => ({ ...f }));
  if (step.output) diag.output = step.output;
  if (step.exitCode !== undefined) diag.exitCode = step.exitCode;
  return [`not ok ${n} - ${desc}`, ...yamlBlock(diag, '  ')];
}

function specDescription(spec: SpecResult, cwd: string): string {
  return tapDescription(`${displayPath(spec.file, cwd)} › ${spec.name}`);
}

function specLines(spec: SpecResult, n: number, cwd: string): string[] {
  const desc = specDescription(spec, cwd);
  // A skipped spec is one test point: its steps were skipped with it, for the same reason.
  if (spec.status === 'skipped') return [`ok ${n} - ${desc} # SKIP ${tapDescription(specSkipReason(spec))}`];
  const lines: string[] = [];
  if (spec.steps.length > 0) {
    lines.push(`# Subtest: ${desc}`);
    const child = [`1..${spec.steps.length}`, ...spec.steps.flatMap((s, i) => stepLines(s, i + 1, cwd))];
    lines.push(...child.map((l) => (l === '' ? '' : `    ${l}`)));
  }
  const ok = spec.status === 'passed';
  lines.push(`${ok ? 'ok' : 'not ok'} ${n} - ${desc}`);
  const diag: Record<string, unknown> = { score: spec.score, maxScore: spec.maxScore, durationMs: spec.durationMs };
  if (spec.status === 'error') {
    Object.assign(diag, { message: spec.error?.message ?? msg(m.specCouldNotRun), severity: 'error' });
    if (spec.error?.location) diag.at = at(spec.error.location, cwd);
    if (spec.error?.problems && spec.error.problems.length > 0) {
      diag.problems = spec.error.problems.map((p) => ({ message: p.message, ...(p.location ? { at: at(p.location, cwd) } : {}), ...(p.hint ? { hint: p.hint } : {}) }));
    }
  }
  if (!ok) lines.push(...yamlBlock(diag, '  '));
  return lines;
}

export function renderTap(result: RunResult, cwd: string): string {
  const lines = ['TAP version 14', `1..${result.specs.length}`];
  result.specs.forEach((spec, i) => lines.push(...specLines(spec, i + 1, cwd)));
  for (const l of summaryLines(result)) lines.push(`# ${l}`);
  return `${lines.join('\n')}\n`;
}

export class TapReporter extends DocumentReporter {
  constructor(out: Output, cwd: string) {
    super('tap', out, (result) => renderTap(result, cwd));
  }
}
