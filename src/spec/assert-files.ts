// Assert files, as KUTTL and Chainsaw write them: `expect: [{ file: 00-assert.yaml }]` reads partial
// manifests, each YAML document an object assertion (by kind, name and namespace, the rest of the
// document what the object must hold), and `{ file: 00-errors.yaml, absent: true }` a KUTTL errors
// file (no object may match any of its documents). Read when the spec loads, from the spec's own
// folder (its `manifests:` folder first) and never from a submission: a student's folder could
// otherwise hand in the assertions it is graded by. Every problem is a load error at its place in
// the assert file.
//
// Comparison, as KUTTL's (internal/utils/subset.go IsSubset): maps are subsets, lists have the
// same length and match element by element in order; a named object must exist and match, an
// unnamed one means "some object of the kind matches". kubespec's `match` already compares lists so;
// a text written `/.../` is turned into the regex that matches exactly that text, since an assert
// file's strings are literal. Differences left: a number also matches the same digits as text (as
// everywhere in kubespec), `null` matches an absent field too, and a one-key map `{ contains: [...] }`,
// `{ exists: ... }`, `{ any: [...] }` or `{ min/max: N }` reads as kubespec's operator.
import * as path from 'path';
import { FileAccessError, readLimited, resolveInside } from '../manifest/files';
import { parseYaml, YamlError, type Position, type YamlDocument } from '../manifest/yaml';
import { KINDS, resolveResource } from '../apiserver/kinds';
import { isRegexLiteral } from './pattern';
import { closest } from './suggest';
import type { DocPath, ObjectAssertion } from './model';
import type { SpecProblem } from './validate';
import { msg } from '../i18n';
import { loadMessages as m } from '../i18n/messages/load';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Largest assert file read (as a spec file). */
const MAX_BYTES = 1024 * 1024;

export interface AssertFileRef {
  /** The file as the spec names it. */
  file: string;
  /** An errors file: no object may match any document. */
  absent: boolean;
  /** Where the entry is in the spec (`steps[0].expect[1]`), and its position. */
  path: DocPath;
  at: Position;
}

export interface ReadAssertFile {
  assertions: ObjectAssertion[];
  problems: SpecProblem[];
}

/** `/x/` → the regex matching exactly the text `/x/`; through lists and maps. */
function literal(v: unknown, depth = 0): unknown {
  if (depth > 64) return v;
  if (typeof v === 'string') return isRegexLiteral(v) ? `/^${v.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')}$/` : v;
  if (Array.isArray(v)) return v.map((x) => literal(x, depth + 1));
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, literal(x, depth + 1)]));
  return v;
}

/** A document's fields besides apiVersion, kind and metadata's name and namespace: what must hold. */
function rest(doc: Obj): Obj | undefined {
  const out: Obj = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === 'apiVersion' || k === 'kind') continue;
    if (k === 'metadata' && isObj(v)) {
      const { name: _n, namespace: _ns, ...meta } = v;
      if (Object.keys(meta).length) out.metadata = meta;
      continue;
    }
    out[k] = v;
  }
  return Object.keys(out).length ? (literal(out) as Obj) : undefined;
}

const KIND_WORDS = [...new Set(KINDS.flatMap((k) => [k.kind, k.plural, k.singular, ...k.shortNames]))];

/** One document as an object assertion, or the problem that keeps it from being one. */
function toAssertion(d: YamlDocument, ref: AssertFileRef, n: number): ObjectAssertion | SpecProblem {
  const where = `${ref.file} #${n + 1}`;
  const problem = (at: Position, message: string, hint?: string): SpecProblem => ({ message: `${where}: ${message}`, location: at, hint, path: ref.path });
  const v = d.value;
  if (!isObj(v)) return problem(d.position, msg(m.assertDocNotMap), msg(m.assertDocNotMapHint));
  if (typeof v.kind !== 'string' || v.kind === '') return problem(d.position, msg(m.assertDocNoKind), msg(m.assertDocNoKindHint));
  const info = resolveResource(v.kind);
  if (!info || info.kind !== v.kind) {
    const near = closest(v.kind, KIND_WORDS);
    const hint = String(v.apiVersion ?? '').startsWith('kuttl.dev/') ? msg(m.assertDocKuttl) : near ? msg(m.didYouMean, { word: resolveResource(near)?.kind ?? near }) : msg(m.knownKinds, { kinds: KINDS.map((k) => k.kind).join(', ') });
    return problem(d.at(['kind']), msg(m.unknownKind, { kind: v.kind }), hint);
  }
  if (v.apiVersion !== undefined && v.apiVersion !== info.apiVersion) {
    return problem(d.at(['apiVersion']), msg(m.assertDocVersion, { version: JSON.stringify(v.apiVersion), kind: info.kind, served: info.apiVersion }), msg(m.assertDocVersionHint, { served: info.apiVersion }));
  }
  const meta = v.metadata;
  if (meta !== undefined && !isObj(meta)) return problem(d.at(['metadata']), msg(m.assertDocMetadata), msg(m.assertDocMetadataHint));
  for (const key of ['name', 'namespace'] as const) {
    if (meta?.[key] !== undefined && (typeof meta[key] !== 'string' || meta[key] === '')) return problem(d.at(['metadata', key]), msg(m.assertDocText, { key }), msg(m.assertDocTextHint, { key }));
  }
  return { type: 'object', location: d.position, path: [...ref.path, 'file', n], ...assertionFields({ ...v, kind: info.kind }, ref.absent) };
}

