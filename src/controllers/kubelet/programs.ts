// What a container's process does, simulated from its image and its command/args: whether and when
// it exits, with which code, which files it creates or removes along the way (for exec probes such
// as `cat /tmp/healthy`), and what it prints (an exec probe's failure message is its output).
//
// The simulation understands a small shell: `sh -c` / `bash -c` scripts made of commands joined by
// `;`, newlines, `&&`, `||` and `|`, with `set -e`, `exec`, `!`, `>`/`>>` redirections, and the
// commands below. A program ends where it runs into something it does not understand: from there it
// keeps running until it is stopped (a real server, or a script whose end the simulation cannot
// know). The limits are listed in README.md ("Where the embedded cluster differs").
//
// Commands understood: `true`, `:`, `false`, `exit [N]`, `sleep N[smhd]...` / `sleep infinity`,
// `echo`, `printf`, `touch`, `mkdir`, `rm [-f] [-r]`, `cat [FILE...]`, `ls [PATH...]`,
// `tail -f` (never ends), `tail FILE`, `test`/`[` with -e/-f/-d/-s, `yes` (never ends),
// `env`, `printenv`, `date`, `hostname`, `pwd`, `id`, `whoami`, `uname`, `nproc`, `cd`, `export`,
// `VAR=value`, nested `sh -c`, and loops `while true|:; do ...; done` / `until false; do ...; done`
// (never end). Messages follow busybox (busybox, alpine and images built on them) or GNU coreutils
// (debian, ubuntu and the rest).
import { imageProcess, type ImageKind, type ShellFlavour } from '../../images';

/** A file a program creates (`touch`, `>`) or removes (`rm`), at `atMs` after the container started. */
export interface FileChange {
  atMs: number;
  path: string;
  exists: boolean;
}

export interface Outcome {
  /** The process ends `afterMs` after it started, with exit `code`; absent: it runs until stopped. */
  exit?: { afterMs: number; code: number };
  /** False when the program ran into something the simulation does not understand (it then runs on). */
  understood: boolean;
  /** Files created and removed, in time order. */
  files: FileChange[];
  /** What it printed (stdout and stderr together, as an exec probe collects them). */
  output: string;
}

export interface RunContext {
  flavour: ShellFlavour;
  /** The container keeps stdin open (`stdin: true`): a shell or `cat` waits for input. */
  stdin: boolean;
  /** Volume mount paths: every path under one exists (its content is not known). */
  mounts: readonly string[];
  /** Whether `path` exists when the program starts (an exec probe sees the container's files). */
  exists?: (path: string) => boolean;
  /** The image's kind: which paths a fresh container has (baseExists). */
  kind?: ImageKind;
}

/** Files present in every image the simulation knows (the rest of the filesystem is empty). */
const IMAGE_FILES = ['/', '/bin', '/bin/sh', '/dev', '/dev/null', '/dev/zero', '/dev/random', '/dev/urandom', '/dev/stdout', '/dev/stderr', '/etc', '/etc/hostname', '/etc/hosts', '/etc/resolv.conf', '/etc/passwd', '/etc/group', '/etc/os-release', '/proc', '/proc/1', '/proc/cpuinfo', '/proc/meminfo', '/proc/version', '/root', '/tmp', '/usr', '/usr/bin', '/var', '/var/log', '/home', '/sys'];
const IMAGE_FILE_SET = new Set(IMAGE_FILES);

const FOREVER = Symbol('forever');
const UNKNOWN = Symbol('unknown');
type Status = number | typeof FOREVER | typeof UNKNOWN;

class ExitSignal {
  constructor(readonly status: Status) {}
}

const MAX_STEPS = 10_000;

/** A shell token: a word (quotes removed; `expands` when it holds an unquoted or double-quoted `$`) or an operator. */
type Token = { word: string; expands: boolean } | { op: string };

const OPERATORS = ['&&', '||', ';;', '>>', '2>&1', '&>', '2>', '>&', ';', '\n', '|', '&', '>', '<', '(', ')'];

