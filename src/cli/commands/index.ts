// The commands kubespec knows, in the order `--help` lists them.
import type { CommandModule } from 'yargs';
import { filesCommand } from './files';
import { gradeCommand } from './grade';
import { importCommand } from './import';
import { runCommand } from './run';
import { schemaCommand } from './schema';
import { serveCommand } from './serve';
import { validateCommand } from './validate';

export function commands(): CommandModule<any, any>[] {
  return [runCommand, validateCommand, gradeCommand, filesCommand, importCommand, serveCommand, schemaCommand];
}
