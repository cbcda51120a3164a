// Running one spec: a fresh cluster from the spec's `cluster:` block, then its steps in order. Each
// step runs its action, lets the cluster settle (checking `throughout` at every intermediate
// state), and checks `expect`.
//
// A failing step does not stop the steps after it: they still run and report (partial credit, and
// later checks often tell what went wrong). Only when the cluster's state is no longer meaningful
// are the remaining steps skipped: a budget (reconciles, simulated time, wall-clock time) was
// exhausted while settling, or the engine itself failed (an internal error: the spec's status is
// then `error`).
import * as path from 'path';
import { Cluster, SettleError, type SettleOptions } from '../cluster/cluster';
import type { KubeCluster } from '../cluster/backend';
import type { RemoteRunOptions, RemoteSession } from '../remote/session';
import type { RemoteCluster } from '../remote/cluster';
import type { Controller } from '../controllers/controller';
import type { RequestAssertion, Spec, Step } from '../spec/model';
import { runAction, type ActionContext, type ActionOutcome } from '../spec/actions';
import { checkAssertion, type CommandOutput } from '../spec/assertions';
import { containsText, describePattern } from '../spec/pattern';
import { stepPoints } from '../spec/points';
import { defaultRoots } from '../spec/actions/context';
import { manifestFiles } from '../spec/step-files';
import { manifestHints, nearMissFile } from '../spec/hints';
import { withDeadline } from '../util/deadline';
import { Budget, DEFAULT_LIMITS, WallClockExceeded, formatCount, formatMs, hrMs, type RunLimits } from './limits';
import { ThroughoutWatch } from './throughout';
import { EventuallyWatch } from './eventually';
import { SpecVariables } from './variables';
import { TimelineRecorder } from './timeline';
import { round2, type Failure, type SpecResult, type StepCause, type StepFile, type StepResult } from './result';
import { resolveInside, type ResolvedFile } from '../manifest/files';
import type { Position } from '../manifest/yaml';
import { getLang, msg } from '../i18n';
import { runnerMessages as t } from '../i18n/messages/runner';
import { reportMessages } from '../i18n/messages/report';
import { kubernetesHint } from '../i18n/kubernetes-hints';

export interface SpecRunOptions {
  seed?: number;
  submission?: string;
  /** Resolve manifests in the submission only, never beside the spec (grading). */
  submissionOnly?: boolean;
  limits?: Partial<RunLimits>;
  /** Largest manifest file read (default 1 MiB). */
  maxFileBytes?: number;
  /** The controllers each spec's cluster runs (default: all of kubespec's). For tests and embedders. */
  controllers?: () => Controller[];
  /** Record each step's states for the HTML report (StepResult.timeline); off, it costs nothing. */
  timeline?: boolean;
  /**
   * Run on a real cluster (kubespec run --kubeconfig): the spec gets a namespace of its own there,
   * and what only the embedded cluster can do is skipped with the reason.
   */
  remote?: RemoteRunOptions;
  /** Called after each step's expectations with the cluster as they saw it (kubespec run --compare). */
  onStepChecked?: (step: Step, cluster: KubeCluster) => void;
}

/** The remote run's session (connected once per thread), loaded only when a run asks for one. */
function remoteSession(opts: RemoteRunOptions): RemoteSession {
  return (require('../remote/session') as typeof import('../remote/session')).RemoteSession.open(opts); // eslint-disable-line @typescript-eslint/no-require-imports
}

/** A real cluster's settling takes real time: the wall-clock budget of a spec is an hour there, unless set. */
const REMOTE_WALL_MS = 3_600_000;

