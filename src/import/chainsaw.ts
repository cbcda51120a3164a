// `kubespec import chainsaw DIR`: Chainsaw tests (kyverno/chainsaw, website/docs: `chainsaw-test.yaml`
// files holding a `Test`) as specs, one per Test. Each step's `try` operations, then its `finally`
// ones (a spec runs every step whatever failed before), become spec steps: `apply`/`create` (an object
// that exists by then as a merge patch, as Chainsaw applies), `patch`/`update` as merge patches,
// `delete`, `script` and `command` running kubectl, `sleep` as a wait; `assert` and `error` are the
// `expect` of the spec step before them (`{ file }`, `{ file, absent: true }`, or the resource inline).
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
  commandLine,
  commandStep,
  deleteStep,
  isObj,
  mergePatchStep,
  Notes,
  objectKey,
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

const TEST_FILES = ['chainsaw-test.yaml', 'chainsaw-test.yml'];
const ACTIONS = ['apply', 'create', 'update', 'patch', 'delete', 'assert', 'error', 'script', 'command', 'sleep', 'wait', 'get', 'describe', 'events', 'podLogs', 'proxy'];

/** Every `chainsaw-test.yaml` under `dir` (hidden folders and node_modules aside), sorted. */
function testFiles(dir: string, depth = 0): string[] {
  if (depth > 32) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') out.push(...testFiles(p, depth + 1));
    else if (e.isFile() && TEST_FILES.includes(e.name)) out.push(p);
  }
  return out;
}

/** A key of an assertion tree that Chainsaw evaluates (`(expr)`, `~.(list)`, `(spec)->b`). */
function expressionKey(v: unknown, depth = 0): string | undefined {
  if (depth > 64) return undefined;
  if (Array.isArray(v)) {
    for (const x of v) {
      const k = expressionKey(x, depth + 1);
      if (k) return k;
    }
  } else if (isObj(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (/^[(~]|\)->/.test(k)) return k;
      const inner = expressionKey(x, depth + 1);
      if (inner) return inner;
    }
  }
  return undefined;
}

class TestBuilder {
  readonly notes = new Notes();
  readonly steps: DraftStep[] = [];
  private readonly applied = new Applied();

  constructor(
    private readonly root: string,
    private readonly testDir: string,
  ) {}

  private where(p: YamlDocument | string, keyPath: (string | number)[] = []): string {
    return typeof p === 'string' ? p : at(this.root, p.at(keyPath));
  }

