// Loading `*.spec.yaml` files: parse (safely, with positions), validate every document, and build
// the spec model. A document with problems becomes a load error carrying every problem (up to
// MAX_PROBLEMS per file) with file:line:column and a hint, so nothing runs on a broken spec.
import * as fs from 'fs';
import * as path from 'path';
import { parseYaml, YamlError, type Position, type YamlDocument, type YamlLimits } from '../manifest/yaml';
import { FileAccessError, readLimited } from '../manifest/files';
import { resolveResource } from '../apiserver/kinds';
import { nodesFromNames, type ClusterOptions, type NodeConfig } from '../cluster/config';
import { parseDuration } from '../util/clock';
import type { Action, Assertion, Cascade, DocPath, Grading, ManifestSource, ObjectAssertion, Pick, Spec, SpecLimits, Step } from './model';
import { readAssertFiles } from './assert-files';
import { ACTION_KEYS } from './schema';
import { textPattern, type TextPattern } from './pattern';
import { isTemplated, stepIsTemplated } from './references';
import { MAX_PROBLEMS, validateSpecDocument, type SpecProblem } from './validate';
import { summarizeAction } from './summary';
import { msg } from '../i18n';
import { loadMessages as m } from '../i18n/messages/load';

export type LoadedDocument =
  | { ok: true; spec: Spec }
  | {
      ok: false;
      /** The spec's name when it could be read, else `<file> #<n>`. */
      name: string;
      index: number;
      location: Position;
      /** The spec's points when readable (so a broken spec still weighs in a grade). */
      points: number;
      problems: SpecProblem[];
      /** Problems left out past the per-file cap. */
      more: number;
    };

export interface LoadedFile {
  file: string;
  documents: LoadedDocument[];
}

export interface LoadOptions {
  yamlLimits?: Partial<YamlLimits>;
  /** Largest spec file accepted (default 1 MiB). */
  maxBytes?: number;
  /**
   * Whether a spec's `manifests:` folder must exist (default yes). Not when every manifest comes
   * from a submission: a Gradescope autograder ships the specs without the instructor's manifests.
   */
  manifestsFolderNeeded?: boolean;
}

/** Load a spec file from disk. `display` is how the file is named in messages. */
export function loadSpecFile(absolute: string, display: string, opts: LoadOptions = {}): LoadedFile {
  let text: string;
  try {
    text = readLimited({ absolute, display }, opts.maxBytes ?? 1024 * 1024);
  } catch (e) {
    const msg = e instanceof FileAccessError ? e.message : `${display}: ${(e as Error).message}`;
    return fileError(display, msg, { file: display, line: 1, column: 1 });
  }
  return loadSpecText(text, display, path.dirname(absolute), opts);
}

/** Load spec text; `dir` is the folder relative manifest paths resolve against. */
export function loadSpecText(text: string, display: string, dir: string, opts: LoadOptions = {}): LoadedFile {
  let docs: YamlDocument[];
  try {
    // A spec file reads as YAML 1.2 (core schema); the manifests it names read as kubectl reads them.
    docs = parseYaml(text, display, { ...opts.yamlLimits, reading: 'spec' });
  } catch (e) {
    if (e instanceof YamlError) return fileError(display, msg(m.invalidYaml, { message: e.message }), e.position);
    return fileError(display, msg(m.invalidYaml, { message: (e as Error).message }), { file: display, line: 1, column: 1 });
  }
  if (docs.length === 0) return fileError(display, msg(m.noSpec), { file: display, line: 1, column: 1 }, msg(m.noSpecHint));
  const documents: LoadedDocument[] = [];
  const names = new Map<string, number>();
  let budget = MAX_PROBLEMS;
  for (const doc of docs) {
    const problems = validateSpecDocument(doc);
    const value = doc.value as Record<string, unknown>;
    const manifests = manifestDir(value, dir);
    if (manifests && opts.manifestsFolderNeeded !== false && !isDirectory(manifests)) {
      problems.push({
        message: msg(m.manifestsNotFolder, { value: JSON.stringify(value.manifests), path: manifests }),
        location: doc.at(['manifests']),
        hint: msg(m.manifestsNotFolderHint),
        path: ['manifests'],
      });
    }
    const name = value && typeof value === 'object' && typeof value.name === 'string' && value.name ? value.name : undefined;
    if (name !== undefined) {
      const first = names.get(name);
      if (first !== undefined) {
        problems.unshift({
          message: msg(m.duplicateName, { n: first + 1, name: JSON.stringify(name) }),
          location: doc.at(['name']),
          hint: msg(m.duplicateNameHint),
          path: ['name'],
        });
      } else names.set(name, doc.index);
    }
    // Assert files (`{ file: 00-assert.yaml }`) are read now, beside the spec: their problems are load errors.
    const asserts = readAssertFiles(doc, [manifests ?? dir, dir], display, dir);
    problems.push(...asserts.problems);
    if (problems.length) {
      const shown = problems.slice(0, Math.max(1, budget));
      budget -= shown.length;
      const points = value && typeof value === 'object' && typeof value.points === 'number' && value.points >= 0 ? value.points : 1;
      documents.push({ ok: false, name: name ?? `${display} #${doc.index + 1}`, index: doc.index, location: doc.position, points, problems: shown, more: problems.length - shown.length });
      continue;
    }
    documents.push({ ok: true, spec: buildSpec(doc, manifests ?? dir, asserts.byPath) });
  }
  return { file: display, documents };
}

