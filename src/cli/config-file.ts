// kubespec's config file: the options people repeat (spec paths, reporters, seed, jobs, language,
// limits, the submission folder) written once, in kubespec.config.json, kubespec.config.yaml (or
// .yml), or under "kubespec" in package.json — found in the working folder or the nearest folder
// above it that has one (a package.json without the key ends the search). Options on the command
// line override it. Its keys are the command line's options (camelCase or as written there), at
// the top for every command that has them, or in a section per command (`run:`, `grade:`, ...),
// which wins over the top. Mistakes are reported at their file:line:column, with did-you-mean.
import * as fs from 'fs';
import * as path from 'path';
import type { YamlDocument, Position } from '../manifest/yaml';
import { msg, parseLang } from '../i18n';
import { configMessages as m } from '../i18n/messages/config';
import { UsageError } from './io';

export const CONFIG_FILES = ['kubespec.config.json', 'kubespec.config.yaml', 'kubespec.config.yml'] as const;
export const COMMANDS = ['run', 'validate', 'grade', 'files', 'serve'] as const;
type Command = (typeof COMMANDS)[number];

type ValueType = 'string' | 'boolean' | 'count' | 'strings' | 'lang' | 'score';

interface OptionInfo {
  /** The command line's option (`--min-score`), or `paths` for the positional spec paths. */
  option: string;
  type: ValueType;
  commands: readonly Command[];
  description: string;
}

const RUNS: Command[] = ['run', 'grade'];
const ALL: Command[] = [...COMMANDS];

/** Every option a config file may set, by its camelCase key. */
export const CONFIG_OPTIONS: Readonly<Record<string, OptionInfo>> = {
  paths: { option: 'paths', type: 'strings', commands: ['run', 'validate', 'grade', 'files'], description: 'Spec files or folders (default: specs/)' },
  reporter: { option: 'reporter', type: 'strings', commands: RUNS, description: 'Reporters: NAME or NAME=FILE (pretty, json, junit, tap, github, gradescope, classroom, html)' },
  seed: { option: 'seed', type: 'count', commands: [...RUNS, 'serve'], description: 'The seed of generated names and random choices' },
  jobs: { option: 'jobs', type: 'count', commands: RUNS, description: 'Specs (or students) run at once' },
  lang: { option: 'lang', type: 'lang', commands: ALL, description: "Language of kubespec's messages: en or ko" },
  filter: { option: 'filter', type: 'string', commands: RUNS, description: 'Only the specs whose name has this text (or matches /regex/)' },
  tag: { option: 'tag', type: 'strings', commands: RUNS, description: 'Only the specs tagged with one of these (tags:)' },
  excludeTag: { option: 'exclude-tag', type: 'strings', commands: RUNS, description: 'Skip the specs tagged with any of these' },
  exclude: { option: 'exclude', type: 'strings', commands: RUNS, description: 'Skip the specs whose name or file contains this text (or matches /regex/)' },
  bail: { option: 'bail', type: 'boolean', commands: RUNS, description: 'Stop after the first failing spec' },
  submission: { option: 'submission', type: 'string', commands: ['run', 'validate', 'grade'], description: 'The folder the manifests are read from (a student submission)' },
  specManifests: { option: 'spec-manifests', type: 'boolean', commands: ['run', 'validate', 'grade'], description: "With submission: a manifest missing there may come from the spec's folder" },
  minScore: { option: 'min-score', type: 'score', commands: RUNS, description: 'Pass when the score reaches this: points, or a percentage such as "80%"' },
  verbose: { option: 'verbose', type: 'boolean', commands: RUNS, description: 'Every step of passing specs, and whole kubectl outputs' },
  timings: { option: 'timings', type: 'boolean', commands: RUNS, description: 'Durations in the output' },
  color: { option: 'color', type: 'boolean', commands: ALL, description: 'Colour the output' },
  ci: { option: 'ci', type: 'boolean', commands: ['run', 'validate', 'grade'], description: 'The output is a CI log that runs workflow commands (GitHub Actions)' },
  strict: { option: 'strict', type: 'boolean', commands: ['validate'], description: 'Warn about steps a student could pass by shortcut' },
  submissions: { option: 'submissions', type: 'string', commands: ['grade'], description: 'A folder of student folders' },
  out: { option: 'out', type: 'string', commands: ['grade'], description: 'Where the roster and the students’ reports go' },
  timeout: { option: 'timeout', type: 'string', commands: ['grade'], description: 'Wall-time limit per student spec file (e.g. 30s)' },
  maxSteps: { option: 'max-steps', type: 'count', commands: ['grade'], description: 'Step limit per spec' },
  maxFileSize: { option: 'max-file-size', type: 'string', commands: ['grade'], description: 'Largest spec or manifest file read (e.g. 1MiB)' },
  maxMemory: { option: 'max-memory', type: 'string', commands: ['grade'], description: 'Memory limit per grading worker (e.g. 512MiB)' },
  address: { option: 'address', type: 'string', commands: ['serve'], description: 'Address serve listens on' },
  port: { option: 'port', type: 'count', commands: ['serve'], description: 'Port serve listens on' },
  data: { option: 'data', type: 'string', commands: ['serve'], description: "Folder of serve's journal" },
  speed: { option: 'speed', type: 'string', commands: ['serve'], description: 'How fast simulated time runs in serve' },
};

