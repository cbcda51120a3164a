// Validation of a spec document before anything runs: the JSON Schema (compiled ahead of time with
// ajv's standalone code generation into schema.validator.ts, see schema-codegen.ts) and then the checks
// a schema cannot express (selector syntax, durations, regexes, kinds, combinations of keys). Every
// problem carries file:line:column and a one-line hint.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Position, YamlDocument } from '../manifest/yaml';
import { parseSelector } from '../apiserver/labels';
import { parseFieldSelector } from '../apiserver/fields';
import { KINDS, resolveResource } from '../apiserver/kinds';
import { parseDuration } from '../util/clock';
import { DEFAULT_NODES } from '../cluster/config';
import { shellOperator, tokenize, TokenizeError } from '../kubectl/tokenize';
import { ACTION_KEYS, SPEC_SCHEMA } from './schema';
import { isRegexLiteral, regexProblem } from './pattern';
import { BUILTIN_NAMES, NAME_PATTERN, forEachString, isLiteralPath, isTemplated, parseTemplate } from './references';
import { parseFieldPath } from './assertions/capture';
import { closest } from './suggest';
import type { DocPath } from './model';
import { msg, type Message } from '../i18n';
import { EXPECTED_FORMS, loadMessages as m } from '../i18n/messages/load';

/** One problem in a spec file. */
export interface SpecProblem {
  /** One line, starting with the path in the document (`steps[0].expect[1].count: ...`). */
  message: string;
  location: Position;
  /** How to fix it, in one line. */
  hint?: string;
  path: DocPath;
}

/** `file:line:col: message (hint)` */
export function renderProblem(p: SpecProblem): string {
  return `${p.location.file}:${p.location.line}:${p.location.column}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`;
}

/** Most problems reported per file: past this, the rest are summarised. */
export const MAX_PROBLEMS = 20;

let compiled: ValidateFunction | undefined;

/** The precompiled schema validator, loaded on first use (a large module: only commands that validate need it). */
function validator(): ValidateFunction {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  compiled ??= (require('./schema.validator') as { validate: ValidateFunction }).validate;
  return compiled;
}

/** All problems of one spec document (schema first, then semantic checks), sorted by position. */
export function validateSpecDocument(doc: YamlDocument): SpecProblem[] {
  const validate = validator();
  const problems: SpecProblem[] = [];
  if (!validate(doc.value)) problems.push(...mapAjvErrors(validate.errors ?? [], doc));
  problems.push(...semanticProblems(doc));
  return sortAndDedupe(problems);
}

// ---- ajv errors -> problems ------------------------------------------------------------------

function pointerToPath(pointer: string): DocPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `steps[0].expect[1].count`; the root is `spec`. */
export function humanPath(path: DocPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out || 'spec';
}

const TYPE_WORDS: Record<string, Message> = {
  integer: m.typeInteger,
  number: m.typeNumber,
  string: m.typeString,
  boolean: m.typeBoolean,
  object: m.typeObject,
  array: m.typeArray,
  null: m.typeNull,
};

function typeWords(t: unknown): string {
  const list = Array.isArray(t) ? t : [t];
  const words = list.map((x) => (TYPE_WORDS[String(x)] ? msg(TYPE_WORDS[String(x)]) : String(x)));
  return words.length <= 1 ? (words[0] ?? msg(m.typeOther)) : msg(m.or, { list: words.slice(0, -1).join(', '), last: words[words.length - 1] });
}

/** The schema's description of the forms a value takes (`x-expected`), in the current language. */
function expectedForms(text: string): string {
  const key = EXPECTED_FORMS[text];
  return key ? msg(m[key]) : text;
}

/** `did you mean \`apply\`?`, or the allowed words (`list` says what they are). */
function suggestion(word: string, allowed: readonly string[], list: Message = m.allowedKeys): string {
  const c = closest(word, allowed);
  return c ? msg(m.didYouMean, { word: c }) : msg(list, { words: allowed.join(', ') });
}

