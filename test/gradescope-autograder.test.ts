// The Gradescope autograder of examples/gradescope, run as Gradescope runs it: make-autograder.sh
// builds the zip's contents, setup.sh installs them (Node is already here; kubespec's dependencies
// come from npm's cache), and run_autograder grades a submission into results/results.json, in a
// folder laid out as /autograder is (AUTOGRADER_ROOT), with the real npm and bash.
import { spawnSync, type SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureBuilt } from './build';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'gradescope');

interface Results {
  score: number;
  output: string;
  tests: { name: string; number: string; score: number; max_score: number; status: string; visibility: string }[];
}

function sh(cmd: string, args: string[], env: Record<string, string> = {}, cwd = ROOT): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', npm_config_prefer_offline: 'true', ...env } });
}

let work: string;
let stage: string;

beforeAll(() => {
  ensureBuilt();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-gradescope-'));
  stage = path.join(work, 'zip');
  const made = sh('bash', [path.join(EXAMPLE, 'make-autograder.sh'), '--specs', 'specs', '--out', path.join(work, 'autograder.zip'), '--dir', stage, '--arg', '--seed', '--arg', '7']);
  expect(made.stderr).toBe('');
  expect(made.status).toBe(0);
}, 180_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A fresh /autograder: source is the zip's contents (installed once by setup.sh), submission holds `files`. */
function autograder(name: string, files: Record<string, string>): string {
  const root = path.join(work, name);
  fs.mkdirSync(path.join(root, 'submission'), { recursive: true });
  fs.symlinkSync(stage, path.join(root, 'source'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, 'submission', file)), { recursive: true });
    fs.writeFileSync(path.join(root, 'submission', file), text);
  }
  return root;
}

/** The course's manifests (blue-green/ and canary/ included), under `folder` of the submission. */
function course(folder = ''): Record<string, string> {
  const dir = path.join(ROOT, 'fixtures', 'course');
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
  return Object.fromEntries(files.map((f) => [path.join(folder, f), fs.readFileSync(path.join(dir, f), 'utf8')]));
}

function results(root: string): Results {
  return JSON.parse(fs.readFileSync(path.join(root, 'results', 'results.json'), 'utf8')) as Results;
}

describe('the Gradescope autograder (examples/gradescope)', () => {
  test('the zip holds setup.sh and run_autograder at the top, the specs, and kubespec with a package.json', () => {
    const listed = sh('unzip', ['-Z1', path.join(work, 'autograder.zip')]);
    const names = listed.status === 0 ? listed.stdout.split('\n').filter(Boolean) : [];
    const expected = ['setup.sh', 'run_autograder', 'package.json', 'kubespec-0.1.0.tgz', 'grade.args', 'specs/01-deployment.spec.yaml'];
    for (const f of expected) expect(fs.existsSync(path.join(stage, f))).toBe(true);
    if (listed.status === 0) expect(names).toEqual(expect.arrayContaining(expected));
    expect(fs.statSync(path.join(stage, 'run_autograder')).mode & 0o111).not.toBe(0);
    expect(fs.readFileSync(path.join(stage, 'grade.args'), 'utf8')).toBe('--seed\n7\n');
  });

  test('setup.sh installs kubespec from the zip, and run_autograder grades the course manifests 42/42, one test per step', () => {
    const setupRoot = autograder('setup', {});
    const setup = sh('bash', [path.join(stage, 'setup.sh')], { AUTOGRADER_ROOT: setupRoot });
    expect(setup.stderr).toBe('');
    expect(setup.status).toBe(0);
    expect(setup.stdout).toContain('kubespec 0.1.0 is installed');

    // The student zipped their folder: graded from inside it.
    const root = autograder('full', course('homework-1'));
    const run = sh('bash', [path.join(stage, 'run_autograder')], { AUTOGRADER_ROOT: root });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Grading the files in homework-1 (the folder you submitted)');
    expect(run.stdout).toContain('Score:  42/42');
    const r = results(root);
    expect(r.score).toBe(42);
    expect(r.tests.length).toBeGreaterThan(21);
    expect(r.tests.every((t) => t.status === 'passed' && t.score === t.max_score)).toBe(true);
    expect(r.tests.reduce((s, t) => s + t.max_score * 100, 0) / 100).toBe(42);
  }, 180_000);

  test('an empty submission is graded 0, with every test failed and saying what is missing', () => {
    const root = autograder('empty', {});
    const run = sh('bash', [path.join(stage, 'run_autograder')], { AUTOGRADER_ROOT: root });
    expect(run.status).toBe(0);
    const r = results(root);
    expect(r.score).toBe(0);
    // Only the 0-point step that reads no student file (the course's node addresses) passes.
    expect(r.tests.filter((t) => t.status === 'passed').map((t) => t.max_score)).toEqual([0]);
    expect(r.tests.every((t) => t.score === 0)).toBe(true);
    expect(JSON.stringify(r)).toContain('nginx-deploy.yaml is not in your submission');
  }, 60_000);

  test('a spec suite that does not load is the autograder failing: no results.json, never a score of 0', () => {
    const broken = path.join(work, 'broken-specs');
    fs.cpSync(path.join(ROOT, 'specs'), broken, { recursive: true });
    fs.writeFileSync(path.join(broken, '01-deployment.spec.yaml'), 'name: x\nsteps: 3\n');
    const made = sh('bash', [path.join(EXAMPLE, 'make-autograder.sh'), '--specs', broken, '--out', path.join(work, 'broken.zip')]);
    expect(made.status).toBe(2);
    expect(made.stderr).toContain('fix the specs first');

    // And if one breaks after upload (edited in place), run_autograder refuses to grade.
    const root = autograder('broken', course());
    fs.rmSync(path.join(root, 'source'));
    fs.cpSync(stage, path.join(root, 'source'), { recursive: true, verbatimSymlinks: true });
    fs.writeFileSync(path.join(root, 'source', 'specs', '01-deployment.spec.yaml'), 'name: x\nsteps: 3\n');
    const run = sh('bash', [path.join(root, 'source', 'run_autograder')], { AUTOGRADER_ROOT: root });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('nothing was graded: specs/01-deployment.spec.yaml does not load');
    expect(run.stderr).toContain('the autograder is broken, not the submission');
    expect(fs.existsSync(path.join(root, 'results', 'results.json'))).toBe(false);
  }, 60_000);
});
