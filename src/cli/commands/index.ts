// The commands kubespec knows, in the order `--help` lists them.
import type { CommandModule } from 'yargs';
import { runCommand } from './run';
import { validateCommand } from './validate';

export function commands(): CommandModule<any, any>[] {
  const list: CommandModule<any, any>[] = [runCommand, validateCommand];
  // `grade` comes from the grading side of kubespec (src/cli/commands/grade.ts) when it is built.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const grade = optionalRequire(() => require('./grade') as { gradeCommand?: CommandModule<any, any>; default?: CommandModule<any, any> }, './grade');
  const gradeCommand = grade?.gradeCommand ?? grade?.default;
  if (gradeCommand) list.push(gradeCommand);
  return list;
}

/**
 * Load a module that another part of kubespec may not provide yet (`load` requires `id` from the
 * caller's folder); undefined when it is absent, any other error thrown as is.
 */
function optionalRequire<T>(load: () => T, id: string): T | undefined {
  try {
    return load();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'MODULE_NOT_FOUND' && err.message.includes(`'${id}'`)) return undefined;
    throw e;
  }
}