/** How a found value reads in a message. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return msg(m.valueNothing);
  if (typeof v === 'string') return msg(m.valueText, { text: JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v) });
  if (typeof v === 'number') return msg(m.valueNumber, { n: v });
  if (typeof v === 'boolean') return `\`${v}\``;
  if (Array.isArray(v)) return msg(m.valueList);
  return msg(m.valueMap);
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function acceptsType(schemaType: unknown, v: unknown): boolean {
  if (schemaType === undefined) return true;
  const t = jsonType(v);
  const list = Array.isArray(schemaType) ? schemaType : [schemaType];
  return list.some((s) => s === t || (s === 'number' && t === 'integer'));
}

/** Resolve `$ref: '#/definitions/x'` against the spec schema. */
function deref(s: any): any {
  if (s && typeof s.$ref === 'string' && s.$ref.startsWith('#/definitions/')) return (SPEC_SCHEMA.definitions as any)[s.$ref.slice('#/definitions/'.length)];
  return s;
}

const ASSERTION_KEYS = [
  ...Object.keys(SPEC_SCHEMA.definitions.objectAssertion.properties),
  ...Object.keys(SPEC_SCHEMA.definitions.outputAssertion.properties),
  ...Object.keys(SPEC_SCHEMA.definitions.requestAssertion.properties),
  ...Object.keys(SPEC_SCHEMA.definitions.fileAssertion.properties),
];

function isAssertionPath(path: DocPath): boolean {
  return path.length >= 2 && typeof path[path.length - 1] === 'number' && (path[path.length - 2] === 'expect' || path[path.length - 2] === 'throughout' || path[path.length - 2] === 'eventually');
}

function contextNoun(path: DocPath): string {
  if (path.length === 0) return msg(m.nounSpec);
  if (path.length === 2 && path[0] === 'steps') return msg(m.nounStep);
  if (isAssertionPath(path)) return msg(m.nounAssertion);
  return `\`${String(path.filter((p) => typeof p === 'string').pop())}\``;
}

function mapAjvErrors(errors: ErrorObject[], doc: YamlDocument): SpecProblem[] {
  // `if` errors only say which branch was taken; the branch's own errors say what is wrong.
  let errs = errors.filter((e) => e.keyword !== 'if');
  const dropped = new Set<ErrorObject>();
  const out: SpecProblem[] = [];
  const unknownKeyAt = new Set(errs.filter((e) => e.keyword === 'additionalProperties').map((e) => e.instancePath));
  // Outer alternatives first: choosing a branch decides which inner errors are worth showing.
  const alternatives = errs.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const alt of alternatives) {
    if (dropped.has(alt)) continue;
    const prefix = `${alt.schemaPath}/`;
    const branchErrors = errs.filter((e) => e !== alt && e.schemaPath.startsWith(prefix) && e.instancePath.startsWith(alt.instancePath));
    const path = pointerToPath(alt.instancePath);
    const parent = alt.parentSchema as any;
    if (parent?.['x-one-action']) {
      for (const e of branchErrors) dropped.add(e);
      dropped.add(alt);
      const value = alt.data as Record<string, unknown>;
      const present = ACTION_KEYS.filter((k) => Object.prototype.hasOwnProperty.call(value ?? {}, k));
      if (present.length > 1) {
        out.push({
          message: msg(m.manyActions, { path: humanPath(path), n: present.length, keys: present.map((k) => `\`${k}\``).join(', ') }),
          location: doc.keyAt([...path, present[1]]),
          hint: msg(m.manyActionsHint),
          path,
        });
      } else if (present.length === 0 && !unknownKeyAt.has(alt.instancePath)) {
        out.push({
          message: msg(m.noAction, { path: humanPath(path), keys: ACTION_KEYS.join(', ') }),
          location: doc.at(path),
          hint: msg(m.noActionHint),
          path,
        });
      }
      continue;
    }
    const branches = ((alt.schema as any[]) ?? []).map(deref);
    const fitting = branches.map((b, i) => ({ b, i })).filter(({ b }) => acceptsType(b?.type, alt.data));
    if (fitting.length === 1) {
      // The value has the shape of exactly one form: that form's errors are the useful ones.
      const keep = `${prefix}${fitting[0].i}/`;
      for (const e of branchErrors) if (!e.schemaPath.startsWith(keep)) dropped.add(e);
      dropped.add(alt);
      // A fitting branch with no errors of its own (ajv reports them via $ref paths): keep the alternative's message.
      if (!branchErrors.some((e) => e.schemaPath.startsWith(keep))) dropped.delete(alt);
      continue;
    }
    for (const e of branchErrors) dropped.add(e);
    dropped.add(alt);
    const expected = parent?.['x-expected'] ? expectedForms(parent['x-expected']) : typeWords(branches.map((b) => b?.type).filter(Boolean).flat());
    out.push({
      message: msg(m.wrongType, { path: humanPath(path), found: describeValue(alt.data) }),
      location: doc.at(path),
      hint: msg(m.expected, { expected }),
      path,
    });
  }
  errs = errs.filter((e) => !dropped.has(e));
  for (const e of errs) out.push(problemFromAjv(e, doc));
  return out;
}

