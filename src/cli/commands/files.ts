// `kubespec files [paths..]`: the manifests a spec suite reads from a submission, per spec, and the
// list a course gives students of what to hand in. `--json` for tooling.
import type { CommandModule } from 'yargs';
import { contextOf, EXIT } from '../io';
import { checkPaths, DEFAULT_SPEC_DIR, givenPaths } from '../paths';
import { msg } from '../../i18n';
import { helpMessages as h } from '../../i18n/messages/help';

export interface FilesArgs {
  paths?: string[];
  json?: boolean;
}

export const filesCommand: CommandModule<object, FilesArgs> = {
  command: 'files [paths..]',
  get describe() {
    return msg(h.filesCommand);
  },
  builder: (y) =>
    y
      .positional('paths', { describe: msg(h.filesPaths, { dir: DEFAULT_SPEC_DIR }), type: 'string', array: true, default: undefined })
      .option('json', { type: 'boolean', describe: msg(h.filesJson) })
      .example('$0 files course/specs', msg(h.exFiles)) as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const paths = checkPaths(givenPaths(argv.paths), ctx.io.cwd);
    const { renderSuiteFiles, suiteFiles } = await import('../suite-files');
    const suite = suiteFiles(paths);
    ctx.io.stdout(argv.json ? `${JSON.stringify(suite, null, 2)}\n` : renderSuiteFiles(suite));
    ctx.exitCode = suite.broken.length ? EXIT.usage : EXIT.ok;
  },
};
