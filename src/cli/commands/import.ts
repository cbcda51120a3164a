// `kubespec import kuttl|chainsaw DIR [--out DIR] [--force]`: write specs from another tool's test
// suite (src/import). stdout: each spec file written and a summary; stderr: one line for each
// construct that could not be converted (each is a comment in its spec too). Bad input (no such
// folder, not a suite, YAML that does not parse, a kind the tool does not have) is one line, exit 2.
import * as path from 'path';
import type { CommandModule } from 'yargs';
import { contextOf, EXIT } from '../io';
import { msg } from '../../i18n';
import { importMessages as m } from '../../i18n/messages/import';

export interface ImportArgs {
  tool: string;
  dir: string;
  out?: string;
  force?: boolean;
}

export const importCommand: CommandModule<object, ImportArgs> = {
  command: 'import <tool> <dir>',
  get describe() {
    return msg(m.importCommand);
  },
  builder: (y) =>
    y
      .positional('tool', { describe: msg(m.importTool), type: 'string' })
      .positional('dir', { describe: msg(m.importDir), type: 'string' })
      .option('out', { alias: 'o', type: 'string', describe: msg(m.importOut), requiresArg: true })
      .option('force', { type: 'boolean', describe: msg(m.importForce) })
      .example('$0 import kuttl tests/e2e', msg(m.exImportKuttl))
      .example('$0 import chainsaw chainsaw/ --out specs/imported', msg(m.exImportChainsaw)) as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const { importSuite } = await import('../../import');
    const { oneLine } = await import('../../report/text');
    const r = await importSuite(argv.tool, argv.dir, { out: argv.out, force: argv.force, cwd: ctx.io.cwd });
    for (const n of r.notes) ctx.io.stderr(`kubespec import: ${oneLine(msg(m.notConverted, { at: n.at, what: n.what }))}\n`);
    for (const w of r.written) ctx.io.stdout(`${msg(m.wrote, { file: oneLine(w.file), steps: w.steps, notes: w.notes })}\n`);
    const out = path.relative(ctx.io.cwd, r.out) || '.';
    ctx.io.stdout(`${msg(m.summary, { specs: r.written.length, tool: argv.tool === 'kuttl' ? 'KUTTL' : 'Chainsaw', out: oneLine(out), notes: r.notes.length })}\n`);
    ctx.exitCode = EXIT.ok;
  },
};
