// `kubespec run --watch`, as a user runs it: the compiled CLI in a child process, real files changed
// on disk, keys on stdin. A changed manifest runs only the spec files that read it, a changed spec
// file runs itself, `a` runs everything, `q` ends the watch with exit 0. The test waits for output
// (never for a length of time), so it does not depend on the machine's speed.
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureBuilt } from './build';

const ROOT = path.resolve(__dirname, '..');
jest.setTimeout(120_000);

let dir: string;
let child: ChildProcessWithoutNullStreams | undefined;
let out = '';

beforeAll(() => ensureBuilt());
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-watch-'));
  fs.cpSync(path.join(ROOT, 'fixtures/submissions/suite'), path.join(dir, 'specs'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'fixtures/submissions/students/perfect'), path.join(dir, 'work'), { recursive: true });
  out = '';
});
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Resolves once the output (from `from` on) matches, failing with what was printed if the process ends first. */
function waitFor(pattern: RegExp, from = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = pattern.exec(out.slice(from));
      if (m) {
        clearTimeout(guard);
        child!.stdout.off('data', check);
        child!.off('exit', ended);
        resolve(out.slice(from));
      }
    };
    const ended = () => reject(new Error(`kubespec exited before printing ${pattern}; it printed:\n${out}`));
    // A hang guard, not a speed check: far beyond what a run of four specs takes on any machine.
    const guard = setTimeout(() => reject(new Error(`kubespec did not print ${pattern}; it printed:\n${out}`)), 60_000);
    child!.stdout.on('data', check);
    child!.on('exit', ended);
    check();
    void guard;
  });
}

test('a changed manifest re-runs the specs that read it; a changed spec itself; a runs all; q quits', async () => {
  child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kubespec'), 'run', 'specs', '--submission', 'work', '--no-timings', '--watch'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor(/Watching 4 spec files: 4 passed, 0 failed, score 12\/12 · a: run all, q: quit\n/);

  // The student breaks replicaset.yaml: only 03-replicaset reads it.
  let mark = out.length;
  const rs = path.join(dir, 'work', 'replicaset.yaml');
  fs.writeFileSync(rs, fs.readFileSync(rs, 'utf8').replace('replicas: 3', 'replicas: 2'));
  let printed = await waitFor(/Watching 4 spec files: 0 passed, 1 failed, score 2\/3/, mark);
  expect(printed).toContain(`work/replicaset.yaml changed: running specs/03-replicaset.spec.yaml\n`);
  expect(printed).toContain('✗ specs/03-replicaset.spec.yaml');
  expect(printed).not.toContain('01-deployment');

  // nginx-deploy.yaml is read by two spec files, which run (and only they).
  mark = out.length;
  const deploy = path.join(dir, 'work', 'nginx-deploy.yaml');
  fs.appendFileSync(deploy, '\n');
  printed = await waitFor(/Watching 4 spec files: 2 passed, 0 failed, score 7\/7/, mark);
  expect(printed).toContain('work/nginx-deploy.yaml changed: running specs/01-deployment.spec.yaml, specs/02-service.spec.yaml');

  // A changed spec file runs itself.
  mark = out.length;
  const spec = path.join(dir, 'specs', '04-recreate.spec.yaml');
  fs.appendFileSync(spec, '\n');
  printed = await waitFor(/Watching 4 spec files: 1 passed, 0 failed, score 2\/2/, mark);
  expect(printed).toContain('specs/04-recreate.spec.yaml changed: running specs/04-recreate.spec.yaml');

  // `a`: everything, with the broken ReplicaSet still broken.
  mark = out.length;
  child.stdin.write('a\n');
  printed = await waitFor(/Watching 4 spec files: 3 passed, 1 failed, score 11\/12/, mark);
  expect(printed).toContain('running every spec file');

  const exit = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
  child.stdin.write('q\n');
  expect(await exit).toBe(0);
});

test('--watch with --shard is a usage error', async () => {
  child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kubespec'), 'run', 'specs', '--watch', '--shard', '1/2'], { cwd: dir });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child!.on('exit', (c) => resolve(c)));
  expect(code).toBe(2);
  expect(err).toContain('--watch cannot be combined with --shard');
});