function problemFromAjv(e: ErrorObject, doc: YamlDocument): SpecProblem {
  const path = pointerToPath(e.instancePath);
  const where = humanPath(path);
  const parent = e.parentSchema as any;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as any).additionalProperty);
      // An assert file entry takes its own two keys; other assertions any assertion's (a key of one kind written in another).
      const own = Object.keys(parent?.properties ?? {});
      const pool = isAssertionPath(path) && !own.includes('file') ? ASSERTION_KEYS : own;
      return {
        message: msg(m.unknownKey, { path: where, key, noun: contextNoun(path) }),
        location: doc.keyAt([...path, key]),
        hint: suggestion(key, [...new Set(pool)]),
        path: [...path, key],
      };
    }
    case 'required': {
      const missing = String((e.params as any).missingProperty);
      return {
        message: msg(m.needsKey, { path: where, noun: contextNoun(path), key: missing }),
        location: doc.at(path),
        hint: missing === 'steps' ? msg(m.needsStepsHint) : msg(m.needsKeyHint, { key: missing }),
        path,
      };
    }
    case 'type': {
      const expected = parent?.['x-expected'] ? expectedForms(parent['x-expected']) : typeWords((e.params as any).type);
      return { message: msg(m.wrongType, { path: where, found: describeValue(e.data) }), location: doc.at(path), hint: msg(m.expected, { expected }), path };
    }
    case 'enum': {
      const allowed = ((e.params as any).allowedValues as unknown[]).map(String);
      const found = e.data;
      const near = typeof found === 'string' ? closest(found, allowed) : undefined;
      return {
        message: msg(m.oneOf, { path: where, allowed: allowed.join(', '), found: describeValue(found) }),
        location: doc.at(path),
        hint: near ? msg(m.didYouMean, { word: near }) : msg(m.oneOfHint, { allowed: allowed.join(', ') }),
        path,
      };
    }
    case 'const':
      return {
        message: msg(m.onlyConst, { path: where, value: JSON.stringify((e.params as any).allowedValue), found: describeValue(e.data) }),
        location: doc.at(path),
        hint: msg(m.onlyConstHint),
        path,
      };
    case 'minItems': {
      const limit = (e.params as any).limit as number;
      const what = path[path.length - 1] === 'steps' ? 'step' : 'element';
      return { message: msg(m.notEmpty, { path: where }), location: doc.at(path), hint: msg(m.atLeastItems, { n: limit, what }), path };
    }
    case 'minLength':
      return { message: msg(m.notEmpty, { path: where }), location: doc.at(path), hint: msg(m.valueOrLeaveOut), path };
    case 'minProperties': {
      // A map of names (`capture: { NAME: PATH }`) has no keys to list: it wants an entry, or nothing.
      const keys = Object.keys(parent?.properties ?? {});
      return { message: msg(m.notEmpty, { path: where }), location: doc.at(path), hint: keys.length ? msg(m.atLeastOneOf, { keys: keys.join(', ') }) : msg(m.valueOrLeaveOut), path };
    }
    case 'minimum':
    case 'maximum':
      return {
        message: msg(e.keyword === 'minimum' ? m.atLeastValue : m.atMostValue, { path: where, limit: (e.params as any).limit, found: describeValue(e.data) }),
        location: doc.at(path),
        hint: msg(e.keyword === 'minimum' ? m.atLeastHint : m.atMostHint, { limit: (e.params as any).limit }),
        path,
      };
    default:
      return { message: msg(m.notValid, { path: where, message: e.message ?? msg(m.isNotValid) }), location: doc.at(path), path };
  }
}

