// Gradescope's autograder `results.json` (gradescope-autograders.readthedocs.io, "Autograder
// Specifications"): top-level `score`, `execution_time` (seconds), `output`, and one entry of
// `tests[]` per step with `name`, `number` ("spec.step"), `score`, `max_score`, `status`
// ("passed" | "failed"), `output` and `visibility`. A spec that could not run is one test worth all
// of its points, scored 0. Skipped steps earn nothing and count as failed; a skipped spec (its
// `skip:`, another's `only`, --tag) is one test worth nothing, without a status.
import { DocumentReporter, type Output } from './output';
import type { Failure, RunResult, StepResult } from '../runner/result';
import { round2 } from '../runner/result';
import { msg, type Message } from '../i18n';
import { reportMessages as m } from '../i18n/messages/report';
import { displayPath, skipReason, specErrorStandsAlone, specErrorText, specSkipReason, stepFailureText, stepFilesLine, stepTitle, stringifyJson, summaryLines } from './text';

export type GradescopeVisibility = 'hidden' | 'after_due_date' | 'after_published' | 'visible';

export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  /** Left out for a skipped spec's test (Gradescope then shows no pass or fail). */
  status?: 'passed' | 'failed';
  output: string;
  visibility: GradescopeVisibility;
  tags?: string[];
}

export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  visibility: GradescopeVisibility;
  tests: GradescopeTest[];
}

const KIND_WORDS: Record<Failure['kind'], Message> = {
  expect: m.kindExpect,
  throughout: m.kindThroughout,
  eventually: m.kindEventually,
  expectError: m.kindExpectError,
  action: m.kindAction,
  settle: m.kindSettle,
};

/**
 * A failed step's output as its `feedback` allows: `full`, every mismatch and diff; `summary`, what
 * kind of check failed and where it is written, never a value (a hidden test's expected answer
 * stays hidden); `none`, nothing.
 */
export function failureOutput(step: StepResult, cwd: string): string {
  const feedback = step.grading?.feedback ?? 'full';
  if (feedback === 'none') return '';
  if (feedback === 'full') return stepFailureText(step, { cwd });
  if (step.failures.length === 0) return msg(m.stepStatus, { status: step.status });
  return step.failures.map((f) => `${msg(KIND_WORDS[f.kind])}${f.location ? ` (${displayPath(f.location.file, cwd)}:${f.location.line})` : ''}`).join('\n');
}

/**
 * Make a spec's tests' `max_score`s add up to its points exactly, in hundredths: the steps' points
 * are each rounded (1 point over 3 steps is 0.33 three times, 0.99), so the cents rounding lost go
 * to the first tests, one each — the largest-remainder apportionment for equal shares, ties in
 * step order. A passed test's score follows its max_score.
 */
function apportion(tests: GradescopeTest[], total: number): void {
  const cents = tests.map((t) => Math.round(t.max_score * 100));
  let diff = Math.round(total * 100) - cents.reduce((a, c) => a + c, 0);
  for (let i = 0; diff !== 0 && tests.length > 0; i = (i + 1) % tests.length) {
    if (diff < 0 && cents[i] === 0) continue;
    cents[i] += Math.sign(diff);
    diff -= Math.sign(diff);
  }
  tests.forEach((t, i) => {
    const passed = t.score === t.max_score && t.status === 'passed';
    t.max_score = cents[i] / 100;
    if (passed) t.score = t.max_score;
  });
}

export function toGradescope(result: RunResult, cwd: string, visibility: GradescopeVisibility = 'visible'): GradescopeResults {
  const tests: GradescopeTest[] = [];
  result.specs.forEach((spec, i) => {
    const first = tests.length;
    if (spec.status === 'skipped') {
      // Not run, so not graded: one test worth nothing, with no status (Gradescope's passed or
      // failed would each say something untrue), the reason as its output.
      tests.push({ name: msg(m.skippedSuffix, { name: spec.name }), number: `${i + 1}`, score: 0, max_score: 0, output: msg(m.skipped, { reason: specSkipReason(spec) }), visibility });
      return;
    }
    if (specErrorStandsAlone(spec)) {
      // Could not run: the points its steps do not already carry, as one test scored 0.
      const stepPoints = spec.steps.reduce((a, s) => a + s.points, 0);
      tests.push({
        name: spec.steps.length === 0 ? spec.name : msg(m.couldNotRunSuffix, { name: spec.name }),
        number: `${i + 1}`,
        score: 0,
        max_score: round2(Math.max(0, spec.maxScore - stepPoints)),
        status: 'failed',
        output: specErrorText(spec, cwd),
        visibility,
      });
    }
    spec.steps.forEach((step, j) => {
      const passed = step.status === 'passed';
      let output = '';
      if (step.status === 'skipped') output = step.grading?.feedback === 'none' ? '' : msg(m.skipped, { reason: skipReason(step) });
      else if (!passed) output = failureOutput(step, cwd);
      else output = stepFilesLine(step) ?? '';
      tests.push({
        name: stepTitle(spec, step),
        number: `${i + 1}.${j + 1}`,
        score: spec.status === 'error' ? 0 : step.score,
        max_score: step.points,
        status: passed && spec.status !== 'error' ? 'passed' : 'failed',
        output,
        visibility: step.grading?.visibility ?? visibility,
        ...(step.grading?.tags ? { tags: step.grading.tags } : {}),
      });
    });
    apportion(tests.slice(first), spec.maxScore);
  });
  const s = result.summary;
  return {
    score: s.score,
    execution_time: round2(s.durationMs / 1000),
    output: summaryLines(result).join('\n'),
    visibility,
    tests,
  };
}

export class GradescopeReporter extends DocumentReporter {
  constructor(out: Output, cwd: string) {
    super('gradescope', out, (result) => `${stringifyJson(toGradescope(result, cwd), 2)}\n`);
  }
}
