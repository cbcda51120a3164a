// kubectl's command line, parsed as kubectl (cobra + pflag) parses it: commands and subcommands,
// flags anywhere among the arguments, `--flag=value` / `--flag value` / `-f value` / `-fvalue`,
// booleans that never take the next word, `--` ending the flags, and cobra's and pflag's error
// messages word for word. A pflag-faithful pass checks and normalises every flag; yargs' parser
// then builds the parsed arguments from the normalised words.
import { dirname } from 'path';
import type { Parser as YargsParser } from 'yargs/helpers';
import { jsonInteger, parseInt64 } from '../util/json';
import { DRY_RUN, f, FILENAME, PRINT, SELECTOR } from './flag-sets';
import { VERBS, VERB_SUBCOMMANDS } from './verbs';
import { GROUP_HELP } from './group-help';
import { CREATE_TREE, OBJECT_VERBS } from './verbs-objects';

/**
 * yargs' parser (yargs-parser). `yargs/helpers` re-exports it but first loads the whole of yargs
 * (cliui, y18n, ...: ~8 ms on the first kubectl command of a run); the very same module is loaded
 * from where yargs itself resolves it, falling back to `yargs/helpers` should that ever fail.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
function loadParser(): typeof YargsParser {
  try {
    return require(require.resolve('yargs-parser', { paths: [dirname(require.resolve('yargs/package.json'))] })) as typeof YargsParser;
  } catch {
    return (require('yargs/helpers') as typeof import('yargs/helpers')).Parser;
  }
}
/* eslint-enable @typescript-eslint/no-require-imports */
const Parser = loadParser();

export type FlagType = 'bool' | 'string' | 'int' | 'stringSlice' | 'stringArray' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: string | number | boolean | string[];
  /** pflag NoOptDefVal: the value a bare `--flag` takes (bools: "true"). */
  noOptDefVal?: string;
}

export interface CommandSpec {
  /** `['rollout', 'undo']` */
  path: string[];
  flags: FlagSpec[];
}

/** An int flag is a number, or a bigint past 2^53 (pflag's Int64 keeps every digit: `--to-revision`). */
export type FlagValue = string | number | bigint | boolean | string[];

export interface ParsedCommand {
  /** The command path without `kubectl`, e.g. `['set', 'image']`. */
  path: string[];
  /** Positional arguments. */
  args: string[];
  /** Flags by long name, with defaults filled in. */
  flags: Record<string, FlagValue>;
  /** Long names of the flags the user gave. */
  given: Set<string>;
  /** cobra's ArgsLenAtDash: how many positional arguments came before `--` (-1: no `--`). */
  argsLenAtDash?: number;
  /** The flags as given, in order, each as `--name=value` (the long name, as --record writes them). */
  flagWords?: string[];
}

export interface ParseFailure {
  stdout: string;
  stderr: string;
  exitCode: number;
}


/** Flags every kubectl command accepts (`kubectl options`); only --namespace matters here. */
const GLOBAL_FLAGS: FlagSpec[] = [
  f('namespace', 'string', { short: 'n', default: '' }),
  f('context', 'string', { default: '' }),
  f('cluster', 'string', { default: '' }),
  f('user', 'string', { default: '' }),
  f('kubeconfig', 'string', { default: '' }),
  f('server', 'string', { short: 's', default: '' }),
  f('request-timeout', 'string', { default: '0' }),
  f('insecure-skip-tls-verify', 'bool', { default: false }),
  f('match-server-version', 'bool', { default: false }),
  f('warnings-as-errors', 'bool', { default: false }),
  f('as', 'string', { default: '' }),
  f('as-group', 'stringArray', { default: [] }),
  f('as-uid', 'string', { default: '' }),
  f('cache-dir', 'string', { default: '' }),
  f('certificate-authority', 'string', { default: '' }),
  f('client-certificate', 'string', { default: '' }),
  f('client-key', 'string', { default: '' }),
  f('disable-compression', 'bool', { default: false }),
  f('password', 'string', { default: '' }),
  f('username', 'string', { default: '' }),
  f('profile', 'string', { default: 'none' }),
  f('profile-output', 'string', { default: 'profile.pprof' }),
  f('tls-server-name', 'string', { default: '' }),
  f('token', 'string', { default: '' }),
  f('v', 'int', { short: 'v', default: 0 }),
  f('vmodule', 'string', { default: '' }),
  f('log-flush-frequency', 'duration', { default: '5s' }),
  f('help', 'bool', { short: 'h', default: false }),
];