/** Split shell text into words and operators (POSIX quoting: '...', "...", backslash). Undefined when it cannot. */
export function tokenize(text: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    // `2>` and `2>&1` are operators only at the start of a word (`a2>b` is a word and a redirect).
    const atWordStart = i === 0 || /\s/.test(text[i - 1]);
    const op = OPERATORS.find((o) => text.startsWith(o, i) && (!o.startsWith('2') || atWordStart));
    if (op) {
      out.push({ op });
      i += op.length;
      continue;
    }
    let word = '';
    let expands = false;
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || ';&|<>()'.includes(c)) break;
      if (c === "'") {
        const end = text.indexOf("'", i + 1);
        if (end < 0) return undefined;
        word += text.slice(i + 1, end);
        i = end + 1;
      } else if (c === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\' && '"\\$`\n'.includes(text[i + 1] ?? '')) {
            word += text[i + 1];
            i += 2;
            continue;
          }
          if (text[i] === '$' || text[i] === '`') expands = true;
          word += text[i++];
        }
        if (i >= text.length) return undefined;
        i++;
      } else if (c === '\\') {
        word += text[i + 1] ?? '';
        i += 2;
      } else {
        if (c === '$' || c === '`' || c === '*' || c === '?' || c === '~') expands = true;
        word += c;
        i++;
      }
    }
    out.push({ word, expands });
  }
  return out;
}

interface Redirect {
  op: string;
  target: string;
}

interface SimpleCommand {
  argv: { word: string; expands: boolean }[];
  redirects: Redirect[];
  negated: boolean;
  background: boolean;
}

function isWord(t: Token | undefined): t is { word: string; expands: boolean } {
  return t !== undefined && 'word' in t;
}

/** A shell interpreter over simulated time and a simulated filesystem. */
class Shell {
  t = 0;
  output = '';
  steps = 0;
  readonly files: FileChange[] = [];
  private readonly state = new Map<string, boolean>();
  private errexit = false;

  constructor(private readonly ctx: RunContext) {}

  exists(path: string): boolean {
    const p = normalizePath(path);
    const own = this.state.get(p);
    if (own !== undefined) return own;
    if (this.ctx.exists) return this.ctx.exists(p);
    return baseExists(p, this.ctx.mounts, this.ctx.kind);
  }

  private setFile(path: string, exists: boolean): void {
    const p = normalizePath(path);
    if (p.startsWith('/dev/') || p.startsWith('/proc/')) return;
    this.state.set(p, exists);
    this.files.push({ atMs: this.t, path: p, exists });
  }

  /** Run a script; returns its exit status, FOREVER or UNKNOWN. */
  script(text: string): Status {
    const tokens = tokenize(text);
    if (!tokens) return UNKNOWN;
    try {
      return this.list(tokens);
    } catch (e) {
      if (e instanceof ExitSignal) return e.status;
      throw e;
    }
  }

  /** A command list: and-or lists separated by `;`, `&` or newlines. */
  private list(tokens: Token[]): Status {
    let status: Status = 0;
    let i = 0;
    while (i < tokens.length) {
      const t = tokens[i];
      if (!isWord(t)) {
        if (t.op === ';' || t.op === '\n') {
          i++;
          continue;
        }
        return UNKNOWN;
      }
      // Loops that never end: `while true; do`, `while :; do`, `until false; do`.
      if (t.word === 'while' || t.word === 'until') {
        const cond = tokens[i + 1];
        const sep = tokens[i + 2];
        const d = tokens[i + 3];
        const endless = isWord(cond) && (t.word === 'while' ? cond.word === 'true' || cond.word === ':' : cond.word === 'false');
        if (endless && sep && !isWord(sep) && (sep.op === ';' || sep.op === '\n') && isWord(d) && d.word === 'do') {
          const body = tokens.slice(i + 4);
          // A loop that can leave (exit, break, return) is beyond the simulation.
          if (body.some((b) => isWord(b) && (b.word === 'exit' || b.word === 'break' || b.word === 'return'))) return UNKNOWN;
          return FOREVER;
        }
        return UNKNOWN;
      }
      if (['if', 'for', 'case', 'function', 'select', '{', '}', 'then', 'fi', 'do', 'done', 'elif', 'else', 'esac'].includes(t.word)) return UNKNOWN;
      // One and-or list.
      let end = i;
      while (end < tokens.length) {
        const e = tokens[end];
        if (!isWord(e) && (e.op === ';' || e.op === '\n' || e.op === '&')) break;
        end++;
      }
      const background = end < tokens.length && (tokens[end] as { op: string }).op === '&';
      const s = this.andOr(tokens.slice(i, end), background);
      if (s === FOREVER || s === UNKNOWN) return s;
      status = s;
      i = end + 1;
    }
    return status;
  }

