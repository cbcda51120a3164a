// The committed, precompiled spec validator (schema.validator.ts) must be what ajv generates from
// schema.ts today, and must judge documents exactly as ajv compiling the schema at run time does.
import * as fs from 'fs';
import Ajv from 'ajv';
import { GENERATED_FILE, generateSpecValidator, SPEC_AJV_OPTIONS, SPEC_ANNOTATION_KEYWORDS } from './schema-codegen';
import { SPEC_SCHEMA } from './schema';
import { validate as precompiled } from './schema.validator';

describe('schema.validator.ts', () => {
  it('is current with schema.ts (run `npm run generate:schema` after changing the schema)', () => {
    expect(fs.readFileSync(GENERATED_FILE, 'utf8') === generateSpecValidator()).toBe(true);
  });

  it('needs only ajv runtime helpers, which ship in the ajv dependency', () => {
    const text = fs.readFileSync(GENERATED_FILE, 'utf8');
    const required = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    for (const r of required) {
      expect(r).toMatch(/^ajv\/dist\/runtime\//);
      expect(() => require.resolve(r)).not.toThrow();
    }
    expect(text).not.toMatch(/\bimport\s/);
  });

  it('reports the same errors as the schema compiled at run time', () => {
    const ajv = new Ajv(SPEC_AJV_OPTIONS);
    for (const k of SPEC_ANNOTATION_KEYWORDS) ajv.addKeyword(k);
    const live = ajv.compile(SPEC_SCHEMA);
    const docs: unknown[] = [
      { name: 'ok', steps: [{ apply: 'a.yaml', expect: [{ kind: 'Pod', count: 2 }] }] },
      { name: '', steps: [] },
      { steps: [{ apply: 'a.yaml', scale: { kind: 'Deployment' } }] },
      { name: 'x', bogus: 1, steps: [{ wait: true, expect: [{ kind: 3, pick: 'latest', output: 1 }] }] },
      { name: 'x', steps: [{ kubectl: 'get pods', expect: [{ output: 'a', exitCode: 'zero' }] }, { node: { name: 1 } }] },
      { name: 'x', cluster: { nodes: [{ nam: 'a' }, 3] }, steps: [{ delete: { kind: 'Pod', name: 'p', pick: -1 } }] },
      [],
      'text',
      null,
    ];
    const errorsOf = (v: typeof live, d: unknown) => (v(d) ? [] : JSON.parse(JSON.stringify(v.errors)));
    for (const d of docs) expect(errorsOf(precompiled as typeof live, d)).toEqual(errorsOf(live, d));
  });
});
