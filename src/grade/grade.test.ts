import * as fs from 'fs';
import * as path from 'path';
import { gradeSubmission, gradeSubmissions } from './grade';
import { runSpecs as stubRun } from './testing/stub-runner';
import { GOOD, STUB_RUNNER, STUB_SUITE, tempDir, timeless, writeTree } from './testing/suite';
import { parseXml } from '../report/testing/xml-check';

describe('grading with a stub runner', () => {
  let dir: string;
  const home = process.cwd();
  beforeAll(() => {
    dir = tempDir();
    process.chdir(dir); // spec files are then named as a course would see them: suite/...
    writeTree(dir, {
      ...STUB_SUITE,
      'class/alice/deploy.yaml': GOOD,
      'class/alice/svc.yaml': GOOD,
      'class/alice/rs.yaml': GOOD,
      'class/bob/deploy.yaml': GOOD,
      'class/bob/rs.yaml': 'a: [',
      'class/carol/README.md': 'handed in nothing',
      'class/=cmd/deploy.yaml': GOOD,
    });
  });
  afterAll(() => {
    process.chdir(home);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('grades one submission: a failed or missing step loses its points, the rest score', async () => {
    const streamed: string[] = [];
    const r = await gradeSubmission('class/bob', { specs: ['suite'], cwd: dir, run: stubRun }, (s) => streamed.push(s.name));
    expect(r.specs.map((s) => [s.file, s.name, s.status, s.score, s.maxScore])).toEqual([
      ['suite/01-deploy.spec.yaml', 'deploy', 'passed', 4, 4],
      ['suite/02-svc.spec.yaml', 'svc', 'failed', 1, 3],
      ['suite/nested/03-rs.spec.yaml', 'rs', 'failed', 0, 2],
      ['suite/nested/03-rs.spec.yaml', 'rs again', 'failed', 0, 1],
    ]);
    expect(streamed).toEqual(['deploy', 'svc', 'rs', 'rs again']);
    expect(r.summary).toEqual(expect.objectContaining({ score: 5, maxScore: 10, passed: 1, failed: 3 }));
    const missing = r.specs[1].steps[1];
    expect(missing.failures[0].message).toBe('svc.yaml: no such file');
  });

  it('grades a class: a report per student, the roster as CSV and JSON', async () => {
    const seen: string[] = [];
    const out = path.join(dir, 'out');
    const cls = await gradeSubmissions('class', { specs: ['suite'], cwd: dir, out: 'out', run: stubRun, formats: ['junit'] }, (g) => seen.push(g.student));
    expect(seen).toEqual(['=cmd', 'alice', 'bob', 'carol']);
    expect(cls.students.map((s) => [s.student, s.row.score, s.row.maxScore, s.row.percent])).toEqual([
      ['=cmd', 5, 10, 50],
      ['alice', 10, 10, 100],
      ['bob', 5, 10, 50],
      ['carol', 0, 10, 0],
    ]);
    expect(fs.readFileSync(path.join(out, 'roster.csv'), 'utf8')).toBe(
      '\ufeffstudent,score,maxScore,percent,passed,failed,errors,skipped\r\n' + "'=cmd,5,10,50,1,3,0,0\r\n" + 'alice,10,10,100,4,0,0,0\r\n' + 'bob,5,10,50,1,3,0,0\r\n' + 'carol,0,10,0,0,4,0,0\r\n',
    );
    const roster = JSON.parse(fs.readFileSync(path.join(out, 'roster.json'), 'utf8'));
    expect(roster.specs).toEqual(['suite/01-deploy.spec.yaml', 'suite/02-svc.spec.yaml', 'suite/nested/03-rs.spec.yaml']);
    expect(roster.students[2]).toEqual({ student: 'bob', score: 5, maxScore: 10, percent: 50, passed: 1, failed: 3, errors: 0, skipped: 0, report: 'students/bob/report.json' });
    const bob = JSON.parse(fs.readFileSync(path.join(out, 'students', 'bob', 'report.json'), 'utf8'));
    expect(bob.student).toBe('bob');
    expect(bob.summary.score).toBe(5);
    expect(parseXml(fs.readFileSync(path.join(out, 'students', 'bob', 'report.junit.xml'), 'utf8')).attrs.tests).toBe('7');
    expect(fs.readdirSync(out).sort()).toEqual(['roster.csv', 'roster.json', 'students']);
    // `=cmd` keeps its name in the roster and its report; its folder is portable.
    expect(fs.readdirSync(path.join(out, 'students')).sort()).toEqual(['_cmd', 'alice', 'bob', 'carol']);
    for (const name of fs.readdirSync(path.join(out, 'students'))) expect(fs.readdirSync(path.join(out, 'students', name)).sort()).toEqual(['report.json', 'report.junit.xml']);
  });

  it('no student name collides with the roster or with another student’s files', async () => {
    // `roster` once lost its report to roster.json; `x.gradescope`'s report was x's Gradescope file;
    // `Alice` and `alice` are one folder on a case-insensitive disk (macOS, Windows).
    const names = ['roster', 'x', 'x.gradescope', 'students', 'Alice', 'alice', 'CON', 'a b', 'a_b', 'a~2', 'e\u0301', '\u00e9', 'x.json'];
    const root = path.join(dir, 'collide');
    for (const n of names) writeTree(root, { [`${n}/deploy.yaml`]: GOOD });
    const out = path.join(dir, 'collide-out');
    const cls = await gradeSubmissions(root, { specs: ['suite'], cwd: dir, out, run: stubRun, formats: ['gradescope', 'junit'] });
    expect(cls.students.map((s) => s.student).sort()).toEqual([...names].sort());
    // The roster is the roster, whatever the students are called.
    const roster = JSON.parse(fs.readFileSync(path.join(out, 'roster.json'), 'utf8'));
    expect(roster.students.map((r: { student: string }) => r.student).sort()).toEqual([...names].sort());
    expect(fs.readFileSync(path.join(out, 'roster.csv'), 'utf8')).toMatch(/^\ufeffstudent,score,/);
    // Every student's files are their own, in a folder no other student's name maps to, even
    // folding case and Unicode normalisation.
    const folders = cls.students.map((s) => path.dirname(path.relative(out, s.files[0])));
    expect(new Set(folders.map((f) => f.normalize('NFKC').toLowerCase())).size).toBe(names.length);
    for (const s of cls.students) {
      expect(s.files.map((f) => path.basename(f))).toEqual(['report.json', 'report.gradescope.json', 'report.junit.xml']);
      expect(JSON.parse(fs.readFileSync(s.files[0], 'utf8')).student).toBe(s.student);
      expect(path.relative(out, s.files[0]).split(path.sep)[0]).toBe('students');
      expect(roster.students.find((r: { student: string }) => r.student === s.student).report).toBe(path.relative(out, s.files[0]).split(path.sep).join('/'));
    }
    expect(folders).toContain(path.join('students', 'roster'));
    expect(folders).toContain(path.join('students', 'x.gradescope'));
    expect(fs.readdirSync(out).sort()).toEqual(['roster.csv', 'roster.json', 'students']);
  });

  it('shards split the class so every student is graded exactly once, with the same grades as one run', async () => {
    const whole = await gradeSubmissions('class', { specs: ['suite'], cwd: dir, out: 'whole', run: stubRun });
    const rows = [];
    for (let index = 1; index <= 3; index++) {
      const part = await gradeSubmissions('class', { specs: ['suite'], cwd: dir, out: `shard${index}`, run: stubRun, shard: { index, count: 3 } });
      expect(JSON.parse(fs.readFileSync(path.join(dir, `shard${index}`, 'roster.json'), 'utf8')).shard).toBe(`${index}/3`);
      rows.push(...part.students.map((s) => s.row));
    }
    expect(rows).toEqual(whole.students.map((s) => s.row));
  });

  it('on worker threads with --jobs, grades exactly as serially', async () => {
    const serial = await gradeSubmissions('class', { specs: ['suite'], cwd: dir, out: 'serial', run: stubRun });
    const parallel = await gradeSubmissions('class', { specs: ['suite'], cwd: dir, out: 'parallel', jobs: 3, runnerModule: STUB_RUNNER });
    expect(parallel.students.map((s) => timeless(s.result))).toEqual(serial.students.map((s) => timeless(s.result)));
    expect(fs.readFileSync(path.join(dir, 'parallel', 'roster.csv'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'serial', 'roster.csv'), 'utf8'));
  }, 60_000);
});
