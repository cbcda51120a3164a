// Safe YAML for untrusted input: one library (`yaml`) for specs and manifests because it keeps
// source ranges for every node (js-yaml keeps none) and bounds alias expansion (billion laughs).
import { Composer, Lexer, LineCounter, Parser, isAlias, isMap, isPair, isSeq, isScalar, type CST, type Document, type Node, type Scalar } from 'yaml';
import { jsonInteger } from '../util/json';

export interface Position {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export interface YamlLimits {
  /** Largest file accepted, in bytes (default 1 MiB). */
  maxBytes: number;
  /** Most documents in one file (default 1000). */
  maxDocuments: number;
  /** `yaml`'s maxAliasCount: bounds the nodes aliases may expand to (default 100). */
  maxAliasCount: number;
  /** Deepest nesting accepted (default 64). */
  maxDepth: number;
  /**
   * Most the document may weigh once its aliases are expanded: nodes plus scalar bytes (default
   * 16 Mi). The alias count alone let one large anchor referenced 100 times grow 600 KB into 1.75 GB.
   */
  maxExpandedSize: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxBytes: 1024 * 1024, maxDocuments: 1000, maxAliasCount: 100, maxDepth: 64, maxExpandedSize: 16 * 1024 * 1024 };

/** A YAML problem, with where it is. `message` has no position; `toString()` has `file:line:col: message`. */
export class YamlError extends Error {
  constructor(
    message: string,
    readonly position: Position,
  ) {
    super(message);
    this.name = 'YamlError';
  }
  override toString(): string {
    return `${this.position.file}:${this.position.line}:${this.position.column}: ${this.message}`;
  }
}

/** One parsed YAML document: its plain value and a way back from a path to the source. */
export class YamlDocument {
  constructor(
    readonly value: unknown,
    readonly file: string,
    /** Index of the document in its file (0-based). */
    readonly index: number,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** The same document with a copy of its value (for parseYaml's kept texts: callers may change what they get). */
  copy(): YamlDocument {
    return new YamlDocument(copyPlain(this.value, new Map()), this.file, this.index, this.doc, this.lines);
  }

  /** Where the document starts. */
  get position(): Position {
    return this.at([]);
  }

  /**
   * Where the value at `path` is (`['spec', 'ports', 0, 'port']`). A path that does not exist
   * resolves to its nearest existing ancestor, so a missing field points at the map that lacks it.
   */
  at(path: (string | number)[]): Position {
    for (let n = path.length; n >= 0; n--) {
      const node = (n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true)) as Node | undefined;
      if (node && (node as Node).range) return this.pos((node as Node).range![0]);
    }
    return this.pos(0);
  }

  /** Where the key of the pair at `path` is (for "unknown field" errors), else the value's position. */
  keyAt(path: (string | number)[]): Position {
    if (path.length === 0) return this.at(path);
    const parent = path.length === 1 ? this.doc.contents : this.doc.getIn(path.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path[path.length - 1]));
      if (pair && isScalar(pair.key) && pair.key.range) return this.pos(pair.key.range[0]);
    }
    return this.at(path);
  }

  private pos(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }
}

/**
 * How plain scalars read. `manifest` (the default): as kubectl reads a manifest, YAML 1.1 through
 * sigs.k8s.io/yaml and go-yaml v2 (`yes` and `on` are true, `0644` is 420, `1_000` is 1000);
 * `spec`: YAML 1.2's core schema, how spec files have always been read.
 */
export interface ParseOptions extends Partial<YamlLimits> {
  reading?: 'manifest' | 'spec';
}

/**
 * Parse every document of a YAML text. Throws YamlError (with position) on syntax errors,
 * duplicate keys, alias bombs, too deep nesting, too many documents or too large input.
 * Empty documents (a stray `---`) are skipped.
 */
