// `kubespec validate [paths..]`: load spec files and check them (YAML, schema, the manifests they
// name) without running anything. Exit 0 when every spec is valid, 2 otherwise.
import type { CommandModule } from 'yargs';
import { contextOf } from '../io';
import { checkFolder, checkPaths, DEFAULT_SPEC_DIR, givenPaths } from '../paths';
import { ciLog } from './run';

export interface ValidateArgs {
  paths?: string[];
  submission?: string;
  'spec-manifests'?: boolean;
  strict?: boolean;
  ci?: boolean;
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate [paths..]',
  describe: 'Check spec files (YAML, schema, manifests) without running them',
  builder: (y) =>
    y
      .positional('paths', { describe: `Spec files or folders (default: ${DEFAULT_SPEC_DIR}/)`, type: 'string', array: true, default: undefined })
      .option('submission', { type: 'string', describe: "Check that a student's folder holds every manifest the specs read", requiresArg: true })
      .option('spec-manifests', { type: 'boolean', describe: "With --submission: a manifest missing from it may come from the spec's folder" })
      .option('strict', { type: 'boolean', describe: 'Also warn about steps a student could pass by shortcut (Pods counted without ownedBy)' })
      .option('ci', { type: 'boolean', describe: 'The output goes to a CI log: student text cannot run workflow commands in it (default: on in GitHub Actions)' })
      .example('$0 validate', `Check every spec under ${DEFAULT_SPEC_DIR}/`)
      .example('$0 validate specs --submission students/alice', "Also check that alice's manifests are there") as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const given = givenPaths(argv.paths);
    const paths = checkPaths(given, ctx.io.cwd);
    const submission = argv.submission !== undefined ? checkFolder(argv.submission, ctx.io.cwd, 'submission') : undefined;
    const { validateSpecs } = await import('../validate');
    ctx.exitCode = validateSpecs(paths, { submission, specManifests: argv['spec-manifests'] === true, strict: argv.strict === true, io: ctx.io, ci: ciLog(argv.ci, ctx.io) });
  },
};
