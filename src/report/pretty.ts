// The terminal reporter, designed after Jest's: one line per spec (✓/✗, file › name, score, time)
// with its steps beneath, then for each failure a `●` block with where the assertion is written,
// what was selected, every mismatching field and the diff; a summary at the end. Without colour
// every status still reads from its symbol and words.
import type { Reporter } from './reporter';
import type { Output } from './output';
import type { RunResult, SpecResult, StepResult } from '../runner/result';
import { msg } from '../i18n';
import { reportMessages as m } from '../i18n/messages/report';
import {
  displayPath,
  failureLines,
  formatMs,
  formatScore,
  oneLine,
  outputLines,
  paintFor,
  problemLines,
  skipReason,
  specErrorLines,
  specSkipReason,
  specErrorStandsAlone,
  stepFilesLine,
  stepTitle,
  summaryLines,
  type Paint,
} from './text';

const INDENT = '    ';

export class PrettyReporter implements Reporter {
  readonly name = 'pretty';
  /** Specs already printed, by file and document index (the same spec may arrive as another object). */
  private readonly printed = new Set<string>();
  /** Manifest problems already shown in full (file and message): a later spec's step says so in one line. */
  private readonly causes = new Set<string>();
  private readonly paint: Paint;

  constructor(
    private readonly out: Output,
    private readonly cwd: string,
    color: boolean,
    private readonly verbose = false,
  ) {
    this.paint = paintFor(color);
  }

  get file(): string | undefined {
    return this.out.file;
  }

  onSpecResult(spec: SpecResult): void {
    this.printed.add(specKey(spec));
    this.out.write(renderSpec(spec, this.cwd, this.paint, this.causes, this.verbose));
  }

  onRunComplete(result: RunResult): void {
    // Specs not streamed (a caller that only hands over the finished run) are printed now.
    for (const spec of result.specs) if (!this.printed.has(specKey(spec))) this.onSpecResult(spec);
    const problems = problemLines(result, this.paint);
    if (problems.length) this.out.write(`\n${problems.join('\n')}\n`);
    this.out.write(`\n${summaryLines(result, this.paint).join('\n')}\n`);
    this.out.close();
  }
}

function specKey(spec: SpecResult): string {
  return `${spec.file}\u0000${spec.index}`;
}

function stepSymbol(step: StepResult, p: Paint): string {
  switch (step.status) {
    case 'passed':
      return p.green('✓');
    case 'skipped':
      return p.yellow('○');
    default:
      return p.red('✗');
  }
}

/** One spec: its header line, its steps, then the details of each failure. */
/**
 * One spec: its header line, its steps, then the details of each failure. `shownCauses` (kept by
 * the reporter across specs) holds the manifest problems already shown in full: a step failing on
 * one again says so on its own line instead of repeating the error. Steps skipped for one reason
 * in a row are one line.
 */
export function renderSpec(spec: SpecResult, cwd: string, p: Paint, shownCauses: Set<string> = new Set(), verbose = true): string {
  const lines: string[] = [];
  // A skipped spec is one line: what skipped it says everything about its steps.
  if (spec.status === 'skipped') return `${p.yellow('○')} ${p.dim(`${oneLine(displayPath(spec.file, cwd))} ›`)} ${oneLine(spec.name)} ${p.yellow(`(${msg(m.skipped, { reason: specSkipReason(spec) })})`)}\n`;
  const ok = spec.status === 'passed';
  const symbol = ok ? p.green('✓') : p.red('✗');
  const facts = [msg(m.points, { score: formatScore(spec.score, spec.maxScore) }), formatMs(spec.durationMs)];
  lines.push(`${symbol} ${p.dim(`${oneLine(displayPath(spec.file, cwd))} ›`)} ${p.bold(oneLine(spec.name))} ${p.dim(`(${facts.join(', ')})`)}`);
  // A file that did not apply fails the same way in every spec that reads it (whatever the wording
  // of the action that read it): shown once, by file.
  const causeKey = (s: StepResult) => s.cause?.file ?? '';
  // Which failed steps repeat a cause shown before (in an earlier spec, or earlier in this one).
  const repeated = new Set<StepResult>();
  for (const step of spec.steps) {
    if (step.status === 'skipped' || !step.cause) continue;
    if (shownCauses.has(causeKey(step))) repeated.add(step);
    else shownCauses.add(causeKey(step));
  }
  // A passing spec is one line, as Jest shows a passing file (--verbose lists its steps), unless its
  // steps say where their files came from (--spec-manifests).
  const listSteps = !ok || verbose || spec.steps.some((s) => s.files);
  for (let i = 0; listSteps && i < spec.steps.length; i++) {
    const step = spec.steps[i];
    if (step.status === 'skipped') {
      let j = i;
      while (j + 1 < spec.steps.length && spec.steps[j + 1].status === 'skipped' && spec.steps[j + 1].reason === step.reason) j++;
      const label = j > i ? msg(m.moreSteps, { n: j - i + 1 }) : oneLine(step.name);
      lines.push(`${INDENT}${stepSymbol(step, p)} ${label}${p.yellow(` (${msg(m.skipped, { reason: skipReason(step) })})`)}`);
      i = j;
      continue;
    }
    const err = step.status === 'error' ? p.red(` (${msg(m.error)})`) : '';
    let again = '';
    if (repeated.has(step)) {
      // ...and the steps it left skipped, on the same line.
      let j = i;
      while (j + 1 < spec.steps.length && spec.steps[j + 1].status === 'skipped' && spec.steps[j + 1].cause?.file === step.cause!.file) j++;
      again = p.red(` (${msg(m.didNotApplyAgain, { file: oneLine(step.cause!.file), more: j - i })})`);
      i = j;
    }
    const name = oneLine(step.name);
    lines.push(`${INDENT}${stepSymbol(step, p)} ${step.status === 'passed' ? p.dim(name) : name}${err}${again}`);
    const files = stepFilesLine(step);
    if (files) lines.push(`${INDENT}  ${p.dim(files)}`);
  }
  if (specErrorStandsAlone(spec)) {
    lines.push('', `  ${p.red(p.bold(`● ${oneLine(spec.name)} › ${msg(m.couldNotRun)}`))}`, '');
    for (const l of specErrorLines(spec, cwd, p)) lines.push(l === '' ? '' : `${INDENT}${l}`);
  }
  let blocks = 0;
  for (const step of spec.steps) {
    if (step.status !== 'failed' && step.status !== 'error') continue;
    if (repeated.has(step)) continue;
    blocks++;
    lines.push('', `  ${p.red(p.bold(`● ${stepTitle(spec, step)}`))}`);
    if (step.failures.length === 0) lines.push('', `${INDENT}${p.red(msg(m.stepStatus, { status: step.status }))}`);
    for (const failure of step.failures) {
      lines.push('');
      for (const l of failureLines(failure, { cwd, paint: p })) lines.push(l === '' ? '' : `${INDENT}${l}`);
    }
    const out = outputLines(step, verbose ? Infinity : undefined);
    if (out.length > 0) {
      lines.push('', `${INDENT}${p.bold(msg(m.outputLabel))}${step.exitCode !== undefined ? p.dim(` ${msg(m.exitCode, { code: step.exitCode })}`) : ''}${p.bold(':')}`);
      for (const l of out) lines.push(`${INDENT}  ${l}`);
    }
  }
  if (!ok && (blocks > 0 || specErrorStandsAlone(spec))) lines.push('');
  return `${lines.join('\n')}\n`;
}
