// `kubespec validate [paths..]`: load spec files and check them (YAML, schema, the manifests they
// name) without running anything. Exit 0 when every spec is valid, 2 otherwise.
import type { CommandModule } from 'yargs';
import { contextOf } from '../io';
import { checkFolder, checkPaths, DEFAULT_SPEC_DIR, givenPaths } from '../paths';
import { ciLog } from './run';
import { msg } from '../../i18n';
import { helpMessages as h } from '../../i18n/messages/help';

export interface ValidateArgs {
  paths?: string[];
  submission?: string;
  'spec-manifests'?: boolean;
  strict?: boolean;
  ci?: boolean;
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate [paths..]',
  get describe() {
    return msg(h.validateCommand);
  },
  builder: (y) =>
    y
      .positional('paths', { describe: msg(h.filesPaths, { dir: DEFAULT_SPEC_DIR }), type: 'string', array: true, default: undefined })
      .option('submission', { type: 'string', describe: msg(h.validateSubmission), requiresArg: true })
      .option('spec-manifests', { type: 'boolean', describe: msg(h.validateSpecManifests) })
      .option('strict', { type: 'boolean', describe: msg(h.strict) })
      .option('ci', { type: 'boolean', describe: msg(h.ci) })
      .example('$0 validate', msg(h.exValidateAll, { dir: DEFAULT_SPEC_DIR }))
      .example('$0 validate specs --submission students/alice', msg(h.exValidateSubmission)) as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const given = givenPaths(argv.paths);
    const paths = checkPaths(given, ctx.io.cwd);
    const submission = argv.submission !== undefined ? checkFolder(argv.submission, ctx.io.cwd, 'submission') : undefined;
    const { validateSpecs } = await import('../validate');
    ctx.exitCode = validateSpecs(paths, { submission, specManifests: argv['spec-manifests'] === true, strict: argv.strict === true, io: ctx.io, ci: ciLog(argv.ci, ctx.io) });
  },
};
