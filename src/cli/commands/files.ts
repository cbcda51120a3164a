// `kubespec files [paths..]`: the manifests a spec suite reads from a submission, per spec, and the
// list a course gives students of what to hand in. `--json` for tooling.
import type { CommandModule } from 'yargs';
import { contextOf, EXIT } from '../io';
import { checkPaths, DEFAULT_SPEC_DIR, givenPaths } from '../paths';

export interface FilesArgs {
  paths?: string[];
  json?: boolean;
}

export const filesCommand: CommandModule<object, FilesArgs> = {
  command: 'files [paths..]',
  describe: 'List the manifests the specs read from a submission (what students hand in)',
  builder: (y) =>
    y
      .positional('paths', { describe: `Spec files or folders (default: ${DEFAULT_SPEC_DIR}/)`, type: 'string', array: true, default: undefined })
      .option('json', { type: 'boolean', describe: 'Print JSON: every spec with its file and the files it reads' })
      .example('$0 files course/specs', 'What students must hand in for the course suite') as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const paths = checkPaths(givenPaths(argv.paths), ctx.io.cwd);
    const { renderSuiteFiles, suiteFiles } = await import('../suite-files');
    const suite = suiteFiles(paths);
    ctx.io.stdout(argv.json ? `${JSON.stringify(suite, null, 2)}\n` : renderSuiteFiles(suite));
    ctx.exitCode = suite.broken.length ? EXIT.usage : EXIT.ok;
  },
};
