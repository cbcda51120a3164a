// The JSON reporter: one document with every spec, step and failure, and the run's summary.
// Contract: fields may be added, never removed or renamed (scripts and graders parse it).
import { DocumentReporter, type Output } from './output';
import type { Position } from '../manifest/yaml';
import type { Failure, RunResult, SpecResult, StepResult } from '../runner/result';
import { countSteps, displayPath, stringifyJson, type StepCounts } from './text';

export interface JsonPosition {
  file: string;
  line: number;
  column: number;
}

export interface JsonStep {
  name: string;
  status: StepResult['status'];
  reason?: string;
  durationMs: number;
  points: number;
  score: number;
  location?: JsonPosition;
  failures: (Omit<Failure, 'location'> & { location?: JsonPosition })[];
  output?: string;
  exitCode?: number;
  /** With --spec-manifests: each file the step read and where it came from. */
  files?: StepResult['files'];
  /** A manifest that did not apply: on the step it failed in and on the steps skipped after it. */
  cause?: { file: string; message: string; location?: JsonPosition };
  /** Visibility, tags and feedback for grading platforms, when not the default. */
  grading?: StepResult['grading'];
}

export interface JsonSpec {
  file: string;
  name: string;
  index: number;
  status: SpecResult['status'];
  /** For a skipped spec: why, and what skipped it. */
  reason?: string;
  skippedBy?: SpecResult['skippedBy'];
  durationMs: number;
  engineMs: number;
  score: number;
  maxScore: number;
  location?: JsonPosition;
  error?: { message: string; location?: JsonPosition; problems?: { message: string; location?: JsonPosition; hint?: string }[] };
  steps: JsonStep[];
}

export interface JsonReport {
  specs: JsonSpec[];
  summary: RunResult['summary'] & { steps: StepCounts };
  seed: number;
}

function pos(p: Position | undefined, cwd: string): JsonPosition | undefined {
  return p ? { file: displayPath(p.file, cwd), line: p.line, column: p.column } : undefined;
}

/** The report as a plain object (also what `kubespec grade` writes per student). */
export function toJsonReport(result: RunResult, cwd: string): JsonReport {
  return {
    specs: result.specs.map((spec) => ({
      file: displayPath(spec.file, cwd),
      name: spec.name,
      index: spec.index,
      status: spec.status,
      reason: spec.reason,
      skippedBy: spec.skippedBy,
      durationMs: spec.durationMs,
      engineMs: spec.engineMs,
      score: spec.score,
      maxScore: spec.maxScore,
      location: pos(spec.location, cwd),
      error: spec.error
        ? {
            message: spec.error.message,
            location: pos(spec.error.location, cwd),
            problems: spec.error.problems?.map((p) => ({ message: p.message, location: pos(p.location, cwd), hint: p.hint })),
          }
        : undefined,
      steps: spec.steps.map((step) => ({
        name: step.name,
        status: step.status,
        reason: step.reason,
        durationMs: step.durationMs,
        points: step.points,
        score: step.score,
        location: pos(step.location, cwd),
        failures: step.failures.map((f) => ({ ...f, location: pos(f.location, cwd) })),
        output: step.output,
        exitCode: step.exitCode,
        files: step.files,
        cause: step.cause ? { ...step.cause, location: pos(step.cause.location, cwd) } : undefined,
        grading: step.grading,
      })),
    })),
    summary: { ...result.summary, steps: countSteps(result.specs) },
    seed: result.seed,
  };
}

export function renderJson(result: RunResult, cwd: string, extra: Record<string, unknown> = {}): string {
  return `${stringifyJson({ ...extra, ...toJsonReport(result, cwd) }, 2)}\n`;
}

export class JsonReporter extends DocumentReporter {
  constructor(out: Output, cwd: string) {
    super('json', out, (result) => renderJson(result, cwd));
  }
}
