// Plain-text pieces every reporter shares: paths relative to the working directory, positions,
// values, step counts, the summary lines and a failure's details (selection, mismatching fields,
// diff). Colour is applied by the caller through a Paint (identity when colour is off).
import * as path from 'path';
import type { Position } from '../manifest/yaml';
import type { Failure, Mismatch, RunResult, SpecResult, StepResult } from '../runner/result';
import { getLang, msg, type Message } from '../i18n';
import { reportMessages as m } from '../i18n/messages/report';
import { kubernetesHint } from '../i18n/kubernetes-hints';
import { displayWidth, padEndDisplay } from './width';
import { stringifyJson as exactJson } from '../util/json';

/** Colour functions; `plain` leaves text unchanged. */
export interface Paint {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const identity = (s: string): string => s;
export const plain: Paint = { red: identity, green: identity, yellow: identity, cyan: identity, dim: identity, bold: identity };

function sgr(open: number, close: number): (s: string) => string {
  return (s) => (s === '' ? s : `\u001b[${open}m${s}\u001b[${close}m`);
}
/** ANSI SGR colours (the 8 basic ones every terminal has). */
export const ansi: Paint = {
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22),
};

export function paintFor(color: boolean): Paint {
  return color ? ansi : plain;
}

/** A file name as the user should read it: relative to `cwd` when inside it, with `/` separators. */
export function displayPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file.split(path.sep).join('/');
  const rel = path.relative(cwd, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return file.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

/** `specs/deploy.spec.yaml:14:7` */
export function formatPosition(pos: Position, cwd: string): string {
  return `${displayPath(pos.file, cwd)}:${pos.line}:${pos.column}`;
}

/** One-line rendering of a value in a mismatch: strings quoted, absent fields named as such. */
export function formatValue(v: unknown, max = 120): string {
  if (v === undefined) return msg(m.absent);
  let s: string;
  try {
    // exactJson: an int64 past 2^53 (a bigint, src/util/json.ts) with its digits, inside objects too.
    s = exactJson(v) ?? String(v);
  } catch {
    s = String(v); // a cycle
  }
  // JSON.stringify escapes C0 controls only: DEL, the C1 controls and U+2028/2029 (and whatever a
  // non-JSON value's String() holds) would reach the terminal raw.
  s = s.replace(LINE_CONTROL, visible);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Characters a terminal or a log reader acts on rather than shows: C0 controls but TAB and LF
 * (ESC starts a colour or cursor sequence, a lone CR overwrites the line), DEL, the C1 controls
 * (U+009B is an 8-bit CSI; U+0085, NEL, ends a line for .NET, so for GitHub's runner) and the
 * Unicode line and paragraph separators U+2028/U+2029 (line ends to some log viewers and editors).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/g;

/** The characters JSON.stringify leaves raw that CONTROL covers (and a CR or LF from a String()). */
// eslint-disable-next-line no-control-regex
const LINE_CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

/** `\u001b` for ESC: a character as the escape that names it, visible and one line. */
function visible(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Text from specs, manifests or kubectl output made safe for a terminal or a log: control
 * characters (see CONTROL) become a visible `\uXXXX`; newlines and tabs stay.
 */
export function sanitize(s: string): string {
  return s.replace(/\r\n/g, '\n').replace(/\r/g, '\\r').replace(CONTROL, visible);
}

/** The raw characters JSON.stringify keeps in strings that CONTROL names: DEL, C1, U+2028/2029. */
const JSON_RAW = /[\u007F-\u009F\u2028\u2029]/g;

/**
 * JSON.stringify, with DEL, the C1 controls and U+2028/U+2029 written as `\uXXXX` escapes too: a
 * report printed to a terminal or a CI log cannot carry them raw, and a parser reads back the same
 * string (they only ever occur inside strings, where the escape means the character itself).
 */
export function stringifyJson(value: unknown, space?: number): string {
  return exactJson(value, null, space).replace(JSON_RAW, visible);
}

/** Like sanitize, on one line: a newline shows as `\n`. */
export function oneLine(s: string): string {
  return sanitize(s).replace(/\n/g, '\\n');
}

/** `Spec name › step name`, the way Jest names a test inside a describe block. */
export function stepTitle(spec: SpecResult, step: StepResult): string {
  return `${oneLine(spec.name)} › ${oneLine(step.name)}`;
}

export interface StepCounts {
  total: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
}

export function countSteps(specs: SpecResult[]): StepCounts {
  const c: StepCounts = { total: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
  for (const spec of specs) {
    for (const step of spec.steps) {
      c.total++;
      if (step.status === 'passed') c.passed++;
      else if (step.status === 'failed') c.failed++;
      else if (step.status === 'error') c.errors++;
      else c.skipped++;
    }
  }
  return c;
}

/** `3 passed, 1 failed, 4 total` (zero counts left out, as Jest does; the total always shown). */
export function countLine(parts: [number, string, (s: string) => string][], total: number): string {
  const shown = parts.filter(([n]) => n > 0).map(([n, label, colour]) => colour(`${n} ${label}`));
  shown.push(`${total} total`);
  return shown.join(', ');
}

/** countLine in the language: each count a message (`3 passed`, `통과 3`). */
function countMessages(parts: [number, Message, (s: string) => string][], total: number): string {
  const shown = parts.filter(([n]) => n > 0).map(([n, label, colour]) => colour(msg(label, { n })));
  shown.push(msg(m.totalCount, { n: total }));
  return shown.join(', ');
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatScore(score: number, maxScore: number): string {
  return `${score}/${maxScore}`;
}

/** The summary block: `Specs:`, `Steps:`, `Score:`, `Time:` lines (aligned, like Jest's). */
export function summaryLines(result: RunResult, paint: Paint = plain): string[] {
  const s = result.summary;
  const steps = countSteps(result.specs);
  const engineMs = result.specs.reduce((a, spec) => a + spec.engineMs, 0);
  const skipped = result.specs.filter((spec) => spec.status === 'skipped');
  const byOnly = skipped.filter((spec) => spec.skippedBy === 'only').length;
  const specLine =
    countMessages(
      [
        [s.passed, m.passedCount, paint.green],
        [s.failed, m.failedCount, paint.red],
        [s.errors, m.errorsCount, paint.red],
        [skipped.length, m.skippedCount, paint.yellow],
      ],
      s.total,
    ) + (byOnly ? paint.yellow(` ${msg(m.skippedByOnly, { n: byOnly })}`) : '');
  const stepLine = countMessages(
    [
      [steps.passed, m.passedCount, paint.green],
      [steps.failed, m.failedCount, paint.red],
      [steps.errors, m.errorsCount, paint.red],
      [steps.skipped, m.skippedCount, paint.yellow],
    ],
    steps.total,
  );
  const scoreText = formatScore(s.score, s.maxScore);
  const scoreColour = s.score >= s.maxScore ? paint.green : paint.red;
  // Labels padded to the widest plus two columns, as Jest aligns them (`Specs:  `, `Time:   `).
  const labels = [m.specsLabel, m.stepsLabel, m.scoreLabel, m.timeLabel].map((l) => msg(l));
  const width = Math.max(...labels.map(displayWidth)) + 2;
  const label = (i: number) => `${paint.bold(labels[i])}${padEndDisplay('', width - displayWidth(labels[i]))}`;
  return [
    `${label(0)}${specLine}`,
    `${label(1)}${stepLine}`,
    `${label(2)}${scoreColour(scoreText)}`,
    `${label(3)}${msg(m.engineTime, { time: formatMs(s.durationMs), engine: formatMs(engineMs) })}`,
  ];
}

/**
 * The "Problems" block a run ends with: each manifest that did not apply, once (by file: the same
 * file fails the same way in every spec that reads it, worded by whichever action read it first),
 * with what went wrong and what it cost (the steps it failed in and those skipped after them), most
 * costly first. Empty when no manifest failed.
 */
export function problemLines(result: RunResult, paint: Paint = plain): string[] {
  const groups = new Map<string, { file: string; message: string; steps: number; specs: Set<string>; points: number }>();
  for (const spec of result.specs) {
    for (const step of spec.steps) {
      if (!step.cause) continue;
      const key = step.cause.file;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { file: step.cause.file, message: step.cause.message, steps: 0, specs: new Set(), points: 0 }));
      g.steps++;
      g.specs.add(`${spec.file}\u0000${spec.index}`);
      g.points += step.points - step.score;
    }
  }
  if (groups.size === 0) return [];
  const sorted = [...groups.values()].sort((a, b) => b.points - a.points || b.steps - a.steps || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const lines = [paint.bold(msg(m.problemsLabel))];
  for (const g of sorted) {
    const cost = msg(m.problemCost, { steps: g.steps, specs: g.specs.size });
    lines.push(`  ${paint.red(oneLine(g.file))}: ${oneLine(g.message)} ${paint.dim(cost)}`);
    // Kubernetes' words stay English; in another language a line under them says what they mean.
    const hint = translatedHint(g.message);
    if (hint) lines.push(`    ${paint.dim(hint)}`);
  }
  return lines;
}

/**
 * The Korean hint (`힌트: ...`) for a message of Kubernetes' own, printed under it when kubespec
 * speaks another language than English; undefined in English, or for a message it does not know.
 */
export function translatedHint(message: string): string | undefined {
  if (getLang() === 'en') return undefined;
  const hint = kubernetesHint(message);
  return hint === undefined ? undefined : `${msg(m.hintLabel)} ${oneLine(hint)}`;
}

function mismatchLine(x: Mismatch, paint: Paint): string {
  const note = x.note ? ` ${paint.dim(`(${oneLine(x.note)})`)}` : '';
  return `${msg(m.mismatch, { path: oneLine(x.path), expected: paint.green(formatValue(x.expected)), actual: paint.red(formatValue(x.actual)) })}${note}`;
}

export interface DetailOptions {
  cwd: string;
  paint?: Paint;
}

/**
 * A failure's details, as lines without indentation: message, where, what was selected, every
 * mismatching field per object, then the diff (expected lines `-`, actual lines `+`).
 */
export function failureLines(failure: Failure, opts: DetailOptions): string[] {
  const paint = opts.paint ?? plain;
  const lines: string[] = [];
  lines.push(...sanitize(failure.message).split('\n').map((l, i) => (i === 0 ? paint.red(l) : l)));
  if (failure.location) lines.push(paint.dim(msg(m.at, { where: oneLine(formatPosition(failure.location, opts.cwd)) })));
  if (failure.atMs !== undefined) lines.push(paint.dim(msg(failure.kind === 'eventually' ? m.closestState : m.firstBroken, { time: formatMs(failure.atMs) })));
  if (failure.selection !== undefined || failure.selected) {
    const found = failure.selected ?? [];
    const names = found.length === 0 ? msg(m.nothing) : oneLine(found.join(', '));
    lines.push('');
    lines.push(`${paint.bold(msg(m.selectedLabel))} ${oneLine(failure.selection ?? '')}${failure.selection !== undefined ? ' → ' : ''}${names}`);
  }
  if (failure.mismatches && failure.mismatches.length > 0) {
    lines.push('');
    lines.push(paint.bold(msg(m.mismatchesLabel)));
    for (const group of failure.mismatches) {
      lines.push(`  ${oneLine(group.object)}`);
      for (const x of group.fields) {
        lines.push(`    ${mismatchLine(x, paint)}`);
        // A reason Kubernetes wrote (CrashLoopBackOff, ImagePullBackOff...) with what it means.
        const hint = typeof x.actual === 'string' && /^[A-Z][A-Za-z]+$/.test(x.actual) ? translatedHint(x.actual) : undefined;
        if (hint) lines.push(`      ${paint.dim(hint)}`);
      }
    }
  }
  if (failure.diff) {
    lines.push('');
    lines.push(...diffLines(failure.diff, paint));
  }
  return lines;
}

/**
 * The unified diff, coloured like Jest's (expected green, actual red: what is wrong is red), with a
 * legend so it reads the same without colour.
 */
export function diffLines(diff: string, paint: Paint): string[] {
  const body = sanitize(diff).replace(/\n$/, '').split('\n');
  const out = [paint.green(msg(m.expectedLegend)), paint.red(msg(m.actualLegend)), ''];
  for (const line of body) {
    if (line.startsWith('---') || line.startsWith('+++') || line.startsWith('Index:') || /^=+$/.test(line)) continue;
    if (line.startsWith('@@')) out.push(paint.cyan(line));
    else if (line.startsWith('-')) out.push(paint.green(line));
    else if (line.startsWith('+')) out.push(paint.red(line));
    else out.push(line);
  }
  return out;
}

/**
 * With --spec-manifests, where each file a step read came from: `files: nginx-deploy.yaml (your
 * submission), nginx-svc.yaml (the spec's folder)`. Undefined when the step recorded none.
 */
export function stepFilesLine(step: StepResult): string | undefined {
  if (!step.files?.length) return undefined;
  return msg(m.filesLine, { files: step.files.map((f) => `${oneLine(f.path)} (${msg(f.from === 'submission' ? m.fromSubmission : m.fromSpec)})`).join(', ') });
}

/**
 * A step's kubectl output, trimmed to `max` lines: those around the first line where it differs
 * from an `output:` assertion (a few before it for context), else the first ones, with a count of
 * what was left out either side. --verbose and the JSON report have the whole output.
 */
export function outputLines(step: StepResult, max = 30): string[] {
  if (step.output === undefined || step.output === '') return [];
  const all = sanitize(step.output).replace(/\n$/, '').split('\n');
  if (all.length <= max) return all;
  const miss = missLine(step);
  const start = miss === undefined ? 0 : Math.max(0, Math.min(miss - 5, all.length - max));
  const shown = all.slice(start, start + max);
  if (start > 0) shown.unshift(msg(m.earlierLines, { n: start }));
  if (start + max < all.length) shown.push(msg(m.moreLines, { n: all.length - start - max }));
  return shown;
}

/** Where (0-based line of the actual output) an `output:` assertion's diff first differs. */
function missLine(step: StepResult): number | undefined {
  for (const f of step.failures) {
    if (!f.diff || f.mismatches?.[0]?.object !== 'kubectl') continue;
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/m.exec(f.diff);
    if (!hunk) continue;
    // The hunk starts with up to three lines of context before the first changed line.
    const body = f.diff.slice(hunk.index).split('\n').slice(1);
    const firstChange = body.findIndex((l) => l.startsWith('+') || l.startsWith('-'));
    return Number(hunk[1]) - 1 + Math.max(0, body.slice(0, Math.max(0, firstChange)).filter((l) => !l.startsWith('-')).length);
  }
  return undefined;
}

/** Everything about one failed step as plain lines (used where there is no colour: files, annotations). */
export function stepFailureText(step: StepResult, opts: DetailOptions): string {
  const parts: string[] = [];
  const files = stepFilesLine(step);
  if (files) parts.push(files, '');
  step.failures.forEach((f, i) => {
    if (i > 0) parts.push('');
    parts.push(...failureLines(f, { ...opts, paint: plain }));
  });
  const out = outputLines(step);
  if (out.length > 0) {
    parts.push('', `${msg(m.outputLabel)}${step.exitCode !== undefined ? ` ${msg(m.exitCode, { code: step.exitCode })}` : ''}:`, ...out.map((l) => `  ${l}`));
  }
  return parts.join('\n');
}

/**
 * Why a spec could not run, as lines: every load problem (message, where, hint) when the runner
 * lists them, else the error's message and where.
 */
export function specErrorLines(spec: SpecResult, cwd: string, paint: Paint = plain): string[] {
  const err = spec.error;
  const file = oneLine(displayPath(spec.file, cwd));
  if (!err) return [paint.red(msg(m.couldNotRunSpec, { file }))];
  const problems = err.problems && err.problems.length > 0 ? err.problems : [{ message: err.message, location: err.location, hint: undefined }];
  const lines: string[] = [];
  problems.forEach((p, i) => {
    if (i > 0) lines.push('');
    const text = sanitize(p.message).split('\n');
    lines.push(paint.red(p.location ? text[0] : `${file}: ${text[0]}`), ...text.slice(1));
    if (p.location) lines.push(paint.dim(msg(m.at, { where: oneLine(formatPosition(p.location, cwd)) })));
    if (p.hint) lines.push(`${paint.bold(msg(m.hintLabel))} ${oneLine(p.hint)}`);
  });
  return lines;
}

/** specErrorLines as one plain text. */
export function specErrorText(spec: SpecResult, cwd: string): string {
  return specErrorLines(spec, cwd).join('\n');
}

/**
 * A spec that could not run whose error is not already told by one of its steps (a step with
 * status `error`): reporters show the spec's error on its own.
 */
export function specErrorStandsAlone(spec: SpecResult): boolean {
  return spec.status === 'error' && !spec.steps.some((s) => s.status === 'error');
}

/** Why a step was skipped (the runner's reason, or the usual one). */
export function skipReason(step: StepResult): string {
  return oneLine(step.reason ?? msg(m.earlierStepFailed));
}

/** Why a spec was skipped (`skip:`, another's `only`, `--tag`...), on one line. */
export function specSkipReason(spec: SpecResult): string {
  return oneLine(spec.reason ?? msg(m.specSkipped));
}

/** A spec's steps that did not pass and carry something to say. */
export function failedSteps(spec: SpecResult): StepResult[] {
  return spec.steps.filter((s) => s.status === 'failed' || s.status === 'error');
}
