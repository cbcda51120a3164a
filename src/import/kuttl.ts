// `kubespec import kuttl DIR`: a KUTTL suite (kudobuilder/kuttl docs/testing) as specs, one per test
// case. The suite is `kuttl-test.yaml` (a TestSuite: testDirs, manifestDirs, commands...) or, without
// it, the folder itself: its folders with `NN-*.yaml` files are the test cases (or it is one). A
// test step NN is, in KUTTL's order: TestStep `delete`, `commands`, the objects of `NN-*.yaml` (and
// TestStep `apply`), then `NN-assert.yaml` and `NN-errors.yaml` (and TestStep `assert`/`error`),
// which become the `expect` of the step's last spec step: `{ file }` and `{ file, absent: true }`.
// An object that exists by then is applied as KUTTL does, as a merge patch.
import * as fs from 'fs';
import * as path from 'path';
import type { YamlDocument } from '../manifest/yaml';
import { UsageError } from '../cli/io';
import { msg } from '../i18n';
import { importMessages as m } from '../i18n/messages/import';
import {
  Applied,
  assertionEntry,
  at,
  commandStep,
  deleteStep,
  isObj,
  Notes,
  readDocs,
  scriptSteps,
  served,
  short,
  specFileName,
  specPath,
  type DraftStep,
  type Obj,
  type SpecDraft,
} from './common';

const KUTTL_KINDS = ['TestSuite', 'TestStep', 'TestAssert', 'TestFile'];

/** KUTTL's step file names (internal/file/name.go): `NN-name.yaml`, templated `NN-name.gotmpl.yaml`. */
const STEP_FILE = /^(\d+)-([^.]+)((?:\.gotmpl)?)\.yaml$/;
const STEP_DIR = /^(\d+)-([^.]+)$/;

const isKuttl = (o: unknown): o is Obj => isObj(o) && typeof o.apiVersion === 'string' && o.apiVersion.startsWith('kuttl.dev/');

/** A document of a KUTTL file: an object, or one of KUTTL's own kinds (an unknown one is the user's to fix). */
function kuttlKind(d: YamlDocument, root: string): string | undefined {
  if (!isKuttl(d.value)) return undefined;
  const kind = String(d.value.kind);
  if (!KUTTL_KINDS.includes(kind)) throw new UsageError(msg(m.unknownKuttlKind, { at: at(root, d.at(['kind'])), kind: JSON.stringify(d.value.kind ?? null) }), false);
  return kind;
}

function docsOf(file: string, root: string): YamlDocument[] {
  const docs = readDocs(file);
  for (const d of docs) {
    if (!isObj(d.value)) throw new UsageError(msg(m.notAMap, { at: at(root, d.position), what: 'a document' }), false);
    kuttlKind(d, root);
  }
  return docs;
}

interface Suite {
  root: string;
  cases: string[];
  /** Steps every spec starts with: the suite's manifestDirs and commands. */
  prelude: DraftStep[];
  suiteNotes: Notes;
  config?: string;
}

/** Fields of a TestSuite with no equivalent, and why. */
function suiteNote(notes: Notes, where: string, key: string, value: unknown): void {
  if (['timeout'].includes(key)) return notes.add(where, msg(m.whyTimeout, { key, value: short(value) }));
  if (['startKIND', 'startControlPlane', 'kindConfig', 'kindContext', 'kindNodeCache', 'kindContainers', 'skipClusterDelete', 'kubeconfig', 'kubeconfigLoading', 'context', 'config'].includes(key)) return notes.add(where, msg(m.whyCluster, { key }));
  if (key === 'namespace') return notes.add(where, msg(m.whyNamespace, { key, value: short(value) }));
  if (['reportFormat', 'reportName', 'reportGranularity', 'artifactsDir'].includes(key)) return notes.add(where, msg(m.whyReport, { key }));
  if (key === 'parallel') return notes.add(where, msg(m.whyParallel, { key }));
  if (key === 'skipDelete') return notes.add(where, msg(m.whyCleanup, { key }));
  if (key === 'suppress') return notes.add(where, msg(m.whyDiagnostics, { key }));
  if (key === 'crdDir') return notes.add(where, msg(m.whyCrd, { key, value: short(value) }));
  return notes.add(where, msg(m.whyKey, { key, value: short(value) }));
}