export function parseYaml(text: string, file: string, options: ParseOptions = {}): YamlDocument[] {
  // The same text read the same way gives the same documents: a spec suite applies the same few
  // manifests in every spec, and grading reads the same spec files for every student. A hit costs
  // a structuredClone of each value (which keeps what toJS shares between aliases shared, and
  // bigints) instead of a parse; the YAML nodes behind positions are only read, so they are shared.
  // Texts that fail are not kept: they throw again as they did.
  const key = `${file}\u0000${JSON.stringify(options)}`;
  const hit = parsedTexts.get(key);
  if (hit && hit.text === text) return hit.docs.map((d) => d.copy());
  const docs = parseYamlText(text, file, options);
  if (text.length > MAX_KEPT_TEXT || !docs.every((d) => isPlain(d.value, new Set()))) return docs;
  if (hit) {
    keptChars -= hit.text.length;
    parsedTexts.delete(key);
  }
  // Oldest first out, within a bound on the texts kept (their YAML nodes weigh a few times more).
  while (parsedTexts.size && keptChars + text.length > MAX_KEPT_CHARS) {
    const [oldest, entry] = parsedTexts.entries().next().value!;
    keptChars -= entry.text.length;
    parsedTexts.delete(oldest);
  }
  parsedTexts.set(key, { text, docs });
  keptChars += text.length;
  return docs.map((d) => d.copy());
}

/**
 * A copy of a value toJS made: plain objects (an own `__proto__` key stays an own key, as toJS
 * defines it), arrays and scalars, the same objects shared where toJS shared them (aliases).
 * Objects of this realm, not structuredClone's (a test runner's context has its own Object).
 */
function copyPlain(v: unknown, seen: Map<object, unknown>): unknown {
  if (v === null || typeof v !== 'object') return v;
  const done = seen.get(v);
  if (done !== undefined) return done;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    seen.set(v, out);
    for (let i = 0; i < v.length; i++) out[i] = copyPlain(v[i], seen);
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(v, out);
  for (const k of Object.keys(v)) {
    const c = copyPlain((v as Record<string, unknown>)[k], seen);
    if (k === '__proto__') Object.defineProperty(out, k, { value: c, writable: true, enumerable: true, configurable: true });
    else out[k] = c;
  }
  return out;
}

/** Whether copyPlain copies `v` exactly: only plain objects, arrays and scalars (no Map, Set, Date, bytes). */
function isPlain(v: unknown, seen: Set<object>): boolean {
  if (v === null || typeof v !== 'object') return true;
  // An alias's value was checked where it was met first: each object once, however often shared.
  if (seen.has(v)) return true;
  seen.add(v);
  if (Array.isArray(v)) return Object.getPrototypeOf(v) === Array.prototype && v.every((x) => isPlain(x, seen));
  if (Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const k of Object.keys(v)) if (!isPlain((v as Record<string, unknown>)[k], seen)) return false;
  return true;
}

/** Texts parsed lately, by file name and options (the text itself is compared on a hit). */
const parsedTexts = new Map<string, { text: string; docs: YamlDocument[] }>();
let keptChars = 0;
const MAX_KEPT_CHARS = 1024 * 1024;
/** Larger texts are parsed each time. */
const MAX_KEPT_TEXT = 64 * 1024;

