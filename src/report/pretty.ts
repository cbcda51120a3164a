// The terminal reporter, designed after Jest's: one line per spec (✓/✗, file › name, score, time)
// with its steps beneath, then for each failure a `●` block with where the assertion is written,
// what was selected, every mismatching field and the diff; a summary at the end. Without colour
// every status still reads from its symbol and words.
import type { Reporter } from './reporter';
import type { Output } from './output';
import type { RunResult, SpecResult, StepResult } from '../runner/result';
import {
  displayPath,
  failureLines,
  formatMs,
  formatScore,
  oneLine,
  outputLines,
  paintFor,
  skipReason,
  specErrorLines,
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
  private readonly paint: Paint;

  constructor(
    private readonly out: Output,
    private readonly cwd: string,
    color: boolean,
  ) {
    this.paint = paintFor(color);
  }

  get file(): string | undefined {
    return this.out.file;
  }

  onSpecResult(spec: SpecResult): void {
    this.printed.add(specKey(spec));
    this.out.write(renderSpec(spec, this.cwd, this.paint));
  }

  onRunComplete(result: RunResult): void {
    // Specs not streamed (a caller that only hands over the finished run) are printed now.
    for (const spec of result.specs) if (!this.printed.has(specKey(spec))) this.onSpecResult(spec);
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
export function renderSpec(spec: SpecResult, cwd: string, p: Paint): string {
  const lines: string[] = [];
  const ok = spec.status === 'passed';
  const symbol = ok ? p.green('✓') : p.red('✗');
  const facts = [`${formatScore(spec.score, spec.maxScore)} pts`, formatMs(spec.durationMs)];
  lines.push(`${symbol} ${p.dim(`${oneLine(displayPath(spec.file, cwd))} ›`)} ${p.bold(oneLine(spec.name))} ${p.dim(`(${facts.join(', ')})`)}`);
  for (const step of spec.steps) {
    const skipped = step.status === 'skipped' ? p.yellow(` (skipped: ${skipReason(step)})`) : '';
    const err = step.status === 'error' ? p.red(' (error)') : '';
    const name = oneLine(step.name);
    lines.push(`${INDENT}${stepSymbol(step, p)} ${step.status === 'passed' ? p.dim(name) : name}${skipped}${err}`);
    const files = stepFilesLine(step);
    if (files) lines.push(`${INDENT}  ${p.dim(files)}`);
  }
  if (specErrorStandsAlone(spec)) {
    lines.push('', `  ${p.red(p.bold(`● ${oneLine(spec.name)} › could not run`))}`, '');
    for (const l of specErrorLines(spec, cwd, p)) lines.push(l === '' ? '' : `${INDENT}${l}`);
  }
  for (const step of spec.steps) {
    if (step.status !== 'failed' && step.status !== 'error') continue;
    lines.push('', `  ${p.red(p.bold(`● ${stepTitle(spec, step)}`))}`);
    if (step.failures.length === 0) lines.push('', `${INDENT}${p.red(`step ${step.status}`)}`);
    for (const failure of step.failures) {
      lines.push('');
      for (const l of failureLines(failure, { cwd, paint: p })) lines.push(l === '' ? '' : `${INDENT}${l}`);
    }
    const out = outputLines(step);
    if (out.length > 0) {
      lines.push('', `${INDENT}${p.bold('Output')}${step.exitCode !== undefined ? p.dim(` (exit code ${step.exitCode})`) : ''}${p.bold(':')}`);
      for (const l of out) lines.push(`${INDENT}  ${l}`);
    }
  }
  if (!ok) lines.push('');
  return `${lines.join('\n')}\n`;
}
