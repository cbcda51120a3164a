// `kubespec grade [specs..]`: an instructor's spec suite run over students' manifests.
//   --submission DIR    one student's folder: reported like `run` (any reporter), exit code by
//                       --min-score (or by whether every spec passed)
//   --submissions DIR   every student folder in DIR (or one --shard of them): roster.csv and
//                       roster.json in --out, each student's reports in --out/students/<folder>/;
//                       exit 1 only when --min-score is given and some student falls short
// Untrusted input is bounded per spec: --timeout (wall clock), --max-steps (reconciles),
// --max-file-size (bytes read from any manifest) and --max-memory (heap of each worker thread).
import * as os from 'os';
import * as path from 'path';
import type { Argv, CommandModule } from 'yargs';
import type { RunResult, SpecResult } from '../../runner/result';
import { EXIT, UsageError, contextOf, type CliContext, type CliIO } from '../io';
import { parseCount, parseReporter, reachesMinScore, type MinScore } from '../options';
import * as fs from 'fs';
import { checkFolder, checkPaths, givenPaths } from '../paths';
import { openReporters } from '../reporters';
import { reportInternalErrors, runOptions, resolveRun, type RunArgs, type ResolvedRun } from './run';
import { preflightRemote } from '../remote-options';
import { remoteMessages as rm } from '../../i18n/messages/remote';
import { internalErrors } from '../internal';
import { printBugHint } from '../errors';
import { specWithoutTimings } from '../timings';
import { msg } from '../../i18n';
import { cliMessages as m } from '../../i18n/messages/cli';
import { gradeMessages as gm } from '../../i18n/messages/grade';
import { helpMessages as h } from '../../i18n/messages/help';

// The reporters' helpers load when a grade runs, not when any command starts (`kubespec --help`).
/* eslint-disable @typescript-eslint/no-require-imports */
const neutraliseCommands = (t: string): string => (require('../../report/output') as typeof import('../../report/output')).neutraliseCommands(t);
const oneLine = (t: string): string => (require('../../report/text') as typeof import('../../report/text')).oneLine(t);
const makeFolder = (...a: Parameters<typeof import('../../util/folders').makeFolder>): ReturnType<typeof import('../../util/folders').makeFolder> => (require('../../util/folders') as typeof import('../../util/folders')).makeFolder(...a);
/* eslint-enable @typescript-eslint/no-require-imports */

export interface GradeArgs extends RunArgs {
  submissions?: string;
  out?: string;
  timeout?: string;
  'max-steps'?: string;
  'max-file-size'?: string;
  'max-memory'?: string;
  'list-files'?: boolean;
}

const DEFAULT_OUT = 'grades';
/** Formats `--submissions` can write per student (besides `report.json`, always written). */
const CLASS_FORMATS = ['json', 'junit', 'tap', 'gradescope', 'pretty', 'html'];

/** `1048576`, `512KiB`, `1MiB`, `2MB` → bytes. */
export function parseSize(option: string, text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib)?\s*$/i.exec(text);
  if (!m) throw new UsageError(msg(gm.sizeForm, { option, value: text }));
  const unit = (m[2] ?? 'b').toLowerCase();
  const mult = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1;
  const bytes = Math.floor(Number(m[1]) * mult);
  if (bytes < 1) throw new UsageError(msg(gm.sizeAtLeast, { option, value: text }));
  return bytes;
}

/** `30`, `30s`, `1500ms`, `2m` → ms. */
export function parseSeconds(option: string, text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(text);
  if (!m) throw new UsageError(msg(gm.durationForm, { option, value: text }));
  const ms = Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1000);
  if (ms < 1) throw new UsageError(msg(gm.durationAtLeast, { option, value: text }));
  return Math.round(ms);
}

export interface ResolvedGrade {
  run: ResolvedRun;
  /** One student (absolute), or a folder of students. */
  submission?: string;
  submissions?: string;
  out: string;
  maxMemoryMb?: number;
  specTimeoutMs?: number;
}

