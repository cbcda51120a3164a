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
import { langFromEnv, msg, parseLang, setLang, type Lang } from '../i18n';
import { cliMessages } from '../i18n/messages/cli';

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
    // The language is chosen before yargs is built: --help's descriptions are in it.
    setLang(chooseLang(argv, io));
    const parser = yargs()
      // yargs' own locale detection is off: its messages are reworded in kubespec's words below.
      .locale('en')
      .scriptName('kubespec')
      .usage('$0 <command> [options]\n\nBehaviour specs for Kubernetes manifests, run against an embedded in-memory cluster.')
      .command(commands() as CommandModule[])
      .option('color', { type: 'boolean', describe: 'Colour the output (default: on a terminal, unless NO_COLOR is set)' })
      .option('lang', { type: 'string', describe: msg(cliMessages.langOption) })
      .example('$0 run', 'Run every spec under specs/')
      .example('$0 run specs/replicaset.spec.yaml -t orphan', 'Only the specs whose name has "orphan"')
      .example('$0 run --submission students/alice', "Run the specs on a student's manifests")
      .example('$0 validate', 'Check the specs without running them')
      .example('$0 serve', 'Practise without a cluster: the embedded cluster for the real kubectl')
      .demandCommand(1, 'give a command: run, validate, grade, files or serve')
      .recommendCommands()
      .strict()
      .exitProcess(false)
      .help()
      .alias('h', 'help')
      .version(version())
      .alias('v', 'version')
      .wrap(io.isTTY ? Math.min(100, process.stdout.columns || 80) : 100)
      .epilog('Exit codes: 0 all specs passed (or the score reached --min-score), 1 some failed,\n2 usage or spec load error, 3 internal error.')
      .fail((msg, err) => {
        if (err && !msg) throw err;
        throw new UsageError(rewordYargs(msg ?? err?.message ?? 'invalid command line', argv));
      });
    await parser.parseAsync(argv, { ctx }, (_err, _argv, out) => {
      output = out;
    });
    if (output) io.stdout(output.endsWith('\n') ? output : output + '\n');
    return ctx.exitCode;
  } catch (e) {
    return reportError(e, io, argv);
  }
}

/** `--lang X` / `--lang=X` (the last one wins, as for any option), else the locale. */
export function chooseLang(argv: string[], io: CliIO): Lang {
  let given: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a === '--lang') given = argv[++i] ?? '';
    else if (a.startsWith('--lang=')) given = a.slice('--lang='.length);
  }
  if (given === undefined) return langFromEnv(io.env);
  const lang = parseLang(given);
  if (!lang) {
    setLang(langFromEnv(io.env));
    throw new UsageError(msg(cliMessages.badLang, { value: given }));
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
    const help = err instanceof UsageError && err.commandLine ? ` (see 'kubespec ${commandOf(argv)}--help')` : '';
    printError(io, text, ci, help);
    return EXIT.usage;
  }
  printError(io, `internal error: ${err.message || err.name}`, ci);
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
  const known = new Set(['run', 'validate', 'grade', 'serve']);
  const first = argv.find((a) => !a.startsWith('-'));
  return first && known.has(first) ? `${first} ` : '';
}

/** yargs' messages, in kubespec's words (`Unknown argument: bogus` → `unknown option --bogus`). */
export function rewordYargs(msg: string, argv: string[]): string {
  const unknown = /^Unknown arguments?: (.*)$/.exec(msg);
  if (unknown) {
    const names = unknown[1].split(', ');
    return names
      .map((n) => {
        const asOption = argv.find((a) => a === `--${n}` || a.startsWith(`--${n}=`) || a === `-${n}` || a === `--no-${n}`);
        if (asOption) return `unknown option ${asOption.split('=')[0]}`;
        return argv.find((a) => !a.startsWith('-')) === n ? `unknown command '${n}'` : `unexpected argument '${n}'`;
      })
      .join('; ');
  }
  const noValue = /^Not enough arguments following: (.*)$/.exec(msg);
  if (noValue) return `--${noValue[1]} needs a value`;
  const suggestion = /^Did you mean (.*)\?$/.exec(msg);
  if (suggestion) return `unknown command '${argv.find((a) => !a.startsWith('-')) ?? ''}'; did you mean '${suggestion[1]}'?`;
  return msg.charAt(0).toLowerCase() + msg.slice(1);
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
