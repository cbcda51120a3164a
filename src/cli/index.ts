// kubespec's command line: yargs parses, a command module does the work, and every error becomes
// one line and an exit code (0 passed, 1 failed, 2 usage or load error, 3 internal error).
// Only yargs loads up front; the runner, reporters and validators load when a command needs them.
import * as fs from 'fs';
import * as path from 'path';
import yargs from 'yargs/yargs';
import type { CommandModule } from 'yargs';
import { commands } from './commands';
import { EXIT, UsageError, processIO, type CliContext, type CliIO } from './io';
import { printBugHint, printError } from './errors';
import { getLang, langFromEnv, msg, parseLang, setLang, type Lang } from '../i18n';
import { cliMessages as m } from '../i18n/messages/cli';
import { helpMessages as h, YARGS_LABELS } from '../i18n/messages/help';
import { DEFAULT_SPEC_DIR } from './paths';

export type { CliIO } from './io';

/**
 * Errors the user can fix (bad input), by class name so that their modules need not load: printed
 * as one line, exit 2. Problems inside spec files do not throw: the runner reports them per spec.
 */
const USER_ERRORS = new Set(['UsageError', 'FileAccessError', 'YamlError']);

/** Run the command line `argv` (without `node kubespec`). Resolves to the exit code; never throws. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const ctx: CliContext = { io, exitCode: EXIT.ok };
  let output = '';
  try {
    // The language is chosen before yargs is built: --help's descriptions are in it. A config
    // file's language counts unless --lang is given; its own mistakes are told in the locale's.
    setLang(chooseLang(argv, io));
    const { withConfig } = await import('./config-file');
    const configured = withConfig(argv, io.cwd);
    if (configured.lang !== undefined) setLang(chooseLang(argv, io, configured.lang));
    const words = configured.argv;
    const parser = yargsIn(getLang())
      .scriptName('kubespec')
      .usage(msg(h.usage))
      .command(commands() as CommandModule[])
      .option('color', { type: 'boolean', describe: msg(h.color) })
      .option('lang', { type: 'string', describe: msg(m.langOption) })
      .option('config', { type: 'string', describe: msg(m.configOption) })
      .example('$0 run', msg(h.exRunAll, { dir: DEFAULT_SPEC_DIR }))
      .example('$0 run specs/replicaset.spec.yaml -t orphan', msg(h.exRunFilter))
      .example('$0 run --submission students/alice', msg(h.exRunSubmission))
      .example('$0 validate', msg(h.exValidate))
      .example('$0 serve', msg(h.exServe))
      .demandCommand(1, msg(h.demandCommand))
      .recommendCommands()
      .strict()
      .exitProcess(false)
      .help()
      .alias('h', 'help')
      .version(version())
      .alias('v', 'version')
      .wrap(io.isTTY ? Math.min(100, process.stdout.columns || 80) : 100)
      .epilog(msg(h.epilog))
      .fail((text, err) => {
        if (err && !text) throw err;
        throw new UsageError(rewordYargs(text ?? err?.message ?? 'invalid command line', argv));
      });
    skipHelpCache(parser);
    await parser.parseAsync(words, { ctx }, (_err, _argv, out) => {
      output = out;
    });
    if (output) io.stdout(output.endsWith('\n') ? output : output + '\n');
    return ctx.exitCode;
  } catch (e) {
    return reportError(e, io, argv);
  }
}

/**
 * A parser whose own words ("Options:", "[boolean]", "Show help") are in `lang`. Its locale is
 * never detected from the environment, and its fail messages stay English in every language: they
 * are read and reworded in kubespec's words by rewordYargs. yargs' translations live in one table
 * shared by every parser of the process, so another language is a locale of kubespec's own
 * (`kubespec-ko`, no file behind it) holding only the labels, and English stays yargs' `en`.
 */
function yargsIn(lang: Lang) {
  const parser = yargs();
  if (lang === 'en') return parser.locale('en');
  const labels: Record<string, string> = {};
  for (const [key, name] of Object.entries(YARGS_LABELS)) labels[key] = msg(h[name], {}, lang);
  return parser.locale(`kubespec-${lang}`).updateLocale(labels);
}

/**
 * yargs renders the whole `--help` text of a command before running its handler (usage's
 * cacheHelpMessage, in case the handler calls showHelp()): some 6 ms of every start, for nothing, as
 * kubespec's handlers never show help (a mistake is one line, through .fail). `--help` itself does
 * not go through it. A new command's handler must not call showHelp() either.
 */