/** Worker threads for `grade --submissions` without --jobs: one per core, at most 8 (memory). */
export function defaultClassJobs(): number {
  return Math.max(1, Math.min(8, os.availableParallelism()));
}

export function resolveGrade(args: GradeArgs, ctx: CliContext): ResolvedGrade {
  const { io } = ctx;
  if (args.submission === undefined && args.submissions === undefined) throw new UsageError(msg(gm.whichSubmission));
  if (args.submission !== undefined && args.submissions !== undefined) throw new UsageError(msg(gm.bothSubmissions));
  if (args.bail) throw new UsageError(msg(gm.noBail));
  if (args.out !== undefined && args.submissions === undefined) throw new UsageError(msg(gm.outAlone));
  const run = resolveRun(args, ctx);
  // A class is graded a student per core by default: on this 2-core machine the generated class of
  // 150 students (bench/class.ts) took 13.1–13.6 s with --jobs 1 and 10.2–10.7 s with --jobs 2, at
  // 202–215 and 278–315 MB peak RSS. One submission (a few specs) stays serial: worker start-up
  // costs more than its specs do.
  if (args.jobs === undefined && args.submissions !== undefined) run.jobs = defaultClassJobs();
  const limits: NonNullable<typeof run.options.limits> = {};
  let specTimeoutMs: number | undefined;
  if (args.timeout !== undefined) {
    limits.maxWallMs = parseSeconds('timeout', args.timeout);
    // The worker watchdog is the backstop behind the runner's own wall-clock budget (as by default).
    specTimeoutMs = limits.maxWallMs * 2 + 5000;
  }
  if (args['max-steps'] !== undefined) limits.maxReconciles = parseCount('max-steps', args['max-steps'], 1);
  if (Object.keys(limits).length > 0) run.options.limits = limits;
  if (args['max-file-size'] !== undefined) run.options.maxFileBytes = parseSize('max-file-size', args['max-file-size']);
  const maxMemoryMb = args['max-memory'] !== undefined ? parseCount('max-memory', args['max-memory'], 16) : undefined;
  const grade: ResolvedGrade = { run, out: path.resolve(io.cwd, args.out ?? DEFAULT_OUT), maxMemoryMb, specTimeoutMs };
  if (args.submissions !== undefined) {
    grade.submissions = checkFolder(args.submissions, io.cwd, 'submissions');
    checkWritableFolder(grade.out, args.out ?? DEFAULT_OUT);
    for (const r of run.reporters) {
      const c = parseReporter(r);
      if (c.file !== undefined) throw new UsageError(msg(gm.classReporterFile, { value: r, formats: CLASS_FORMATS.join(', ') }));
      if (!CLASS_FORMATS.includes(c.name)) throw new UsageError(msg(gm.classReporterFormat, { value: r, formats: CLASS_FORMATS.join(', ') }));
    }
  } else grade.submission = run.options.submission;
  return grade;
}

function gradeOptions(g: ResolvedGrade) {
  const { submission: _s, ...runOptions } = g.run.options;
  return {
    specs: g.run.paths,
    runOptions,
    jobs: g.run.jobs,
    workerLimits: { ...(g.maxMemoryMb ? { maxMemoryMb: g.maxMemoryMb } : {}), ...(g.specTimeoutMs ? { specTimeoutMs: g.specTimeoutMs } : {}) },
  };
}

