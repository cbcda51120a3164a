// Reports from code: a run's result (runSpecs) rendered in any of the CLI's formats as a string,
// the same text `--reporter NAME` prints.
import { createReporter, REPORTER_NAMES } from '../report';
import type { RunResult } from '../runner/result';

export interface RenderOptions {
  /** File names in the report are relative to this folder (default: the working directory). */
  cwd?: string;
  /** ANSI colours (the pretty reporter). */
  color?: boolean;
}

/** The report of `result` in `format` (`pretty`, `json`, `junit`, `tap`, `gradescope`, `github`, `classroom`, ...). */
export function renderReport(result: RunResult, format = 'pretty', opts: RenderOptions = {}): string {
  let text = '';
  const reporter = createReporter(format, { write: (t) => void (text += t), close: () => undefined }, opts.cwd ?? process.cwd(), opts.color ?? false);
  for (const spec of result.specs) reporter.onSpecResult?.(spec);
  reporter.onRunComplete(result);
  return text;
}

/** The formats renderReport knows. */
export const REPORT_FORMATS: readonly string[] = REPORTER_NAMES;
