// One spec file as one Jest test file (what kubespec/jest-runner runs for each): every step of every
// spec is a Jest test — `spec name › step name` — passed, failed with kubespec's failure text, or
// skipped (pending: a step after a budget ran out, every step of a spec that `skip:` or another's
// `only: true` leaves out). Jest's `-t PATTERN` selects tests by full name, as for its own tests.
import type { TestResult, AssertionResult } from '@jest/test-result';
import * as path from 'path';
import { runSpecs } from '../runner';
import type { RunResult, SpecResult } from '../runner/result';
import { specErrorText, stepFailureText } from '../report/text';

/** Options in the Jest config's `testEnvironmentOptions.kubespec` (seed, submission folder). */
interface KubespecJestOptions {
  seed?: number;
  submission?: string;
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, '    ');
}

function specTests(spec: SpecResult, cwd: string): AssertionResult[] {
  const base = { ancestorTitles: [spec.name], failureDetails: [], numPassingAsserts: 0, location: spec.location ? { line: spec.location.line, column: spec.location.column } : null };
  // A skipped spec's steps are skipped tests (pending, Jest's word); one left out before it loaded is one.
  if (spec.status === 'skipped' && spec.steps.length === 0) {
    return [{ ...base, ancestorTitles: [], title: spec.name, fullName: spec.name, status: 'pending', duration: 0, failureMessages: [] }];
  }
  if (spec.status === 'error' && spec.steps.length === 0) {
    return [{ ...base, ancestorTitles: [], title: spec.name, fullName: spec.name, status: 'failed', duration: spec.durationMs, failureMessages: [specErrorText(spec, cwd)] }];
  }
  return spec.steps.map((step) => ({
    ...base,
    title: step.name,
    fullName: `${spec.name} › ${step.name}`,
    status: step.status === 'passed' ? 'passed' : step.status === 'skipped' ? 'pending' : 'failed',
    duration: step.durationMs,
    failureMessages: step.status === 'failed' || step.status === 'error' ? [stepFailureText(step, { cwd })] : [],
    ...(step.status === 'passed' ? { numPassingAsserts: 1 } : {}),
  }));
}

/** A TestResult as Jest's reporters read it, from kubespec's result. */
export function toJestResult(result: RunResult, testPath: string, cwd: string, start: number, only?: RegExp): TestResult {
  // Jest matches -t against the test's full name: its ancestors' titles and its own, space-separated.
  const selected = (t: AssertionResult) => !only || only.test([...t.ancestorTitles, t.title].join(' '));
  const tests = result.specs.flatMap((s) => specTests(s, cwd)).map((t): AssertionResult => (selected(t) ? t : { ...t, status: 'pending', failureMessages: [], numPassingAsserts: 0 }));
  const failed = tests.filter((t) => t.status === 'failed');
  const failureMessage = failed.length ? failed.map((t) => `  ● ${t.fullName}\n\n${indent(t.failureMessages.join('\n'))}`).join('\n\n') : null;
  const end = Date.now();
  return {
    failureMessage,
    leaks: false,
    numFailingTests: failed.length,
    numPassingTests: tests.filter((t) => t.status === 'passed').length,
    numPendingTests: tests.filter((t) => t.status === 'pending').length,
    numTodoTests: 0,
    openHandles: [],
    perfStats: { start, end, runtime: end - start, slow: false, loadTestEnvironmentStart: start, loadTestEnvironmentEnd: start, setupAfterEnvStart: start, setupAfterEnvEnd: start, setupFilesStart: start, setupFilesEnd: start },
    // Every test skipped, or none left by -t: Jest shows the file as skipped.
    skipped: tests.every((t) => t.status === 'pending'),
    snapshot: { added: 0, fileDeleted: false, matched: 0, unchecked: 0, uncheckedKeys: [], unmatched: 0, updated: 0 },
    testFilePath: testPath,
    testResults: tests,
  } as TestResult;
}

/** What the runner passes: the file, its Jest project's config, Jest's global config. */
export interface RunFileOptions {
  testPath: string;
  config: { rootDir: string; testEnvironmentOptions?: Record<string, unknown> };
  globalConfig: { testNamePattern?: string };
}

export default async function runFile({ testPath, config, globalConfig }: RunFileOptions): Promise<TestResult> {
  const start = Date.now();
  const cwd = config.rootDir;
  const opts = ((config.testEnvironmentOptions ?? {}) as { kubespec?: KubespecJestOptions }).kubespec ?? {};
  // Every spec runs (a step builds on the ones before it, and a spec takes milliseconds); tests
  // `-t` does not select are reported skipped, as Jest reports its own.
  const result = await runSpecs([testPath], {
    cwd,
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.submission !== undefined ? { submission: path.resolve(cwd, opts.submission), submissionOnly: true } : {}),
  });
  return toJestResult(result, testPath, cwd, start, globalConfig.testNamePattern ? new RegExp(globalConfig.testNamePattern, 'i') : undefined);
}
