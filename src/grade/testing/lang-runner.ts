// A runner for the test that the language reaches worker threads: the stub runner's results, each
// spec's name followed by the language kubespec's text is in where the runner ran ("[ko]").
import { getLang } from '../../i18n';
import type { RunOptions } from '../../runner';
import type { RunResult, SpecResult } from '../../runner/result';
import { runSpecs as stubRun } from './stub-runner';

export async function runSpecs(paths: string[], opts: RunOptions = {}): Promise<RunResult> {
  const named = (s: SpecResult): SpecResult => ({ ...s, name: `${s.name} [${getLang()}]` });
  const result = await stubRun(paths, { ...opts, onSpecResult: (s) => opts.onSpecResult?.(named(s)) });
  return { ...result, specs: result.specs.map(named) };
}
