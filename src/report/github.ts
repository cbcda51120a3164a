// GitHub Actions workflow commands: an `::error` annotation for every failure, placed on the line
// of the assertion in the spec file, and a `::notice::` with the summary.
// Escaping is the runner's (actions/runner src/Runner.Common/ActionCommand.cs, mirrored by
// actions/toolkit packages/core/src/command.ts): in the message `%`, CR and LF become %25, %0D,
// %0A; in property values also `:` and `,` become %3A and %2C (`%` first, so nothing is escaped twice).
import * as fs from 'fs';
import { FileAccessError } from '../manifest/files';
import { DocumentReporter, type Output } from './output';
import type { Position } from '../manifest/yaml';
import type { RunResult } from '../runner/result';
import { msg } from '../i18n';
import { reportMessages as m } from '../i18n/messages/report';
import { displayPath, failureLines, oneLine, outputLines, plain, sanitize, specErrorStandsAlone, specErrorText, specSkipReason, stepFilesLine, stepTitle, summaryLines } from './text';

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `::command k=v,k=v::message`. Property values are trimmed: the runner trims the property list,
 * and there is no escape for a space, so edge spaces could not survive anyway; empty values are
 * left out (the runner drops them).
 */
export function workflowCommand(command: string, props: Record<string, string | number | undefined>, message: string): string {
  const p = Object.entries(props)
    .map(([k, v]): [string, string] => [k, v === undefined ? '' : String(v).trim()])
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',');
  return `::${command}${p ? ` ${p}` : ''}::${escapeData(message)}`;
}

function where(pos: Position | undefined, fallbackFile: string, cwd: string): { file: string; line?: number; col?: number } {
  return pos ? { file: displayPath(pos.file, cwd), line: pos.line, col: pos.column } : { file: fallbackFile };
}

export function renderGithub(result: RunResult, cwd: string): string {
  const lines: string[] = [];
  // A manifest's mistake is annotated on its own line once, however many specs read the file.
  const onManifest = new Set<string>();
  for (const spec of result.specs) {
    const file = displayPath(spec.file, cwd);
    // A spec its author skipped is a notice on its line, with the reason (the summary counts the
    // ones `only`, --tag or --exclude left out).
    if (spec.status === 'skipped' && spec.skippedBy === 'skip') {
      lines.push(workflowCommand('notice', { ...where(spec.location, file, cwd), title: msg(m.skippedSuffix, { name: oneLine(spec.name) }) }, msg(m.skipped, { reason: specSkipReason(spec) })));
    }
    if (specErrorStandsAlone(spec)) {
      // One annotation per load problem, each on its own line of the spec file.
      const title = `${oneLine(spec.name)} › ${msg(m.couldNotRun)}`;
      const problems = spec.error?.problems ?? [];
      if (problems.length === 0) {
        lines.push(workflowCommand('error', { ...where(spec.error?.location ?? spec.location, file, cwd), title }, specErrorText(spec, cwd)));
      }
      for (const p of problems) {
        const text = p.hint ? `${sanitize(p.message)}\n${msg(m.hintLabel)} ${oneLine(p.hint)}` : sanitize(p.message);
        lines.push(workflowCommand('error', { ...where(p.location ?? spec.location, file, cwd), title }, text));
      }
    }
    for (const step of spec.steps) {
      const files = stepFilesLine(step);
      if (step.status !== 'failed' && step.status !== 'error') {
        // A step that passed on a file the student did not hand in (--spec-manifests) says so.
        if (files && step.files!.some((f) => f.from === 'spec')) lines.push(workflowCommand('notice', { ...where(step.location ?? spec.location, file, cwd), title: stepTitle(spec, step) }, files));
        continue;
      }
      const title = stepTitle(spec, step);
      if (step.failures.length === 0) {
        lines.push(workflowCommand('error', { ...where(step.location ?? spec.location, file, cwd), title }, msg(m.stepStatus, { status: step.status })));
      }
      for (const f of step.failures) {
        const body = [...(files ? [files, ''] : []), ...failureLines(f, { cwd, paint: plain })];
        const out = outputLines(step, 15);
        if (out.length > 0) body.push('', `${msg(m.outputLabel)}:`, ...out.map((l) => `  ${l}`));
        lines.push(workflowCommand('error', { ...where(f.location ?? step.location ?? spec.location, file, cwd), title }, body.join('\n')));
        // ...and where the cause is in the student's manifest, on that line too.
        const at = f.kind === 'action' ? step.cause?.location : undefined;
        const key = at ? `${at.file}:${at.line}:${at.column}` : '';
        if (at && !onManifest.has(key)) {
          onManifest.add(key);
          lines.push(workflowCommand('error', { ...where(at, file, cwd), title: msg(m.didNotApply, { file: oneLine(step.cause!.file) }) }, sanitize(f.message)));
        }
      }
    }
  }
  lines.push(workflowCommand('notice', {}, `kubespec: ${summaryLines(result).map((l) => l.replace(/\s+/g, ' ')).join('; ')}`));
  return `${lines.join('\n')}\n`;
}

/** A Markdown table cell: one line, `|` escaped, HTML's specials as entities (GitHub renders HTML in summaries). */
function cell(s: string): string {
  return oneLine(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}

/**
 * The job summary GitHub shows on the run's page ($GITHUB_STEP_SUMMARY, Markdown): a row per spec
 * with its status and points, then the total.
 */
export function renderStepSummary(result: RunResult, cwd: string): string {
  const rows = result.specs.map((s) =>
    s.status === 'skipped'
      ? `| ⏭️ | ${cell(displayPath(s.file, cwd))} | ${cell(s.name)} (${cell(msg(m.skipped, { reason: specSkipReason(s) }))}) | - |`
      : `| ${s.status === 'passed' ? '✅' : '❌'} | ${cell(displayPath(s.file, cwd))} | ${cell(s.name)} | ${s.score}/${s.maxScore} |`,
  );
  const sum = result.summary;
  return ['### kubespec', '', msg(m.summaryHeader), '| --- | --- | --- | --- |', ...rows, '', msg(m.summaryScore, { score: sum.score, max: sum.maxScore, passed: sum.passed, total: sum.total })].join('\n') + '\n';
}

export class GithubReporter extends DocumentReporter {
  /** `stepSummary`: the $GITHUB_STEP_SUMMARY file, appended to (other steps write there too). */
  constructor(out: Output, cwd: string, stepSummary?: string) {
    super('github', out, (result) => {
      if (stepSummary) appendStepSummary(stepSummary, renderStepSummary(result, cwd));
      return renderGithub(result, cwd);
    });
  }
}

/** Append to the job summary; a summary that cannot be written is one line of the same kind as a report's. */
function appendStepSummary(file: string, text: string): void {
  try {
    fs.appendFileSync(file, text);
  } catch (e) {
    throw new FileAccessError(msg(m.cannotWriteSummary, { file, why: (e as Error).message.replace(/^[A-Z]+: /, '').split(',')[0] }));
  }
}
