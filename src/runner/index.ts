// The spec runner: finds spec files, loads and validates all of them first, then runs each spec
// against a fresh embedded cluster and reports a RunResult (the model every reporter renders).
// Same inputs and seed give the same RunResult, durations aside.
import type { Controller } from '../controllers/controller';
import { loadSpecFile, type LoadedDocument, type LoadOptions } from '../spec/loader';
import { renderProblem } from '../spec/validate';
import { discoverSpecFiles } from './discover';
import { hrMs, type RunLimits } from './limits';
import { runSpec } from './run-spec';
import { round2, summarize, type RunResult, type SpecResult } from './result';
import { excludedSkip, nameFilter, onlyIn, skipOf, skippedResult, type SpecSelection } from './select';
import { msg } from '../i18n';
import { runnerMessages as t } from '../i18n/messages/runner';

export type { RunLimits } from './limits';
export { DEFAULT_LIMITS } from './limits';
export { runSpec } from './run-spec';
export { discoverSpecFiles } from './discover';
export { nameFilter, type SpecSelection } from './select';

export interface RunOptions {
  /** Run on a real cluster through a kubeconfig (src/remote) instead of the embedded one. */
  remote?: import('../remote/session').RemoteRunOptions;
  /** After each step's expectations, with its spec and the cluster they saw (kubespec run --compare; in-process runs only). */
  onStepChecked?: (spec: import('../spec/model').Spec, step: import('../spec/model').Step, cluster: import('../cluster/backend').KubeCluster) => void;
  /** Seed for every spec's cluster unless the spec sets `cluster.seed` (default 1). */
  seed?: number;
  /** Only specs whose name contains this text (or matches /regex/); the others are left out of the run. */
  filter?: string;
  /** `--tag`, `--exclude-tag`, `--exclude` and `only: true`: the specs they leave out are reported skipped. */
  select?: SpecSelection;
  /** Stop after the first failing spec. */
  bail?: boolean;
  /** A student's folder: relative manifest paths resolve here first. */
  submission?: string;
  /**
   * With `submission`: resolve manifests there only, never beside the spec. `kubespec grade` sets
   * it, so a student who hands in nothing is not graded on the instructor's manifests.
   */
  submissionOnly?: boolean;
  /** Called as each spec finishes. */
  onSpecResult?(spec: SpecResult): void;
  /** Per-spec budgets (a spec's own `limits:` override these). */
  limits?: Partial<RunLimits>;
  /** Folder that relative `paths` are resolved against (default: the process's working directory). */
  cwd?: string;
  /** Largest spec or manifest file read, in bytes (default 1 MiB). */
  maxFileBytes?: number;
  /** The controllers each spec's cluster runs (default: all of kubespec's). For tests and embedders. */
  controllers?: () => Controller[];
  /** Record each step's states for the HTML report (StepResult.timeline). */
  timeline?: boolean;
}


/** Whether a spec name passes the filter (`text` as a substring, `/re/` as a regex). */
export function nameMatchesFilter(name: string, filter: string | undefined): boolean {
  return nameFilter(filter)(name);
}

/** A SpecResult for a document that could not be loaded. */
export function loadErrorResult(file: string, doc: Extract<LoadedDocument, { ok: false }>): SpecResult {
  const first = doc.problems[0];
  const count = doc.problems.length + doc.more;
  const message = `${first ? renderProblem(first) : msg(t.couldNotLoad)}${count > 1 ? msg(t.moreProblems, { n: count - 1 }) : ''}`;
  return {
    file,
    name: doc.name,
    index: doc.index,
    location: doc.location,
    status: 'error',
    durationMs: 0,
    engineMs: 0,
    score: 0,
    maxScore: round2(doc.points),
    steps: [],
    error: {
      message,
      location: first?.location ?? doc.location,
      problems: doc.problems.map((p) => ({ message: p.message, location: p.location, ...(p.hint ? { hint: p.hint } : {}) })),
    },
  };
}

/** Run every spec in `paths` (files or folders of `*.spec.yaml`). */
export async function runSpecs(paths: string[], opts: RunOptions = {}): Promise<RunResult> {
  const started = hrMs();
  const seed = opts.seed ?? 1;
  const passes = nameFilter(opts.filter);
  const { files, missing } = discoverSpecFiles(paths, opts.cwd);
  const loadOpts: LoadOptions = {
    ...(opts.maxFileBytes ? { maxBytes: opts.maxFileBytes } : {}),
    // Graded on a submission alone, the spec's own manifests folder is never read.
    ...(opts.submission !== undefined && opts.submissionOnly ? { manifestsFolderNeeded: false } : {}),
  };
  // Load and validate everything before running anything: a broken spec is reported with all its problems.
  const loaded = files.map((f) => loadSpecFile(f.absolute, f.display, loadOpts));
  const specs: SpecResult[] = [];
  const emit = (r: SpecResult): boolean => {
    specs.push(r);
    opts.onSpecResult?.(r);
    return !!opts.bail && (r.status === 'failed' || r.status === 'error');
  };
  let stop = false;
  for (const m of missing) {
    const loc = { file: m, line: 1, column: 1 };
    stop = emit({
      file: m,
      name: m,
      index: 0,
      location: loc,
      status: 'error',
      durationMs: 0,
      engineMs: 0,
      score: 0,
      maxScore: 1,
      steps: [],
      error: { message: msg(t.noSuchPath, { path: m }), location: loc, problems: [{ message: msg(t.noSuchPath, { path: m }), location: loc }] },
    });
    if (stop) break;
  }
  // `only: true` anywhere in the run (the caller's answer when it split the run into tasks).
  const only = opts.select?.only ?? onlyIn(loaded, opts.select, passes);
  for (const file of loaded) {
    if (stop) break;
    for (const doc of file.documents) {
      const name = doc.ok ? doc.spec.name : doc.name;
      if (!passes(name)) continue;
      const skip = doc.ok ? skipOf(doc.spec, opts.select, only) : excludedSkip(doc.name, file.file, opts.select);
      if (skip) {
        emit(doc.ok ? skippedResult(doc.spec, skip) : { file: file.file, name, index: doc.index, location: doc.location, status: 'skipped', reason: skip.reason, skippedBy: skip.by, durationMs: 0, engineMs: 0, score: 0, maxScore: 0, steps: [] });
        continue;
      }
      // Yield between specs so a streaming reporter can write while a long run goes on.
      await Promise.resolve();
      const result = doc.ok ? runSpec(doc.spec, { seed, submission: opts.submission, submissionOnly: opts.submissionOnly, limits: opts.limits, maxFileBytes: opts.maxFileBytes, controllers: opts.controllers, ...(opts.timeline ? { timeline: true } : {}), ...(opts.remote ? { remote: opts.remote } : {}), ...(opts.onStepChecked ? { onStepChecked: (step, cluster) => opts.onStepChecked!(doc.spec, step, cluster) } : {}) }) : loadErrorResult(file.file, doc);
      if ((stop = emit(result))) break;
    }
  }
  return { specs, summary: summarize(specs, Math.round(hrMs() - started)), seed };
}
