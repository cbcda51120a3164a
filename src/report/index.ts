// The reporters by name, and `createReporters` for the repeatable `--reporter NAME[=FILE]` option:
// without FILE a reporter writes to the terminal (opts.write), with FILE to that file (parent
// folders created; never coloured). Each reporter's module loads only when it is chosen (the TAP
// reporter alone pulls in the `yaml` package): a run pays for the reporters it uses.
import * as path from 'path';
import type { Reporter, ReporterOptions } from './reporter';
import { ciLogOutput, fileOutput, probeOutputFile, terminalOutput, type Output } from './output';
import { UsageError } from '../cli/io';
import { parseReporter } from '../cli/options';
import { msg } from '../i18n';
import { reportMessages as m } from '../i18n/messages/report';

export type { Reporter, ReporterOptions } from './reporter';

type Factory = (out: Output, opts: ReporterOptions, color: boolean) => Reporter;

/* eslint-disable @typescript-eslint/no-require-imports -- each reporter's module loads when it is chosen */
const FACTORIES: Record<string, Factory> = {
  pretty: (out, opts, color) => new (require('./pretty') as typeof import('./pretty')).PrettyReporter(out, opts.cwd, color, opts.verbose === true),
  json: (out, opts) => new (require('./json') as typeof import('./json')).JsonReporter(out, opts.cwd),
  junit: (out, opts) => new (require('./junit') as typeof import('./junit')).JunitReporter(out, opts.cwd),
  gradescope: (out, opts) => new (require('./gradescope') as typeof import('./gradescope')).GradescopeReporter(out, opts.cwd),
  github: (out, opts) => new (require('./github') as typeof import('./github')).GithubReporter(out, opts.cwd, opts.stepSummary),
  tap: (out, opts) => new (require('./tap') as typeof import('./tap')).TapReporter(out, opts.cwd),
  classroom: (out, opts) => new (require('./classroom') as typeof import('./classroom')).ClassroomReporter(out, opts.cwd),
  html: (out, opts) => new (require('./html') as typeof import('./html')).HtmlReporter(out, opts.cwd),
};
/* eslint-enable @typescript-eslint/no-require-imports */

function factoryFor(name: string): Factory | undefined {
  return Object.prototype.hasOwnProperty.call(FACTORIES, name) ? FACTORIES[name] : undefined;
}

/** Every reporter name, in the order `--help` lists them. */
export const REPORTER_NAMES: readonly string[] = Object.keys(FACTORIES);

/** The file name a reporter conventionally writes (for per-student reports): `.json`, `.junit.xml`... */
export const REPORTER_EXTENSIONS: Record<string, string> = {
  pretty: '.txt',
  json: '.json',
  junit: '.junit.xml',
  gradescope: '.gradescope.json',
  github: '.github.txt',
  tap: '.tap',
  classroom: '.classroom.txt',
  html: '.html',
};

/**
 * Reporters for `--reporter` values (`pretty`, `junit=out/junit.xml`); `pretty` when none is given.
 * Throws UsageError for an unknown name (listing the known ones) or two reporters writing one file.
 */
export function createReporters(specs: string[], opts: ReporterOptions): Reporter[] {
  const list = specs.length > 0 ? specs : ['pretty'];
  const files = new Set<string>();
  return list.map((spec) => {
    const choice = parseReporter(spec);
    const factory = factoryFor(choice.name);
    if (!factory) throw new UsageError(msg(m.unknownReporter, { spec, name: choice.name, known: REPORTER_NAMES.join(', ') }));
    if (choice.file === undefined) {
      const out = opts.ciLog && choice.name !== 'github' ? ciLogOutput(opts.write) : terminalOutput(opts.write);
      return factory(out, opts, opts.color);
    }
    const file = path.resolve(opts.cwd, choice.file);
    if (files.has(file)) throw new UsageError(msg(m.sameReportFile, { spec, file: choice.file }));
    files.add(file);
    // Checked now, so that a path that cannot be written stops the run before it starts.
    probeOutputFile(file);
    return factory(fileOutput(file), opts, false);
  });
}

/** One reporter writing to `out` (a file or a buffer), without colour unless asked. */
export function createReporter(name: string, out: Output, cwd: string, color = false): Reporter {
  const factory = factoryFor(name);
  if (!factory) throw new UsageError(msg(m.unknownReporterName, { name, known: REPORTER_NAMES.join(', ') }));
  return factory(out, { write: (t) => out.write(t), color, cwd }, color);
}
