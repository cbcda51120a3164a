// `kubespec run [paths..]`: run spec files against the embedded cluster and report the results.
import type { Argv, CommandModule } from 'yargs';
import type { RunOptions } from '../../runner';
import type { RunResult, SpecResult } from '../../runner/result';
import { EXIT, UsageError, useColor, contextOf, type CliContext, type CliIO } from '../io';
import type { Shard } from '../../grade/shard';
import { parseCount, parseMinScore, parseReporter, parseShard, reachesMinScore, type MinScore } from '../options';
import { checkFolder, checkPaths, DEFAULT_SPEC_DIR, givenPaths } from '../paths';
import { openReporters } from '../reporters';
import { printBugHint, printError } from '../errors';
import { internalErrors } from '../internal';
import { msg } from '../../i18n';
import { cliMessages as m } from '../../i18n/messages/cli';
import { helpMessages as h } from '../../i18n/messages/help';
import { watchMessages as wm } from '../../i18n/messages/watch';
import { preflightRemote, remoteOptions, resolveRemote, type RemoteArgs } from '../remote-options';

export interface RunArgs extends RemoteArgs {
  paths?: string[];
  filter?: string;
  tag?: string[];
  'exclude-tag'?: string[];
  exclude?: string[];
  seed?: string;
  bail?: boolean;
  reporter?: string[];
  submission?: string;
  'spec-manifests'?: boolean;
  'min-score'?: string;
  jobs?: string;
  shard?: string;
  timings?: boolean;
  verbose?: boolean;
  color?: boolean;
  ci?: boolean;
}

/** The options `run` and `grade` share. */
export function runOptions<T>(y: Argv<T>): Argv<T & RunArgs> {
  return remoteOptions(y)
    .positional('paths', { describe: msg(h.specPaths, { dir: DEFAULT_SPEC_DIR }), type: 'string', array: true, default: undefined })
    .option('filter', { alias: 't', type: 'string', describe: msg(h.filter), requiresArg: true })
    .option('tag', { type: 'string', array: true, describe: msg(h.tag), requiresArg: true })
    .option('exclude-tag', { type: 'string', array: true, describe: msg(h.excludeTag), requiresArg: true })
    .option('exclude', { type: 'string', array: true, describe: msg(h.exclude), requiresArg: true })
    .option('seed', { type: 'string', describe: msg(h.seed), requiresArg: true })
    .option('bail', { type: 'boolean', describe: msg(h.bail) })
    .option('reporter', { alias: 'r', type: 'string', array: true, describe: msg(h.reporter), requiresArg: true })
    .option('submission', { type: 'string', describe: msg(h.submission), requiresArg: true })
    .option('spec-manifests', {
      type: 'boolean',
      describe: msg(h.specManifests),
    })
    .option('min-score', { type: 'string', describe: msg(h.minScore), requiresArg: true })
    .option('jobs', { alias: 'j', type: 'string', describe: msg(h.jobs), requiresArg: true })
    .option('shard', { type: 'string', describe: msg(h.shard), requiresArg: true })
    .option('verbose', { type: 'boolean', describe: msg(h.verbose) })
    .option('timings', { type: 'boolean', default: true, describe: msg(h.timings) })
    .option('ci', {
      type: 'boolean',
      describe: msg(h.ci),
    }) as Argv<T & RunArgs>;
}

export interface ResolvedRun {
  paths: string[];
  options: RunOptions;
  /** `--reporter` values as given (checked). */
  reporters: string[];
  minScore?: MinScore;
  jobs: number;
  shard?: Shard;
  color: boolean;
  timings: boolean;
  /** --verbose: every step of passing specs, whole kubectl outputs. */
  verbose: boolean;
  /** Terminal output goes to a CI log that runs workflow commands (GitHub Actions): neutralise them. */
  ci: boolean;
}