/** Where a config came from, and the options it gives the command being run. */
export interface LoadedConfig {
  file: string;
  /** Every section's options, checked (camelCase keys). */
  top: Record<string, unknown>;
  sections: Partial<Record<Command, Record<string, unknown>>>;
}

/** `min-score` → `minScore`: config keys may be written as on the command line. */
function camel(key: string): string {
  return key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The config file for `cwd` (explicit `--config FILE` first), or undefined. */
export function findConfig(cwd: string, explicit?: string): { file: string; kind: 'json' | 'yaml' | 'package' } | undefined {
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit);
    if (!fs.existsSync(file)) throw new UsageError(msg(m.notFound, { file: explicit }), false);
    return { file, kind: /\.json$/i.test(file) ? (path.basename(file) === 'package.json' ? 'package' : 'json') : 'yaml' };
  }
  for (let dir = path.resolve(cwd), i = 0; i < 64; i++) {
    for (const name of CONFIG_FILES) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) return { file, kind: name.endsWith('.json') ? 'json' : 'yaml' };
    }
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        const value = JSON.parse(fs.readFileSync(pkg, 'utf8')) as Record<string, unknown>;
        if (value && typeof value === 'object' && 'kubespec' in value) return { file: pkg, kind: 'package' };
      } catch {
        // a package.json that does not parse is npm's business, not a kubespec config
      }
      return undefined;
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

/** Read and check a config file. Throws UsageError at the first problem's file:line:column. */
export function loadConfig(found: { file: string; kind: 'json' | 'yaml' | 'package' }, display = found.file): LoadedConfig {
  let text: string;
  try {
    const st = fs.statSync(found.file);
    if (st.size > 256 * 1024) throw new Error(`larger than 256 KiB`);
    text = fs.readFileSync(found.file, 'utf8');
  } catch (e) {
    throw new UsageError(msg(m.unreadable, { file: display, reason: (e as Error).message }), false);
  }
  // Loaded only when there is a config file: every command passes here, and the YAML parser is
  // a third of a bare `kubespec --version`.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parseYaml, YamlError } = require('../manifest/yaml') as typeof import('../manifest/yaml');
  /* eslint-enable @typescript-eslint/no-require-imports */
  let doc: YamlDocument;
  try {
    // JSON is YAML: one parser gives positions for both.
    const docs = parseYaml(text, display, { reading: 'spec', maxDocuments: 1 });
    doc = docs[0];
  } catch (e) {
    const reason = e instanceof YamlError ? e.toString() : (e as Error).message;
    throw new UsageError(msg(found.kind === 'yaml' ? m.badYaml : m.badJson, { file: display, reason }), false);
  }
  const base: (string | number)[] = found.kind === 'package' ? ['kubespec'] : [];
  const root = found.kind === 'package' ? (doc?.value as Record<string, unknown> | undefined)?.kubespec : doc?.value;
  if (doc === undefined || root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw problem(doc?.at(base), msg(m.notAMap));
  }
  const top: Record<string, unknown> = {};
  const sections: LoadedConfig['sections'] = {};
  for (const [raw, value] of Object.entries(root as Record<string, unknown>)) {
    if ((COMMANDS as readonly string[]).includes(raw)) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw problem(doc.at([...base, raw]), msg(m.wrongType, { key: raw, expected: msg(m.typeMap), found: describe(value), value: shown(value) }));
      const section: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) section[camel(k)] = checkValue(doc, [...base, raw, k], k, v, raw as Command);
      sections[raw as Command] = section;
      continue;
    }
    top[camel(raw)] = checkValue(doc, [...base, raw], raw, value);
  }
  return { file: found.file, top, sections };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** A value as written, cut short. */