  private andOr(tokens: Token[], background: boolean): Status {
    // Split into pipelines joined by && and ||.
    const parts: { tokens: Token[]; op?: string }[] = [];
    let cur: Token[] = [];
    for (const t of tokens) {
      if (!isWord(t) && (t.op === '&&' || t.op === '||')) {
        parts.push({ tokens: cur, op: t.op });
        cur = [];
      } else cur.push(t);
    }
    parts.push({ tokens: cur });
    if (background) {
      // `cmd &`: it runs beside the script, which goes on at once; what it does is not followed.
      return 0;
    }
    let status: Status = 0;
    let run = true;
    for (let k = 0; k < parts.length; k++) {
      const last = k === parts.length - 1;
      if (run) {
        status = this.pipeline(parts[k].tokens, !last);
        if (status === FOREVER || status === UNKNOWN) return status;
        // set -e: a failing command ends the script, unless it is tested by && or ||.
        if (this.errexit && last && status !== 0 && parts.length === 1) throw new ExitSignal(status);
      }
      const op = parts[k].op;
      if (op === '&&') run = status === 0;
      else if (op === '||') run = status !== 0;
    }
    if (this.errexit && status !== 0 && parts.length > 1 && parts[parts.length - 1].op === undefined && run) throw new ExitSignal(status);
    return status;
  }

  private pipeline(tokens: Token[], tested: boolean): Status {
    const cmds: Token[][] = [[]];
    for (const t of tokens) {
      if (!isWord(t) && t.op === '|') cmds.push([]);
      else cmds[cmds.length - 1].push(t);
    }
    let status: Status = 0;
    for (let k = 0; k < cmds.length; k++) {
      const parsed = parseSimple(cmds[k]);
      if (!parsed) return UNKNOWN;
      const before = this.output.length;
      status = this.simple(parsed, tested);
      if (status === FOREVER || status === UNKNOWN) return status;
      // Only the last command of a pipeline writes to the script's output.
      if (k < cmds.length - 1) this.output = this.output.slice(0, before);
    }
    return status;
  }

  private simple(cmd: SimpleCommand, tested: boolean): Status {
    if (++this.steps > MAX_STEPS) return UNKNOWN;
    const before = this.output.length;
    let status = this.command(cmd.argv);
    if (status === FOREVER || status === UNKNOWN) return status;
    for (const r of cmd.redirects) {
      if (r.op === '>' || r.op === '>>' || r.op === '&>') {
        this.output = this.output.slice(0, before);
        if (!r.target.startsWith('/dev/')) this.setFile(r.target, true);
      } else if (r.op === '2>' && r.target === '/dev/null') {
        this.output = this.output.slice(0, before);
      }
    }
    if (cmd.negated) status = status === 0 ? 1 : 0;
    void tested;
    return status;
  }

