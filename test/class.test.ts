// A generated class (good, broken and hostile students; src/grade/testing/generated-class.ts) graded
// by the real command line with worker threads: the run ends by itself, never with an internal
// error, every student (and nothing else) has a roster row, and each student's report is what
// grading that student alone gives. The benchmark grades a larger class the same way
// (`node dist/bench/run.js --class`) for time and peak memory.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureBuilt } from './build';
import { CASE_COUNTS, generateClass, type GeneratedClass } from '../src/grade/testing/generated-class';

jest.setTimeout(600_000);

const ROOT = path.resolve(__dirname, '..');
const SUITE = 'fixtures/submissions/suite';
/** The longest a class run may take here before the test calls it a hang (it takes well under a minute). */
const HANG_MS = 300_000;

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** bin/kubespec as a process, killed (and so failing the test) if it does not exit by itself. */
function kubespec(args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kubespec'), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', CI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), HANG_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A report without what differs between a class run and a run alone: durations, and the student's name. */
function comparable(report: unknown): unknown {
  return JSON.parse(JSON.stringify(report), (k, v: unknown) => (k === 'durationMs' || k === 'engineMs' || k === 'student' ? undefined : v));
}

let dir: string;
let cls: GeneratedClass;
let run: Ran;
const out = () => path.join(dir, 'out');

interface RosterJson {
  students: { student: string; score: number; maxScore: number; passed: number; failed: number; errors: number; report: string }[];
}

beforeAll(async () => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-class-'));
  // Every case of every kind at least once.
  cls = generateClass(path.join(dir, 'class'), 3 * Math.max(...Object.values(CASE_COUNTS)), 7);
  run = await kubespec(['grade', SUITE, '--submissions', cls.root, '--out', out(), '--jobs', '2', '--no-timings']);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the class run ends by itself, with exit 0 and no internal error', () => {
  for (const kind of ['good', 'broken', 'hostile'] as const) expect(new Set(cls.students.filter((s) => s.category === kind).map((s) => s.what)).size).toBe(CASE_COUNTS[kind]);
  expect(run.signal).toBeNull();
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
});

test('every student has one roster row, and nothing that is not a student has one', () => {
  const roster = JSON.parse(fs.readFileSync(path.join(out(), 'roster.json'), 'utf8')) as RosterJson;
  expect(roster.students.map((r) => r.student).sort()).toEqual(cls.students.map((s) => s.name).sort());
  const csv = fs.readFileSync(path.join(out(), 'roster.csv'), 'utf8').split('\r\n');
  expect(csv[0]).toBe('\ufeffstudent,score,maxScore,percent,passed,failed,errors,skipped'); // UTF-8 with a BOM, for Excel
  expect(csv).toHaveLength(cls.students.length + 2); // the header, a row per student, the final line end
  // each row's report is its own file: no two students share one
  expect(new Set(roster.students.map((r) => r.report)).size).toBe(cls.students.length);
  for (const r of roster.students) expect(fs.existsSync(path.join(out(), r.report))).toBe(true);
});

test('good students get full marks, broken ones lose points, and no hostile student breaks the run', () => {
  const roster = JSON.parse(fs.readFileSync(path.join(out(), 'roster.json'), 'utf8')) as RosterJson;
  const row = new Map(roster.students.map((r) => [r.student, r]));
  for (const s of cls.students) {
    const r = row.get(s.name)!;
    if (s.category === 'good') expect([s.what, r.score]).toEqual([s.what, r.maxScore]);
    if (s.category === 'broken') expect([s.what, r.score < r.maxScore]).toEqual([s.what, true]);
  }
});

test('each student’s report is what grading that student alone gives', async () => {
  const roster = JSON.parse(fs.readFileSync(path.join(out(), 'roster.json'), 'utf8')) as RosterJson;
  const reportOf = new Map(roster.students.map((r) => [r.student, path.join(out(), r.report)]));
  const alone = path.join(dir, 'alone');
  fs.mkdirSync(alone);
  // Two at a time, each its own process, serial inside (no --jobs): the other way of grading.
  const queue = [...cls.students.entries()];
  const work = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [i, s] = next;
      const file = path.join(alone, `${i}.json`);
      const r = await kubespec(['grade', SUITE, '--submission', path.join(cls.root, s.name), '-r', `json=${file}`, '--no-timings']);
      expect([s.name, r.signal, r.code === 3 ? r.stderr : 'no internal error']).toEqual([s.name, null, 'no internal error']);
      const inClass = JSON.parse(fs.readFileSync(reportOf.get(s.name)!, 'utf8')) as unknown;
      const byItself = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
      expect((inClass as { specs: unknown[] }).specs).toHaveLength(4);
      expect([s.name, comparable(inClass)]).toEqual([s.name, comparable(byItself)]);
    }
  };
  await Promise.all([work(), work()]);
});