function shown(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function problem(at: Position | undefined, text: string): UsageError {
  return new UsageError(at ? `${at.file}:${at.line}:${at.column}: ${text}` : text, false);
}

function checkValue(doc: YamlDocument, p: (string | number)[], raw: string, v: unknown, command?: Command): unknown {
  const key = camel(raw);
  const info = CONFIG_OPTIONS[key];
  const allowed = Object.keys(CONFIG_OPTIONS).filter((k) => !command || CONFIG_OPTIONS[k].commands.includes(command));
  if (!info || (command && !info.commands.includes(command))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- only on this error path
    const near = (require('../spec/suggest') as typeof import('../spec/suggest')).closest(key, allowed);
    throw problem(doc.keyAt(p), msg(m.unknownKey, { key: raw, hint: near ? msg(m.didYouMean, { word: near }) : msg(m.knownKeys, { words: allowed.join(', ') }) }));
  }
  const at = doc.at(p);
  const wrong = (expected: string) => problem(at, msg(m.wrongType, { key: raw, expected, found: describe(v), value: shown(v) }));
  switch (info.type) {
    case 'string':
      if (typeof v !== 'string' || v === '') throw wrong(msg(m.typeString));
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') throw wrong(msg(m.typeBoolean));
      return v;
    case 'count':
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw wrong(msg(m.typeCount));
      return String(v);
    case 'strings': {
      const list = typeof v === 'string' ? [v] : v;
      if (!Array.isArray(list) || list.length === 0 || !list.every((s) => typeof s === 'string' && s !== '')) throw wrong(msg(m.typeStrings));
      return list;
    }
    case 'lang':
      if (typeof v !== 'string' || !parseLang(v)) throw wrong(msg(m.typeLang));
      return v;
    case 'score':
      if (!(typeof v === 'number' && v >= 0) && !(typeof v === 'string' && /^\d+(\.\d+)?%?$/.test(v.trim()))) throw wrong(msg(m.typeScore));
      return String(v);
  }
}

/**
 * The command line words a config gives `command`: `--option value` for every option the command
 * line does not set itself (the command line wins), its section over the top. Paths come last, as
 * positionals, only when the command line names none.
 */
export function configArgs(config: LoadedConfig, command: string, given: { options: Set<string>; hasPaths: boolean }): string[] {
  if (!(COMMANDS as readonly string[]).includes(command)) return [];
  const merged: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config.top)) if (CONFIG_OPTIONS[k].commands.includes(command as Command)) merged[k] = v;
  Object.assign(merged, config.sections[command as Command] ?? {});
  const words: string[] = [];
  let paths: string[] = [];
  for (const [k, v] of Object.entries(merged)) {
    const { option } = CONFIG_OPTIONS[k];
    if (option === 'paths') {
      paths = v as string[];
      continue;
    }
    if (given.options.has(option)) continue;
    if (typeof v === 'boolean') words.push(v ? `--${option}` : `--no-${option}`);
    else if (Array.isArray(v)) for (const item of v) words.push(`--${option}=${item}`);
    else words.push(`--${option}=${String(v)}`);
  }
  return given.hasPaths || paths.length === 0 ? words : [...words, '--', ...paths];
}

/** The config's language, for messages printed before the command runs. */
export function configLang(config: LoadedConfig, command: string): string | undefined {
  const section = (COMMANDS as readonly string[]).includes(command) ? config.sections[command as Command] : undefined;
  return (section?.lang ?? config.top.lang) as string | undefined;
}