  /** A file an operation names, as a spec path; undefined (noted) for a URL, a glob or a file outside the suite. */
  private file(name: string, where: string): { rel: string; abs: string } | undefined {
    if (/^https?:\/\//.test(name)) {
      this.notes.add(where, msg(m.whyUrl, { url: name }));
      return undefined;
    }
    if (/[*?[]/.test(name)) {
      this.notes.add(where, msg(m.whyTemplate, { file: name }));
      return undefined;
    }
    const abs = path.resolve(this.testDir, name);
    const rel = specPath(this.root, abs);
    if (!rel) this.notes.add(where, msg(m.whyOutside, { file: name }));
    return rel ? { rel, abs } : undefined;
  }

  private push(step: Obj, comments: string[] = []): DraftStep {
    const s = { comments, step };
    this.steps.push(s);
    return s;
  }

  /** The step an assertion checks after: the last one, or a wait of nothing when there is none. */
  private expectOn(entries: Obj[], comments: string[]): void {
    if (entries.length === 0 && comments.length === 0) return;
    const last = this.steps[this.steps.length - 1] ?? this.push({ wait: '0s' });
    last.comments.push(...comments);
    if (entries.length) last.step.expect = [...((last.step.expect as Obj[] | undefined) ?? []), ...entries];
  }

  /** Objects to apply or create (see Applied): the steps, pushed in order. */
  private applyObjects(objects: Obj[], where: string, verb: 'apply' | 'create', rel?: string): DraftStep[] {
    const r = this.applied.apply(objects, { rel, whole: true, verb, tool: 'Chainsaw', notes: this.notes, where: () => where });
    const steps = r.file ? [{ comments: [], step: { [verb]: r.file } }] : r.steps;
    for (const s of steps) this.steps.push(s);
    return steps;
  }

  /** The objects an operation names (`file` or `resource`), with the spec path of the file. */
  private objects(op: Obj, where: string): { objects: Obj[]; rel?: string; docs?: YamlDocument[] } | undefined {
    if (isObj(op.resource)) return { objects: [op.resource] };
    if (typeof op.file !== 'string') return undefined;
    const f = this.file(op.file, where);
    if (!f) return undefined;
    const docs = readDocs(f.abs);
    for (const d of docs) if (!isObj(d.value)) throw new UsageError(msg(m.notAMap, { at: at(this.root, d.position), what: 'a document' }), false);
    return { objects: docs.map((d) => d.value as Obj), rel: f.rel, docs };
  }

  /** Assertions (`assert`, or `error` when absent): the file itself when it holds no expression and only kinds the cluster serves. */
  private assertions(op: Obj, where: string, absent: boolean): void {
    const got = this.objects(op, where);
    if (!got) return;
    const comments: string[] = [];
    const entries: Obj[] = [];
    let clean = got.rel !== undefined;
    got.objects.forEach((o, i) => {
      const w = got.docs ? at(this.root, got.docs[i].position) : where;
      const expr = expressionKey(o);
      if (expr) {
        clean = false;
        this.notes.add(w, msg(m.whyExpression, { key: expr, file: got.rel ?? 'resource' }));
      } else if (!served(o)) {
        clean = false;
        this.notes.add(w, msg(m.whyNotServed, { file: got.rel ?? where, kind: String(o.kind), version: String(o.apiVersion) }));
      } else entries.push(assertionEntry(o, absent));
    });
    if (clean) this.expectOn([absent ? { file: got.rel, absent: true } : { file: got.rel }], []);
    else this.expectOn(entries, comments);
  }

  /** One operation of a step's `try` or `finally`. */
  operation(op: unknown, d: YamlDocument, p: (string | number)[]): void {
    const where = this.where(d, p);
    if (!isObj(op)) return;
    const action = ACTIONS.find((a) => op[a] !== undefined);
    const comments: string[] = [];
    for (const key of Object.keys(op)) {
      if (key === action || key === 'description') continue;
      if (key === 'timeout') this.notes.add(where, msg(m.whyTimeout, { key, value: short(op[key]) }));
      else this.notes.add(where, msg(m.whyKey, { key, value: short(op[key]) }));
    }
    if (!action) return;
    const body = op[action];
    const inner = isObj(body) ? body : {};
    // `check: { ($error != null): true }`: the operation must fail.
    const check = isObj(inner.check) ? inner.check : undefined;
    const mustFail = check && Object.keys(check).length === 1 && /^\(\s*\$error\s*!=\s*null\s*\)$/.test(Object.keys(check)[0]) && Object.values(check)[0] === true;
    for (const key of Object.keys(inner)) {
      if (['file', 'resource', 'ref', 'content', 'entrypoint', 'args', 'duration'].includes(key) || (key === 'check' && mustFail)) continue;
      if (key === 'timeout') this.notes.add(where, msg(m.whyTimeout, { key: `${action}.${key}`, value: short(inner[key]) }));
      else if (key === 'template') this.notes.add(where, msg(m.whyTemplate, { file: `${action}.${key}` }));
      else this.notes.add(where, msg(m.whyKey, { key: `${action}.${key}`, value: short(inner[key]) }));
    }
    const made: DraftStep[] = [];
    switch (action) {
      case 'apply':
      case 'create': {
        const got = this.objects(inner, where);
        if (got) made.push(...this.applyObjects(got.objects, where, action, got.rel));
        break;
      }
      case 'update':
      case 'patch': {
        const got = this.objects(inner, where);
        for (const o of got?.objects ?? []) if (served(o) && objectKey(o)) made.push(this.push(mergePatchStep(o)));
        break;
      }
      case 'assert':
      case 'error':
        this.assertions(inner, where, action === 'error');
        break;
      case 'delete': {
        if (isObj(inner.ref)) made.push(this.push(deleteStep(inner.ref)));
        else if (typeof inner.file === 'string') {
          const f = this.file(inner.file, where);
          if (f) made.push(this.push({ delete: { file: f.rel } }));
        }
        break;
      }
      case 'script': {
        const steps = typeof inner.content === 'string' ? scriptSteps(inner.content) : undefined;
        if (steps) for (const s of steps) made.push(this.push(s));
        else this.notes.add(where, msg(m.whyScript, { script: short(inner.content) }));
        break;
      }
      case 'command': {
        const words = [inner.entrypoint, ...(Array.isArray(inner.args) ? inner.args : [])].map(String);
        const step = commandStep(commandLine(words));
        if (step) made.push(this.push(step));
        else this.notes.add(where, msg(m.whyCommand, { command: short(words.join(' ')) }));
        break;
      }
      case 'sleep':
        made.push(this.push({ wait: typeof inner.duration === 'string' || typeof inner.duration === 'number' ? inner.duration : '1s' }));
        break;
      case 'wait':
        // kubespec settles the cluster before every assertion: waiting for a condition is what each step already does.
        this.notes.add(where, msg(m.whyTimeout, { key: 'wait', value: short(body) }));
        break;
      default:
        this.notes.add(where, msg(m.whyDiagnostics, { key: action }));
    }
    if (mustFail) for (const s of made) s.step.expectError = '/./';
    if (made.length) made[0].comments.unshift(...comments);
    else if (comments.length) this.expectOn([], comments);
  }
}

/** Test-level keys with no equivalent, and why. */
function testNote(notes: Notes, where: string, key: string, value: unknown): void {
  if (key === 'timeouts') notes.add(where, msg(m.whyTimeout, { key, value: short(value) }));
  else if (key === 'namespace' || key === 'namespaceTemplate') notes.add(where, msg(m.whyNamespace, { key, value: short(value) }));
  else if (key === 'concurrent' || key === 'parallel') notes.add(where, msg(m.whyParallel, { key }));
  else if (['skipDelete', 'delayBeforeCleanup', 'deletionPropagationPolicy', 'cleanup'].includes(key)) notes.add(where, msg(m.whyCleanup, { key }));
  else if (key === 'catch') notes.add(where, msg(m.whyDiagnostics, { key }));
  else if (key === 'cluster' || key === 'clusters') notes.add(where, msg(m.whyCluster, { key }));
  else if (key === 'bindings' || key === 'template' || key === 'compiler') notes.add(where, msg(m.whyTemplate, { file: key }));
  else notes.add(where, msg(m.whyKey, { key, value: short(value) }));
}

function importTest(d: YamlDocument, file: string, root: string): SpecDraft {
  const v = d.value as Obj;
  const testDir = path.dirname(file);
  const b = new TestBuilder(root, testDir);
  const spec = isObj(v.spec) ? v.spec : {};
  const meta = isObj(v.metadata) ? v.metadata : {};
  const name = typeof meta.name === 'string' && meta.name ? meta.name : path.basename(testDir);
  let description: string | undefined;
  let skip: string | undefined;
  for (const [key, value] of Object.entries(spec)) {
    const where = at(root, d.keyAt(['spec', key]));
    if (key === 'steps') continue;
    if (key === 'description' && typeof value === 'string') description = value;
    else if (key === 'skip') skip = value === true ? msg(m.skippedInSuite) : undefined;
    else testNote(b.notes, where, key, value);
  }
  const header = [msg(m.header, { tool: 'chainsaw', source: specPath(root, file) ?? path.basename(file) }), msg(m.headerNamespace, { tool: 'Chainsaw' }), ...b.notes.flush()];
  const steps = Array.isArray(spec.steps) ? spec.steps : [];
  steps.forEach((st, i) => {
    if (!isObj(st)) return;
    const first = b.steps.length;
    for (const [key, value] of Object.entries(st)) {
      const where = at(root, d.keyAt(['spec', 'steps', i, key]));
      if (key === 'try' || key === 'finally') {
        if (Array.isArray(value)) value.forEach((op, j) => b.operation(op, d, ['spec', 'steps', i, key, j]));
      } else if (key !== 'name' && key !== 'description') testNote(b.notes, where, key, value);
    }
    const pending = b.notes.flush();
    if (b.steps.length === first && pending.length) {
      // Nothing of the step converted: what it held is said above the step before, or the spec.
      if (b.steps.length) b.steps[b.steps.length - 1].comments.push(...pending);
      else header.push(...pending);
    }
    if (b.steps.length > first) {
      const label = typeof st.name === 'string' ? st.name : `step-${i + 1}`;
      b.steps[first].comments.unshift(msg(m.stepComment, { index: i + 1, files: label }), ...pending);
      const last = b.steps[b.steps.length - 1];
      if (last.step.name === undefined) last.step = { name: label, ...last.step };
    }
  });
  return {
    file: specFileName(name),
    header,
    name,
    ...(description ? { description } : {}),
    ...(skip ? { skip } : {}),
    steps: b.steps,
    notes: b.notes.list,
  };
}

/** `dir`: the suite folder (absolute); `given`: as the command line names it. */
export function importChainsaw(dir: string, given = dir): { drafts: SpecDraft[]; root: string } {
  const files = testFiles(dir);
  if (files.length === 0) throw new UsageError(msg(m.notChainsawSuite, { dir: given }), false);
  const drafts: SpecDraft[] = [];
  for (const file of files) {
    for (const d of readDocs(file)) {
      const v = d.value;
      if (!isObj(v) || typeof v.apiVersion !== 'string' || !v.apiVersion.startsWith('chainsaw.kyverno.io/') || v.kind !== 'Test') {
        const found = isObj(v) ? `${String(v.apiVersion)} ${String(v.kind)}` : Array.isArray(v) ? 'a list' : JSON.stringify(v);
        throw new UsageError(msg(m.notChainsawTest, { at: at(dir, d.position), found }), false);
      }
      drafts.push(importTest(d, file, dir));
    }
  }
  return { drafts, root: dir };
}