  /** One command, by name. */
  command(words: { word: string; expands: boolean }[]): Status {
    // Leading assignments (A=b cmd, or A=b alone).
    let w = words;
    while (w.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[0].word)) w = w.slice(1);
    if (!w.length) return 0;
    const name = w[0].word.replace(/^.*\//, '');
    if (w[0].expands) return UNKNOWN;
    const args = w.slice(1);
    const plain = args.every((a) => !a.expands);
    const argv = args.map((a) => a.word);
    const busybox = this.ctx.flavour === 'busybox';
    switch (name) {
      case 'true':
      case ':':
        return 0;
      case 'false':
        return 1;
      case 'exit': {
        if (!argv.length) throw new ExitSignal(0);
        if (!plain || !/^\d+$/.test(argv[0])) return UNKNOWN;
        throw new ExitSignal(Number(argv[0]) & 255);
      }
      case 'sleep': {
        if (!plain) return UNKNOWN;
        if (!argv.length) {
          this.output += busybox ? 'sleep: applet requires an argument\n' : "sleep: missing operand\nTry 'sleep --help' for more information.\n";
          return 1;
        }
        let ms = 0;
        for (const a of argv) {
          if (a === 'infinity' || a === 'inf') return FOREVER;
          const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(a);
          if (!m) return UNKNOWN;
          ms += Number(m[1]) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
        }
        this.t += Math.round(ms);
        return 0;
      }
      case 'echo': {
        let a = argv;
        let newline = true;
        if (a[0] === '-n') {
          newline = false;
          a = a.slice(1);
        } else if (a[0] === '-e') a = a.slice(1);
        this.output += a.join(' ') + (newline ? '\n' : '');
        return 0;
      }
      case 'printf':
        this.output += argv[0] ?? '';
        return 0;
      case 'touch':
        if (!plain) return UNKNOWN;
        for (const a of argv) if (!a.startsWith('-')) this.setFile(a, true);
        return 0;
      case 'mkdir':
        if (!plain) return UNKNOWN;
        for (const a of argv) if (!a.startsWith('-')) this.setFile(a, true);
        return 0;
      case 'rm': {
        if (!plain) return UNKNOWN;
        const flags = argv.filter((a) => a.startsWith('-')).join('');
        let status = 0;
        for (const a of argv) {
          if (a.startsWith('-')) continue;
          if (this.exists(a)) this.setFile(a, false);
          else if (!flags.includes('f')) {
            this.output += busybox ? `rm: can't remove '${a}': No such file or directory\n` : `rm: cannot remove '${a}': No such file or directory\n`;
            status = 1;
          }
        }
        return status;
      }
      case 'cat': {
        if (!plain) return UNKNOWN;
        const paths = argv.filter((a) => a !== '-' && !a.startsWith('-'));
        if (!paths.length) return this.ctx.stdin ? FOREVER : 0;
        let status = 0;
        for (const a of paths) {
          if (!this.exists(a)) {
            this.output += busybox ? `cat: can't open '${a}': No such file or directory\n` : `cat: ${a}: No such file or directory\n`;
            status = 1;
          }
        }
        return status;
      }
      case 'ls': {
        if (!plain) return UNKNOWN;
        let status = 0;
        for (const a of argv) {
          if (a.startsWith('-')) continue;
          if (!this.exists(a)) {
            this.output += busybox ? `ls: ${a}: No such file or directory\n` : `ls: cannot access '${a}': No such file or directory\n`;
            status = busybox ? 1 : 2;
          }
        }
        return status;
      }
      case 'tail': {
        if (!plain) return UNKNOWN;
        if (argv.some((a) => /^-[a-zA-Z]*[fF]/.test(a) || a === '--follow')) return FOREVER;
        const paths = argv.filter((a) => !a.startsWith('-') && !/^\d+$/.test(a));
        if (!paths.length) return this.ctx.stdin ? FOREVER : 0;
        for (const a of paths) {
          if (!this.exists(a)) {
            this.output += busybox ? `tail: can't open '${a}': No such file or directory\n` : `tail: cannot open '${a}' for reading: No such file or directory\n`;
            return 1;
          }
        }
        return 0;
      }
      case 'test':
      case '[': {
        if (!plain) return UNKNOWN;
        let a = argv;
        if (name === '[') {
          if (a[a.length - 1] !== ']') return UNKNOWN;
          a = a.slice(0, -1);
        }
        let negate = false;
        if (a[0] === '!') {
          negate = true;
          a = a.slice(1);
        }
        if (a.length !== 2 || !['-e', '-f', '-d', '-s', '-r'].includes(a[0])) return UNKNOWN;
        const ok = this.exists(a[1]);
        return ok !== negate ? 0 : 1;
      }
      case 'yes':
        return FOREVER;
      case 'env':
        return argv.length ? UNKNOWN : 0;
      case 'printenv':
      case 'date':
      case 'hostname':
      case 'pwd':
      case 'id':
      case 'whoami':
      case 'uname':
      case 'nproc':
      case 'cd':
      case 'export':
      case 'unset':
      case 'umask':
        return 0;
      case 'set': {
        for (const a of argv) {
          if (/^-[a-z]*e/.test(a)) this.errexit = true;
          if (/^\+[a-z]*e/.test(a)) this.errexit = false;
        }
        if (argv.includes('errexit')) this.errexit = argv[argv.indexOf('errexit') - 1] === '-o';
        return 0;
      }
      case 'exec': {
        if (!argv.length) return 0;
        const s = this.command(args);
        throw new ExitSignal(s);
      }
      case 'sh':
      case 'bash':
      case 'ash':
      case 'dash':
        return this.shell(argv, plain);
      default:
        return UNKNOWN;
    }
  }