function hasStepFiles(dir: string): boolean {
  return fs.readdirSync(dir).some((n) => STEP_FILE.test(n) || (STEP_DIR.test(n) && fs.statSync(path.join(dir, n)).isDirectory()));
}

function subfolders(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => path.join(dir, e.name))
    .sort();
}

/** The common folder of several paths. */
function commonRoot(paths: string[]): string {
  let root = paths[0];
  for (const p of paths) while (p !== root && !p.startsWith(`${root}${path.sep}`)) root = path.dirname(root);
  return root;
}

/** Command entries (TestSuite, TestStep, TestAssert `commands`) as steps; what cannot be converted, noted. */
function commandSteps(commands: unknown, where: string, notes: Notes): DraftStep[] {
  const out: DraftStep[] = [];
  if (!Array.isArray(commands)) return out;
  for (const c of commands) {
    if (!isObj(c)) continue;
    const comments: string[] = [];
    if (c.ignoreFailure === true) notes.add(where, msg(m.whyIgnoreFailure));
    if (c.background === true) notes.add(where, msg(m.whyKey, { key: 'background', value: 'true' }));
    if (c.timeout !== undefined) notes.add(where, msg(m.whyTimeout, { key: 'timeout', value: short(c.timeout) }));
    if (typeof c.command === 'string') {
      const step = commandStep(c.command);
      if (step) out.push({ comments, step });
      else notes.add(where, msg(m.whyCommand, { command: short(c.command) }));
    } else if (typeof c.script === 'string') {
      const steps = scriptSteps(c.script);
      if (steps) steps.forEach((step, i) => out.push({ comments: i === 0 ? comments : [], step }));
      else notes.add(where, msg(m.whyScript, { script: short(c.script) }));
    }
  }
  return out;
}

function readSuite(dir: string, given: string): Suite {
  const suiteNotes = new Notes();
  const configFile = path.join(dir, 'kuttl-test.yaml');
  let testDirs: string[] | undefined;
  const manifestDirs: string[] = [];
  const prelude: DraftStep[] = [];
  let config: string | undefined;
  if (fs.existsSync(configFile)) {
    config = configFile;
    for (const d of docsOf(configFile, dir)) {
      const v = d.value as Obj;
      if (kuttlKind(d, dir) !== 'TestSuite') continue;
      for (const [key, value] of Object.entries(v)) {
        if (key === 'apiVersion' || key === 'kind' || key === 'metadata') continue;
        const where = at(dir, d.keyAt([key]));
        if (key === 'testDirs' && Array.isArray(value)) testDirs = value.filter((x): x is string => typeof x === 'string').map((x) => path.resolve(dir, x));
        else if (key === 'manifestDirs' && Array.isArray(value)) manifestDirs.push(...value.filter((x): x is string => typeof x === 'string').map((x) => path.resolve(dir, x)));
        else if (key === 'commands') prelude.push(...commandSteps(value, where, suiteNotes));
        else suiteNote(suiteNotes, where, key, value);
      }
    }
  }
  let cases: string[];
  if (testDirs) cases = testDirs.filter((t) => fs.existsSync(t)).flatMap((t) => subfolders(t).filter(hasStepFiles));
  else if (hasStepFiles(dir)) cases = [dir];
  else cases = subfolders(dir).filter(hasStepFiles);
  if (cases.length === 0) throw new UsageError(msg(m.notKuttlSuite, { dir: given }), false);
  const root = commonRoot([dir, ...cases, ...manifestDirs.filter((d) => fs.existsSync(d))]);
  for (const d of manifestDirs) {
    const rel = specPath(root, d);
    if (rel && fs.existsSync(d)) prelude.unshift({ comments: [`manifestDirs: ${rel}`], step: { apply: rel } });
  }
  return { root, cases, prelude, suiteNotes, config };
}