/** Why the remaining steps are skipped, and whether the spec is an error rather than a failure. */
interface Abort {
  reason: string;
  internal: boolean;
  /** A manifest that did not apply: the rest of the spec is skipped because of it. */
  cause?: StepCause;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

function firstLines(text: string, n = 3): string {
  const lines = text.trim().split('\n');
  return lines.length > n ? `${lines.slice(0, n).join('\n')}\n...` : lines.join('\n');
}

export function runSpec(spec: Spec, opts: SpecRunOptions = {}): SpecResult {
  const started = hrMs();
  let engineMs = 0;
  const timed = <T>(fn: () => T): T => {
    const t = hrMs();
    try {
      return fn();
    } finally {
      engineMs += hrMs() - t;
    }
  };
  const seed = spec.seed ?? opts.seed ?? 1;
  const limits: RunLimits = { ...DEFAULT_LIMITS, ...(opts.remote ? { maxWallMs: REMOTE_WALL_MS } : {}), ...opts.limits, ...spec.limits };
  const points = stepPoints(spec);
  const base = { file: spec.file, name: spec.name, index: spec.index, location: spec.location, maxScore: round2(spec.points) };

  let cluster: KubeCluster;
  let remote: RemoteSession | undefined;
  let closeCluster: (() => void) | undefined;
  try {
    if (opts.remote) {
      remote = remoteSession(opts.remote);
      const skip = remote.specSkipReason(spec);
      if (skip) return simulatorOnly(spec, base, skip);
      const opened = remote.openSpec(spec, seed);
      cluster = opened.cluster;
      closeCluster = opened.close;
    } else cluster = timed(() => (opts.controllers ? new Cluster({ ...spec.cluster, seed }, opts.controllers()) : new Cluster({ ...spec.cluster, seed })));
  } catch (e) {
    return {
      ...base,
      status: 'error',
      durationMs: round(hrMs() - started),
      engineMs: round(engineMs),
      score: 0,
      steps: [],
      // A real cluster that refused the spec's namespace says so in its own words; it is not kubespec's fault.
      error: isRemoteError(e) ? { message: e.message, location: spec.location } : { message: msg(t.clusterCouldNotStart, { error: (e as Error).message }), location: spec.location, internal: true },
    };
  }
  const budget = new Budget(limits, cluster, started);
  const roots = defaultRoots(spec.dir, opts.submission, opts.submissionOnly);
  const steps: StepResult[] = [];
  let abort: Abort | undefined;
  // The latest manifest that did not apply. The steps after it that read no file of their own act on
  // what it should have made: they are skipped (no step scores on an empty cluster). A step that
  // reads its own files still runs (each file is the student's own work), and if it fails while a
  // manifest is missing, it is put down to that manifest.
  let blocked: Abort | undefined;

  // What the assertions capture, for the `${NAME}` references of later steps.
  const vars = new SpecVariables({ namespace: 'default', seed });
  /** On a real cluster, once a step could not run: why the steps after it are skipped. */
  let afterSimulatorOnly: string | undefined;
  const grading = (step: Step) => (step.grading.visibility !== 'visible' || step.grading.feedback !== 'full' || step.grading.tags ? { grading: step.grading } : {});
  for (const step of spec.steps) {
    if (!abort && budget.wallExceeded()) abort = { reason: msg(t.wallBudget, { limit: formatMs(limits.maxWallMs) }), internal: false };
    const simulatorOnlyStep = afterSimulatorOnly ? undefined : remote?.stepSkipReason(step);
    const simulatorSkip = afterSimulatorOnly ?? (simulatorOnlyStep && !simulatorOnlyStep.runAction ? simulatorOnlyStep.reason : undefined);
    const skip = abort ?? (blocked && manifestFiles(step).length === 0 ? blocked : undefined) ?? (simulatorSkip ? { reason: simulatorSkip, internal: false } : undefined);
    // After a step only the embedded cluster can run, the cluster is not in the state the rest of the
    // spec was written for: the rest is skipped too (skipped, not failed).
    if (simulatorOnlyStep && !simulatorOnlyStep.runAction) afterSimulatorOnly = `after a step only the embedded cluster can run (${simulatorOnlyStep.reason})`;
    if (skip) {
      steps.push({ name: step.name, status: 'skipped', reason: skip.reason, location: step.location, durationMs: 0, points: round2(points[step.index]), score: 0, failures: [], ...(skip.cause ? { cause: skip.cause } : {}), ...grading(step) });
      continue;
    }
    const ready = vars.resolve(spec, step);
    if ('failure' in ready) {
      steps.push({ name: step.name, status: 'failed', location: step.location, durationMs: 0, points: round2(points[step.index]), score: 0, failures: [ready.failure], ...grading(step) });
      continue;
    }
    // Loops inside the action and the assertions read this deadline (util/deadline checkpoint()).
    // A step whose assertions only the embedded cluster can check still acts; what else it asserts is
    // checked, and it is reported skipped (not graded) unless that fails.
    // On a real cluster a step's `request:` assertions are real requests, sent once the step has settled.
    const requests = remote && !simulatorOnlyStep ? ready.step.expect.filter((a): a is RequestAssertion => a.type === 'request') : [];
    const stepToRun = simulatorOnlyStep?.runAction || requests.length ? withoutRequests(ready.step) : ready.step;
    const r = withDeadline(limits.maxWallMs, started, () => runStep(stepToRun, { spec, cluster, seed, budget, roots, opts, timed, vars }));
    if (simulatorOnlyStep?.runAction && r.result.status === 'passed') {
      steps.push({ ...r.result, status: 'skipped', reason: simulatorOnlyStep.reason, points: round2(points[step.index]), score: 0, ...grading(step) });
      continue;
    }
    if (requests.length && r.result.status === 'passed') {
      const checked = requests.map((a, i) => (cluster as RemoteCluster).checkRequest(a, `${step.index}:${i}`));
      const unverifiable = checked.find((c): c is { unverifiable: string } => 'unverifiable' in c);
      const failures = checked.flatMap((c) => ('failure' in c && c.failure ? [c.failure] : []));
      if (failures.length) r.result = { ...r.result, status: 'failed', failures: [...r.result.failures, ...failures] };
      else if (unverifiable) {
        steps.push({ ...r.result, status: 'skipped', reason: `a request assertion cannot be checked on this cluster: ${unverifiable.unverifiable}`, points: round2(points[step.index]), score: 0, ...grading(step) });
        continue;
      }
    }
    const cause = r.notApplied?.cause ?? (r.result.status === 'failed' ? blocked?.cause : undefined);
    steps.push({ ...r.result, points: round2(points[step.index]), score: r.result.status === 'passed' ? round2(points[step.index]) : 0, ...(cause ? { cause } : {}), ...grading(step) });
    if (r.notApplied) blocked = r.notApplied;
    if (r.abort) abort = r.abort;
  }

  // A real cluster's namespace goes, whatever happened in the spec (a failure to delete it is an error).
  if (closeCluster) {
    try {
      closeCluster();
    } catch (e) {
      abort ??= { reason: (e as Error).message, internal: true };
    }
  }
  const failed = steps.some((s) => s.status === 'failed');
  return {
    ...base,
    status: abort?.internal ? 'error' : failed || abort ? 'failed' : 'passed',
    durationMs: round(hrMs() - started),
    engineMs: round(engineMs),
    score: round2(steps.reduce((a, s, i) => a + (s.status === 'passed' ? points[i] : 0), 0)),
    steps,
    ...(abort?.internal ? { error: { message: abort.reason, location: spec.location, internal: true } } : {}),
  };
}

/** RemoteError (src/remote/api.ts), known by name so that an embedded run never loads the remote modules. */
function isRemoteError(e: unknown): e is Error {
  return e instanceof Error && e.name === 'RemoteError';
}

/** The step without its request assertions (on a real cluster, which has no embedded Service routing). */
function withoutRequests(step: Step): Step {
  const keep = (list: Step['expect']) => list.filter((a) => a.type !== 'request');
  const s = step as Step & { eventually?: Step['expect'] };
  return { ...step, expect: keep(step.expect), throughout: keep(step.throughout), ...(s.eventually ? { eventually: keep(s.eventually) } : {}) } as Step;
}

/** A spec that only the embedded cluster can run: every step skipped, with the reason. */
function simulatorOnly(spec: Spec, base: Pick<SpecResult, 'file' | 'name' | 'index' | 'location' | 'maxScore'>, reason: string): SpecResult {
  return {
    ...base,
    status: 'passed',
    durationMs: 0,
    engineMs: 0,
    score: 0,
    steps: spec.steps.map((step) => ({ name: step.name, status: 'skipped', reason, location: step.location, durationMs: 0, points: 0, score: 0, failures: [] })),
  };
}

interface StepEnv {
  spec: Spec;
  cluster: KubeCluster;
  seed: number;
  budget: Budget;
  roots: string[];
  opts: SpecRunOptions;
  timed: <T>(fn: () => T) => T;
  vars: SpecVariables;
}

/**
 * Resolve a file a step names. Graded on their own files (a submission without --spec-manifests), a
 * student is told the file is not in their submission; with --spec-manifests the file may come from
 * the spec's folder, and the step records where each one came from, for every report to say.
 */
function resolveStepFile(env: StepEnv, relative: string, files: StepFile[]): ResolvedFile {
  const { submission, submissionOnly } = env.opts;
  let missing = submission ? msg(submissionOnly ? t.notInSubmission : t.notInSubmissionOrSpec, { file: relative }) : undefined;
  // A file named nearly so (another extension or case, a letter off) is the one the student meant.
  const near = submission && !path.isAbsolute(relative) && !relative.split(/[\\/]/).includes('..') ? nearMissFile(submission, relative) : undefined;
  if (missing && near) missing += msg(t.nearMiss, { near, file: relative });
  const resolved = resolveInside(env.roots, relative, missing);
  if (submission && !submissionOnly && !files.some((f) => f.path === relative)) files.push({ path: relative, from: resolved.root === 0 ? 'submission' : 'spec' });
  return resolved;
}

/**
 * Where a manifest's mistake is, with the manifest's real path (a file the step names, or one inside
 * a folder it names), so an annotation lands on the student's line. Undefined without a place.
 */
function manifestLocation(at: Position | undefined, resolved: Map<string, string>): Position | undefined {
  if (!at) return undefined;
  for (const [named, absolute] of resolved) {
    const base = named.replace(/\/+$/, '');
    if (at.file === named) return { ...at, file: absolute };
    if (at.file.startsWith(`${base}/`)) return { ...at, file: path.join(absolute, at.file.slice(base.length + 1)) };
  }
  return undefined;
}

/** Turn an exception from the engine into a step failure, and decide whether the spec can go on. */
/** When an engine failure happened: in the action, waiting, or settling (its words, and the failure's kind). */
type During = { phase: 'action'; action: string } | { phase: 'wait' } | { phase: 'settle' };

function duringText(d: During): string {
  return d.phase === 'action' ? msg(t.whileRunning, { action: d.action }) : msg(d.phase === 'wait' ? t.whileWaiting : t.whileSettling);
}

function engineFailure(e: unknown, env: StepEnv, step: Step, when: During): { failure: Failure; abort: Abort } {
  const { cluster, budget } = env;
  const during = duringText(when);
  if (e instanceof WallClockExceeded) {
    const reason = msg(t.wallBudgetDetail, { limit: formatMs(e.limitMs), reconciles: formatCount(cluster.reconciles), simulated: formatMs(cluster.clock.elapsed()) });
    return { failure: { message: msg(t.reasonDuring, { reason, during }), location: step.location, kind: 'settle' }, abort: { reason, internal: false } };
  }
  if (isRemoteError(e)) {
    // The real cluster stopped answering (or refused the credentials): the rest cannot run.
    return { failure: { message: msg(t.reasonDuring, { reason: e.message, during }), location: step.location, kind: 'settle' }, abort: { reason: e.message, internal: false } };
  }
  if (e instanceof SettleError && cluster.backend === 'remote') {
    // A real cluster's settle names what was still changing at --step-timeout.
    return { failure: { message: e.message, location: step.location, kind: 'settle' }, abort: { reason: msg(t.earlierDidNotSettle, { message: e.message }), internal: false } };
  }
  if (e instanceof SettleError) {
    const busy = e.busy.length ? e.busy.join(', ') : msg(t.noController);
    const message =
      budget.reconcilesLeft() <= 0 || /reconciles/.test(e.message)
        ? msg(t.didNotSettleReconciles, { max: formatCount(budget.limits.maxReconciles), busy })
        : msg(t.didNotSettleTime, { limit: formatMs(budget.limits.maxSimulatedMs), busy });
    return { failure: { message, location: step.location, kind: 'settle' }, abort: { reason: msg(t.earlierDidNotSettle, { message }), internal: false } };
  }
  const error = e instanceof Error ? e.message : String(e);
  const reason = msg(t.internalError, { during, error });
  return { failure: { message: reason, location: step.location, kind: when.phase === 'action' ? 'action' : 'settle' }, abort: { reason, internal: true } };
}

/**
 * kubespec's hints under Kubernetes' words, one `hint:` line each. In another language than
 * English, a message with no specific hint (a misspelt field, a tab at line 8) gets the general
 * one, what the message means (kubernetesHint).
 */
function hintLines(errorText: string, ...given: (string | undefined)[]): string {
  const label = msg(reportMessages.hintLabel);
  const specific = given.filter((h): h is string => h !== undefined);
  const hinted = specific.length > 0 || errorText.includes(`\n${label} `);
  const general = getLang() === 'en' || hinted ? undefined : kubernetesHint(errorText);
  return [...(general ? [general] : []), ...specific]
    .map((h) => `\n${label} ${h}`)
    .join('');
}

function runStep(step: Step, env: StepEnv): { result: Omit<StepResult, 'points' | 'score'>; abort?: Abort; notApplied?: Abort } {
  let notApplied: Abort | undefined;
  /** The first file the step names that could not be found or read (expected error or not). */
  let unreadable: string | undefined;
  const { cluster, budget, seed, timed } = env;
  const started = hrMs();
  const failures: Failure[] = [];
  const watch = new ThroughoutWatch(cluster, step.throughout, seed);
  const eventually = new EventuallyWatch(cluster, step.eventually, seed, (a) => env.vars.record(cluster.api, a));
  const recorder = env.opts.timeline ? new TimelineRecorder(cluster, step, seed) : undefined;
  const settleOpts = (): SettleOptions => ({
    onState: () => {
      budget.tick();
      watch.check();
      eventually.check();
      recorder?.sample();
    },
    maxReconciles: Math.max(0, budget.reconcilesLeft()),
    maxSimulatedMs: Math.max(0, budget.simulatedLeft()),
  });
  const files: StepFile[] = [];
  /** The step's files as named → their real paths, to place a manifest's mistake on its own line. */
  const resolved = new Map<string, string>();
  const ctx: ActionContext = {
    cluster,
    roots: env.roots,
    specFile: env.spec.file,
    maxFileBytes: env.opts.maxFileBytes ?? 1024 * 1024,
    settle: settleOpts(),
    resolveFile: (relative) => {
      try {
        const r = resolveStepFile(env, relative, files);
        resolved.set(relative, r.absolute);
        return r;
      } catch (e) {
        unreadable ??= relative;
        throw e;
      }
    },
  };
  // Failures read in the order things happened: the action, `throughout`, then `expect`.
  let actionFailures = 0;
  const finish = (abort?: Abort) => {
    watch.stop();
    eventually.stop();
    if (!notApplied) failures.splice(actionFailures, 0, ...watch.failures.filter((f): f is Failure => f !== undefined), ...eventually.failures());
    const result: Omit<StepResult, 'points' | 'score'> = {
      name: step.name,
      status: failures.length ? 'failed' : 'passed',
      location: step.location,
      durationMs: round(hrMs() - started),
      failures,
    };
    if (outcome?.output) result.output = outcome.output;
    if (outcome?.exitCode !== undefined) result.exitCode = outcome.exitCode;
    if (files.length) result.files = files;
    if (recorder) result.timeline = recorder.finish(watch.failures, eventually.outcomes());
    return { result, abort, notApplied };
  };

  // 1. The action.
  let outcome: ActionOutcome | undefined;
  const action = step.action;
  if (action.type === 'wait' && action.ms > budget.simulatedLeft()) {
    failures.push({
      message: msg(t.waitPastBudget, { wait: formatMs(action.ms), limit: formatMs(budget.limits.maxSimulatedMs), used: formatMs(cluster.clock.elapsed()) }),
      location: step.actionLocation,
      kind: 'settle',
    });
    return finish({ reason: msg(t.simulatedBudgetExceeded), internal: false });
  }
  try {
    outcome = timed(() => runAction(action, ctx));
    // The first intermediate state: right after the action.
    watch.check();
    eventually.check();
    recorder?.sample();
  } catch (e) {
    const { failure, abort } = engineFailure(e, env, step, action.type === 'wait' ? { phase: 'wait' } : { phase: 'action', action: action.type });
    failures.push(failure);
    return finish(abort);
  }

  // 2. Did it fail as it should (or as it should not)?
  const isKubectl = action.type === 'kubectl';
  const errorText = isKubectl ? (outcome.exitCode !== 0 ? outcome.stderr || msg(t.exitCodeText, { code: outcome.exitCode ?? '' }) : undefined) : outcome.error;
  if (step.expectError) {
    const want = describePattern(step.expectError);
    if (errorText === undefined) {
      failures.push({ message: msg(t.expectedFailureSucceeded, { want }), location: step.expectError.location, kind: 'expectError' });
    } else if (!containsText(step.expectError, errorText)) {
      failures.push({ message: msg(t.expectedOtherFailure, { want, got: firstLines(errorText) }), location: step.expectError.location, kind: 'expectError' });
    }
  } else if (errorText !== undefined) {
    // A failed command is accepted only by an assertion on its exit code (or by expectError): an
    // `output:` that happens to match the error text (`/nginx/` in `error: nginx-deploy.yaml ...`)
    // passed a step whose command had failed.
    const acceptsExit = step.expect.some((a) => a.type === 'output' && a.exitCode !== undefined);
    // kubespec's hints for the mistakes students make most, under Kubernetes' own words.
    const hints = manifestHints(errorText);
    if (!isKubectl) failures.push({ message: `${firstLines(errorText, 20)}${hintLines(errorText, ...hints)}`, location: step.actionLocation, kind: 'action' });
    else if (!acceptsExit) {
      const hint = hintLines(errorText, outcome.hint, ...hints);
      failures.push({ message: `${msg(t.kubectlExited, { code: outcome.exitCode ?? '', error: firstLines(errorText, 20) })}${hint}`, location: step.actionLocation, kind: 'action' });
    }
  }

  actionFailures = failures.length;
  // A manifest the step reads that did not apply (missing, not YAML, refused by the API server): the
  // rest of the spec builds on it, so it is skipped rather than failed again on what follows from it
  // (and no later step scores on an empty cluster).
  // A file that is not there fails an expectError step too, and the rest as well.
  const named = manifestFiles(step);
  // The cause is what the action printed (kubectl's words), whichever way the step reports it.
  const said = (errorText ?? '').split('\n')[0];
  if (unreadable !== undefined) notApplied = { reason: msg(t.didNotApply, { file: unreadable }), internal: false, cause: { file: unreadable, message: said } };
  else if (named.length && failures.some((f) => f.kind === 'action')) {
    const file = outcome.failedFiles?.find((f) => named.includes(f)) ?? named.find((f) => said.includes(f)) ?? named[0];
    const location = manifestLocation(outcome.errorAt, resolved);
    notApplied = { reason: msg(t.didNotApply, { file }), internal: false, cause: { file, message: said, ...(location ? { location } : {}) } };
  }
  // After a manifest that did not apply, what the step expected of its objects follows from it:
  // the cause is reported, not the consequences (an `expected Deployment x to exist` per assertion).
  if (notApplied) {
    // A file that could not be read fails the step even where its exit code or an expected error
    // was accepted: `exitCode: 1` is not an answer to a missing file.
    if (!failures.length) failures.push({ message: firstLines(errorText ?? notApplied.reason, 20), location: step.actionLocation, kind: 'action' });
    return finish();
  }

  // 3. Settle (a wait has settled already).
  if (step.settle && action.type !== 'wait') {
    try {
      timed(() => cluster.settle(settleOpts()));
    } catch (e) {
      const { failure, abort } = engineFailure(e, env, step, { phase: 'settle' });
      failures.push(failure);
      return finish(abort);
    }
  }

  // 4. Expectations.
  const output: CommandOutput | undefined = isKubectl ? { text: outcome.output, exitCode: outcome.exitCode ?? 0, stderr: outcome.stderr ?? '' } : undefined;
  for (const entry of step.expect) {
    // Its `${NAME}` references, with what the step captured so far.
    const ready = env.vars.resolveAssertion(env.spec, entry);
    if ('failure' in ready) {
      failures.push(ready.failure);
      continue;
    }
    const a = ready.assertion;
    const f = checkAssertion(a, { cluster, seed, output, phase: 'expect' });
    if (f) failures.push(f);
    env.vars.record(cluster.api, a);
    recorder?.expect(a, f, seed);
  }
  env.opts.onStepChecked?.(step, cluster);
  return finish();
}