  /** `sh [-e] [-c SCRIPT [NAME ARGS...]]`, or a shell reading its (empty or open) stdin. */
  shell(argv: string[], plain: boolean): Status {
    let k = 0;
    let script: string | undefined;
    let errexit = false;
    for (; k < argv.length; k++) {
      const a = argv[k];
      if (a === '--') {
        k++;
        break;
      }
      if (!/^-[a-z]+$/.test(a)) break;
      if (a.includes('e')) errexit = true;
      if (a.includes('c')) {
        script = argv[k + 1];
        if (script === undefined) return UNKNOWN;
        k = argv.length;
        break;
      }
    }
    if (script === undefined) {
      // `sh FILE`: a script file the simulation cannot read. `sh`: reads stdin.
      if (k < argv.length) return UNKNOWN;
      return this.ctx.stdin ? FOREVER : 0;
    }
    void plain;
    const sub = new Shell(this.ctx);
    sub.t = this.t;
    sub.errexit = errexit;
    sub.state.clear();
    for (const [p, e] of this.state) sub.state.set(p, e);
    const status = sub.script(script);
    this.t = sub.t;
    this.output += sub.output;
    this.steps += sub.steps;
    for (const f of sub.files) {
      this.state.set(f.path, f.exists);
      this.files.push(f);
    }
    return status;
  }
}

function parseSimple(tokens: Token[]): SimpleCommand | undefined {
  const cmd: SimpleCommand = { argv: [], redirects: [], negated: false, background: false };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (isWord(t)) {
      if (t.word === '!' && !cmd.argv.length && !cmd.negated) {
        cmd.negated = true;
        continue;
      }
      // `2>/dev/null` written without a space reaches here as a word.
      const m = /^([12]?)(>>?)(.+)$/.exec(t.word);
      if (m && !t.expands) {
        cmd.redirects.push({ op: m[1] === '2' ? '2>' : m[2], target: m[3] });
        continue;
      }
      if (/^[12]?>&[12]$/.test(t.word)) continue;
      cmd.argv.push(t);
      continue;
    }
    if (t.op === '2>&1' || t.op === '>&') {
      if (t.op === '>&') i++;
      continue;
    }
    if (t.op === '>' || t.op === '>>' || t.op === '&>' || t.op === '2>' || t.op === '<') {
      const target = tokens[i + 1];
      if (!isWord(target) || target.expands) return undefined;
      // `2>&1` spelt `2> &1` is not shell; `>&2` handled above.
      if (t.op !== '<') cmd.redirects.push({ op: t.op, target: target.word });
      i++;
      continue;
    }
    return undefined;
  }
  return cmd;
}

function normalizePath(p: string): string {
  if (!p.startsWith('/')) p = `/${p}`;
  const parts: string[] = [];
  for (const s of p.split('/')) {
    if (!s || s === '.') continue;
    if (s === '..') parts.pop();
    else parts.push(s);
  }
  return `/${parts.join('/')}`;
}

