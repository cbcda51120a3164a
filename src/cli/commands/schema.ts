// `kubespec schema`: print the spec JSON Schema, for editors (yaml-language-server, VS Code's YAML
// extension) and other tools; the package also ships it as kubespec/schema.json.
import type { CommandModule } from 'yargs';
import { contextOf, EXIT } from '../io';

export const schemaCommand: CommandModule = {
  command: 'schema',
  describe: 'Print the JSON Schema of spec files (for editors: see the README, "Editor set-up")',
  builder: (y) => y.example('$0 schema > spec.schema.json', 'Write it to a file an editor can use'),
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const { specSchemaText } = await import('../../spec/schema-file');
    ctx.io.stdout(specSchemaText());
    ctx.exitCode = EXIT.ok;
  },
};