function parseYamlText(text: string, file: string, options: ParseOptions): YamlDocument[] {
  const { reading = 'manifest', ...limits } = options;
  const lim = { ...DEFAULT_YAML_LIMITS, ...limits };
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > lim.maxBytes) {
    throw new YamlError(`file is ${bytes} bytes, larger than the limit of ${lim.maxBytes} bytes`, { file, line: 1, column: 1 });
  }
  const lines = new LineCounter();
  const { docs: list, tooDeep } = parseBounded(text, lines, lim.maxDepth, file, reading === 'manifest');
  if (list.length > lim.maxDocuments) {
    throw new YamlError(`file holds ${list.length} YAML documents, more than the limit of ${lim.maxDocuments}`, { file, line: 1, column: 1 });
  }
  const out: YamlDocument[] = [];
  list.forEach((doc, index) => {
    const err = doc.errors[0];
    if (err) {
      const { line, col } = lines.linePos(err.pos[0]);
      throw new YamlError(cleanMessage(err.message), { file, line, column: col });
    }
    if (doc.contents === null) return;
    if (reading === 'manifest') resolvePlainScalars(doc.contents as Node, lines, file);
    checkNodes(doc.contents as Node, lim.maxDepth, lines, file, reading === 'spec');
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: lim.maxAliasCount });
    } catch (e) {
      const { line, col } = lines.linePos((doc.contents as Node).range?.[0] ?? 0);
      const msg = e instanceof Error ? e.message : String(e);
      throw new YamlError(
        /Excessive alias count/i.test(msg)
          ? `YAML aliases expand to too many nodes (limit ${lim.maxAliasCount}): refusing a possible alias bomb`
          : /Merge sources must be maps/.test(msg)
            ? // go-yaml v2's failWantMap (decode.go)
              'map merge requires map or sequence of maps as the value'
            : cleanMessage(msg),
        { file, line, column: col },
      );
    }
    // After toJS, whose alias count catches the classic bomb (many small nodes) with its own
    // message; toJS shares aliased values, so it stays cheap for a few aliases of a huge anchor,
    // which this catches before anything copies them.
    checkExpansion(doc, lim.maxExpandedSize, lines, file);
    if (value === null || value === undefined) return;
    out.push(new YamlDocument(value, file, index, doc, lines));
  });
  // The document the parse stopped in comes after every complete one, whose errors come first.
  if (tooDeep) throw tooDeep;
  return out;
}

/** The options every document is composed with (as parseAllDocuments was called before). */
const COMPOSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true } as const;
/** A manifest's too: go-yaml v2 merges `<<` keys (YAML 1.1's merge key type) into their map. */
const MANIFEST_COMPOSE_OPTIONS = { ...COMPOSE_OPTIONS, merge: true } as const;

/**
 * Past this many open tokens on the parser's stack, the parse stops: the nesting is certainly past
 * maxDepth (an open token's node is at least as deep as its place on the stack, below the document
 * token), and going on would hand the yaml package's composer, which recurses once or more per level,
 * input that overflows the stack (5,000 levels did, at a column that varied run to run, or aborted
 * the process). Twice the limit, plus room: the exact check is checkNodes', on bounded input.
 */
function stackBound(maxDepth: number): number {
  return 2 * maxDepth + 8;
}

/**
 * parseAllDocuments, with the nesting bounded before the composer sees it: the lexer and parser
 * (iterative, in the yaml package) are driven one lexeme at a time and stopped as soon as the
 * parser's stack passes stackBound. The complete documents before that point are returned; the one
 * it stopped in is described by `tooDeep`, at the first node past maxDepth in document order.
 */
function parseBounded(text: string, lines: LineCounter, maxDepth: number, file: string, merge = false): { docs: Document.Parsed[]; tooDeep?: YamlError } {
  const parser = new Parser(lines.addNewLine);
  const tokens: CST.Token[] = [];
  let cut: number | undefined;
  lines.addNewLine(0); // as Parser.parse does before its first lexeme
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > stackBound(maxDepth)) {
      // stack[0] is the document; stack[maxDepth + 1] is an open node at depth maxDepth + 1 or more.
      cut = parser.stack[maxDepth + 1].offset;
      break;
    }
  }
  if (cut === undefined) for (const token of parser.end()) tokens.push(token);
  const docs = Array.from(new Composer(merge ? MANIFEST_COMPOSE_OPTIONS : COMPOSE_OPTIONS).compose(tokens));
  if (cut === undefined) return { docs };
  return { docs, tooDeep: firstTooDeep(text, cut, maxDepth, file) };
}

/**
 * The depth error for a parse stopped at `cut`: a node before `cut` may already be past the limit
 * (its stack place understates its depth), so the text up to `cut`, whose nesting stayed under the
 * bound, is composed and walked in document order; if nothing there is too deep, the node at `cut`
 * is the first.
 */
