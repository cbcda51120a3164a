// The spec JSON Schema as the file editors read (schema/spec.schema.json, shipped in the package and
// printed by `kubespec schema`): schema.ts's object, as JSON. Its `x-` keywords guide kubespec's own
// error messages; editors ignore keywords they do not know, so they stay.
import * as path from 'path';
import { SPEC_SCHEMA } from './schema';

/** Where the committed file lives (schema/ at the package root, from src/spec or dist/src/spec). */
export function specSchemaPath(): string {
  const up = path.basename(path.resolve(__dirname, '..', '..')) === 'dist' ? ['..', '..', '..'] : ['..', '..'];
  return path.resolve(__dirname, ...up, 'schema', 'spec.schema.json');
}

/** The file's text: two-space JSON and a final newline, so it diffs well. */
export function specSchemaText(): string {
  return `${JSON.stringify(SPEC_SCHEMA, null, 2)}\n`;
}