/** One test case: its steps in index order. */
function importCase(caseDir: string, suite: Suite): SpecDraft {
  const { root } = suite;
  const notes = new Notes();
  const steps: DraftStep[] = [];
  const applied = new Applied();
  const groups = new Map<number, { index: string; files: string[] }>();
  for (const name of fs.readdirSync(caseDir).sort()) {
    const mm = STEP_FILE.exec(name) ?? STEP_DIR.exec(name);
    if (!mm) continue;
    const n = Number(mm[1]);
    const g = groups.get(n) ?? { index: mm[1], files: [] };
    g.files.push(path.join(caseDir, name));
    groups.set(n, g);
  }

  /** Expectations of an assert or errors file: the file itself when the spec can read it as it is. */
  const expectations = (file: string, absent: boolean, comments: string[], before: DraftStep[]): Obj[] => {
    const rel = specPath(root, file);
    const where = at(root, file);
    if (!rel) {
      notes.add(where, msg(m.whyOutside, { file: where }));
      return [];
    }
    const docs = docsOf(file, root);
    let clean = true;
    const inline: Obj[] = [];
    for (const d of docs) {
      const v = d.value as Obj;
      const kind = kuttlKind(d, root);
      if (kind === 'TestAssert') {
        clean = false;
        comments.push(msg(m.inlined, { file: rel, kind }));
        for (const [key, value] of Object.entries(v)) {
          const w = at(root, d.keyAt([key]));
          if (key === 'apiVersion' || key === 'kind' || key === 'metadata') continue;
          if (key === 'timeout') notes.add(w, msg(m.whyTimeout, { key, value: short(value) }));
          else if (key === 'collectors') notes.add(w, msg(m.whyDiagnostics, { key }));
          else if (key === 'commands') before.push(...commandSteps(value, w, notes));
          else if (['resourceRefs', 'assertAll', 'assertAny'].includes(key)) notes.add(w, msg(m.whyCel, { key }));
          else notes.add(w, msg(m.whyKey, { key, value: short(value) }));
        }
      } else if (kind) {
        clean = false;
        notes.add(at(root, d.position), msg(m.whyKey, { key: 'kind', value: kind }));
      } else if (!served(v)) {
        clean = false;
        notes.add(at(root, d.position), msg(m.whyNotServed, { file: rel, kind: String(v.kind), version: String(v.apiVersion) }));
      } else inline.push(assertionEntry(v, absent));
    }
    if (clean) return [absent ? { file: rel, absent: true } : { file: rel }];
    return inline;
  };

  /** The objects of an apply file: the file itself, or (with KUTTL's own documents, or objects that exist by then) each object. */
  const applies = (file: string, list: string[], extra: DraftStep[], stepDocs: { value: Obj; where: string }[]): void => {
    const rel = specPath(root, file);
    const where = at(root, file);
    if (!rel) {
      notes.add(where, msg(m.whyOutside, { file: where }));
      return;
    }
    const docs = docsOf(file, root);
    const objects = docs.filter((d) => !kuttlKind(d, root));
    for (const d of docs) {
      const kind = kuttlKind(d, root);
      if (kind === 'TestStep') stepDocs.push({ value: d.value as Obj, where: at(root, d.position) });
      else if (kind === 'TestFile') notes.add(at(root, d.position), msg(m.whyKey, { key: 'TestFile', value: short((d.value as Obj).testRunSelector ?? '') }));
      else if (kind) notes.add(at(root, d.position), msg(m.whyKey, { key: 'kind', value: kind }));
    }
    const r = applied.apply(
      objects.map((d) => d.value as Obj),
      { rel, whole: objects.length === docs.length, verb: 'apply', tool: 'KUTTL', notes, where: (i) => at(root, objects[i].position) },
    );
    if (r.file) list.push(r.file);
    extra.push(...r.steps);
  };

  for (const [, g] of [...groups.entries()].sort((a, b) => a[0] - b[0])) {
    const applyList: string[] = [];
    const extra: DraftStep[] = [];
    const stepDocs: { value: Obj; where: string }[] = [];
    const asserts: { file: string; absent: boolean }[] = [];
    let label = '';
    for (const file of g.files) {
      const base = path.basename(file);
      if (fs.statSync(file).isDirectory()) {
        // A step folder: its files are the step's, named without the index.
        notes.add(at(root, file), msg(m.whyStepDir, { dir: specPath(root, file) ?? base }));
        for (const inner of fs.readdirSync(file).filter((n) => n.endsWith('.yaml')).sort()) {
          const f = path.join(file, inner);
          if (/^(assert|errors)/.test(inner)) asserts.push({ file: f, absent: inner.startsWith('errors') });
          else applies(f, applyList, extra, stepDocs);
        }
        label ||= base;
        continue;
      }
      const [, , kind, template] = STEP_FILE.exec(base)!;
      if (template) {
        notes.add(at(root, file), msg(m.whyTemplate, { file: specPath(root, file) ?? base }));
        continue;
      }
      if (kind === 'assert' || kind === 'errors') asserts.push({ file, absent: kind === 'errors' });
      else {
        applies(file, applyList, extra, stepDocs);
        label ||= base.replace(/\.yaml$/, '');
      }
    }
    label ||= `${g.index}-${asserts.length ? 'assert' : 'step'}`;
    // A TestStep's own keys, in KUTTL's order: delete, commands, apply; assert and error after.
    const deletes: DraftStep[] = [];
    const commands: DraftStep[] = [];
    for (const { value: ts, where } of stepDocs) {
      for (const [key, value] of Object.entries(ts)) {
        if (key === 'apiVersion' || key === 'kind' || key === 'metadata') continue;
        const files = Array.isArray(value) ? value.filter((f): f is string => typeof f === 'string').map((f) => path.resolve(caseDir, f)) : [];
        if (key === 'delete' && Array.isArray(value)) deletes.push(...value.filter(isObj).map((ref) => ({ comments: [], step: deleteStep(ref) })));
        else if (key === 'commands') commands.push(...commandSteps(value, where, notes));
        else if (key === 'apply') {
          for (const f of files) applies(f, applyList, extra, []);
        } else if (key === 'assert' || key === 'error') {
          for (const f of files) asserts.push({ file: f, absent: key === 'error' });
        } else if (key === 'index') notes.add(where, msg(m.whyKey, { key, value: short(value) }));
        else suiteNote(notes, where, key, value);
      }
    }
    const group: DraftStep[] = [...deletes, ...commands];
    if (applyList.length) group.push({ comments: [], step: { apply: applyList.length === 1 ? applyList[0] : applyList } });
    group.push(...extra);
    const expectComments: string[] = [];
    const before: DraftStep[] = [];
    const expect = asserts.flatMap((a) => expectations(a.file, a.absent, expectComments, before));
    group.push(...before);
    if (expect.length || group.length === 0) {
      if (group.length === 0) group.push({ comments: [], step: { wait: '0s' } });
      const last = group[group.length - 1];
      last.comments.push(...expectComments);
      last.step.expect = [...((last.step.expect as Obj[] | undefined) ?? []), ...expect];
    }
    group[group.length - 1].step = { name: label, ...group[group.length - 1].step };
    group[0].comments.unshift(msg(m.stepComment, { index: g.index, files: g.files.map((f) => specPath(root, f) ?? path.basename(f)).join(', ') }), ...notes.flush());
    steps.push(...group);
  }
  const name = path.basename(caseDir);
  return {
    file: specFileName(name),
    header: [msg(m.header, { tool: 'kuttl', source: specPath(root, caseDir) ?? '.' }), msg(m.headerNamespace, { tool: 'KUTTL' })],
    name,
    steps: [...suite.prelude.map((s) => ({ comments: [...s.comments], step: { ...s.step } })), ...steps],
    notes: notes.list,
  };
}

export interface KuttlImport {
  drafts: SpecDraft[];
  root: string;
  /** The suite's own notes (kuttl-test.yaml), said once rather than per spec. */
  suiteNotes: Notes;
}

/** `dir`: the suite folder (absolute); `given`: as the command line names it. */
export function importKuttl(dir: string, given = dir): KuttlImport {
  const suite = readSuite(dir, given);
  const drafts = suite.cases.map((c) => importCase(c, suite));
  if (suite.suiteNotes.list.length) {
    for (const d of drafts) d.header.push(...suite.suiteNotes.list.map((n) => `${n.at}: ${msg(m.noEquivalent, { what: n.what })}`));
  }
  return { drafts, root: suite.root, suiteNotes: suite.suiteNotes };
}