/** Check and convert the command line before anything heavy loads (usage errors come out fast). */
export function resolveRun(args: RunArgs, ctx: CliContext): ResolvedRun {
  const { io } = ctx;
  const given = givenPaths(args.paths);
  const options: RunOptions = {};
  if (args.seed !== undefined) options.seed = parseCount('seed', args.seed);
  if (args.filter !== undefined) {
    if (args.filter === '') throw new UsageError(msg(m.emptyFilter));
    // The regex engine (re2js) loads only for a --filter that needs checking.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { regexProblem } = require('../../spec/pattern') as typeof import('../../spec/pattern');
    const problem = regexProblem(args.filter);
    if (problem) throw new UsageError(msg(m.badFilter, { filter: args.filter, problem }));
    options.filter = args.filter;
  }
  const select = resolveSelection(args);
  if (select) options.select = select;
  if (args.bail) options.bail = true;
  if (args.submission !== undefined) {
    options.submission = checkFolder(args.submission, io.cwd, 'submission');
    // A student is graded on their own files: a manifest missing from the submission fails its step
    // (an empty folder scored full marks from the instructor's copies), unless the suite opts in.
    options.submissionOnly = !args['spec-manifests'];
  } else if (args['spec-manifests']) {
    throw new UsageError(msg(m.specManifestsAlone));
  }
  const remote = resolveRemote(args);
  if (remote) options.remote = remote;
  // The html reporter draws each step's states: only then does the runner record them.
  if (args.reporter?.some((r) => parseReporter(r).name === 'html')) options.timeline = true;
  return {
    paths: checkPaths(given, io.cwd),
    options,
    reporters: checkReporters(args.reporter && args.reporter.length > 0 ? args.reporter : ['pretty']),
    minScore: args['min-score'] !== undefined ? parseMinScore(args['min-score']) : undefined,
    jobs: args.jobs !== undefined ? parseCount('jobs', args.jobs, 1) : 1,
    shard: args.shard !== undefined ? parseShard(args.shard) : undefined,
    color: useColor(args.color, io),
    timings: args.timings !== false && io.env.KUBESPEC_TIMINGS !== '0',
    ci: ciLog(args.ci, io),
    verbose: args.verbose === true,
  };
}

/** `--tag`, `--exclude-tag`, `--exclude` as the runner's selection (undefined when none is given). */
function resolveSelection(args: RunArgs): NonNullable<RunOptions['select']> | undefined {
  const values = (option: 'tag' | 'exclude-tag' | 'exclude'): string[] | undefined => {
    const given = args[option];
    if (given === undefined || given.length === 0) return undefined;
    if (given.some((v) => v === '')) throw new UsageError(msg(m.emptyOption, { option }));
    return given;
  };
  const tags = values('tag');
  const excludeTags = values('exclude-tag');
  const exclude = values('exclude');
  if (exclude) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { regexProblem } = require('../../spec/pattern') as typeof import('../../spec/pattern');
    for (const pattern of exclude) {
      const problem = regexProblem(pattern);
      if (problem) throw new UsageError(msg(m.badExclude, { pattern, problem }));
    }
  }
  if (!tags && !excludeTags && !exclude) return undefined;
  return { ...(tags ? { tags } : {}), ...(excludeTags ? { excludeTags } : {}), ...(exclude ? { exclude } : {}) };
}

/**
 * Whether stdout and stderr go to a log that runs workflow commands: `--ci` / `--no-ci` when given,
 * else GitHub Actions (it sets GITHUB_ACTIONS=true in every step).
 */
export function ciLog(flag: boolean | undefined, io: CliIO): boolean {
  return flag ?? io.env.GITHUB_ACTIONS === 'true';
}

/**
 * The reporters show each spec's error; stderr gets the one line (and hint) every internal error
 * gets, so a CI log says plainly that the exit code 3 is kubespec's bug.
 */
export function reportInternalErrors(specs: SpecResult[], io: CliIO, ci: boolean, student?: string, hint = true): void {
  if (specs.length === 0) return;
  const first = specs[0];
  const where = `${student !== undefined ? `${student}: ` : ''}${first.file} › ${first.name}`;
  const more = specs.length > 1 ? msg(m.andMoreSpecs, { n: specs.length - 1 }) : '';
  printError(io, msg(m.internalErrorIn, { where, message: first.error?.message ?? msg(m.specCouldNotRun) }) + more, ci);
  if (hint) printBugHint(io);
}