/** The folder a spec's `manifests:` names, resolved against the spec file's folder. */
function manifestDir(value: unknown, dir: string): string | undefined {
  const m = value && typeof value === 'object' ? (value as Record<string, unknown>).manifests : undefined;
  return typeof m === 'string' && m ? path.resolve(dir, m) : undefined;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function fileError(file: string, message: string, location: Position, hint?: string): LoadedFile {
  return { file, documents: [{ ok: false, name: file, index: 0, location, points: 1, problems: [{ message, location, hint, path: [] }], more: 0 }] };
}

// ---- building the model from a validated document --------------------------------------------

type Obj = Record<string, any>;

function kindName(k: string): string {
  return resolveResource(k)?.kind ?? k;
}

/** The object assertions of each assert file, by the path of its `{ file }` entry (`steps.0.expect.1`). */
type AssertFiles = ReadonlyMap<string, ObjectAssertion[]>;

function buildSpec(doc: YamlDocument, dir: string, assertFiles: AssertFiles): Spec {
  const v = doc.value as Obj;
  const cluster: ClusterOptions = {};
  const c = (v.cluster ?? {}) as Obj;
  if (c.nodes) {
    cluster.nodes = (c.nodes as (string | Obj)[]).map((n): NodeConfig => {
      if (typeof n === 'string') return nodesFromNames([n])[0];
      const byName = nodesFromNames([n.name])[0];
      return { ...byName, ...n, controlPlane: n.controlPlane ?? byName.controlPlane } as NodeConfig;
    });
  }
  if (c.images?.unavailable) cluster.images = { unavailable: [...c.images.unavailable] };
  if (c.timing) {
    const t: ClusterOptions['timing'] = {};
    if (c.timing.imagePull !== undefined) t.imagePullMs = parseDuration(c.timing.imagePull);
    if (c.timing.containerStart !== undefined) t.containerStartMs = parseDuration(c.timing.containerStart);
    if (c.timing.containerStop !== undefined) t.containerStopMs = parseDuration(c.timing.containerStop);
    cluster.timing = t;
  }
  if (c.recordEvents !== undefined) cluster.recordEvents = c.recordEvents;
  if (c.maxObjectsPerKind !== undefined || c.maxReplicas !== undefined) {
    cluster.limits = {};
    if (c.maxObjectsPerKind !== undefined) cluster.limits.maxObjectsPerKind = c.maxObjectsPerKind;
    if (c.maxReplicas !== undefined) cluster.limits.maxReplicas = c.maxReplicas;
  }
  const limits: SpecLimits = {};
  if (v.limits?.reconciles !== undefined) limits.maxReconciles = v.limits.reconciles;
  if (v.limits?.simulatedTime !== undefined) limits.maxSimulatedMs = parseDuration(v.limits.simulatedTime);
  if (v.limits?.wallTime !== undefined) limits.maxWallMs = parseDuration(v.limits.wallTime);

  const specGrading = (v as Obj) as { visibility?: Grading['visibility']; tags?: string[]; feedback?: Grading['feedback'] };
  const steps = (v.steps as Obj[]).map((s, i) => buildStep(doc, s, i, specGrading, assertFiles));
  const own = steps.filter((s) => s.points !== undefined);
  const ownSum = own.reduce((a, s) => a + s.points!, 0);
  const pointsGiven = typeof v.points === 'number';
  // The spec's points are its whole weight; without `points`, the steps without their own share 1.
  const points = pointsGiven ? v.points : ownSum + (own.length < steps.length ? 1 : 0);
  return {
    name: v.name,
    description: v.description,
    points,
    pointsGiven,
    cluster,
    seed: c.seed,
    limits,
    ...(v.skip === true || typeof v.skip === 'string' ? { skip: typeof v.skip === 'string' ? { reason: v.skip } : {} } : {}),
    only: v.only === true,
    tags: Array.isArray(v.tags) ? [...v.tags] : [],
    steps,
    file: doc.file,
    dir,
    index: doc.index,
    location: doc.position,
    doc,
  };
}

/** A step's grading view: its own keys over the spec's; feedback `full` for visible tests, else `summary`. */
function gradingOf(spec: Partial<Grading>, step: Partial<Grading>): Grading {
  const visibility = step.visibility ?? spec.visibility ?? 'visible';
  const tags = step.tags ?? spec.tags;
  return { visibility, ...(tags ? { tags } : {}), feedback: step.feedback ?? spec.feedback ?? (visibility === 'visible' ? 'full' : 'summary') };
}

/** A step's `expect` or `throughout` list, each assert file entry replaced by its documents' assertions. */
function assertions(doc: YamlDocument, list: unknown, p: DocPath, assertFiles: AssertFiles): Assertion[] {
  return ((list ?? []) as Obj[]).flatMap((a, j) => assertFiles.get([...p, j].join('.')) ?? [buildAssertion(doc, a, [...p, j])]);
}

function buildStep(doc: YamlDocument, s: Obj, index: number, spec: Partial<Grading>, assertFiles: AssertFiles): Step {
  const p: DocPath = ['steps', index];
  const key = ACTION_KEYS.find((k) => s[k] !== undefined)!;
  const action = buildAction(doc, key, s[key], [...p, key]);
  if (action.type === 'kubectl' && s.edit !== undefined) action.edit = typeof s.edit === 'string' ? { content: s.edit } : { replace: s.edit };
  const expect = assertions(doc, s.expect, [...p, 'expect'], assertFiles);
  const throughout = assertions(doc, s.throughout, [...p, 'throughout'], assertFiles);
  const eventually = assertions(doc, s.eventually, [...p, 'eventually'], assertFiles);
  return {
    index,
    name: s.name ?? summarizeAction(action),
    location: doc.at(p),
    action,
    actionLocation: doc.keyAt([...p, key]),
    settle: s.settle !== false,
    expectError: s.expectError !== undefined ? { ...pattern(s.expectError), location: doc.at([...p, 'expectError']) } : undefined,
    expect,
    throughout,
    eventually,
    ...(stepIsTemplated(s) ? { templated: true } : {}),
    points: s.points,
    grading: gradingOf(spec, s as Partial<Grading>),
  };
}

/**
 * A text pattern; a `/regex/` holding `${NAME}` references may not compile before they are put in
 * place, so until then it is kept as written (the step is built again before it runs).
 */
function pattern(source: string): TextPattern {
  if (!isTemplated(source)) return textPattern(source);
  try {
    return textPattern(source);
  } catch {
    return { source };
  }
}

/**
 * Build step `index` of a loaded spec again from `value`, its document value with the references
 * put in place (runner/variables.ts). Its name stays as loaded, and so do the assertions its assert
 * files gave (read when the spec loaded).
 */
export function rebuildStep(spec: Spec, index: number, value: unknown): Step {
  const old = spec.steps[index];
  const files = new Map<string, ObjectAssertion[]>();
  for (const a of [...old.expect, ...old.throughout, ...old.eventually]) {
    if (a.type !== 'object' || a.path[4] !== 'file') continue;
    const key = a.path.slice(0, 4).join('.');
    files.set(key, [...(files.get(key) ?? []), a]);
  }
  const step = buildStep(spec.doc, value as Obj, index, spec.doc.value as Partial<Grading>, files);
  return { ...step, name: old.name, templated: undefined };
}

/** Build the assertion at `path` (`['steps', i, 'expect', j]`) of a loaded spec again from `value` (its references put in place). */
export function rebuildAssertion(spec: Spec, path: DocPath, value: unknown): Assertion {
  return buildAssertion(spec.doc, value as Obj, path);
}

function buildAction(doc: YamlDocument, key: (typeof ACTION_KEYS)[number], v: any, p: DocPath): Action {
  const ns = (o: Obj) => (o.namespace as string | undefined) ?? 'default';
  switch (key) {
    case 'apply':
    case 'create': {
      let source: ManifestSource;
      if (typeof v === 'string') source = { files: [v] };
      else if (Array.isArray(v)) source = { files: [...v] };
      else if (typeof v.manifest === 'string') source = { text: v.manifest, location: doc.at([...p, 'manifest']) };
      else source = { objects: Array.isArray(v.manifest) ? v.manifest : [v.manifest], location: doc.at([...p, 'manifest']) };
      return { type: key, source };
    }
    case 'delete':
      return {
        type: 'delete',
        kind: v.kind !== undefined ? kindName(v.kind) : undefined,
        name: v.name,
        selector: v.selector,
        file: v.file,
        pick: (v.pick ?? 'all') as Pick,
        cascade: (v.cascade ?? 'background') as Cascade,
        namespace: ns(v),
        gracePeriod: v.gracePeriod,
      };
    case 'scale':
      return { type: 'scale', kind: kindName(v.kind), name: v.name, replicas: v.replicas, namespace: ns(v) };
    case 'setImage':
      return { type: 'setImage', kind: kindName(v.kind ?? 'Deployment'), name: v.name, container: v.container, image: v.image, namespace: ns(v) };
    case 'rollout':
      return { type: 'rollout', action: v.action, kind: kindName(v.kind ?? 'Deployment'), name: v.name, toRevision: v.toRevision, namespace: ns(v) };
    case 'kubectl':
      return { type: 'kubectl', command: v };
    case 'label': {
      const set: Record<string, string> = {};
      for (const [k, x] of Object.entries((v.set ?? {}) as Obj)) set[k] = String(x);
      return { type: 'label', kind: kindName(v.kind), name: v.name, selector: v.selector, pick: (v.pick ?? 'all') as Pick, set, remove: v.remove ?? [], namespace: ns(v) };
    }
    case 'wait':
      return { type: 'wait', ms: parseDuration(v)!, text: typeof v === 'number' ? `${v}s` : v };
    case 'node':
      return { type: 'node', name: v.name, ready: v.ready, unschedulable: v.unschedulable };
    case 'patch':
      return { type: 'patch', kind: kindName(v.kind), name: v.name, namespace: ns(v), patchType: v.type ?? 'strategic', patch: v.patch };
  }
}

function buildAssertion(doc: YamlDocument, a: Obj, p: DocPath): Assertion {
  const location = doc.at(p);
  if (a.request !== undefined) {
    const r = a.request as Obj;
    const namespace = r.namespace ?? 'default';
    return {
      type: 'request',
      location,
      path: p,
      request:
        r.nodePort !== undefined
          ? { nodePort: r.nodePort, node: r.node ?? r.fromNode, namespace }
          : { service: r.service, port: r.port, namespace, ...(r.fromNode !== undefined ? { fromNode: r.fromNode } : {}) },
      times: a.times ?? 1,
      reaches: a.reaches ? { selector: a.reaches.selector, all: a.reaches.all === true } : undefined,
      fails: a.fails === true ? true : undefined,
      ...(a.answers ? { answers: (a.answers as Obj[]).map((x) => ({ selector: x.selector, share: { ...x.share } })) } : {}),
      ...(a.sameBackend === true ? { sameBackend: true } : {}),
      ...(a.body !== undefined ? { body: pattern(a.body) } : {}),
    };
  }
  if (a.output !== undefined || a.exitCode !== undefined) {
    return { type: 'output', location, path: p, output: a.output !== undefined ? pattern(a.output) : undefined, exitCode: a.exitCode };
  }
  return {
    type: 'object',
    location,
    path: p,
    kind: kindName(a.kind),
    name: a.name,
    selector: a.selector,
    fieldSelector: a.fieldSelector,
    namespace: a.namespace ?? 'default',
    where: a.where,
    count: a.count,
    absent: a.absent,
    match: a.match,
    ownedBy:
      a.ownedBy === 'none'
        ? 'none'
        : a.ownedBy
          ? { kind: kindName(a.ownedBy.kind), ...(a.ownedBy.name !== undefined ? { name: a.ownedBy.name } : {}), transitive: a.ownedBy.transitive === true, controller: a.ownedBy.controller !== false }
          : undefined,
    ...(a.not !== undefined ? { not: a.not } : {}),
    ...(a.pick !== undefined ? { pick: a.pick as Pick } : {}),
    ...(a.capture !== undefined ? { capture: { ...a.capture } } : {}),
  };
}