function firstTooDeep(text: string, cut: number, maxDepth: number, file: string): YamlError {
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  const docs = Array.from(new Composer(COMPOSE_OPTIONS).compose(parser.parse(text.slice(0, cut))));
  const last = docs[docs.length - 1];
  const at = last?.contents ? firstPastDepth(last.contents as Node, maxDepth) : undefined;
  const { line, col } = lines.linePos(at?.range?.[0] ?? cut);
  return new YamlError(tooDeepMessage(maxDepth), { file, line, column: col });
}

function tooDeepMessage(max: number): string {
  return `YAML is nested deeper than ${max} levels`;
}

/**
 * Tags whose values are not JSON (a Set, a Map, bytes, a Date): they would vanish or change on the
 * way to an object (`!!set {a, b}` became an empty field), so they are refused where they are.
 */
const NON_JSON_TAGS = new Set(['set', 'omap', 'pairs', 'binary', 'timestamp'].map((t) => `tag:yaml.org,2002:${t}`));

/** A node's children in document order, each with its depth below the node (a pair in a sequence is a one-entry map). */
function children(node: Node): [Node, number][] {
  const out: [Node, number][] = [];
  if (!isMap(node) && !isSeq(node)) return out;
  for (const item of node.items as unknown[]) {
    if (isPair(item)) {
      const extra = isSeq(node) ? 2 : 1;
      if (item.key && typeof item.key === 'object') out.push([item.key as Node, extra]);
      if (item.value) out.push([item.value as Node, extra]);
    } else if (item) out.push([item as Node, 1]);
  }
  return out;
}

/**
 * One iterative walk of a document in document order (keys included: `? [[...]]` nests too), before
 * anything converts or recurses into it:
 *  - nesting past `max`, at the first node past it; an alias counts as the node it stands for, so
 *    its depth is the depth of the anchored node's deepest descendant once expanded (its height is
 *    known: anchors come before their aliases, and a node's height is set when its walk ends);
 *  - tags whose values are not JSON, at their node;
 *  - with `coreIntegers` (a spec file), integers past 2^53 made exact (exactInteger).
 */