const FIELD_MANAGER = (def: string) => f('field-manager', 'string', { default: def });

export const COMMANDS: CommandSpec[] = [
  {
    path: ['get'],
    flags: [
      ...FILENAME,
      ...PRINT,
      SELECTOR,
      f('field-selector', 'string', { default: '' }),
      f('all-namespaces', 'bool', { short: 'A', default: false }),
      f('show-labels', 'bool', { default: false }),
      f('show-kind', 'bool', { default: false }),
      f('no-headers', 'bool', { default: false }),
      f('ignore-not-found', 'bool', { default: false }),
      f('label-columns', 'stringSlice', { short: 'L', default: [] }),
      f('watch', 'bool', { short: 'w', default: false }),
      f('watch-only', 'bool', { default: false }),
      f('output-watch-events', 'bool', { default: false }),
      f('sort-by', 'string', { default: '' }),
      f('chunk-size', 'int', { default: 500 }),
      f('raw', 'string', { default: '' }),
      f('server-print', 'bool', { default: true }),
      f('subresource', 'string', { default: '' }),
    ],
  },
  {
    path: ['apply'],
    flags: [
      ...FILENAME,
      ...PRINT,
      DRY_RUN,
      SELECTOR,
      f('all', 'bool', { default: false }),
      f('cascade', 'string', { default: 'background', noOptDefVal: 'background' }),
      f('force', 'bool', { default: false }),
      f('force-conflicts', 'bool', { default: false }),
      f('grace-period', 'int', { default: -1 }),
      f('openapi-patch', 'bool', { default: true }),
      f('overwrite', 'bool', { default: true }),
      f('prune', 'bool', { default: false }),
      f('prune-allowlist', 'stringArray', { default: [] }),
      f('applyset', 'string', { default: '' }),
      f('record', 'bool', { default: false }),
      f('server-side', 'bool', { default: false }),
      f('timeout', 'duration', { default: '0s' }),
      f('validate', 'string', { default: 'strict', noOptDefVal: 'strict' }),
      f('wait', 'bool', { default: false }),
      FIELD_MANAGER('kubectl-client-side-apply'),
    ],
  },
  {
    path: ['create'],
    flags: [
      ...FILENAME,
      ...PRINT,
      DRY_RUN,
      SELECTOR,
      f('edit', 'bool', { default: false }),
      f('raw', 'string', { default: '' }),
      f('record', 'bool', { default: false }),
      f('save-config', 'bool', { default: false }),
      f('validate', 'string', { default: 'strict', noOptDefVal: 'strict' }),
      f('windows-line-endings', 'bool', { default: false }),
      FIELD_MANAGER('kubectl-create'),
    ],
  },
  {
    path: ['delete'],
    flags: [
      ...FILENAME,
      f('output', 'string', { short: 'o', default: '' }),
      DRY_RUN,
      SELECTOR,
      f('all', 'bool', { default: false }),
      f('all-namespaces', 'bool', { short: 'A', default: false }),
      f('cascade', 'string', { default: 'background', noOptDefVal: 'background' }),
      f('field-selector', 'string', { default: '' }),
      f('force', 'bool', { default: false }),
      f('grace-period', 'int', { default: -1 }),
      f('ignore-not-found', 'bool', { default: false }),
      f('interactive', 'bool', { short: 'i', default: false }),
      f('now', 'bool', { default: false }),
      f('raw', 'string', { default: '' }),
      f('timeout', 'duration', { default: '0s' }),
      f('wait', 'bool', { default: true }),
    ],
  },
  {
    path: ['scale'],
    flags: [
      ...FILENAME,
      ...PRINT,
      DRY_RUN,
      SELECTOR,
      f('all', 'bool', { default: false }),
      f('current-replicas', 'int', { default: -1 }),
      f('record', 'bool', { default: false }),
      f('replicas', 'int', { default: -1 }),
      f('resource-version', 'string', { default: '' }),
      f('timeout', 'duration', { default: '0s' }),
    ],
  },
  {
    path: ['rollout', 'undo'],
    flags: [...FILENAME, ...PRINT, DRY_RUN, SELECTOR, f('to-revision', 'int', { default: 0 })],
  },
  {
    path: ['rollout', 'restart'],
    flags: [...FILENAME, ...PRINT, DRY_RUN, SELECTOR, FIELD_MANAGER('kubectl-rollout')],
  },
  { path: ['rollout', 'pause'], flags: [...FILENAME, ...PRINT, SELECTOR, FIELD_MANAGER('kubectl-rollout')] },
  { path: ['rollout', 'resume'], flags: [...FILENAME, ...PRINT, SELECTOR, FIELD_MANAGER('kubectl-rollout')] },
  {
    path: ['rollout', 'status'],
    flags: [...FILENAME, SELECTOR, f('revision', 'int', { default: 0 }), f('timeout', 'duration', { default: '0s' }), f('watch', 'bool', { short: 'w', default: true })],
  },
  { path: ['rollout', 'history'], flags: [...FILENAME, ...PRINT, SELECTOR, f('revision', 'int', { default: 0 })] },
  {
    path: ['patch'],
    flags: [
      ...FILENAME,
      ...PRINT,
      DRY_RUN,
      f('patch', 'string', { short: 'p', default: '' }),
      f('patch-file', 'string', { default: '' }),
      f('type', 'string', { default: 'strategic' }),
      f('local', 'bool', { default: false }),
      f('subresource', 'string', { default: '' }),
      FIELD_MANAGER('kubectl-patch'),
    ],
  },
  {
    path: ['describe'],
    flags: [...FILENAME, SELECTOR, f('all-namespaces', 'bool', { short: 'A', default: false }), f('chunk-size', 'int', { default: 500 }), f('show-events', 'bool', { default: true })],
  },
  { path: ['version'], flags: [f('client', 'bool', { default: false }), f('output', 'string', { short: 'o', default: '' })] },
  ...VERBS.map((v) => ({ path: v.path, flags: v.flags })),
  ...OBJECT_VERBS.map((v) => ({ path: v.path, flags: v.flags })),
];

