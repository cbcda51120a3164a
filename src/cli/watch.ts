// `kubespec run --watch`: run, then watch the spec files and every manifest they read (chokidar, a
// maintained watcher with no native parts), and run again what a change affects — the spec file
// that changed, or the spec files that read a changed manifest — like Jest's watch mode. Between
// runs: a clear screen (on a terminal) and one summary line. Keys (or lines, when stdin is not a
// terminal): `a` runs everything, `q` quits (exit 0), as does Ctrl-C.
import * as path from 'path';
import type { FSWatcher } from 'chokidar';
import { discoverSpecFiles } from '../runner/discover';
import { loadSpecFile } from '../spec/loader';
import { specFiles } from '../spec/step-files';
import { defaultRoots } from '../spec/actions/context';
import type { RunResult } from '../runner/result';
import { msg } from '../i18n';
import { watchMessages as w } from '../i18n/messages/watch';
import { EXIT, type CliContext } from './io';
import type { ResolvedRun } from './commands/run';

export interface WatchInput {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  setRawMode?(raw: boolean): unknown;
  isTTY?: boolean;
  resume?(): unknown;
  pause?(): unknown;
}

export interface WatchOptions {
  /** Keys come from here (default: process.stdin). */
  input?: WatchInput;
  /** A run of these spec paths, reporting as the command line does (executeRun). */
  runPaths(paths: string[]): Promise<RunResult | undefined>;
  /** Ends the watch when it resolves (tests); Ctrl-C and `q` end it too. */
  stop?: Promise<void>;
  /** Quiet time after a change before running (ms). */
  debounceMs?: number;
}

/** The spec files under `paths`, and for each absolute manifest path, the spec files that read it. */
export function dependencies(run: ResolvedRun, cwd: string): { specs: string[]; readers: Map<string, Set<string>> } {
  const { files } = discoverSpecFiles(run.paths, cwd);
  const readers = new Map<string, Set<string>>();
  for (const f of files) {
    const loaded = loadSpecFile(f.absolute, f.display);
    for (const doc of loaded.documents) {
      if (!doc.ok) continue;
      const roots = defaultRoots(doc.spec.dir, run.options.submission, run.options.submissionOnly);
      // Every place the file may come from: a file a student has yet to create counts too.
      for (const rel of specFiles(doc.spec)) {
        for (const root of roots) {
          const abs = path.resolve(root, rel);
          (readers.get(abs) ?? readers.set(abs, new Set()).get(abs)!).add(f.absolute);
        }
      }
    }
  }
  return { specs: files.map((f) => f.absolute), readers };
}

function summaryLine(result: RunResult | undefined, files: number): string {
  const s = result?.summary;
  return msg(w.summary, { files, passed: s?.passed ?? 0, failed: (s?.failed ?? 0) + (s?.errors ?? 0), score: s ? `${s.score}/${s.maxScore}` : '-' });
}

export async function watchRun(run: ResolvedRun, ctx: CliContext, opts: WatchOptions): Promise<number> {
  const { io } = ctx;
  const { watch } = await import('chokidar');
  const clear = () => {
    if (io.isTTY) io.stdout('\x1b[2J\x1b[3J\x1b[H');
  };
  let deps = dependencies(run, io.cwd);
  let running: Promise<void> = Promise.resolve();
  const runNow = (paths: string[], why?: string) => {
    running = running.then(async () => {
      clear();
      if (why) io.stdout(`${why}\n\n`);
      let result: RunResult | undefined;
      try {
        result = await opts.runPaths(paths);
      } catch (e) {
        io.stdout(`${msg(w.runFailed, { message: (e as Error).message })}\n`);
      }
      deps = dependencies(run, io.cwd);
      io.stdout(`\n${summaryLine(result, deps.specs.length)}\n`);
    });
    return running;
  };
  // Watching starts before the first run, so that no change made once its summary shows is missed.
  const watched = [...new Set([...run.paths.map((p) => path.resolve(io.cwd, p)), ...(run.options.submission ? [path.resolve(io.cwd, run.options.submission)] : []), ...[...deps.readers.keys()].map((f) => path.dirname(f))])];
  const watcher: FSWatcher = watch(watched, { ignoreInitial: true, ignored: (p: string) => /(^|[/\\])(node_modules|\.git)([/\\]|$)/.test(p), awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 10 } });
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const files = [...changed];
    changed.clear();
    const affected = new Set<string>();
    for (const f of files) {
      if (deps.specs.includes(f) || /\.spec\.ya?ml$/.test(f)) affected.add(f);
      for (const s of deps.readers.get(f) ?? []) affected.add(s);
    }
    const shown = path.relative(io.cwd, files[0]) || files[0];
    if (affected.size === 0) {
      io.stdout(`${msg(w.nothingToRun, { file: shown })}\n`);
      return;
    }
    // A spec file that was removed is not run; the rest in the order a full run takes them.
    const order = [...affected].filter((f) => files.includes(f) || deps.specs.includes(f));
    const specs = order.map((f) => path.relative(io.cwd, f) || f);
    void runNow(specs, msg(w.rerun, { file: shown, specs: specs.join(', ') }));
  };
  watcher.on('all', (_event: string, file: string) => {
    changed.add(path.resolve(file));
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, opts.debounceMs ?? 100);
  });
  await new Promise<void>((resolve) => watcher.on('ready', () => resolve()));
  await runNow(run.paths);

  return new Promise<number>((resolve) => {
    const input = opts.input ?? (process.stdin as unknown as WatchInput);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      process.off('SIGINT', finish);
      if (input.isTTY) input.setRawMode?.(false);
      input.pause?.();
      // A paused pipe still holds the process open: let go of stdin once the watch is over.
      if (input === (process.stdin as unknown as WatchInput)) process.stdin.destroy();
      void running.then(() => watcher.close()).then(() => resolve(EXIT.ok));
    };
    if (input.isTTY) input.setRawMode?.(true);
    input.resume?.();
    input.on('data', (chunk) => {
      for (const ch of String(chunk)) {
        if (ch === 'q' || ch === '\u0003') finish();
        else if (ch === 'a') void runNow(run.paths, msg(w.runAll));
      }
    });
    process.on('SIGINT', finish);
    void opts.stop?.then(finish);
  });
}
