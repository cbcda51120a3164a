// bin/kubespec runs the CLI's one-file bundle (src/cli/build-bundle.ts) with the compile cache on:
// what it prints must be what the CLI's modules print, for every command's --help and one spec
// through every reporter (each loads lazily, inside the bundle), and it must still start from the
// modules when the bundle is older than a compile, and with a cache folder it cannot use.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureBuilt } from './build';
import { asAscii, bundle, BUNDLE } from '../src/cli/build-bundle';
import { commands } from '../src/cli/commands';
import { REPORTER_NAMES } from '../src/report';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'kubespec');
const INDEX = path.join(ROOT, 'dist', 'src', 'cli', 'index.js');
const PASS = 'fixtures/cli/pass.spec.yaml';
const FAIL = 'fixtures/cli/fail.spec.yaml';

jest.setTimeout(180_000);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const ENV = { PATH: process.env.PATH ?? '', NO_COLOR: '1', KUBESPEC_TIMINGS: '0' };

/** bin/kubespec, as a user runs it; `loaded` is whether the bundle was the module it ran. */
function viaBin(args: string[], env: Record<string, string> = {}): Run & { loaded: boolean } {
  const probe = `process.argv.splice(1, 0, ${JSON.stringify(BIN)}); process.on('exit', () => { require('fs').writeSync(2, '\\n#bundle=' + Object.keys(require.cache).some((f) => f.endsWith('kubespec.bundle.js'))); }); require(${JSON.stringify(BIN)});`;
  const r = spawnSync(process.execPath, ['-e', probe, '--', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...ENV, ...env } });
  const marker = /\n#bundle=(true|false)$/.exec(r.stderr);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.replace(/\n#bundle=(true|false)$/, ''), loaded: marker?.[1] === 'true' };
}

/** The compiled CLI from its modules, as bin/kubespec ran it before the bundle. */
function viaModules(args: string[]): Run {
  const code = `process.argv.splice(1, 0, ${JSON.stringify(BIN)}); require(${JSON.stringify(INDEX)}).cli();`;
  const r = spawnSync(process.execPath, ['-e', code, '--', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...ENV, KUBESPEC_COMPILE_CACHE: '0' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function same(args: string[]): void {
  const b = viaBin(args);
  expect(b.loaded).toBe(true);
  expect({ args, status: b.status, stdout: b.stdout, stderr: b.stderr }).toEqual({ args, ...viaModules(args) });
}

let dir: string;
beforeAll(async () => {
  ensureBuilt();
  await bundle();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-startup-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('the build writes the boot snapshot and the bundle (bin/kubespec starts from them)', () => {
  const build = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.build;
  expect(build).toMatch(/node dist\/src\/cluster\/boot-snapshot\.js/);
  expect(build).toMatch(/node dist\/src\/cli\/build-bundle\.js$/);
});

it('the bundle is ASCII (Node decodes and the cache hashes it on their fast paths), escaped to the same meaning', () => {
  expect(/[\u0080-\uffff]/.test(fs.readFileSync(BUNDLE, 'utf8'))).toBe(false);
  const source = "[/(ns|µs)$/u.test('5µs'), /^com[0-9¹²³]$/.test('com²'), 'naïve 😀'.length, 'µ']";
  expect(asAscii(source)).not.toMatch(/[\u0080-\uffff]/);
  expect(new Function(`return ${asAscii(source)}`)()).toEqual(new Function(`return ${source}`)());
});

it('--help, --version and every command’s --help print what the modules print', () => {
  const names = commands().map((c) => String(c.command).split(' ')[0]);
  expect(names).toEqual(expect.arrayContaining(['run', 'validate', 'grade', 'files', 'serve', 'schema']));
  for (const args of [['--help'], ['--version'], ...names.map((n) => [n, '--help'])]) same(args);
});

it('one spec through every reporter prints what the modules print (each reporter loads from the bundle)', () => {
  for (const name of REPORTER_NAMES) {
    if (name === 'html') continue;
    same(['run', PASS, FAIL, '--reporter', name]);
  }
  // html writes a file (its page embeds no time under KUBESPEC_TIMINGS=0).
  const a = path.join(dir, 'a.html');
  const b = path.join(dir, 'b.html');
  expect(viaBin(['run', PASS, '--reporter', `html=${a}`]).status).toBe(0);
  expect(viaModules(['run', PASS, '--reporter', `html=${b}`]).status).toBe(0);
  expect(fs.readFileSync(a, 'utf8')).toBe(fs.readFileSync(b, 'utf8'));
});

it('usage errors, validate, schema and files print what the modules print', () => {
  for (const args of [['run', '--bogus', PASS], ['rnu'], [], ['run', '--seed', 'abc'], ['validate', PASS], ['schema'], ['files', PASS], ['--lang', 'ko', 'run', PASS]]) same(args);
});

it('a bundle older than the compiled CLI (a tsc since the build) is not used; nor is a cache folder that cannot be made', () => {
  const { atime, mtime } = fs.statSync(BUNDLE);
  try {
    fs.utimesSync(BUNDLE, new Date(0), new Date(0));
    const r = viaBin(['run', PASS]);
    expect(r.loaded).toBe(false);
    expect(r.status).toBe(0);
  } finally {
    fs.utimesSync(BUNDLE, atime, mtime);
  }
  const notAFolder = path.join(dir, 'file');
  fs.writeFileSync(notAFolder, '');
  const r = viaBin(['run', PASS], { KUBESPEC_COMPILE_CACHE: path.join(notAFolder, 'cache') });
  expect(r.loaded).toBe(true);
  expect(r).toMatchObject({ status: 0, stderr: '' });
  expect(r.stdout).toBe(viaModules(['run', PASS]).stdout);
});