/** cobra's stripFlags then the first word: the index of the first positional among `words`, or -1. */
function firstPositional(words: string[], specs: FlagSpec[]): number {
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (w === '--') return -1;
    if (!w.startsWith('-') || w === '-') return k;
    if (w.includes('=')) continue;
    const spec = w.startsWith('--') ? specs.find((s) => s.name === w.slice(2)) : w.length === 2 ? specs.find((s) => s.short === w[1]) : undefined;
    if (spec && spec.type !== 'bool' && spec.noOptDefVal === undefined) k++;
  }
  return -1;
}

/** kubectl's top-level commands in the order `kubectl` registers them (cobra suggests in this order). */
export const KUBECTL_COMMANDS = [
  'create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale',
  'certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach',
  'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait',
  'kustomize', 'label', 'annotate', 'completion', 'alpha', 'api-resources', 'api-versions', 'config', 'plugin',
  'version', 'options', 'help',
];

const SUBCOMMANDS: Record<string, string[]> = {
  rollout: ['history', 'pause', 'restart', 'resume', 'status', 'undo'],
  set: ['env', 'image', 'resources', 'selector', 'serviceaccount', 'subject'],
  ...VERB_SUBCOMMANDS,
};

/** Levenshtein distance, case-insensitive (cobra's ld with ignoreCase). */
function ld(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...new Array(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
    }
  }
  return d[s.length][t.length];
}

