// `kubespec grade` through the command line (main in-process; grading runs on worker threads as
// it does for users): options, usage errors, exit codes by --min-score, the class roster.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main, type CliIO } from '..';
import { defaultClassJobs, parseSeconds, parseSize, resolveGrade } from './grade';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SUITE = 'fixtures/submissions/suite';
const STUDENTS = 'fixtures/submissions/students';

async function kubespec(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: ROOT, env: {}, isTTY: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('kubespec grade', () => {
  it('--help documents the grading options', async () => {
    const r = await kubespec('grade', '--help');
    expect(r.code).toBe(0);
    for (const option of ['--submission', '--submissions', '--out', '--min-score', '--jobs', '--shard', '--reporter', '--timeout', '--max-steps', '--max-file-size', '--max-memory']) {
      expect(r.stdout).toContain(option);
    }
  });

  it.each([
    [[SUITE], 'give --submission DIR (one student) or --submissions DIR (a folder of students)'],
    [[SUITE, '--submission', `${STUDENTS}/perfect`, '--submissions', STUDENTS], '--submission and --submissions cannot be combined'],
    [[SUITE, '--submission', `${STUDENTS}/perfect`, '--out', 'x'], '--out applies to --submissions'],
    [[SUITE, '--submissions', STUDENTS, '-r', 'junit=x.xml'], "with --submissions each student's reports go to --out"],
    [[SUITE, '--submissions', STUDENTS, '-r', 'github'], 'with --submissions the formats written per student are json, junit, tap, gradescope, pretty'],
    [[SUITE, '--submissions', 'nowhere'], '--submissions nowhere: no such folder'],
    [[SUITE, '--submission', `${STUDENTS}/perfect`, '--max-file-size', 'big'], '--max-file-size big: expected a size'],
    [[SUITE, '--submission', `${STUDENTS}/perfect`, '--timeout', 'soon'], '--timeout soon: expected a duration'],
    [[SUITE, '--submission', `${STUDENTS}/perfect`, '--bail'], '--bail does not apply to grading'],
    [[SUITE, '--submission', `${STUDENTS}/perfect`, '-r', 'xml'], 'unknown reporter "xml"; known reporters: pretty, json, junit, gradescope, github, tap, classroom'],
  ])('usage error: %j', async (args, message) => {
    const r = await kubespec('grade', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('one submission: reports like run, exit 0/1 by --min-score', async () => {
    const perfect = await kubespec('grade', SUITE, '--submission', `${STUDENTS}/perfect`, '-r', 'json', '--no-timings');
    expect(perfect.stderr).toBe('');
    expect(perfect.code).toBe(0);
    const doc = JSON.parse(perfect.stdout);
    expect(doc.summary).toEqual(expect.objectContaining({ score: 12, maxScore: 12, passed: 4 }));
    expect(doc.specs.map((s: { file: string }) => s.file)).toEqual([
      `${SUITE}/01-deployment.spec.yaml`,
      `${SUITE}/02-service.spec.yaml`,
      `${SUITE}/03-replicaset.spec.yaml`,
      `${SUITE}/04-recreate.spec.yaml`,
    ]);
    // 6/12: below 80%, at least 6 points
    const mistakes = await kubespec('grade', SUITE, '--submission', `${STUDENTS}/mistakes`, '--min-score', '80%', '-r', 'pretty', '-r', `junit=${os.tmpdir()}/kubespec-grade-${process.pid}/junit.xml`);
    expect(mistakes.code).toBe(1);
    expect(mistakes.stdout).toContain('Score:  6/12');
    expect(fs.readFileSync(`${os.tmpdir()}/kubespec-grade-${process.pid}/junit.xml`, 'utf8')).toContain('<testsuites name="kubespec" tests="10"');
    fs.rmSync(`${os.tmpdir()}/kubespec-grade-${process.pid}`, { recursive: true, force: true });
  }, 120_000);

  it('a class: a line per student, reports and the roster in --out, exit 1 when someone is below --min-score', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-class-'));
    try {
      for (const s of ['perfect', 'mistakes', 'incomplete']) fs.cpSync(path.join(ROOT, STUDENTS, s), path.join(dir, 'class', s), { recursive: true });
      const r = await kubespec('grade', SUITE, '--submissions', path.join(dir, 'class'), '--out', path.join(dir, 'out'), '-r', 'junit', '--min-score', '50%', '--jobs', '2');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      expect(r.stdout.split('\n').slice(0, 3)).toEqual([
        '✗ incomplete  4/12 (33.3%)  1 passed, 3 failed',
        '✓ mistakes  6/12 (50%)  1 passed, 3 failed',
        '✓ perfect  12/12 (100%)  4 passed',
      ]);
      expect(r.stdout).toContain('Students: 3 graded, 1 below --min-score');
      // The roster at the top, each student's reports in a folder of their own.
      expect(fs.readdirSync(path.join(dir, 'out')).sort()).toEqual(['roster.csv', 'roster.json', 'students']);
      expect(fs.readdirSync(path.join(dir, 'out', 'students')).sort()).toEqual(['incomplete', 'mistakes', 'perfect']);
      for (const s of ['incomplete', 'mistakes', 'perfect']) expect(fs.readdirSync(path.join(dir, 'out', 'students', s)).sort()).toEqual(['report.json', 'report.junit.xml']);
      expect(fs.readFileSync(path.join(dir, 'out', 'roster.csv'), 'utf8')).toBe(
        '\ufeffstudent,score,maxScore,percent,passed,failed,errors,skipped\r\nincomplete,4,12,33.33,1,3,0,0\r\nmistakes,6,12,50,1,3,0,0\r\nperfect,12,12,100,4,0,0,0\r\n',
      );
      // the second of two shards: the last student only
      const shard = await kubespec('grade', SUITE, '--submissions', path.join(dir, 'class'), '--out', path.join(dir, 'shard2'), '--shard', '2/2');
      expect(shard.code).toBe(0);
      expect(shard.stdout).toContain('Students: 1 graded (shard 2/2)');
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'shard2', 'roster.json'), 'utf8')).students.map((s: { student: string }) => s.student)).toEqual(['perfect']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('grade option values', () => {
  it('sizes', () => {
    expect(parseSize('max-file-size', '1048576')).toBe(1048576);
    expect(parseSize('max-file-size', '512KiB')).toBe(524288);
    expect(parseSize('max-file-size', '1MiB')).toBe(1048576);
    expect(parseSize('max-file-size', '2mb')).toBe(2097152);
    expect(() => parseSize('max-file-size', '0')).toThrow('must be at least 1 byte');
  });

  it('durations', () => {
    expect(parseSeconds('timeout', '30')).toBe(30_000);
    expect(parseSeconds('timeout', '1500ms')).toBe(1500);
    expect(parseSeconds('timeout', '2m')).toBe(120_000);
    expect(parseSeconds('timeout', '0.5s')).toBe(500);
    expect(() => parseSeconds('timeout', '-1')).toThrow('expected a duration');
  });
});

describe('the default --jobs', () => {
  const ctx = () => ({ io: { stdout: () => undefined, stderr: () => undefined, cwd: ROOT, env: {}, isTTY: false } as CliIO, exitCode: 0 });
  const out = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-jobs-'));
  it('grades a class a student per core (at most 8), one submission serially, and --jobs wins', () => {
    expect(defaultClassJobs()).toBe(Math.min(8, os.availableParallelism()));
    const dir = out();
    try {
      expect(resolveGrade({ paths: [SUITE], submissions: STUDENTS, out: dir }, ctx()).run.jobs).toBe(defaultClassJobs());
      expect(resolveGrade({ paths: [SUITE], submissions: STUDENTS, out: dir, jobs: '1' }, ctx()).run.jobs).toBe(1);
      expect(resolveGrade({ paths: [SUITE], submission: `${STUDENTS}/perfect` }, ctx()).run.jobs).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
