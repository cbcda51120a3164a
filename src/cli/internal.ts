// Which spec errors are kubespec's own (exit 3, "a bug in kubespec") rather than the spec's or the
// submission's. A spec's `error` is both a load error (exit 2: the user fixes the spec) and the
// engine failing on it, and the result model carries no flag between them, so the producers' own
// wording tells: the runner's engine failures (runner/run-spec.ts engineFailure, "internal error
// while ..."; a cluster that throws while starting) and a task whose worker thread crashed or whose
// runner threw (grade/pool.ts, grade/execute.ts). A stop by a budget (time, memory) is neither.
import type { RunResult, SpecResult } from '../runner/result';

const INTERNAL = [
  /^internal error /,
  /^the cluster could not start: /,
  /^the runner failed: /,
  /^the worker running it (crashed|exited)/,
  /^the worker did not start within /,
];

/** The specs of `result` that could not run because kubespec itself failed. */
export function internalErrors(result: RunResult): SpecResult[] {
  return result.specs.filter((s) => s.status === 'error' && s.error !== undefined && !s.error.problems?.length && INTERNAL.some((re) => re.test(s.error!.message)));
}
