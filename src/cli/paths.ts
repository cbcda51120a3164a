// Spec paths from the command line: checked to exist before anything heavy loads, and expressed
// relative to the process's working directory, which is what the runner resolves and prints.
import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './io';
import { msg } from '../i18n';
import { cliMessages as m } from '../i18n/messages/cli';

export const DEFAULT_SPEC_DIR = 'specs';

/** The positional paths as given, or the default spec folder when there are none. */
export function givenPaths(paths: (string | undefined)[] | undefined): string[] {
  const given = (paths ?? []).filter((p): p is string => typeof p === 'string' && p !== '');
  return given.length > 0 ? given : [DEFAULT_SPEC_DIR];
}

/**
 * Each path must exist (a file or a folder). Returns them relative to process.cwd() (the runner's
 * frame) when `cwd` is another folder, unchanged otherwise.
 */
export function checkPaths(paths: string[], cwd: string): string[] {
  return paths.map((p) => {
    const abs = path.resolve(cwd, p);
    if (!fs.existsSync(abs)) throw new UsageError(msg(m.noSuchPath, { path: p }), false);
    if (path.resolve(cwd) === process.cwd()) return p;
    const rel = path.relative(process.cwd(), abs);
    return rel === '' ? '.' : rel;
  });
}

/** The folder a `--submission` names: it must exist and be a folder. */
export function checkFolder(dir: string, cwd: string, option: string): string {
  const abs = path.resolve(cwd, dir);
  if (!fs.existsSync(abs)) throw new UsageError(msg(m.noSuchFolder, { option, dir }), false);
  if (!fs.statSync(abs).isDirectory()) throw new UsageError(msg(m.notAFolder, { option, dir }), false);
  return abs;
}
