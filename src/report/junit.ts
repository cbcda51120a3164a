// JUnit XML, the report every CI system reads (GitLab's test report, Jenkins, the GitHub actions
// that publish test results). Shape of the Ant JUnit schema, as jest-junit writes it:
//   testsuites(name, tests, failures, errors, skipped, time)
//     > testsuite(name, tests, failures, errors, skipped, time, file)   one per spec file
//       > testcase(classname = spec name, name = step name, file, time) one per step
//           <failure message type>details and diff</failure> | <error message type>...</error> | <skipped/>
// Times are in seconds. A spec that could not run is one testcase holding an <error>.
// GitLab keeps only the first of two testcases with the same name and classname
// (docs.gitlab.com/ci/testing/unit_test_reports), so repeated step names get ` (2)`, ` (3)`.
import { DocumentReporter, type Output } from './output';
import type { RunResult, SpecResult, StepResult } from '../runner/result';
import { displayPath, failedSteps, skipReason, specErrorStandsAlone, specErrorText, specSkipReason, stepFailureText, stepFilesLine } from './text';
import { attrs, xmlText } from './xml';
import { msg } from '../i18n';
import { reportMessages as m } from '../i18n/messages/report';

interface Case {
  classname: string;
  name: string;
  file: string;
  timeMs: number;
  /** With --spec-manifests: where the step's files came from, as <system-out>. */
  files?: string;
  outcome?: { element: 'failure' | 'error'; message: string; type: string; body: string } | { element: 'skipped'; message: string };
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function stepCase(spec: SpecResult, step: StepResult, name: string, file: string, cwd: string): Case {
  const c: Case = { classname: spec.name, name, file, timeMs: step.durationMs };
  const files = stepFilesLine(step);
  if (files) c.files = files;
  if (step.status === 'skipped') c.outcome = { element: 'skipped', message: skipReason(step) };
  else if (step.status === 'failed' || step.status === 'error') {
    const first = step.failures[0];
    const more = step.failures.length > 1 ? msg(m.andMore, { n: step.failures.length - 1 }) : '';
    c.outcome = {
      element: step.status === 'error' ? 'error' : 'failure',
      message: `${first ? first.message.split('\n')[0] : msg(m.stepStatus, { status: step.status })}${more}`,
      type: first?.kind ?? step.status,
      body: stepFailureText(step, { cwd }),
    };
  }
  return c;
}

function specCases(spec: SpecResult, cwd: string): Case[] {
  const file = displayPath(spec.file, cwd);
  const seen = new Map<string, number>();
  const cases = spec.steps.map((step) => {
    const n = (seen.get(step.name) ?? 0) + 1;
    seen.set(step.name, n);
    return stepCase(spec, step, n === 1 ? step.name : `${step.name} (${n})`, file, cwd);
  });
  // A skipped spec without steps (one --exclude left out before it loaded) is one skipped testcase.
  if (spec.status === 'skipped' && spec.steps.length === 0) cases.push({ classname: spec.name, name: spec.name, file, timeMs: 0, outcome: { element: 'skipped', message: specSkipReason(spec) } });
  // A spec that could not run, and whose steps do not already carry the error, gets a testcase of its own.
  if (specErrorStandsAlone(spec)) {
    cases.push({
      classname: spec.name,
      name: spec.steps.length === 0 ? spec.name : msg(m.couldNotRunSuffix, { name: spec.name }),
      file,
      timeMs: spec.durationMs,
      outcome: { element: 'error', message: spec.error?.message.split('\n')[0] ?? msg(m.specCouldNotRun), type: 'LoadError', body: specErrorText(spec, cwd) },
    });
  }
  // A failed spec with nothing failing in its steps (should not happen) must still show as failed.
  if (spec.status === 'failed' && failedSteps(spec).length === 0) {
    cases.push({
      classname: spec.name,
      name: msg(m.failedSuffix, { name: spec.name }),
      file,
      timeMs: 0,
      outcome: { element: 'failure', message: msg(m.specFailed), type: 'failed', body: specErrorText(spec, cwd) },
    });
  }
  return cases;
}

function counts(cases: Case[]): { tests: number; failures: number; errors: number; skipped: number } {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.outcome?.element === 'failure').length,
    errors: cases.filter((c) => c.outcome?.element === 'error').length,
    skipped: cases.filter((c) => c.outcome?.element === 'skipped').length,
  };
}

export function renderJunit(result: RunResult, cwd: string): string {
  // One testsuite per spec file, in the order files first appear.
  const byFile = new Map<string, SpecResult[]>();
  for (const spec of result.specs) {
    const file = displayPath(spec.file, cwd);
    const list = byFile.get(file);
    if (list) list.push(spec);
    else byFile.set(file, [spec]);
  }
  const suites: string[] = [];
  const all: Case[] = [];
  for (const [file, specs] of byFile) {
    const cases = specs.flatMap((spec) => specCases(spec, cwd));
    all.push(...cases);
    const c = counts(cases);
    const time = specs.reduce((a, s) => a + s.durationMs, 0);
    const body = cases.map((k) => {
      const open = `    <testcase${attrs({ classname: k.classname, name: k.name, file: k.file, time: seconds(k.timeMs) })}`;
      const out = k.files ? `\n      <system-out>${xmlText(k.files)}</system-out>` : '';
      if (k.outcome === undefined) return out ? `${open}>${out}\n    </testcase>` : `${open}/>`;
      const o = k.outcome;
      if (o.element === 'skipped') return `${open}>\n      <skipped${attrs({ message: o.message })}/>${out}\n    </testcase>`;
      return `${open}>\n      <${o.element}${attrs({ message: o.message, type: o.type })}>${xmlText(o.body)}</${o.element}>${out}\n    </testcase>`;
    });
    suites.push(
      `  <testsuite${attrs({ name: file, ...c, time: seconds(time), file })}>\n${body.join('\n')}${body.length ? '\n' : ''}  </testsuite>`,
    );
  }
  const total = counts(all);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites${attrs({ name: 'kubespec', ...total, time: seconds(result.summary.durationMs) })}>\n` +
    `${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`
  );
}

export class JunitReporter extends DocumentReporter {
  constructor(out: Output, cwd: string) {
    super('junit', out, (result) => renderJunit(result, cwd));
  }
}
