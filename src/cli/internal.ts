// Which spec errors are kubespec's own (exit 3, "a bug in kubespec") rather than the spec's or the
// submission's. A spec's `error` is both a load error (exit 2: the user fixes the spec) and the
// engine failing on it; the producers mark the second with `error.internal` (runner/result.ts):
// the runner's engine failures and a cluster that throws while starting (runner/run-spec.ts), and
// a task whose worker crashed, exited or did not start, or whose runner threw (grade/pool.ts,
// grade/execute.ts). A stop by a budget (time, memory) is neither.
import type { RunResult, SpecResult } from '../runner/result';

/** The specs of `result` that could not run because kubespec itself failed. */
export function internalErrors(result: RunResult): SpecResult[] {
  return result.specs.filter((s) => s.status === 'error' && s.error?.internal === true);
}
