// Safe YAML for untrusted input: one library (`yaml`) for specs and manifests because it keeps
// source ranges for every node (js-yaml keeps none) and bounds alias expansion (billion laughs).
import { LineCounter, parseAllDocuments, isAlias, isMap, isPair, isSeq, isScalar, type Document, type Node } from 'yaml';

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
 * Parse every document of a YAML text. Throws YamlError (with position) on syntax errors,
 * duplicate keys, alias bombs, too deep nesting, too many documents or too large input.
 * Empty documents (a stray `---`) are skipped.
 */
export function parseYaml(text: string, file: string, limits: Partial<YamlLimits> = {}): YamlDocument[] {
  const lim = { ...DEFAULT_YAML_LIMITS, ...limits };
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > lim.maxBytes) {
    throw new YamlError(`file is ${bytes} bytes, larger than the limit of ${lim.maxBytes} bytes`, { file, line: 1, column: 1 });
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true });
  const list = Array.isArray(docs) ? docs : [];
  if (!Array.isArray(docs)) {
    // parseAllDocuments returns an EmptyStream for empty input.
    return [];
  }
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
    checkDepth(doc.contents as Node, lim.maxDepth, lines, file);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: lim.maxAliasCount });
    } catch (e) {
      const { line, col } = lines.linePos((doc.contents as Node).range?.[0] ?? 0);
      const msg = e instanceof Error ? e.message : String(e);
      throw new YamlError(
        /Excessive alias count/i.test(msg) ? `YAML aliases expand to too many nodes (limit ${lim.maxAliasCount}): refusing a possible alias bomb` : cleanMessage(msg),
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
  return out;
}

/**
 * Tags whose values are not JSON (a Set, a Map, bytes, a Date): they would vanish or change on the
 * way to an object (`!!set {a, b}` became an empty field), so they are refused where they are.
 */
const NON_JSON_TAGS = new Set(['set', 'omap', 'pairs', 'binary', 'timestamp'].map((t) => `tag:yaml.org,2002:${t}`));

function checkDepth(root: Node, max: number, lines: LineCounter, file: string): void {
  const stack: [Node, number][] = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > max) {
      const { line, col } = lines.linePos(node.range?.[0] ?? 0);
      throw new YamlError(`YAML is nested deeper than ${max} levels`, { file, line, column: col });
    }
    const tag = (node as { tag?: string }).tag;
    if (tag && NON_JSON_TAGS.has(tag)) {
      const { line, col } = lines.linePos(node.range?.[0] ?? 0);
      throw new YamlError(`the YAML tag !!${tag.split(':').pop()} makes a value JSON cannot hold: a manifest's values are strings, numbers, booleans, null, lists and maps`, { file, line, column: col });
    }
    if (isMap(node)) {
      for (const p of node.items) if (p.value) stack.push([p.value as Node, depth + 1]);
    }
    else if (isSeq(node)) for (const i of node.items) stack.push([i as Node, depth + 1]);
  }
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
      const target = node.resolve(doc);
      if (target === undefined) continue;
      if (open.has(target)) fail(node, `YAML alias *${node.source} refers to the node that contains it: refusing a recursive alias`);
      weight.set(node, weight.get(target) ?? 1);
      continue;
    }
    if (!top.done) {
      top.done = true;
      open.add(node);
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