export async function executeGrade(g: ResolvedGrade, ctx: CliContext): Promise<number> {
  // A real cluster is checked before anyone is graded on it: a bad kubeconfig is one line and exit code 2.
  if (g.run.options.remote?.compare) throw new UsageError(msg(rm.compareGrade));
  if (g.run.options.remote) preflightRemote(g.run.options.remote);
  const grading = await import('../../grade');
  if (g.submission !== undefined) {
    const reporter = await openReporters(g.run.reporters, { io: ctx.io, color: g.run.color, timings: g.run.timings, ci: g.run.ci, verbose: g.run.verbose });
    // --shard with one student splits the spec files, as `run --shard` does.
    const result = await grading.gradeSubmission(g.submission, { ...gradeOptions(g), shard: g.run.shard }, (s) => reporter.onSpecResult?.(s));
    if (result.specs.length === 0 && !g.run.shard) throw new UsageError(msg(m.noSpecsFound, { paths: g.run.paths.join(', ') }), false);
    reporter.onRunComplete(result);
    // A spec kubespec failed on is no grade of the student's: exit 3, as for `run`.
    const internal = internalErrors(result);
    reportInternalErrors(internal, ctx.io, g.run.ci);
    if (internal.length > 0) return EXIT.internal;
    if (g.run.minScore) return reachesMinScore(g.run.minScore, result.summary.score, result.summary.maxScore) ? EXIT.ok : EXIT.failed;
    return allRan(result) ? EXIT.ok : EXIT.failed;
  }
  // Student lines carry folder names, which students choose: in a CI log none may run a command.
  const io = g.run.ci ? { ...ctx.io, stdout: (t: string) => ctx.io.stdout(neutraliseCommands(t)) } : ctx.io;
  const formats = g.run.reporters.map((r) => parseReporter(r).name).filter((n) => n !== 'json');
  let below = 0;
  const cls = await grading.gradeSubmissions(
    g.submissions!,
    { ...gradeOptions(g), out: g.out, shard: g.run.shard, formats: g.run.reporters.length === 1 && g.run.reporters[0] === 'pretty' ? [] : formats, transform: g.run.timings ? undefined : withoutTimings },
    (student) => {
      const ok = passes(student.result, g.run.minScore);
      if (!ok) below++;
      io.stdout(`${studentLine(student.student, student.result, ok)}\n`);
    },
  );
  if (cls.specFiles.length === 0) throw new UsageError(msg(m.noSpecsFound, { paths: g.run.paths.join(', ') }), false);
  const shard = g.run.shard ? `${g.run.shard.index}/${g.run.shard.count}` : '';
  io.stdout(`\n${msg(gm.students, { n: cls.students.length, shard, below: g.run.minScore ? below : '' })}\n`);
  io.stdout(`${msg(gm.roster, { csv: rel(io, cls.roster.csv), json: rel(io, cls.roster.json) })}\n`);
  // Every student is graded and written first; then a student kubespec failed on makes the run exit
  // 3 (their grade may be wrong through no fault of theirs), named on stderr.
  let internal = false;
  for (const student of cls.students) {
    const specs = internalErrors(student.result);
    if (specs.length === 0) continue;
    reportInternalErrors(specs, ctx.io, g.run.ci, student.student, false);
    internal = true;
  }
  if (internal) {
    printBugHint(ctx.io);
    return EXIT.internal;
  }
  return g.run.minScore && below > 0 ? EXIT.failed : EXIT.ok;
}

function passes(result: RunResult, min: MinScore | undefined): boolean {
  const s = result.summary;
  return min ? reachesMinScore(min, s.score, s.maxScore) : allRan(result);
}

/** Every spec passed, or was skipped (a skipped spec is not the student's to pass). */
function allRan(result: RunResult): boolean {
  return result.summary.failed === 0 && result.summary.errors === 0;
}

function studentLine(student: string, result: RunResult, ok: boolean): string {
  const s = result.summary;
  const percent = s.maxScore > 0 ? Math.round((1000 * s.score) / s.maxScore) / 10 : 0;
  const counts = [msg(gm.passedCount, { n: s.passed }), s.failed ? msg(gm.failedCount, { n: s.failed }) : '', s.errors ? msg(gm.errorsCount, { n: s.errors }) : '', s.skipped ? msg(gm.skippedCount, { n: s.skipped }) : ''].filter(Boolean).join(', ');
  // Folder names come from students: shown on one line, control characters and line breaks visible.
  const name = oneLine(student);
  return `${ok ? '✓' : '✗'} ${name}  ${s.score}/${s.maxScore} (${percent}%)  ${counts}`;
}