/** cobra SuggestionsFor: Levenshtein distance ≤ 2 or a prefix. */
function suggestionsFor(typed: string, names: string[]): string[] {
  return names.filter((n) => ld(typed, n) <= 2 || n.toLowerCase().startsWith(typed.toLowerCase()));
}

class FlagError extends Error {}

/** strconv.ParseBool */
function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/** Go's CSV reading of a StringSlice flag value (`a,b` → [a, b]; quotes allowed). */
function splitSlice(v: string): string[] {
  if (v === '') return [];
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (quoted) {
      if (c === '"' && v[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur === '') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function flagDisplayName(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

/** Check one value against its flag's type, with pflag's error text. */
function checkValue(spec: FlagSpec, value: string): void {
  const fail = (why: string) => {
    throw new FlagError(`invalid argument ${JSON.stringify(value)} for ${JSON.stringify(flagDisplayName(spec))} flag: ${why}`);
  };
  if (spec.type === 'bool' && parseBool(value) === undefined) fail(`strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`);
  if (spec.type === 'int') {
    if (!/^[+-]?\d+$/.test(value)) fail(`strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
    if ('error' in parseInt64(value)) fail(`strconv.ParseInt: parsing ${JSON.stringify(value)}: value out of range`);
  }
  if (spec.type === 'duration' && !/^([+-]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+|0)$/.test(value)) {
    fail(`time: invalid duration ${JSON.stringify(value)}`);
  }
}

interface Normalised {
  words: string[];
  given: Set<string>;
  argsLenAtDash: number;
  /** The flags as given, in order, each as `--name=value`. */
  flagWords: string[];
}

/**
 * pflag's parseArgs over the words after the command path: every flag checked against `specs`,
 * rewritten as `--name=value`; positionals kept; everything after `--` positional.
 */
function normalise(words: string[], specs: FlagSpec[]): Normalised {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const out: string[] = [];
  const positionals: string[] = [];
  const given = new Set<string>();
  let argsLenAtDash = -1;
  const set = (spec: FlagSpec, value: string) => {
    checkValue(spec, value);
    given.add(spec.name);
    out.push(`--${spec.name}=${value}`);
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') {
      argsLenAtDash = positionals.length;
      positionals.push(...words.slice(i + 1));
      break;
    }
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, w.slice(eq + 1));
      else if (spec.type === 'bool') set(spec, spec.noOptDefVal ?? 'true');
      else if (spec.noOptDefVal !== undefined) set(spec, spec.noOptDefVal);
      else if (i + 1 < words.length) set(spec, words[++i]);
      else throw new FlagError(`flag needs an argument: --${name}`);
    } else if (w.startsWith('-') && w.length > 1) {
      // A group of shorthands: `-Aw`, `-nfoo`, `-n=foo`.
      let rest = w.slice(1);
      while (rest.length) {
        const c = rest[0];
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${w}`);
        if (rest[1] === '=') {
          set(spec, rest.slice(2));
          rest = '';
        } else if (spec.type === 'bool' || spec.noOptDefVal !== undefined) {
          set(spec, spec.type === 'bool' ? 'true' : spec.noOptDefVal!);
          rest = rest.slice(1);
        } else if (rest.length > 1) {
          set(spec, rest.slice(1));
          rest = '';
        } else if (i + 1 < words.length) {
          set(spec, words[++i]);
          rest = '';
        } else {
          throw new FlagError(`flag needs an argument: '${c}' in ${w}`);
        }
      }
    } else {
      positionals.push(w);
    }
  }
  return { words: [...out, '--', ...positionals], given, argsLenAtDash, flagWords: [...out] };
}

const usageError = (message: string, commandPath: string): ParseFailure => ({
  stdout: '',
  stderr: `error: ${message}\nSee '${commandPath} --help' for usage.\n`,
  exitCode: 1,
});

/**
 * Parse the words of a kubectl command line (without the leading `kubectl`). Returns the parsed
 * command, or what kubectl prints when it refuses the line.
 */
export function parseCommandLine(words: string[]): ParsedCommand | ParseFailure {
  // Global flags may come before the command (`kubectl -n kube-system get pods`).
  let i = 0;
  const leading: string[] = [];
  const globalByShort = new Map(GLOBAL_FLAGS.filter((g) => g.short).map((g) => [g.short!, g]));
  const globalByName = new Map(GLOBAL_FLAGS.map((g) => [g.name, g]));
  while (i < words.length && words[i].startsWith('-') && words[i] !== '--') {
    const w = words[i];
    leading.push(w);
    const name = w.startsWith('--') ? w.slice(2).split('=')[0] : w.slice(1, 2);
    const spec = w.startsWith('--') ? globalByName.get(name) : globalByShort.get(name);
    if (!spec) return usageError(w.startsWith('--') ? `unknown flag: --${name}` : `unknown shorthand flag: '${name}' in ${w}`, 'kubectl');
    const takesNext = spec.type !== 'bool' && !w.includes('=') && (w.startsWith('--') || w.length === 2);
    if (takesNext && i + 1 < words.length) leading.push(words[++i]);
    i++;
  }
  const rest = words.slice(i);
  if (!rest.length || rest[0] === '--') {
    return { stdout: kubectlHelp(), stderr: '', exitCode: 0 };
  }
  const top = rest[0];
  if (!KUBECTL_COMMANDS.includes(top)) {
    const sugg = suggestionsFor(top, KUBECTL_COMMANDS);
    const tail = sugg.length ? `\n\nDid you mean this?\n${sugg.map((s) => `\t${s}`).join('\n')}` : '';
    return { stdout: '', stderr: `error: unknown command ${JSON.stringify(top)} for "kubectl"${tail}\n`, exitCode: 1 };
  }
  const path = [top];
  let argWords = rest.slice(1);
  // `kubectl create configmap NAME ...`, `create secret generic NAME` (aliases `cm`, `svc`...): cobra
  // finds the subcommand among the words, flags and their values skipped; `create -f` stays plain.
  if (top === 'create') {
    const createSpec = COMMANDS.find((c) => c.path.length === 1 && c.path[0] === 'create')!;
    let level: Record<string, { aliases: string[]; subs?: Record<string, string[]> }> | undefined = CREATE_TREE;
    while (level) {
      const k = firstPositional(argWords, [...createSpec.flags, ...GLOBAL_FLAGS]);
      const word = k < 0 ? undefined : argWords[k];
      const sub: string | undefined = word === undefined ? undefined : Object.keys(level).find((n) => n === word || level![n].aliases.includes(word));
      if (sub === undefined) break;
      path.push(sub);
      argWords = argWords.filter((_, j) => j !== k);
      const subs: Record<string, string[]> | undefined = level[sub].subs;
      level = subs ? Object.fromEntries(Object.entries(subs).map(([n, aliases]) => [n, { aliases }])) : undefined;
    }
  }
  const subs = SUBCOMMANDS[top];
  if (subs) {
    // cobra's stripFlags: skip flags, and the values of the global flags that take one.
    let subIdx = -1;
    for (let k = 0; k < argWords.length; k++) {
      const w = argWords[k];
      if (!w.startsWith('-')) {
        subIdx = k;
        break;
      }
      const g = w.startsWith('--') ? globalByName.get(w.slice(2)) : w.length === 2 ? globalByShort.get(w[1]) : undefined;
      if (g && g.type !== 'bool') k++;
    }
    const typed = subIdx < 0 ? undefined : argWords[subIdx];
    // cobra's aliases: `set sa` is `set serviceaccount`.
    const sub = top === 'set' && typed === 'sa' ? 'serviceaccount' : typed;
    if (sub === undefined) {
      if (GROUP_HELP[top]) return { stdout: '', stderr: GROUP_HELP[top], exitCode: 1 };
      return { stdout: '', stderr: `error: ${top === 'rollout' ? 'required resource not specified' : 'You must specify the type of resource to set'}\n`, exitCode: 1 };
    }
    if (!subs.includes(sub)) {
      return { stdout: '', stderr: `error: unknown command ${JSON.stringify(sub)}\nSee 'kubectl ${top} -h' for help and examples\n`, exitCode: 1 };
    }
    path.push(sub);
    argWords = argWords.filter((_, k) => k !== subIdx);
  }
  const spec = COMMANDS.find((c) => c.path.join(' ') === path.join(' '));
  const commandPath = `kubectl ${path.join(' ')}`;
  if (!spec) {
    return { stdout: '', stderr: `error: kubespec's kubectl emulation does not support "${commandPath}"\n`, exitCode: 1 };
  }
  const specs = [...spec.flags, ...GLOBAL_FLAGS.filter((g) => !spec.flags.some((s) => s.name === g.name || (g.short && s.short === g.short)))];
  let norm: Normalised;
  try {
    norm = normalise([...leading, ...argWords], specs);
  } catch (e) {
    if (e instanceof FlagError) return usageError(e.message, commandPath);
    throw e;
  }
  const parsed = Parser(norm.words, {
    // Int flags as text, converted below: the parser's numbers would round past 2^53.
    string: specs.filter((s) => s.type === 'string' || s.type === 'duration' || s.type === 'int').map((s) => s.name),
    boolean: specs.filter((s) => s.type === 'bool').map((s) => s.name),
    array: specs.filter((s) => s.type === 'stringSlice' || s.type === 'stringArray').map((s) => s.name),
    configuration: {
      'camel-case-expansion': false,
      'dot-notation': false,
      'parse-numbers': false,
      'parse-positional-numbers': false,
      'boolean-negation': false,
      'short-option-groups': false,
      'duplicate-arguments-array': true,
      'flatten-duplicate-arrays': true,
      'greedy-arrays': false,
      'strip-dashed': false,
      'populate--': true,
    },
  });
  const flags: Record<string, FlagValue> = {};
  for (const s of specs) {
    const v = (parsed as Record<string, unknown>)[s.name];
    if (!norm.given.has(s.name) || v === undefined) {
      flags[s.name] = Array.isArray(s.default) ? [...s.default] : (s.default ?? '');
      continue;
    }
    switch (s.type) {
      case 'bool':
        flags[s.name] = Array.isArray(v) ? parseBool(String(v[v.length - 1])) ?? true : typeof v === 'boolean' ? v : parseBool(String(v)) ?? true;
        break;
      case 'int':
        flags[s.name] = intFlag(String(Array.isArray(v) ? v[v.length - 1] : v));
        break;
      case 'stringSlice':
        flags[s.name] = (Array.isArray(v) ? v : [v]).flatMap((x) => splitSlice(String(x)));
        break;
      case 'stringArray':
        flags[s.name] = (Array.isArray(v) ? v : [v]).map(String);
        break;
      default:
        flags[s.name] = Array.isArray(v) ? String(v[v.length - 1]) : String(v);
    }
  }
  const args = ((parsed as Record<string, unknown>)['--'] as unknown[] | undefined ?? []).map(String);
  return { path, args, flags, given: norm.given, argsLenAtDash: norm.argsLenAtDash, flagWords: norm.flagWords };
}

/** An int flag's value (checked by normalise): exact, a bigint past 2^53. */
function intFlag(text: string): number | bigint {
  return /^[+-]?\d+$/.test(text) ? jsonInteger(BigInt(text)) : Number(text);
}

export function isParseFailure(p: ParsedCommand | ParseFailure): p is ParseFailure {
  return (p as ParseFailure).exitCode !== undefined;
}

function kubectlHelp(): string {
  return 'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n' +
    'This is kubespec\'s emulation of kubectl; it supports: get, apply, create (-f, namespace, configmap,\n' +
    'secret generic|tls|docker-registry, service clusterip|nodeport|loadbalancer|externalname,\n' +
    'serviceaccount, deployment, job, cronjob), run, expose, delete, scale, set (env, image, resources,\n' +
    'selector, serviceaccount), rollout (undo, restart, pause, resume, status, history), label, annotate,\n' +
    'patch, replace, edit (scripted by the step), describe, version, and the commands listed in\n' +
    'docs/spec-format.md.\n';
}
