// GitHub Classroom's autograding: the `classroom` reporter writes what a runner step hands the
// grading reporter (github-education-resources/autograding-grading-reporter, src/main.js reads
// `<RUNNER>_RESULTS` as base64 JSON): `{ version: 1, status, max_score, tests: [{ name, status,
// score, message, filename, line_no }] }`, one test per step with its own points (the reporter adds
// up the tests' `score`s against `max_score`, so per-step points survive). The output is one line,
// `result=<base64>`, in the form a step appends to $GITHUB_OUTPUT. Failure text follows each step's
// `feedback` as the Gradescope reporter's does.
import { DocumentReporter, type Output } from './output';
import type { RunResult, StepResult } from '../runner/result';
import { displayPath, skipReason, specErrorStandsAlone, specErrorText, specSkipReason, stepTitle } from './text';
import { failureOutput } from './gradescope';
import { msg } from '../i18n';
import { reportMessages as m } from '../i18n/messages/report';

export interface ClassroomTest {
  name: string;
  /** `skip`: a skipped spec (kubespec's; the grading reporter counts only `score`s and the run's status). */
  status: 'pass' | 'fail' | 'error' | 'skip';
  score: number;
  message: string;
  filename?: string;
  line_no?: number;
}

export interface ClassroomResults {
  version: 1;
  status: 'pass' | 'fail' | 'error';
  max_score: number;
  tests: ClassroomTest[];
}

function stepStatus(step: StepResult): ClassroomTest['status'] {
  if (step.status === 'passed') return 'pass';
  return step.status === 'error' ? 'error' : 'fail';
}

export function toClassroom(result: RunResult, cwd: string): ClassroomResults {
  const tests: ClassroomTest[] = [];
  for (const spec of result.specs) {
    const filename = displayPath(spec.file, cwd);
    if (spec.status === 'skipped') {
      // Not run: one test, `skip`, scoring nothing and failing nothing (max_score leaves it out too).
      tests.push({ name: msg(m.skippedSuffix, { name: spec.name }), status: 'skip', score: 0, message: msg(m.skipped, { reason: specSkipReason(spec) }), filename, ...(spec.location ? { line_no: spec.location.line } : {}) });
      continue;
    }
    if (specErrorStandsAlone(spec)) {
      tests.push({ name: spec.steps.length ? msg(m.couldNotRunSuffix, { name: spec.name }) : spec.name, status: 'error', score: 0, message: specErrorText(spec, cwd), filename, ...(spec.location ? { line_no: spec.location.line } : {}) });
    }
    for (const step of spec.steps) {
      const status = spec.status === 'error' ? 'error' : stepStatus(step);
      const message = step.status === 'skipped' ? (step.grading?.feedback === 'none' ? '' : msg(m.skipped, { reason: skipReason(step) })) : status === 'pass' ? '' : failureOutput(step, cwd);
      tests.push({ name: stepTitle(spec, step), status, score: status === 'pass' ? step.score : 0, message, filename, ...(step.location ? { line_no: step.location.line } : {}) });
    }
  }
  const status = tests.some((t) => t.status === 'error') ? 'error' : tests.every((t) => t.status === 'pass' || t.status === 'skip') ? 'pass' : 'fail';
  return { version: 1, status, max_score: result.summary.maxScore, tests };
}

/** `result=<base64 of the JSON>`: append it to $GITHUB_OUTPUT (see docs/grading.md). */
export function renderClassroom(result: RunResult, cwd: string): string {
  return `result=${Buffer.from(JSON.stringify(toClassroom(result, cwd)), 'utf8').toString('base64')}\n`;
}

export class ClassroomReporter extends DocumentReporter {
  constructor(out: Output, cwd: string) {
    super('classroom', out, (result) => renderClassroom(result, cwd));
  }
}