/** The config file's JSON Schema (schema/config.schema.json), for editors. */
export function configSchema(): Record<string, unknown> {
  const typeOf = (t: ValueType): Record<string, unknown> => {
    switch (t) {
      case 'string':
        return { type: 'string', minLength: 1 };
      case 'boolean':
        return { type: 'boolean' };
      case 'count':
        return { type: 'integer', minimum: 0 };
      case 'strings':
        return { oneOf: [{ type: 'string', minLength: 1 }, { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } }] };
      case 'lang':
        return { type: 'string', enum: ['en', 'ko'] };
      case 'score':
        return { oneOf: [{ type: 'number', minimum: 0 }, { type: 'string', pattern: '^\\d+(\\.\\d+)?%?$' }] };
    }
  };
  const props = (command?: Command) =>
    Object.fromEntries(
      Object.entries(CONFIG_OPTIONS)
        .filter(([, i]) => !command || i.commands.includes(command))
        .map(([k, i]) => [k, { description: `${i.description} (--${i.option === 'paths' ? 'positional paths' : i.option}; ${i.commands.join(', ')})`, ...typeOf(i.type) }]),
    );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://kubespec.dev/schema/config-v1.json',
    title: 'kubespec configuration',
    description: 'kubespec.config.json / kubespec.config.yaml, or "kubespec" in package.json: command-line options written once; the command line overrides them.',
    type: 'object',
    additionalProperties: false,
    properties: {
      ...props(),
      ...Object.fromEntries(COMMANDS.map((c) => [c, { description: `Options for kubespec ${c} only (over the top-level ones)`, type: 'object', additionalProperties: false, properties: props(c) }])),
    },
  };
}

/** Short options of the commands, to the long names the config uses. */
const ALIASES: Record<string, string> = { t: 'filter', r: 'reporter', j: 'jobs' };
/** Options that never take the next word as their value. */
const BOOLEANS = new Set(['bail', 'spec-manifests', 'verbose', 'timings', 'ci', 'color', 'strict', 'json', 'list-files', 'insecure-http', 'help', 'version', 'h', 'v']);

/** What the command line itself gives: its command, the options it sets, whether it names paths. */
export function scanArgs(argv: string[]): { command?: string; commandAt: number; options: Set<string>; hasPaths: boolean; config?: string; noConfig: boolean; rest: string[] } {
  const options = new Set<string>();
  const rest: string[] = [];
  let command: string | undefined;
  let commandAt = -1;
  let hasPaths = false;
  let config: string | undefined;
  let noConfig = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      if (argv.length > i + 1) hasPaths = command !== undefined || argv.length > i + 2;
      rest.push(...argv.slice(i));
      break;
    }
    if (a === '--config' || a.startsWith('--config=')) {
      config = a === '--config' ? (argv[++i] ?? '') : a.slice('--config='.length);
      continue;
    }
    if (a === '--no-config') {
      noConfig = true;
      continue;
    }
    rest.push(a);
    if (a.startsWith('--')) {
      const name = a.slice(2).split('=')[0];
      const plain = name.startsWith('no-') && !CONFIG_OPTION_NAMES.has(name) ? name.slice(3) : name;
      options.add(plain);
      if (!a.includes('=') && !BOOLEANS.has(plain) && !name.startsWith('no-') && i + 1 < argv.length) rest.push(argv[++i]);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const short = a[1];
      options.add(ALIASES[short] ?? short);
      if (a.length === 2 && !BOOLEANS.has(short) && i + 1 < argv.length) rest.push(argv[++i]);
      continue;
    }
    if (command === undefined) {
      command = a;
      commandAt = rest.length - 1;
    } else hasPaths = true;
  }
  return { command, commandAt, options, hasPaths, config, noConfig, rest };
}

const CONFIG_OPTION_NAMES = new Set(Object.values(CONFIG_OPTIONS).map((o) => o.option));

/**
 * The command line with the config file's options in it (after the command, so that the command
 * line's own come later and win), and the config's language. `--config FILE` names the file,
 * `--no-config` ignores any; both are taken out.
 */
export function withConfig(argv: string[], cwd: string): { argv: string[]; lang?: string; file?: string } {
  const scan = scanArgs(argv);
  if (scan.noConfig) return { argv: scan.rest };
  const found = findConfig(cwd, scan.config);
  if (!found || scan.command === undefined) return { argv: scan.rest };
  const config = loadConfig(found, path.relative(cwd, found.file) || found.file);
  const words = configArgs(config, scan.command, scan);
  // Paths (after `--` in configArgs' words) go right after the command, as if typed there.
  const cut = words.indexOf('--');
  const options = cut < 0 ? words : words.slice(0, cut);
  const paths = cut < 0 ? [] : words.slice(cut + 1);
  const at = scan.commandAt + 1;
  return { argv: [...scan.rest.slice(0, at), ...paths, ...options, ...scan.rest.slice(at)], lang: configLang(config, scan.command), file: found.file };
}