function skipHelpCache(parser: object): void {
  const internals = (parser as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.();
  const usage = internals?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

/** `--lang X` / `--lang=X` (the last one wins, as for any option), else `configured` (a config file's), else the locale. */
export function chooseLang(argv: string[], io: CliIO, configured?: string): Lang {
  let given: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a === '--lang') given = argv[++i] ?? '';
    else if (a.startsWith('--lang=')) given = a.slice('--lang='.length);
  }
  if (given === undefined) return parseLang(configured) ?? langFromEnv(io.env);
  const lang = parseLang(given);
  if (!lang) {
    setLang(langFromEnv(io.env));
    throw new UsageError(msg(m.badLang, { value: given }));
  }
  return lang;
}

/** Print an error as one line (plus a hint for internal errors) and return its exit code. */
export function reportError(e: unknown, io: CliIO, argv: string[] = []): number {
  const err = e instanceof Error ? e : new Error(String(e));
  // Messages can hold paths and text from students: in a CI log they must not run workflow commands.
  const ci = argv.includes('--ci') || (io.env.GITHUB_ACTIONS === 'true' && !argv.includes('--no-ci'));
  if (USER_ERRORS.has(err.name)) {
    const text = err.name === 'YamlError' ? String(err) : err.message;
    const help = err instanceof UsageError && err.commandLine ? msg(m.seeHelp, { command: commandOf(argv) }) : '';
    printError(io, text, ci, help);
    return EXIT.usage;
  }
  printError(io, msg(m.internalError, { message: err.message || err.name }), ci);
  printBugHint(io);
  if (io.env.KUBESPEC_DEBUG && err.stack) io.stderr(err.stack + '\n');
  return EXIT.internal;
}

/** bin/kubespec: run with the process's arguments and streams, and set its exit code. */
export function cli(): void {
  // `kubespec run | head`: a closed pipe is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

function commandOf(argv: string[]): string {
  const known = new Set(['run', 'validate', 'grade', 'files', 'import', 'schema', 'serve']);
  const first = firstWord(argv);
  return first && known.has(first) ? `${first} ` : '';
}

/** The first word that is not an option: the command (`--lang ko run`: `run`, not `ko`; the same after `--config FILE`). */
function firstWord(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang' || argv[i] === '--config') i++;
    else if (!argv[i].startsWith('-')) return argv[i];
  }
  return undefined;
}

/**
 * yargs' messages, in kubespec's words and language (`Unknown argument: bogus` → `unknown option
 * --bogus`). yargs prints them in English whatever the language (see yargsIn), so they can be read here.
 */
export function rewordYargs(text: string, argv: string[]): string {
  const unknown = /^Unknown arguments?: (.*)$/.exec(text);
  if (unknown) {
    const names = unknown[1].split(', ');
    return names
      .map((n) => {
        const asOption = argv.find((a) => a === `--${n}` || a.startsWith(`--${n}=`) || a === `-${n}` || a === `--no-${n}`);
        if (asOption) return msg(m.unknownOption, { option: asOption.split('=')[0] });
        return firstWord(argv) === n ? msg(m.unknownCommand, { name: n }) : msg(m.unexpectedArgument, { name: n });
      })
      .join('; ');
  }
  const noValue = /^Not enough arguments following: (.*)$/.exec(text);
  if (noValue) return msg(m.needsValue, { option: noValue[1] });
  const suggestion = /^Did you mean (.*)\?$/.exec(text);
  if (suggestion) return msg(m.didYouMeanCommand, { name: firstWord(argv) ?? '', suggestion: suggestion[1] });
  if (getLang() !== 'en') {
    const missing = /^Missing required arguments?: ([^\n]*)/.exec(text);
    if (missing) return msg(m.missingArgument, { names: missing[1] });
    const many = /^Too many non-option arguments: got (\d+), maximum of (\d+)$/.exec(text);
    if (many) return msg(m.tooManyArguments, { got: many[1], max: many[2] });
    const few = /^Not enough non-option arguments: got (\d+), need at least (\d+)$/.exec(text);
    if (few) return msg(m.tooFewArguments, { got: few[1], min: few[2] });
    const exclusive = /^Arguments (\S+) and (\S+) are mutually exclusive$/.exec(text);
    if (exclusive) return msg(m.exclusiveOptions, { a: exclusive[1], b: exclusive[2] });
    if (text === 'invalid command line') return msg(m.invalidCommandLine);
  }
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** kubespec's version, from the package.json above this file (src/ or dist/src/). */
function version(): string {
  for (let dir = __dirname, i = 0; i < 5; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'kubespec' && pkg.version) return pkg.version;
    } catch {
      // not here: look one folder up
    }
  }
  return 'unknown';
}
