// What a run produces: the one model every reporter (pretty, json, junit, gradescope, github, tap)
// renders. Reporters read it; they never look at the cluster.
import type { Position } from '../manifest/yaml';
import type { Grading } from '../spec/model';
import type { StepTimeline } from './timeline';

export type Status = 'passed' | 'failed' | 'error' | 'skipped';

/** One field that differed: its path in the object, what the assertion wanted, what was there. */
export interface Mismatch {
  /** `status.readyReplicas`, `spec.template.spec.containers[0].image` */
  path: string;
  expected: unknown;
  actual: unknown;
  /** Why, when equality is not the rule: a regex that did not match, `missing`, `extra element`. */
  note?: string;
}

/** One failed check within a step: an assertion that did not hold, an action that errored. */
export interface Failure {
  /** One line: what went wrong (`expected 3 Pods with app=nginx, found 2`). */
  message: string;
  /** Where the assertion (or action) is written. */
  location?: Position;
  /** `expect` | `throughout` | `eventually` | `expectError` | `action` | `settle` */
  kind: 'expect' | 'throughout' | 'eventually' | 'expectError' | 'action' | 'settle';
  /** A one-line rendering of the assertion's selection (`Pod selector=app=nginx`). */
  selection?: string;
  /** Names (`kind/name`) of the objects selected. */
  selected?: string[];
  /** Every mismatching field, per selected object (object name → mismatches). */
  mismatches?: { object: string; fields: Mismatch[] }[];
  /** Unified diff, expected vs actual YAML, pruned to the named fields plus identifying context. */
  diff?: string;
  /**
   * For `throughout`: the simulated time (ms since start) of the first state that broke it; for
   * `eventually` (which no state satisfied): the time of the closest state seen.
   */
  atMs?: number;
}

/** A problem found while loading a spec (YAML, schema, semantic checks): where, what, how to fix. */
export interface LoadProblem {
  /** One line (`steps[0].expect[1]: unknown key \`cuont\` in an assertion`). */
  message: string;
  location?: Position;
  /** One line: how to fix it (`did you mean \`count\`?`). */
  hint?: string;
}

export interface StepResult {
  name: string;
  status: Status;
  /** For a skipped step: why it did not run (an earlier step exhausted the spec's budget...). */
  reason?: string;
  location?: Position;
  durationMs: number;
  /** Weight of this step when grading, and what it earned. */
  points: number;
  score: number;
  failures: Failure[];
  /** For kubectl steps: what the command printed. */
  output?: string;
  exitCode?: number;
  /**
   * With a submission and --spec-manifests: every file the step read and where it came from (the
   * student's folder, or the spec's when the student did not hand it in).
   */
  files?: StepFile[];
  cause?: StepCause;
  /** What a grading platform shows of the step, when not the default (visible, full feedback, no tags). */
  grading?: Grading;
  /**
   * The states the step settled through, for the HTML report: only when the run records them
   * (RunOptions.timeline). Not in the other reports (report/json.ts picks its fields).
   */
  timeline?: StepTimeline;
}

/**
 * A manifest that did not apply (missing, unreadable, not YAML, refused): set on the step where it
 * failed and on every later step of the spec, skipped because of it. Reports group failures by it.
 */
export interface StepCause {
  /** The file as the step names it. */
  file: string;
  /** The first line of what went wrong. */
  message: string;
  /** Where in the manifest (its path as resolved), when the mistake has a place: a YAML error. */
  location?: Position;
}

export interface StepFile {
  /** The path as the step names it. */
  path: string;
  from: 'submission' | 'spec';
}

export interface SpecResult {
  /** The spec file, as given on the command line (relative to the working directory). */
  file: string;
  name: string;
  /** Index of the spec's YAML document in its file. */
  index: number;
  location?: Position;
  /** `skipped`: not run (its `skip:`, another spec's `only: true`, `--tag`, `--exclude-tag`, `--exclude`). */
  status: Status;
  /** For a skipped spec: why, in one line. */
  reason?: string;
  /** For a skipped spec: what skipped it. */
  skippedBy?: SkipCause;
  /** Wall time of the whole spec, and of the embedded cluster only. */
  durationMs: number;
  engineMs: number;
  score: number;
  maxScore: number;
  steps: StepResult[];
  /** For status 'error': why the spec could not run (load or schema error, ...). */
  error?: {
    message: string;
    location?: Position;
    /** Every problem found while loading (up to 20 per file), each with its position and a fix hint. */
    problems?: LoadProblem[];
    /**
     * Set when kubespec itself failed (an engine bug, a cluster that could not start, a crashed
     * worker or a runner that threw): exit 3, "internal error". Unset for a spec that did not
     * load and for a stop by a budget. Not in the reports (report/json.ts picks its fields).
     */
    internal?: true;
  };
}

/** What skipped a spec: its own `skip:`, another spec's `only: true`, `--tag`/`--exclude-tag`, `--exclude`. */
export type SkipCause = 'skip' | 'only' | 'tag' | 'exclude';

export interface RunSummary {
  total: number;
  passed: number;
  failed: number;
  errors: number;
  /** Specs not run (see SpecResult.skippedBy); they weigh nothing in the score. */
  skipped: number;
  score: number;
  maxScore: number;
  durationMs: number;
}

export interface RunResult {
  specs: SpecResult[];
  summary: RunSummary;
  /** The seed every spec's cluster started from unless the spec set its own. */
  seed: number;
}

export function summarize(specs: SpecResult[], durationMs: number): RunSummary {
  return {
    total: specs.length,
    passed: specs.filter((s) => s.status === 'passed').length,
    failed: specs.filter((s) => s.status === 'failed').length,
    errors: specs.filter((s) => s.status === 'error').length,
    skipped: specs.filter((s) => s.status === 'skipped').length,
    score: round2(specs.reduce((a, s) => a + s.score, 0)),
    maxScore: round2(specs.reduce((a, s) => a + s.maxScore, 0)),
    durationMs,
  };
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