/** Each `--reporter` value must read NAME or NAME=FILE (the reporter names are checked when they open). */
function checkReporters(values: string[]): string[] {
  for (const v of values) parseReporter(v);
  return values;
}

/** Run, report, and return the exit code. */
export async function executeRun(run: ResolvedRun, ctx: CliContext): Promise<number> {
  return (await runAndReport(run, ctx)).code;
}

/** Run, report, and return the result with its exit code (`run --watch` shows a summary of it). */
export async function runAndReport(run: ResolvedRun, ctx: CliContext): Promise<{ code: number; result: RunResult }> {
  // A real cluster is checked before anything runs: a bad kubeconfig is one line and exit code 2.
  if (run.options.remote) preflightRemote(run.options.remote);
  if (run.options.remote?.compare) {
    const { runCompare } = await import('../../remote/compare-run');
    const remote = run.options.remote;
    return runCompare(run.paths, { ...run.options, remote }, (t) => ctx.io.stdout(t));
  }
  const reporter = await openReporters(run.reporters, { io: ctx.io, color: run.color, timings: run.timings, ci: run.ci, verbose: run.verbose });
  const onSpecResult = (s: SpecResult) => reporter.onSpecResult?.(s);
  // --jobs / --shard: spec files as tasks on worker threads, merged in the order a serial run has.
  const result =
    run.jobs > 1 || run.shard
      ? await (await import('../../grade/run')).runSharded(run.paths, { ...run.options, jobs: run.jobs, shard: run.shard, workers: run.jobs > 1, onSpecResult })
      : await (await import('../../runner')).runSpecs(run.paths, { ...run.options, onSpecResult });
  if (result.specs.length === 0 && !run.shard) {
    throw new UsageError(run.options.filter !== undefined ? msg(m.noSpecMatches, { filter: run.options.filter }) : msg(m.noSpecsFound, { paths: run.paths.join(', ') }), false);
  }
  reporter.onRunComplete(result);
  reportInternalErrors(internalErrors(result), ctx.io, run.ci);
  return { code: exitCode(result, run.minScore), result };
}

/**
 * 3 when kubespec itself failed on a spec (internal.ts), 2 when a spec could not be loaded or run;
 * else 0/1 by --min-score, or by whether all passed.
 */
export function exitCode(result: RunResult, minScore?: MinScore): number {
  const s = result.summary;
  if (internalErrors(result).length > 0) return EXIT.internal;
  if (s.errors > 0) return EXIT.usage;
  if (minScore) return reachesMinScore(minScore, s.score, s.maxScore) ? EXIT.ok : EXIT.failed;
  return s.failed > 0 ? EXIT.failed : EXIT.ok;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run [paths..]',
  get describe() {
    return msg(h.runCommand);
  },
  builder: (y) =>
    runOptions(y)
      .option('watch', { alias: 'w', type: 'boolean', describe: msg(wm.watchOption) })
      .example('$0 run', msg(h.exRunAll, { dir: DEFAULT_SPEC_DIR }))
      .example('$0 run specs/replicaset.spec.yaml -t orphan', msg(h.exRunFilter))
      .example('$0 run --tag smoke --exclude-tag slow', msg(h.exRunTag))
      .example('$0 run --submission alice --min-score 80%', msg(h.exRunMinScore))
      .example('$0 run -r pretty -r junit=out/junit.xml', msg(h.exRunReporters))
      .example('$0 run --seed 7 --no-timings', msg(h.exRunSeed)),
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const run = resolveRun(argv, ctx);
    if ((argv as RunArgs & { watch?: boolean }).watch) {
      if (run.shard) throw new UsageError(msg(wm.noShard));
      const { watchRun } = await import('../watch');
      ctx.exitCode = await watchRun(run, ctx, { runPaths: async (paths) => (await runAndReport({ ...run, paths }, ctx)).result });
      return;
    }
    ctx.exitCode = await executeRun(run, ctx);
  },
};
