// For tests that run the compiled CLI (bin/kubespec): compile to dist/ when it is missing or older
// than a source file, once at a time across Jest's parallel workers (a lock folder).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');

function newest(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return Math.max(m, newest(p));
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? Math.max(m, fs.statSync(p).mtimeMs) : m;
  }, 0);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function ensureBuilt(): void {
  const out = path.join(ROOT, 'dist', 'src', 'cli', 'index.js');
  // bin/kubespec runs the CLI's bundle (src/cli/build-bundle.ts) unless it is older than index.js; a
  // packed tarball gives every file one mtime, so a stale bundle must not be left beside a new compile.
  const bundle = path.join(ROOT, 'dist', 'src', 'cli', 'kubespec.bundle.js');
  const compiled = () => fs.existsSync(out) && fs.statSync(out).mtimeMs >= newest(path.join(ROOT, 'src'));
  const bundled = () => !fs.existsSync(bundle) || fs.statSync(bundle).mtimeMs >= fs.statSync(out).mtimeMs;
  const fresh = () => compiled() && bundled();
  if (fresh()) return;
  const lock = path.join(ROOT, 'dist', '.build-lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (let i = 0; ; i++) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another worker is compiling; a lock older than 5 minutes is a crashed one's.
      const st = fs.statSync(lock, { throwIfNoEntry: false });
      if (i > 3000 || (st && Date.now() - st.mtimeMs > 300_000)) fs.rmSync(lock, { recursive: true, force: true });
      sleep(100);
    }
  }
  try {
    if (fresh()) return;
    // tsc emits even when some file (possibly another work in progress) has a type error.
    if (!compiled()) spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
    if (!fs.existsSync(out)) throw new Error('npm run build did not produce dist/src/cli/index.js');
    if (!bundled() && spawnSync(process.execPath, [path.join(ROOT, 'dist', 'src', 'cli', 'build-bundle.js')], { cwd: ROOT, stdio: 'ignore' }).status !== 0) fs.rmSync(bundle, { force: true });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