function sortAndDedupe(problems: SpecProblem[]): SpecProblem[] {
  const seen = new Set<string>();
  const out: SpecProblem[] = [];
  for (const p of problems) {
    const k = `${p.location.line}:${p.location.column}:${p.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(p);
  }
  return out.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}

// ---- semantic checks -------------------------------------------------------------------------

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o: Obj, k: string) => Object.prototype.hasOwnProperty.call(o, k) && o[k] !== undefined;

const KIND_WORDS = [...new Set(KINDS.flatMap((k) => [k.kind, k.plural, k.singular, ...k.shortNames]))];

/** Kinds each action works on (kubectl's own restrictions, for the kinds kubespec serves). */
const SCALABLE = ['Deployment', 'ReplicaSet'];
const IMAGE_KINDS = ['Deployment', 'ReplicaSet', 'Pod'];
const ROLLOUT_KINDS = ['Deployment'];

class Checker {
  readonly problems: SpecProblem[] = [];
  constructor(readonly doc: YamlDocument) {}

  add(path: DocPath, message: string, hint?: string, key = false): void {
    this.problems.push({ message: `${humanPath(path)}: ${message}`, location: key ? this.doc.keyAt(path) : this.doc.at(path), hint, path });
  }

  kind(path: DocPath, v: unknown, allowed?: string[]): void {
    if (typeof v !== 'string' || !v || isTemplated(v)) return;
    const info = resolveResource(v);
    if (!info) {
      const near = closest(v, KIND_WORDS);
      this.add(path, msg(m.unknownKind, { kind: v }), near ? msg(m.didYouMean, { word: resolveResource(near)?.kind ?? near }) : msg(m.knownKinds, { kinds: KINDS.map((k) => k.kind).join(', ') }));
      return;
    }
    if (allowed && !allowed.includes(info.kind)) this.add(path, msg(m.actionKind, { kind: info.kind }), msg(m.useOneOf, { kinds: allowed.join(', ') }));
  }

  selector(path: DocPath, v: unknown): void {
    // A `${NAME}` reference is put in place before the step runs: its value is checked then.
    if (typeof v !== 'string' || isTemplated(v)) return;
    try {
      parseSelector(v);
    } catch (e) {
      this.add(path, msg(m.badSelector, { value: JSON.stringify(v), message: (e as Error).message }), msg(m.badSelectorHint));
    }
  }

  fieldSelector(path: DocPath, v: unknown): void {
    if (typeof v !== 'string' || isTemplated(v)) return;
    try {
      parseFieldSelector(v);
    } catch (e) {
      this.add(path, msg(m.badFieldSelector, { message: (e as Error).message }), msg(m.badFieldSelectorHint));
    }
  }

  duration(path: DocPath, v: unknown): void {
    if (v === undefined || (typeof v !== 'string' && typeof v !== 'number') || (typeof v === 'string' && isTemplated(v))) return;
    if (parseDuration(v) === undefined) this.add(path, msg(m.badDuration, { value: JSON.stringify(v) }), msg(m.badDurationHint));
  }

  regex(path: DocPath, v: unknown): void {
    if (typeof v !== 'string' || isTemplated(v)) return;
    const why = regexProblem(v);
    if (why) this.add(path, msg(m.badRegex, { regex: v, why }), msg(m.badRegexHint));
  }

  /** Regexes and operators anywhere in a partial object. */
  partial(path: DocPath, v: unknown, depth = 0): void {
    if (depth > 64) return;
    if (typeof v === 'string') this.regex(path, v);
    else if (Array.isArray(v)) v.forEach((x, i) => this.partial([...path, i], x, depth + 1));
    else if (isObj(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === 'contains' && !Array.isArray(v.contains)) {
        this.add([...path, 'contains'], msg(m.containsList), msg(m.containsListHint));
      }
      // `{ exists: true|false }` and `{ any: [...] }`: each a map with that single key.
      if (keys.includes('exists') && (keys.length > 1 || typeof v.exists !== 'boolean')) {
        if (keys.length > 1) this.add([...path, 'exists'], msg(m.operatorAlone, { op: 'exists' }), msg(m.operatorAloneHint, { op: 'exists' }), true);
        else this.add([...path, 'exists'], msg(m.existsBoolean), msg(m.existsBooleanHint));
      }
      if (keys.includes('any') && (keys.length > 1 || !Array.isArray(v.any) || v.any.length === 0)) {
        if (keys.length > 1) this.add([...path, 'any'], msg(m.operatorAlone, { op: 'any' }), msg(m.operatorAloneHint, { op: 'any' }), true);
        else this.add([...path, 'any'], msg(m.anyList), msg(m.anyListHint));
      }
      if (keys.length > 0 && keys.every((k) => k === 'min' || k === 'max') && keys.every((k) => typeof v[k] === 'number')) {
        if (typeof v.min === 'number' && typeof v.max === 'number' && v.min > v.max) this.add(path, msg(m.minOverMax, { min: v.min, max: v.max }), msg(m.swap));
      }
      for (const k of keys) this.partial([...path, k], v[k], depth + 1);
    }
  }

  /** A node the spec's cluster has. */
  node(path: DocPath, v: unknown, nodes: string[]): void {
    if (typeof v !== 'string' || isTemplated(v) || nodes.includes(v)) return;
    this.add(path, msg(m.noSuchNode, { name: v }), suggestion(v, nodes, m.knownNodes));
  }

  relativeFile(path: DocPath, v: unknown): void {
    if (typeof v !== 'string' || isTemplated(v)) return;
    if (/^([A-Za-z]:)?[\\/]/.test(v)) this.add(path, msg(m.absolutePath, { path: v }), msg(m.absolutePathHint));
    else if (v.split(/[\\/]/).includes('..')) this.add(path, msg(m.leavesFolder, { path: v }), msg(m.leavesFolderHint));
  }
}

function nodeNames(root: Obj): string[] {
  const nodes = isObj(root.cluster) && Array.isArray(root.cluster.nodes) ? root.cluster.nodes : undefined;
  if (!nodes) return DEFAULT_NODES.map((n) => n.name);
  return nodes.map((n) => (typeof n === 'string' ? n : isObj(n) && typeof n.name === 'string' ? n.name : '')).filter(Boolean);
}

function semanticProblems(doc: YamlDocument): SpecProblem[] {
  const root = doc.value;
  if (!isObj(root)) return [];
  const c = new Checker(doc);
  const nodes = nodeNames(root);
  if (isObj(root.cluster)) {
    const cl = root.cluster;
    if (Array.isArray(cl.nodes)) {
      const seen = new Set<string>();
      cl.nodes.forEach((n, i) => {
        const name = typeof n === 'string' ? n : isObj(n) ? n.name : undefined;
        if (typeof name !== 'string') return;
        if (seen.has(name)) c.add(['cluster', 'nodes', i], msg(m.nodeTwice, { name }), msg(m.nodeTwiceHint));
        seen.add(name);
      });
    }
    if (isObj(cl.timing)) for (const k of Object.keys(cl.timing)) c.duration(['cluster', 'timing', k], cl.timing[k]);
  }
  if (isObj(root.limits)) for (const k of ['simulatedTime', 'wallTime']) c.duration(['limits', k], root.limits[k]);
  checkSelection(c, root);
  if (Array.isArray(root.steps)) checkReferences(c, root.steps);
  if (Array.isArray(root.steps)) {
    let ownPoints = 0;
    root.steps.forEach((s, i) => {
      if (!isObj(s)) return;
      if (typeof s.points === 'number') ownPoints += s.points;
      checkStep(c, ['steps', i], s, nodes);
    });
    const unpointed = root.steps.filter((s) => isObj(s) && typeof s.points !== 'number').length;
    if (typeof root.points === 'number' && ownPoints > root.points + 1e-9) {
      c.add(['points'], msg(m.pointsOver, { own: ownPoints, points: root.points }), msg(m.pointsOverHint));
    } else if (typeof root.points === 'number' && unpointed === 0 && ownPoints < root.points - 1e-9) {
      c.add(['points'], msg(m.pointsUnder, { own: ownPoints, points: root.points }), msg(m.pointsUnderHint));
    }
  }
  return c.problems;
}

/** `skip`, `only` and `tags`: what selects the spec in a run. */
function checkSelection(c: Checker, root: Obj): void {
  if (root.only === true && (root.skip === true || (typeof root.skip === 'string' && root.skip !== ''))) c.add(['only'], msg(m.skipAndOnly), msg(m.skipAndOnlyHint), true);
  if (!Array.isArray(root.tags)) return;
  const seen = new Set<string>();
  root.tags.forEach((tag, i) => {
    if (typeof tag !== 'string' || tag === '') return;
    if (/[\s,]/.test(tag)) c.add(['tags', i], msg(m.tagSpaces, { tag: JSON.stringify(tag) }), msg(m.tagSpacesHint));
    else if (seen.has(tag)) c.add(['tags', i], msg(m.tagTwice, { tag }), msg(m.tagTwiceHint));
    seen.add(tag);
  });
}

function checkStep(c: Checker, p: DocPath, s: Obj, nodes: string[]): void {
  const action = ACTION_KEYS.find((k) => has(s, k));
  if (typeof s.expectError === 'string') c.regex([...p, 'expectError'], s.expectError);
  if (has(s, 'edit') && action && action !== 'kubectl') c.add([...p, 'edit'], msg(m.editNotKubectl, { action }), msg(m.editNotKubectlHint));
  if (typeof s.kubectl === 'string') {
    try {
      const words = tokenize(s.kubectl);
      if (words.length === 0 || (words.length === 1 && words[0] === 'kubectl')) c.add([...p, 'kubectl'], msg(m.emptyCommand), msg(m.emptyCommandHint));
      // `kubectl get pods | grep web` would reach kubectl as the arguments `|`, `grep`, `web`.
      const op = shellOperator(s.kubectl);
      if (op !== undefined) c.add([...p, 'kubectl'], msg(m.shellSyntax, { op }), msg(m.shellSyntaxHint));
    } catch (e) {
      if (!(e instanceof TokenizeError)) throw e;
      c.add([...p, 'kubectl'], msg(m.unreadableCommand, { message: e.message }), msg(m.unreadableCommandHint));
    }
  }
  for (const key of ['apply', 'create'] as const) {
    const v = s[key];
    if (typeof v === 'string') c.relativeFile([...p, key], v);
    else if (Array.isArray(v)) v.forEach((f, i) => c.relativeFile([...p, key, i], f));
  }
  if (has(s, 'wait')) {
    c.duration([...p, 'wait'], s.wait);
    if (s.settle === false) c.add([...p, 'settle'], msg(m.settleOnWait), msg(m.settleOnWaitHint), true);
  }
  const del = s.delete;
  if (isObj(del)) {
    const dp = [...p, 'delete'];
    c.kind([...dp, 'kind'], del.kind);
    c.selector([...dp, 'selector'], del.selector);
    c.relativeFile([...dp, 'file'], del.file);
    if (has(del, 'file')) {
      const extra = ['kind', 'name', 'selector', 'pick'].filter((k) => has(del, k));
      if (extra.length) c.add([...dp, extra[0]], msg(m.deleteFileWith, { key: extra[0] }), msg(m.removeKeys, { keys: `\`${extra.join('`, `')}\`` }), true);
    } else {
      if (!has(del, 'kind')) c.add(dp, msg(m.deleteNeeds), msg(m.deleteNeedsHint));
      if (has(del, 'name') && has(del, 'selector')) c.add([...dp, 'selector'], msg(m.nameOrSelector, { action: 'delete' }), msg(m.removeOne), true);
      if (has(del, 'kind') && !has(del, 'name') && !has(del, 'selector')) c.add(dp, msg(m.deleteNeedsName), msg(m.addNameOrSelector));
    }
  }
  const scale = s.scale;
  if (isObj(scale)) c.kind([...p, 'scale', 'kind'], scale.kind, SCALABLE);
  const si = s.setImage;
  if (isObj(si)) c.kind([...p, 'setImage', 'kind'], si.kind, IMAGE_KINDS);
  const ro = s.rollout;
  if (isObj(ro)) {
    c.kind([...p, 'rollout', 'kind'], ro.kind, ROLLOUT_KINDS);
    if (has(ro, 'toRevision') && ro.action !== 'undo') c.add([...p, 'rollout', 'toRevision'], msg(m.toRevision), msg(m.toRevisionHint), true);
  }
  const lb = s.label;
  if (isObj(lb)) {
    const lp = [...p, 'label'];
    c.kind([...lp, 'kind'], lb.kind);
    c.selector([...lp, 'selector'], lb.selector);
    if (has(lb, 'name') && has(lb, 'selector')) c.add([...lp, 'selector'], msg(m.nameOrSelector, { action: 'label' }), msg(m.removeOne), true);
    if (!has(lb, 'name') && !has(lb, 'selector')) c.add(lp, msg(m.labelNeeds), msg(m.addNameOrSelector));
    const setCount = isObj(lb.set) ? Object.keys(lb.set).length : 0;
    const removeCount = Array.isArray(lb.remove) ? lb.remove.length : 0;
    if (setCount + removeCount === 0) c.add(lp, msg(m.labelNothing), msg(m.labelNothingHint));
  }
  const nd = s.node;
  if (isObj(nd)) {
    c.node([...p, 'node', 'name'], nd.name, nodes);
    if (!has(nd, 'ready') && !has(nd, 'unschedulable')) c.add([...p, 'node'], msg(m.nodeNothing), msg(m.nodeNothingHint));
  }
  const pa = s.patch;
  if (isObj(pa)) {
    c.kind([...p, 'patch', 'kind'], pa.kind);
    if (pa.type === 'json' && !Array.isArray(pa.patch)) c.add([...p, 'patch', 'patch'], msg(m.jsonPatchList), msg(m.jsonPatchListHint));
    if (pa.type !== 'json' && pa.patch !== undefined && !isObj(pa.patch)) c.add([...p, 'patch', 'patch'], msg(m.patchMap, { type: String(pa.type ?? 'strategic') }), msg(m.patchMapHint));
  }
  for (const list of ['expect', 'throughout', 'eventually'] as const) {
    const items = s[list];
    if (!Array.isArray(items)) continue;
    items.forEach((a, j) => {
      if (isObj(a)) checkAssertion(c, [...p, list, j], a, list, action, nodes);
    });
  }
}

