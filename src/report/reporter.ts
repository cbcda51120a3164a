// The reporter contract: every output format (pretty, json, junit, gradescope, github, tap)
// renders the same RunResult model (src/runner/result.ts).
import type { RunResult, SpecResult } from '../runner/result';

export interface ReporterOptions {
  /** Where output without a file goes (the terminal). */
  write(text: string): void;
  /** Colour (ANSI) allowed: only when writing to a TTY. */
  color: boolean;
  /** Working directory, for relative file names in output. */
  cwd: string;
  /**
   * The terminal is a CI log that runs workflow commands (GitHub Actions): lines of every reporter
   * but `github` (whose commands are the point, and which escapes its data) are neutralised.
   */
  ciLog?: boolean;
  /** The pretty reporter: every step of passing specs, and kubectl's whole output in failures. */
  verbose?: boolean;
  /** The github reporter: the $GITHUB_STEP_SUMMARY file its job summary is appended to. */
  stepSummary?: string;
}

export interface Reporter {
  readonly name: string;
  /** The file the reporter writes (`--reporter NAME=FILE`); absent when it writes to the terminal. */
  readonly file?: string;
  /** As each spec finishes (streaming reporters print here). */
  onSpecResult?(spec: SpecResult): void;
  /** Once, at the end: render the whole run (to the terminal or to the reporter's file). */
  onRunComplete(result: RunResult): void;
}
