// The reporters a run writes to: the `--reporter NAME[=FILE]` values turned into Reporter objects
// by src/report (loaded only when a run needs them), with durations zeroed under --no-timings.
import type { Reporter } from '../report/reporter';
import type { RunResult, SpecResult } from '../runner/result';
import type { CliIO } from './io';
import { specWithoutTimings } from './timings';

export interface ReporterSettings {
  io: CliIO;
  color: boolean;
  /** false: durations are zeroed before any reporter sees them (byte-identical output). */
  timings: boolean;
  /** The terminal is a CI log that runs workflow commands (--ci, GitHub Actions). */
  ci: boolean;
  /** --verbose: the pretty reporter lists passing specs' steps and whole outputs. */
  verbose?: boolean;
}

/** One Reporter that fans out to every chosen reporter. Throws UsageError for an unknown name. */
export async function openReporters(choices: string[], settings: ReporterSettings): Promise<Reporter> {
  const { io, color, timings, ci, verbose } = settings;
  const { createReporters } = await import('../report');
  // GitHub Actions runs workflow commands found in the log: student text must not be able to forge them.
  // In GitHub Actions the github reporter also writes the job summary (a table of specs and points).
  const stepSummary = io.env.GITHUB_ACTIONS === 'true' && io.env.GITHUB_STEP_SUMMARY ? io.env.GITHUB_STEP_SUMMARY : undefined;
  const reporters = createReporters(choices, { write: io.stdout, color, cwd: io.cwd, ciLog: ci, verbose, stepSummary });
  // Reporters may recognise a spec they were streamed when the run completes (by identity), so a
  // spec must reach them as the same object both times: strip each spec once.
  const stripped = new WeakMap<SpecResult, SpecResult>();
  const strip = (spec: SpecResult): SpecResult => {
    if (timings) return spec;
    let s = stripped.get(spec);
    if (!s) stripped.set(spec, (s = specWithoutTimings(spec)));
    return s;
  };
  return {
    name: reporters.map((r) => r.name).join(','),
    onSpecResult(spec: SpecResult) {
      const s = strip(spec);
      for (const r of reporters) r.onSpecResult?.(s);
    },
    onRunComplete(result: RunResult) {
      const r = timings ? result : { ...result, specs: result.specs.map(strip), summary: { ...result.summary, durationMs: 0 } };
      for (const rep of reporters) rep.onRunComplete(r);
    },
  };
}