function checkAssertion(c: Checker, p: DocPath, a: Obj, list: 'expect' | 'throughout' | 'eventually', action: string | undefined, nodes: string[]): void {
  if (has(a, 'file') && !has(a, 'request') && !has(a, 'output') && !has(a, 'exitCode')) {
    // What the file holds is read and checked by the loader (assert-files.ts), at its own lines.
    c.relativeFile([...p, 'file'], a.file);
    return;
  }
  if (has(a, 'request')) {
    const r = a.request;
    if (isObj(r)) {
      c.node([...p, 'request', 'node'], r.node, nodes);
      c.node([...p, 'request', 'fromNode'], r.fromNode, nodes);
      if (has(r, 'node') && has(r, 'fromNode')) c.add([...p, 'request', 'fromNode'], msg(m.nodeAndFromNode), msg(m.keepOne), true);
    }
    if (has(a, 'reaches') && has(a, 'fails')) c.add([...p, 'fails'], msg(m.reachesAndFails), msg(m.keepOne), true);
    if (a.fails === true) {
      const also = ['answers', 'sameBackend', 'body'].filter((k) => has(a, k));
      if (also.length) c.add([...p, also[0]], msg(m.failsAndAnswers, { key: also[0] }), msg(m.keepOne), true);
    }
    if (isObj(a.reaches)) c.selector([...p, 'reaches', 'selector'], a.reaches.selector);
    if (Array.isArray(a.answers)) {
      a.answers.forEach((x, k) => {
        if (!isObj(x)) return;
        c.selector([...p, 'answers', k, 'selector'], x.selector);
        const sh = x.share;
        if (isObj(sh) && typeof sh.min === 'number' && typeof sh.max === 'number' && sh.min > sh.max) c.add([...p, 'answers', k, 'share'], msg(m.minOverMax, { min: sh.min, max: sh.max }), msg(m.swap));
      });
    }
    c.regex([...p, 'body'], a.body);
    return;
  }
  if (has(a, 'output') || has(a, 'exitCode')) {
    if (list === 'throughout') c.add(p, msg(m.outputThroughout), msg(m.outputThroughoutHint));
    else if (list === 'eventually') c.add(p, msg(m.outputEventually), msg(m.outputThroughoutHint));
    else if (action && action !== 'kubectl') c.add(p, msg(m.outputNotKubectl, { action }), msg(m.outputNotKubectlHint));
    if (typeof a.output === 'string') c.regex([...p, 'output'], a.output);
    return;
  }
  c.kind([...p, 'kind'], a.kind);
  c.selector([...p, 'selector'], a.selector);
  c.fieldSelector([...p, 'fieldSelector'], a.fieldSelector);
  if (isObj(a.ownedBy)) {
    c.kind([...p, 'ownedBy', 'kind'], a.ownedBy.kind);
    c.regex([...p, 'ownedBy', 'name'], a.ownedBy.name);
  }
  c.partial([...p, 'where'], a.where);
  c.partial([...p, 'match'], a.match);
  c.partial([...p, 'not'], a.not);
  if (a.absent === true && has(a, 'not')) c.add([...p, 'not'], msg(m.absentNot), msg(m.absentNotHint), true);
  if (isObj(a.capture)) {
    if (list === 'throughout') c.add([...p, 'capture'], msg(m.captureThroughout), msg(m.captureThroughoutHint), true);
    else if (a.absent === true) c.add([...p, 'capture'], msg(m.captureAbsent), msg(m.captureAbsentHint), true);
    for (const [name, field] of Object.entries(a.capture)) {
      if (!NAME_PATTERN.test(name)) c.add([...p, 'capture', name], msg(m.captureName, { name }), msg(m.captureNameHint), true);
      else if (BUILTIN_NAMES.includes(name)) c.add([...p, 'capture', name], msg(m.captureBuiltin, { name }), msg(m.captureBuiltinHint), true);
      if (typeof field === 'string' && field !== '' && !parseFieldPath(field)) c.add([...p, 'capture', name], msg(m.captureBadPath, { field }), msg(m.captureBadPathHint));
    }
  }
  if (a.absent === true && has(a, 'count')) c.add([...p, 'count'], msg(m.absentCount), msg(m.absentCountHint), true);
  if (a.absent === true && has(a, 'match')) c.add([...p, 'match'], msg(m.absentMatch), msg(m.absentMatchHint), true);
  if (isObj(a.count) && typeof a.count.min === 'number' && typeof a.count.max === 'number' && a.count.min > a.count.max) {
    c.add([...p, 'count'], msg(m.minOverMax, { min: a.count.min, max: a.count.max }), msg(m.swap));
  }
}