function checkNodes(root: Node, max: number, lines: LineCounter, file: string, coreIntegers: boolean): void {
  const fail = (node: Node, message: string): never => {
    const { line, col } = lines.linePos(node.range?.[0] ?? 0);
    throw new YamlError(message, { file, line, column: col });
  };
  // Heights are needed for anchored nodes only (what an alias stands for): `deepest` is the depth
  // of the deepest node met so far (aliases expanded), saved when an anchored node opens and read
  // back when it closes, so that no other node needs a second visit.
  const height = new Map<Node, number>();
  const anchors = new Map<string, Node>();
  const open = new Set<Node>();
  let deepest = 0;
  type Frame = { node: Node; depth: number; close?: number };
  const stack: Frame[] = [{ node: root, depth: 1 }];
  while (stack.length) {
    const { node, depth, close } = stack.pop()!;
    if (close !== undefined) {
      open.delete(node);
      height.set(node, deepest - depth + 1);
      deepest = Math.max(close, deepest);
      continue;
    }
    if (depth > max) fail(node, tooDeepMessage(max));
    if (isAlias(node)) {
      // The anchor most recently defined before the alias (YAML's rule). Unknown or recursive aliases
      // are left to the conversion, which names them.
      const target = anchors.get(node.source);
      if (target === undefined || open.has(target)) continue;
      const expanded = depth - 1 + (height.get(target) ?? 1);
      if (expanded > max) fail(node, tooDeepMessage(max));
      deepest = Math.max(deepest, expanded);
      continue;
    }
    deepest = Math.max(deepest, depth);
    const tag = (node as { tag?: string }).tag;
    if (isScalar(node) && !(tag && NON_JSON_TAGS.has(tag))) {
      if (coreIntegers) exactInteger(node);
      const v: unknown = node.value;
      // .inf, .nan and 1e309 are floats JSON cannot hold (encoding/json refuses +Inf, and they would
      // be written as null here); any other tag's value that is not a string, a finite number, a
      // boolean or null (`!!merge x` is a Symbol) is refused where it is, like the tags below.
      if (typeof v === 'number' && !Number.isFinite(v)) {
        fail(node, `the YAML value ${(node as { source?: string }).source ?? String(v)} is not a number JSON can hold (infinite or not a number)`);
      }
      if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'bigint' && typeof v !== 'boolean' && !isMergeKey(node)) {
        fail(node, `the YAML tag ${tag ? `!!${tag.split(':').pop()}` : 'here'} makes a value JSON cannot hold: a manifest's values are strings, numbers, booleans, null, lists and maps`);
      }
    }
    if (tag && NON_JSON_TAGS.has(tag)) fail(node, `the YAML tag !!${tag.split(':').pop()} makes a value JSON cannot hold: a manifest's values are strings, numbers, booleans, null, lists and maps`);
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) {
      anchors.set(anchor, node);
      open.add(node);
      stack.push({ node, depth, close: deepest });
      deepest = depth;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    // Children reversed onto the stack, so that they are visited in document order; a pair in a
    // sequence is a one-entry map, one level more.
    const items = node.items as unknown[];
    const inSeq = isSeq(node);
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i];
      if (isPair(item)) {
        const d = depth + (inSeq ? 2 : 1);
        // A list or map as a key (`? [x]`, or an alias of one): go-yaml refuses it ("invalid map
        // key", decode.go), and the yaml package would stringify it with a process warning on
        // stderr, whose text holds the process id.
        const key = item.key as Node | null;
        const keyTarget = key && isAlias(key) ? anchors.get(key.source) : key;
        if (keyTarget && (isMap(keyTarget) || isSeq(keyTarget))) {
          fail(key!, `invalid map key: a ${isSeq(keyTarget) ? 'list' : 'map'} cannot be a key; a manifest's keys are strings`);
        }
        if (item.value) stack.push({ node: item.value as Node, depth: d });
        if (item.key && typeof item.key === 'object') stack.push({ node: item.key as Node, depth: d });
      } else if (item) stack.push({ node: item as Node, depth: depth + 1 });
    }
  }
}

/** YAML 1.2 core schema's integers (tag:yaml.org,2002:int): decimal, 0o octal, 0x hexadecimal. */
const CORE_INT = /^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$/;

/**
 * A spec file's integer past 2^53 (read by the core schema, which rounds it to a double) gets its
 * exact value back, a bigint, so that `match:` compares every digit of an int64 field. A manifest's
 * integers are exact already (goResolve).
 */
function exactInteger(node: Scalar): void {
  const v = node.value;
  if (typeof v !== 'number' || Number.isSafeInteger(v) || !Number.isInteger(v) || typeof node.source !== 'string') return;
  const text = node.source.trim();
  if (!CORE_INT.test(text)) return;
  const negative = text.startsWith('-');
  const body = text.replace(/^[-+]/, '');
  const n = BigInt(body);
  node.value = jsonInteger(negative ? -n : n);
}

/** The first node in document order deeper than `max` (aliases not followed), if any. */
function firstPastDepth(root: Node, max: number): Node | undefined {
  const stack: [Node, number][] = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > max) return node;
    const cs = children(node);
    for (let i = cs.length - 1; i >= 0; i--) stack.push([cs[i][0], depth + cs[i][1]]);
  }
  return undefined;
}

/**
 * The weight of the document with every alias expanded (each node 1, each scalar its length too),
 * computed without expanding: post-order, each alias weighing what its anchor weighs (anchors come
 * before their aliases, so the anchor's weight is known; an alias inside its own anchor is a cycle).
 */
