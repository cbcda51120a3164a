// `kubespec schema`: print the spec JSON Schema, for editors (yaml-language-server, VS Code's YAML
// extension) and other tools; the package also ships it as kubespec/schema.json.
import type { CommandModule } from 'yargs';
import { contextOf, EXIT } from '../io';
import { msg } from '../../i18n';
import { helpMessages as h } from '../../i18n/messages/help';

export const schemaCommand: CommandModule = {
  command: 'schema',
  get describe() {
    return msg(h.schemaCommand);
  },
  builder: (y) => y.example('$0 schema > spec.schema.json', msg(h.exSchema)),
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const { specSchemaText } = await import('../../spec/schema-file');
    ctx.io.stdout(specSchemaText());
    ctx.exitCode = EXIT.ok;
  },
};