/**
 * `${NAME}` references: each must name a built-in or a value captured before the string is used
 * (a step's action and checks use the captures of earlier steps; its `expect` also those of its
 * `eventually` and of the `expect` entries above it), and be well formed (`$${` is a literal `${`).
 */
function checkReferences(c: Checker, steps: unknown[]): void {
  const known = new Set<string>(BUILTIN_NAMES);
  const captures = (a: unknown): string[] => (isObj(a) && isObj(a.capture) ? Object.keys(a.capture).filter((n) => NAME_PATTERN.test(n)) : []);
  const check = (v: unknown, path: DocPath, names: ReadonlySet<string>) =>
    forEachString(
      v,
      path,
      (text, at) => {
        if (!isTemplated(text)) return;
        const { pieces, problems } = parseTemplate(text);
        for (const pr of problems) {
          if (pr.problem === 'unclosed') c.add(at, msg(m.referenceUnclosed), msg(m.referenceUnclosedHint));
          else c.add(at, msg(m.referenceBadName, { name: pr.name }), msg(m.referenceBadNameHint));
        }
        for (const piece of pieces) {
          if (!('ref' in piece) || !NAME_PATTERN.test(piece.ref) || names.has(piece.ref)) continue;
          const near = closest(piece.ref, [...names]);
          c.add(at, msg(m.referenceUnknown, { name: piece.ref }), near ? msg(m.didYouMean, { word: `\${${near}}` }) : msg(m.referenceUnknownHint, { name: piece.ref }));
        }
        if (isRegexLiteral(text)) {
          // With every reference taken as plain text, the regex must still compile.
          const why = regexProblem(pieces.map((x) => ('text' in x ? x.text : 'x')).join(''));
          if (why) c.add(at, msg(m.badRegex, { regex: text, why }), msg(m.badRegexHint));
        }
      },
      (rel) => isLiteralPath(rel.slice(2)),
    );
  steps.forEach((s, i) => {
    if (!isObj(s)) return;
    const p: DocPath = ['steps', i];
    // The action and the other keys: the captures of earlier steps only.
    for (const [k, v] of Object.entries(s)) if (k !== 'expect' && k !== 'eventually') check(v, [...p, k], known);
    const eventually = Array.isArray(s.eventually) ? s.eventually : [];
    eventually.forEach((a, j) => check(a, [...p, 'eventually', j], known));
    const inStep = new Set(known);
    for (const a of eventually) for (const n of captures(a)) inStep.add(n);
    const expect = Array.isArray(s.expect) ? s.expect : [];
    expect.forEach((a, j) => {
      check(a, [...p, 'expect', j], inStep);
      for (const n of captures(a)) inStep.add(n);
    });
    for (const n of inStep) known.add(n);
  });
}
