// The schema file editors read (schema/spec.schema.json, `kubespec schema`, kubespec/schema.json):
// current with schema.ts, and in agreement with the loader on every spec file in the repository,
// checked by a plain ajv as an editor's YAML extension would check them.
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import { loadSpecFile } from './loader';
import { specSchemaPath, specSchemaText } from './schema-file';
import { kubespec } from '../../test/cli-support';

const ROOT = path.resolve(__dirname, '..', '..');

function specFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') || e.name === 'dist' ? [] : specFiles(p);
    return e.name.endsWith('.spec.yaml') ? [p] : [];
  });
}

const shipped = JSON.parse(fs.readFileSync(specSchemaPath(), 'utf8')) as Record<string, unknown>;
// Editors' validators are lenient about keywords they do not know (the x- annotations).
const validate = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true }).compile(shipped);
const files = ['specs', 'examples', 'fixtures', 'src/spec/__fixtures__'].flatMap((d) => specFiles(path.join(ROOT, d)));

test('schema/spec.schema.json is current (regenerate with npm run generate:schema)', () => {
  expect(specSchemaPath()).toBe(path.join(ROOT, 'schema', 'spec.schema.json'));
  expect(fs.readFileSync(specSchemaPath(), 'utf8')).toBe(specSchemaText());
  expect(shipped.$schema).toBe('http://json-schema.org/draft-07/schema#');
});

test('kubespec schema prints it', async () => {
  const r = await kubespec('schema');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(fs.readFileSync(specSchemaPath(), 'utf8'));
});

test('the package ships it and exports it as kubespec/schema.json', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[]; exports: Record<string, unknown> };
  expect(pkg.files).toContain('schema');
  expect(pkg.exports['./schema.json']).toBe('./schema/spec.schema.json');
});

describe('every spec file of the repository, through the shipped schema', () => {
  expect(files.length).toBeGreaterThan(20);
  test.each(files.map((f) => path.relative(ROOT, f)))('%s: the schema accepts each spec the loader loads', (file) => {
    const loaded = loadSpecFile(path.join(ROOT, file), file);
    const docs = parseAllDocuments(fs.readFileSync(path.join(ROOT, file), 'utf8'));
    if (!Array.isArray(docs)) return; // past yaml's own limits: nothing an editor checks either
    for (const doc of loaded.documents) {
      if (!doc.ok) continue;
      const value = docs[doc.spec.index]?.toJS({ maxAliasCount: 100 }) as unknown;
      const ok = validate(value);
      expect(ok ? [] : validate.errors).toEqual([]);
    }
  });
});

test('it rejects what the loader rejects for its shape: an unknown key, a wrong type, a missing action', () => {
  for (const bad of [{ name: 'x', steps: 3 }, { name: 'x', stepz: [] }, { name: 'x', steps: [{ expect: [] }] }, { name: 'x', steps: [{ apply: 'a.yaml', scale: {} }] }]) {
    expect(validate(bad)).toBe(false);
  }
  expect(validate({ name: 'x', steps: [{ apply: 'a.yaml' }] })).toBe(true);
});