function rel(io: CliIO, file: string): string {
  const r = path.relative(io.cwd, file);
  return r.startsWith('..') ? file : r;
}

function withoutTimings(result: RunResult): RunResult {
  const specs: SpecResult[] = result.specs.map(specWithoutTimings);
  return { ...result, specs, summary: { ...result.summary, durationMs: 0 } };
}

export const gradeCommand: CommandModule<object, GradeArgs> = {
  command: 'grade [paths..]',
  get describe() {
    return msg(h.gradeCommand);
  },
  builder: (y: Argv) =>
    runOptions(y)
      .option('submissions', { type: 'string', describe: msg(h.submissions), requiresArg: true })
      .option('out', { type: 'string', describe: msg(h.out, { dir: DEFAULT_OUT }), requiresArg: true })
      .option('timeout', { type: 'string', describe: msg(h.timeout), requiresArg: true })
      .option('max-steps', { type: 'string', describe: msg(h.maxSteps), requiresArg: true })
      .option('max-file-size', { type: 'string', describe: msg(h.maxFileSize), requiresArg: true })
      .option('max-memory', { type: 'string', describe: msg(h.maxMemory), requiresArg: true })
      .option('list-files', { type: 'boolean', describe: msg(h.listFiles) })
      .example('$0 grade --submission . --min-score 80%', msg(h.exGradeOne))
      .example('$0 grade course/specs --submissions classroom/ --out grades/ -r junit', msg(h.exGradeClass))
      .example('$0 grade --submissions classroom/ --shard 2/4 --jobs 2', msg(h.exGradeShard))
      .example('$0 grade --submission /autograder/submission -r gradescope=/autograder/results/results.json', msg(h.exGradeGradescope)) as unknown as Argv<GradeArgs>,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    if (argv['list-files']) {
      const { renderSuiteFiles, suiteFiles } = await import('../suite-files');
      const suite = suiteFiles(checkPaths(givenPaths(argv.paths), ctx.io.cwd));
      ctx.io.stdout(renderSuiteFiles(suite));
      ctx.exitCode = suite.broken.length ? EXIT.usage : EXIT.ok;
      return;
    }
    const grade = resolveGrade(argv, ctx);
    const { freePointWarnings, suiteFiles } = await import('../suite-files');
    const suite = suiteFiles(grade.run.paths, { manifestsFolderNeeded: grade.run.options.submissionOnly === false });
    // A spec that does not load would score every student 0 on it through no fault of theirs (and
    // an autograder would publish that): grade nobody, exit 2, as `run` does for a load error.
    if (suite.broken.length) throw new UsageError(msg(gm.nothingGraded, { files: suite.broken.join(', '), n: suite.broken.length }), false);
    // A spec that reads nothing from the submission gives every student its points: say so first.
    for (const w of freePointWarnings(suite)) ctx.io.stderr(`kubespec: ${w}\n`);
    ctx.exitCode = await executeGrade(grade, ctx);
  },
};

export default gradeCommand;

/**
 * --out must be a folder kubespec can write, checked before any student is graded: `/dev/null`,
 * `/proc/x` or a full disk were internal errors, or a run that never ended, after the grading.
 */
function checkWritableFolder(abs: string, given: string): void {
  try {
    makeFolder(abs);
    if (!fs.statSync(abs).isDirectory()) throw new Error(msg(gm.notAFolder));
    const probe = path.join(abs, `.kubespec-write-check-${process.pid}`);
    fs.writeFileSync(probe, 'ok\n');
    fs.rmSync(probe, { force: true });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EEXIST' || err.code === 'ENOTDIR' ? msg(gm.notAFolder) : err.message.replace(/^[A-Z]+: /, '').split(',')[0];
    throw new UsageError(msg(gm.cannotWriteOut, { dir: given, why }), false);
  }
}
