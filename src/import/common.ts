// What both importers share: the spec drafts they build (steps with the comments said above them),
// the notes on what could not be converted (a comment in the spec and a line on stderr each), the
// reading of suite files, the conversion of shell commands to kubectl steps, and writing the specs.
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { parseYaml, type Position, type YamlDocument } from '../manifest/yaml';
import { readLimited } from '../manifest/files';
import { kindInfo } from '../apiserver/kinds';
import { shellOperator, tokenize, TokenizeError } from '../kubectl/tokenize';
import { assertionFields } from '../spec/assert-files';
import { oneLine } from '../report/text';
import { UsageError } from '../cli/io';
import { msg } from '../i18n';
import { importMessages as m } from '../i18n/messages/import';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export type Tool = 'kuttl' | 'chainsaw';
export const TOOL_NAMES: Record<Tool, string> = { kuttl: 'KUTTL', chainsaw: 'Chainsaw' };

/** A construct with no equivalent: where it is written, and what it is. */
export interface Note {
  at: string;
  what: string;
}

export interface DraftStep {
  /** Comment lines written above the step. */
  comments: string[];
  step: Obj;
}

/** One spec being written: what goes above `name:`, its keys, its steps. */
export interface SpecDraft {
  /** The spec file's name in the output folder. */
  file: string;
  header: string[];
  name: string;
  description?: string;
  skip?: string;
  steps: DraftStep[];
  notes: Note[];
}

/**
 * Collects the notes of one spec: each becomes a line on stderr and a comment in the spec, above
 * the step (or the spec) it was found in: `flush` hands over the comments not yet placed.
 */
export class Notes {
  readonly list: Note[] = [];
  private pending: string[] = [];
  add(at: string, what: string): void {
    this.list.push({ at, what });
    this.pending.push(`${at}: ${msg(m.noEquivalent, { what })}`);
  }
  flush(): string[] {
    return this.pending.splice(0);
  }
}

/** `file:line` of a position, relative to the suite folder. */
export function at(root: string, p: Position | string): string {
  if (typeof p === 'string') return path.relative(root, p) || '.';
  return `${path.relative(root, p.file) || p.file}:${p.line}`;
}

/** Every YAML document of a suite file (positions name the file by its absolute path). */
export function readDocs(file: string): YamlDocument[] {
  return parseYaml(readLimited({ absolute: file, display: file }, 1024 * 1024), file);
}