/**
 * Whether a path exists in a fresh container: the standard files of every image, anything under a
 * volume mount, and, in an image other than a bare shell or tool (nginx, an application), any path
 * outside the scratch folders (/tmp, /run), whose content the simulation does not know.
 */
export function baseExists(path: string, mounts: readonly string[], kind?: ImageKind): boolean {
  const p = normalizePath(path);
  if (IMAGE_FILE_SET.has(p)) return true;
  const under = (dir: string) => p === dir || p.startsWith(dir === '/' ? '/' : `${dir}/`);
  if (mounts.some((m) => under(normalizePath(m)) || normalizePath(m).startsWith(`${p}/`))) return true;
  if (['/tmp', '/run', '/var/run', '/dev/shm', '/dev'].some(under)) return false;
  return kind !== undefined && kind !== 'shell' && kind !== 'tool';
}

/** Run argv (a container's command line, or an exec probe's) from the start: what it does. */
export function runArgv(argv: readonly string[], ctx: RunContext): Outcome {
  const shell = new Shell(ctx);
  let status: Status;
  try {
    status = shell.command(argv.map((word) => ({ word, expands: false })));
  } catch (e) {
    if (!(e instanceof ExitSignal)) throw e;
    status = e.status;
  }
  if (status === FOREVER) return { understood: true, files: shell.files, output: shell.output };
  if (status === UNKNOWN) return { understood: false, files: shell.files, output: shell.output };
  return { exit: { afterMs: shell.t, code: status }, understood: true, files: shell.files, output: shell.output };
}

interface ContainerLike {
  image: string;
  command?: string[];
  args?: string[];
  stdin?: boolean;
  volumeMounts?: { mountPath: string }[];
}

/**
 * What a container's main process does: its command and args (as the runtime combines them with
 * the image's ENTRYPOINT and CMD), or the image's default process.
 */
export function containerOutcome(c: ContainerLike): Outcome {
  const proc = imageProcess(c.image);
  const ctx: RunContext = { flavour: proc.flavour, stdin: !!c.stdin, mounts: (c.volumeMounts ?? []).map((m) => m.mountPath), kind: proc.kind };
  const forever = (understood: boolean): Outcome => ({ understood, files: [], output: '' });
  const args = c.args ?? [];
  if (c.command?.length) return runArgv([...c.command, ...args], ctx);
  switch (proc.kind) {
    case 'shell':
      // No ENTRYPOINT: args replace CMD and are the command line; the default CMD is a shell
      // that finds stdin closed and exits 0.
      if (args.length) return runArgv(args, ctx);
      return ctx.stdin ? forever(true) : { exit: { afterMs: 0, code: 0 }, understood: true, files: [], output: '' };
    case 'server':
      // The official images' docker-entrypoint.sh runs the server for options (`--appendonly yes`)
      // and execs anything else.
      if (!args.length || args[0].startsWith('-')) return forever(true);
      return runArgv(args, ctx);
    case 'tool': {
      // curlimages/curl: an entrypoint that runs curl unless the first argument is a command.
      if (args.length && !args[0].startsWith('-') && !args[0].includes('://')) {
        const o = runArgv(args, ctx);
        if (o.understood) return o;
      }
      return { exit: { afterMs: 0, code: 0 }, understood: true, files: [], output: '' };
    }
    case 'agnhost':
      // ENTRYPOINT /agnhost: every subcommand the simulation knows serves until stopped.
      return forever(!args.length || AGNHOST_SERVERS.has(args[0]));
    case 'pause':
      return forever(true);
    default:
      // An image the simulation does not know: with args, its entrypoint is unknown; without,
      // it is taken to be a server.
      return forever(!args.length);
  }
}

const AGNHOST_SERVERS = new Set(['serve-hostname', 'netexec', 'pause', 'porter', 'test-webserver', 'liveness', 'fake-gitserver', 'webhook', 'grpc-health-checking', 'nettest']);