function checkExpansion(doc: Document, max: number, lines: LineCounter, file: string): void {
  const weight = new Map<unknown, number>();
  const stack: { node: unknown; done: boolean }[] = [{ node: doc.contents, done: false }];
  const open = new Set<unknown>();
  // An alias names the anchor most recently defined before it; this walk meets nodes in document
  // order, so it keeps that map itself. (Alias.resolve(doc) walks the whole document per alias:
  // 100 aliases in a 1 MiB file were 100 walks.)
  const anchors = new Map<string, unknown>();
  const fail = (node: unknown, message: string): never => {
    const { line, col } = lines.linePos((node as Node).range?.[0] ?? 0);
    throw new YamlError(message, { file, line, column: col });
  };
  const children = (node: unknown): unknown[] => {
    if (isMap(node) || isSeq(node)) return node.items as unknown[];
    if (isPair(node)) return [node.key, node.value];
    return [];
  };
  while (stack.length) {
    const top = stack[stack.length - 1];
    const node = top.node;
    if (node === null || node === undefined || weight.has(node)) {
      stack.pop();
      continue;
    }
    if (isAlias(node)) {
      stack.pop();
      const target = anchors.get(node.source);
      if (target === undefined) continue;
      if (open.has(target)) fail(node, `YAML alias *${node.source} refers to the node that contains it: refusing a recursive alias`);
      weight.set(node, weight.get(target) ?? 1);
      continue;
    }
    if (!top.done) {
      top.done = true;
      open.add(node);
      const anchor = (node as { anchor?: string }).anchor;
      if (anchor) anchors.set(anchor, node);
      // Reversed onto the stack, so that children finish in document order: anchors before aliases.
      const cs = children(node);
      for (let i = cs.length - 1; i >= 0; i--) if (cs[i] !== null && cs[i] !== undefined) stack.push({ node: cs[i], done: false });
      continue;
    }
    stack.pop();
    open.delete(node);
    let w = 1;
    if (isScalar(node)) w += String(node.value ?? '').length;
    for (const c of children(node)) w += c === null || c === undefined ? 0 : (weight.get(c) ?? 0);
    if (w > max) fail(node, `YAML aliases expand this document past ${max} nodes and bytes: refusing a possible alias bomb`);
    weight.set(node, w);
  }
}

/** `yaml`'s messages end with ` at line L, column C` and a code excerpt; we print positions ourselves. */
function cleanMessage(m: string): string {
  return m.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').trim();
}

// ---- YAML 1.1 as go-yaml v2 reads it ------------------------------------------------------------

/**
 * go-yaml v2's resolve.go resolveMap: the plain scalars looked up by their exact text. (`<<` is
 * left out: merge keys are the decoder's business, not a value.)
 */
const GO_YAML_MAP = new Map<string, unknown>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s) => [s, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s) => [s, false] as const),
  ...['', '~', 'null', 'Null', 'NULL'].map((s) => [s, null] as const),
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s) => [s, Infinity] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, -Infinity] as const),
]);

/** yamlStyleFloat (resolve.go): what a number-looking text must be to be read as a float. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** strconv.ParseInt(s, 0, 64)'s syntax once underscores are gone: sign, base prefix, digits. */
const GO_INT = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** The value of a Go integer literal as ParseInt(·, 0, 64) then ParseUint(·, 0, 64) read it, or undefined. */
function goInteger(plain: string, ranged = true): bigint | undefined {
  const m = GO_INT.exec(plain);
  if (!m) return undefined;
  const [, sign, body] = m;
  let n: bigint;
  if (/^0[xXoObB]/.test(body)) n = BigInt(`0${body[1].toLowerCase()}${body.slice(2)}`);
  else if (body.length > 1 && body[0] === '0') n = BigInt(`0o${body.slice(1)}`);
  else n = BigInt(body);
  if (sign === '-') n = -n;
  if (!ranged) return n;
  // ParseInt's range; past it ParseUint takes what has no sign, up to 2^64-1.
  if (n >= -(INT64_MAX + 1n) && n <= INT64_MAX) return n;
  if (sign === '' && n <= UINT64_MAX) return n;
  return undefined;
}

type GoTag = 'str' | 'int' | 'float' | 'bool' | 'null';