/** The fields of an object assertion (as a spec writes them) for one checked document of an assert file. */
export function assertionFields(v: Obj, absent: boolean): Pick<ObjectAssertion, 'kind' | 'name' | 'namespace' | 'where' | 'match' | 'absent'> {
  const meta = isObj(v.metadata) ? v.metadata : undefined;
  const name = meta?.name as string | undefined;
  const base = { kind: v.kind as string, ...(name !== undefined ? { name } : {}), namespace: (meta?.namespace as string | undefined) ?? 'default' };
  const holds = rest(v);
  // A named object: it must exist and hold (assert), or not hold if it exists (errors). Unnamed:
  // some object of the kind holds (assert), or none does (errors).
  if (absent) return { ...base, ...(holds ? { where: holds } : {}), absent: true };
  if (name !== undefined) return { ...base, ...(holds ? { match: holds } : {}) };
  return { ...base, ...(holds ? { where: holds } : {}) };
}

/**
 * Read one assert file: its documents as object assertions, or the problems found, each at its
 * place (the file's own line for what is in it, the spec's `file:` for a file that cannot be read).
 * `roots`: the folders it is looked for in, in order; `shown`: how a path found there is displayed.
 */
export function readAssertFile(ref: AssertFileRef, roots: string[], shown: (absolute: string) => string): ReadAssertFile {
  const fail = (message: string, hint?: string): ReadAssertFile => ({ assertions: [], problems: [{ message: `${ref.file}: ${message}`, location: ref.at, hint, path: ref.path }] });
  let text: string;
  let display: string;
  try {
    const resolved = resolveInside(roots, ref.file, `${ref.file}: no such file beside the spec`);
    display = shown(resolved.absolute);
    text = readLimited({ absolute: resolved.absolute, display: ref.file }, MAX_BYTES);
  } catch (e) {
    if (!(e instanceof FileAccessError) && !(e as NodeJS.ErrnoException).code) throw e;
    return { assertions: [], problems: [{ message: (e as Error).message, location: ref.at, hint: msg(m.assertFileHint), path: ref.path }] };
  }
  let docs: YamlDocument[];
  try {
    docs = parseYaml(text, display);
  } catch (e) {
    if (!(e instanceof YamlError)) throw e;
    return { assertions: [], problems: [{ message: msg(m.invalidYaml, { message: e.message }), location: e.position, path: ref.path }] };
  }
  if (docs.length === 0) return fail(msg(m.assertFileEmpty), msg(m.assertFileEmptyHint));
  const out: ReadAssertFile = { assertions: [], problems: [] };
  docs.forEach((d, n) => {
    const r = toAssertion(d, ref, n);
    if ('type' in r) out.assertions.push(r);
    else out.problems.push(r);
  });
  return out;
}

/** The assert files a spec document names: `{ file, absent? }` entries of every step's `expect`, `throughout` and `eventually`. */
export function assertFileRefs(doc: YamlDocument): AssertFileRef[] {
  const steps = isObj(doc.value) && Array.isArray(doc.value.steps) ? doc.value.steps : [];
  const refs: AssertFileRef[] = [];
  steps.forEach((s, i) => {
    if (!isObj(s)) return;
    for (const list of ['expect', 'throughout', 'eventually'] as const) {
      const items = s[list];
      if (!Array.isArray(items)) continue;
      items.forEach((a, j) => {
        if (!isObj(a) || typeof a.file !== 'string' || a.file === '') return;
        const p: DocPath = ['steps', i, list, j];
        refs.push({ file: a.file, absent: a.absent === true, path: p, at: doc.at([...p, 'file']) });
      });
    }
  });
  return refs;
}

/** Read every assert file a spec document names (`dirs`: where they are looked for; `display`/`base`: how the spec file is shown and where it is). */
export function readAssertFiles(doc: YamlDocument, dirs: string[], display: string, base: string): { byPath: Map<string, ObjectAssertion[]>; problems: SpecProblem[] } {
  const byPath = new Map<string, ObjectAssertion[]>();
  const problems: SpecProblem[] = [];
  // Shown beside the spec as the spec file is shown (`specs/x.spec.yaml` → `specs/00-assert.yaml`).
  const shown = (absolute: string) => path.join(path.dirname(display), path.relative(base, absolute)).split(path.sep).join('/');
  const roots = [...new Set(dirs)];
  for (const ref of assertFileRefs(doc)) {
    // An absolute path or `..` is validate.ts's problem, at the spec's own line.
    if (path.isAbsolute(ref.file) || ref.file.split(/[\\/]/).includes('..')) continue;
    const r = readAssertFile(ref, roots, shown);
    byPath.set(ref.path.join('.'), r.assertions);
    problems.push(...r.problems);
  }
  return { byPath, problems };
}
