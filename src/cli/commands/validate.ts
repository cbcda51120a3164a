// `kubespec validate [paths..]`: load spec files and check them (YAML, schema, the manifests they
// name) without running anything. Exit 0 when every spec is valid, 2 otherwise.
import type { CommandModule } from 'yargs';
import { UsageError, contextOf } from '../io';
import { checkPaths, DEFAULT_SPEC_DIR } from '../paths';

export interface ValidateArgs {
  paths?: string[];
  submission?: string;
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate [paths..]',
  describe: 'Check spec files (YAML, schema, manifests) without running them',
  builder: (y) =>
    y
      .positional('paths', { describe: `Spec files or folders (default: ${DEFAULT_SPEC_DIR}/)`, type: 'string', array: true, default: undefined })
      .option('submission', { type: 'string', describe: "Look the manifests up in a student's folder first", requiresArg: true })
      .example('$0 validate', `Check every spec under ${DEFAULT_SPEC_DIR}/`) as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const given = argv.paths && argv.paths.length > 0 ? argv.paths : [DEFAULT_SPEC_DIR];
    checkPaths(given, ctx.io.cwd);
    throw new UsageError('validate is not available in this build of kubespec');
  },
};