/**
 * resolve() of go-yaml v2 (resolve.go, as sigs.k8s.io/yaml forks it in goyaml.v2), what kubectl
 * decodes a manifest with: the map above; then by the first character, `.` a float (ParseFloat),
 * a digit or a sign an integer (ParseInt then ParseUint, base 0, once every underscore is removed:
 * `0x1F`, `0o17`, `0644` octal, `0b101`, `1_000`), else a float in YAML's style (`1e3`, `08`);
 * anything else, or a float out of range (`1e400`), is a string. A timestamp (`2001-12-14`) is read
 * back as its text when decoded into an interface{}, so it is a string here too. (A decimal past uint64
 * is a float there too, yamlStyleFloat coming first; a hexadecimal one a big.Int, a bigint here.)
 */
function goResolve(text: string): { tag: GoTag; value: unknown } {
  if (GO_YAML_MAP.has(text)) {
    const v = GO_YAML_MAP.get(text);
    return { tag: v === null ? 'null' : typeof v === 'boolean' ? 'bool' : 'float', value: v };
  }
  const c = text[0];
  if (c === '.') {
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text)) {
      const f = Number(text);
      if (Number.isFinite(f)) return { tag: 'float', value: f };
    }
    return { tag: 'str', value: text };
  }
  if (!((c >= '0' && c <= '9') || c === '-' || c === '+')) return { tag: 'str', value: text };
  const plain = text.replace(/_/g, '');
  const n = goInteger(plain);
  // int64 keeps every digit: a bigint past 2^53 (src/util/json.ts), as Go's int64 and uint64 do.
  if (n !== undefined) return { tag: 'int', value: jsonInteger(n) };
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = Number(plain);
    // ParseFloat's ErrRange (1e400) is an error, and the text stays a string.
    if (Number.isFinite(f)) return { tag: 'float', value: f };
  }
  // Past uint64, the fork's last resort: big.Int's SetString(plain, 0) (`0x` followed by 17 digits).
  const big = GO_INT.exec(plain);
  if (big) return { tag: 'int', value: jsonInteger(goInteger(plain, false)!) };
  return { tag: 'str', value: text };
}

/** The value of a plain scalar without a tag, as go-yaml v2 resolves it. */
export function goYamlResolve(text: string): unknown {
  return goResolve(text).value;
}

/** A plain `<<` the composer took as a merge key (manifests only): its value is the yaml package's Symbol. */
function isMergeKey(node: Node): boolean {
  const v = (node as { value?: unknown }).value;
  return isScalar(node) && node.type === 'PLAIN' && !node.tag && node.source === '<<' && typeof v === 'symbol';
}

const RESOLVABLE = new Map<string, GoTag>(['str', 'int', 'float', 'bool', 'null'].map((t) => [`tag:yaml.org,2002:${t}`, t as GoTag]));

/**
 * Every scalar of the document (keys too) as go-yaml v2 resolves it: a plain one without a tag by
 * its text; one tagged !!int, !!float, !!bool or !!null (quoted or not) must resolve to that kind
 * (an integer may be a !!float), else it is go-yaml's `cannot decode !!str \`x\` as a !!int`.
 */
function resolvePlainScalars(root: Node, lines: LineCounter, file: string): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isScalar(node)) {
      if (typeof node.source !== 'string' || isMergeKey(node)) continue;
      if (!node.tag) {
        if (node.type === 'PLAIN') node.value = goResolve(node.source).value;
        continue;
      }
      const want = RESOLVABLE.get(node.tag);
      if (want === undefined || want === 'str') continue;
      const got = goResolve(node.source);
      if (got.tag === want || (want === 'float' && got.tag === 'int')) node.value = got.value;
      else {
        const { line, col } = lines.linePos(node.range?.[0] ?? 0);
        throw new YamlError(`cannot decode !!${got.tag} \`${node.source}\` as a !!${want}`, { file, line, column: col });
      }
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items as unknown[]) stack.push(item);
    } else if (isPair(node)) {
      stack.push(node.key, node.value);
    }
  }
}