/** A path of the suite as a spec step names it: relative to the root, `/`-separated; undefined outside it. */
export function specPath(root: string, file: string): string | undefined {
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** An object's identity for "does it exist by then" (apply as create or merge patch). */
export function objectKey(o: Obj): string | undefined {
  const meta = isObj(o.metadata) ? o.metadata : {};
  if (typeof o.kind !== 'string' || typeof meta.name !== 'string') return undefined;
  return `${o.kind}|${typeof meta.namespace === 'string' ? meta.namespace : 'default'}|${meta.name}`;
}

/** Whether the embedded cluster serves the object's kind at its apiVersion. */
export function served(o: Obj): boolean {
  if (typeof o.kind !== 'string') return false;
  const info = kindInfo(o.kind);
  return !!info && info.kind === o.kind && (o.apiVersion === undefined || o.apiVersion === info.apiVersion);
}

/**
 * The objects a test has made so far, so that applying one again is what KUTTL and Chainsaw make
 * of it: a merge patch of the object that exists, not a kubectl apply of a partial manifest.
 */
export class Applied {
  private readonly known = new Set<string>();

  /**
   * How to apply `objects`: `file` (the file as it is: `whole` says it holds nothing else, and
   * every object is new and served), or one step per object (a merge patch for one that exists by
   * then, the object inline for a new one; one the cluster does not serve is noted and left out).
   */
  apply(objects: Obj[], o: { rel?: string; whole: boolean; verb: 'apply' | 'create'; tool: string; notes: Notes; where: (i: number) => string }): { file?: string; steps: DraftStep[] } {
    const out: { file?: string; steps: DraftStep[] } = { steps: [] };
    if (o.rel && o.whole && objects.length && objects.every((x) => served(x) && !this.known.has(objectKey(x) ?? ''))) out.file = o.rel;
    else {
      objects.forEach((x, i) => {
        const key = objectKey(x);
        const file = o.rel ?? o.where(i);
        if (!served(x)) o.notes.add(o.where(i), msg(m.whyNotServed, { file, kind: String(x.kind), version: String(x.apiVersion) }));
        else if (key && this.known.has(key)) out.steps.push({ comments: [msg(m.merged, { file, kind: String(x.kind), name: String((x.metadata as Obj).name), tool: o.tool })], step: mergePatchStep(x) });
        else out.steps.push({ comments: o.rel ? [msg(m.inlined, { file: o.rel, kind: o.tool === 'KUTTL' ? 'TestStep' : 'Test' })] : [], step: { [o.verb]: { manifest: x } } });
      });
    }
    for (const x of objects) {
      const key = objectKey(x);
      if (key && served(x)) this.known.add(key);
    }
    return out;
  }
}

/** A merge patch step for an object that exists by then: the object less its identity. */
export function mergePatchStep(o: Obj): Obj {
  const meta = isObj(o.metadata) ? o.metadata : {};
  const { apiVersion: _v, kind: _k, metadata: _m, ...rest } = o;
  const { name: _n, namespace, ...metaRest } = meta;
  const patch: Obj = { ...(Object.keys(metaRest).length ? { metadata: metaRest } : {}), ...rest };
  return { patch: { kind: o.kind, name: meta.name, ...(typeof namespace === 'string' && namespace !== 'default' ? { namespace } : {}), type: 'merge', patch } };
}

/** A delete reference (KUTTL's TestStep `delete`, Chainsaw's `delete.ref`) as a step: by name, by labels, or every object of the kind. */
export function deleteStep(ref: Obj): Obj {
  const ns = typeof ref.namespace === 'string' && ref.namespace !== 'default' ? { namespace: ref.namespace } : {};
  if (typeof ref.name === 'string') return { delete: { kind: ref.kind, name: ref.name, ...ns } };
  if (isObj(ref.labels) && Object.keys(ref.labels).length) return { delete: { kind: ref.kind, selector: Object.entries(ref.labels).map(([k, v]) => `${k}=${String(v)}`).join(','), ...ns } };
  return { kubectl: `delete ${String(ref.kind).toLowerCase()} --all${typeof ref.namespace === 'string' ? ` -n ${ref.namespace}` : ''}` };
}

/** An inline assertion for an assert document (when its file cannot be named as it is). */
export function assertionEntry(o: Obj, absent: boolean): Obj {
  const f = assertionFields(o, absent);
  return { kind: f.kind, ...(f.name !== undefined ? { name: f.name } : {}), ...(f.namespace !== 'default' ? { namespace: f.namespace } : {}), ...(f.where ? { where: f.where } : {}), ...(f.match ? { match: f.match } : {}), ...(f.absent ? { absent: true } : {}) };
}

/** `$NAMESPACE` and `${NAMESPACE}` are the test's namespace: `default` in a spec; `$$` is `$`. */
function expandNamespace(text: string): string {
  return text.replace(/\$\{NAMESPACE\}|\$NAMESPACE\b/g, 'default').replace(/\$\$/g, '$');
}

/**
 * A shell command line as a spec step: `kubectl ...` as a kubectl step, `sleep N` as a wait;
 * undefined for anything else (a shell operator, another program, an environment variable).
 */
export function commandStep(line: string): Obj | undefined {
  const text = expandNamespace(line.trim());
  const sleep = /^sleep\s+(\d+(?:\.\d+)?)(s|m)?$/.exec(text);
  if (sleep) return { wait: `${sleep[1]}${sleep[2] ?? 's'}` };
  if (!/^kubectl(\s|$)/.test(text) || text.includes('$') || shellOperator(text) !== undefined) return undefined;
  try {
    if (tokenize(text).length < 2) return undefined;
  } catch (e) {
    if (e instanceof TokenizeError) return undefined;
    throw e;
  }
  return { kubectl: text.replace(/^kubectl\s+/, '') };
}

/** A script of kubectl commands (one a line; blank lines, comments and `set -e` aside) as steps; undefined otherwise. */
export function scriptSteps(script: string): Obj[] | undefined {
  const lines = script
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && !/^set\s+-[a-z]+$/.test(l));
  if (lines.length === 0) return undefined;
  const steps = lines.map(commandStep);
  return steps.every((s): s is Obj => s !== undefined) ? steps : undefined;
}

/** A command's words as one line (an argument with spaces or quotes is quoted). */
export function commandLine(words: string[]): string {
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** The spec file's text: header comments, the spec's keys, each step with its comments above it. */
export function renderSpec(draft: SpecDraft, manifests: string | undefined): string {
  const lines = draft.header.map((c) => `# ${oneLine(c)}`);
  const keys: Obj = { name: draft.name, ...(draft.description ? { description: draft.description } : {}), ...(manifests ? { manifests } : {}), ...(draft.skip ? { skip: draft.skip } : {}) };
  lines.push(stringify(keys, { lineWidth: 0 }).trimEnd(), 'steps:');
  for (const s of draft.steps) {
    for (const c of s.comments) lines.push(`  # ${oneLine(c)}`);
    lines.push(
      stringify([s.step], { lineWidth: 0 })
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A spec file name from a test's name: `deployment-scale.spec.yaml`. */
export function specFileName(name: string): string {
  const base = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 100);
  return `${base || 'test'}.spec.yaml`;
}

export interface WriteResult {
  /** Files written, as shown (relative to the working folder). */
  written: { file: string; steps: number; notes: number }[];
}

/**
 * Write the drafts into `out`: nothing is written when a file exists (unless `force`) or two
 * drafts would share a file. `root`: the folder the steps' paths are relative to.
 */
export function writeSpecs(drafts: SpecDraft[], out: string, root: string, force: boolean, cwd: string): WriteResult {
  const shown = (f: string) => path.relative(cwd, f) || f;
  const seen = new Set<string>();
  for (const d of drafts) {
    const file = path.join(out, d.file);
    if (seen.has(file)) throw new UsageError(msg(m.sameName, { file: shown(file) }), false);
    seen.add(file);
    if (!force && fs.existsSync(file)) throw new UsageError(msg(m.outExists, { file: shown(file) }), false);
  }
  fs.mkdirSync(out, { recursive: true });
  const rel = path.relative(out, root).split(path.sep).join('/');
  const written: WriteResult['written'] = [];
  for (const d of drafts) {
    const file = path.join(out, d.file);
    fs.writeFileSync(file, renderSpec(d, rel === '' ? undefined : rel));
    written.push({ file: shown(file), steps: d.steps.length, notes: d.notes.length });
  }
  return { written };
}

/** A value as a short text for a comment. */
export function short(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
