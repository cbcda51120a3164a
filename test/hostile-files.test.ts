// Non-regular files in a submission through the whole command line: `run` and `grade` finish, and
// the student is graded on what could be read (a FIFO named like a manifest hung both before).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { kubespec } from './cli-support';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '..');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-hostile-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));


test('run: a FIFO as the manifest fails the step with a clear message, and the run ends', async () => {
  const student = path.join(dir, 'alice');
  fs.cpSync(path.join(ROOT, 'fixtures/submissions/students/perfect'), student, { recursive: true });
  fs.rmSync(path.join(student, 'nginx-deploy.yaml'));
  execFileSync('mkfifo', [path.join(student, 'nginx-deploy.yaml')]);
  const r = await kubespec('run', 'fixtures/submissions/suite/01-deployment.spec.yaml', '--submission', student, '--no-timings');
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('nginx-deploy.yaml: is a named pipe (FIFO), not a regular file');
});

test('run: a FIFO named as the spec is a load error, not a hang', async () => {
  execFileSync('mkfifo', [path.join(dir, 'x.spec.yaml')]);
  const r = await kubespec('run', path.join(dir, 'x.spec.yaml'));
  expect(r.code).toBe(2);
  expect(r.stdout + r.stderr).toContain('is a named pipe (FIFO), not a regular file');
});

test('grade --submissions: a student with a FIFO is graded and the class run exits', async () => {
  const cls = path.join(dir, 'class');
  for (const name of ['alice', 'bob']) fs.cpSync(path.join(ROOT, 'fixtures/submissions/students/perfect'), path.join(cls, name), { recursive: true });
  fs.rmSync(path.join(cls, 'bob', 'replicaset.yaml'));
  execFileSync('mkfifo', [path.join(cls, 'bob', 'replicaset.yaml')]);
  const r = await kubespec('grade', 'fixtures/submissions/suite', '--submissions', cls, '--out', path.join(dir, 'out'), '--jobs', '2');
  // grade exits 0 once the class is graded (failures are scores, not errors).
  expect(r.code).toBe(0);
  const roster = fs.readFileSync(path.join(dir, 'out', 'roster.csv'), 'utf8');
  expect(roster).toMatch(/^\ufeffstudent,/);
  expect(roster).toMatch(/\nalice,12,12,/);
  expect(roster).toMatch(/\nbob,9,12,/);
});

describe('outputs that cannot be written: one line, exit 2, no hang', () => {
  test('-r junit=/dev/full', async () => {
    const r = await kubespec('run', 'fixtures/cli/pass.spec.yaml', '-r', 'junit=/dev/full');
    expect(r).toMatchObject({ code: 2, stderr: 'kubespec: cannot write the report /dev/full: no space left on device\n' });
  });

  test('-r junit=FILE that cannot be written stops the run before any spec runs', async () => {
    fs.writeFileSync(path.join(dir, 'a-file'), 'x');
    const inTheWay = await kubespec('run', 'fixtures/cli/pass.spec.yaml', '-r', 'pretty', '-r', `junit=${path.join(dir, 'a-file', 'junit.xml')}`);
    expect(inTheWay).toMatchObject({ code: 2, stdout: '', stderr: `kubespec: cannot write the report ${path.join(dir, 'a-file', 'junit.xml')}: not a directory\n` });
    const proc = await kubespec('run', 'fixtures/cli/pass.spec.yaml', '-r', 'pretty', '-r', 'junit=/proc/x/junit.xml');
    expect(proc).toMatchObject({ code: 2, stdout: '' });
    expect(proc.stderr).toMatch(/^kubespec: cannot write the report \/proc\/x\/junit\.xml: /);
    fs.mkdirSync(path.join(dir, 'folder.xml'));
    const folder = await kubespec('run', 'fixtures/cli/pass.spec.yaml', '-r', 'pretty', '-r', `junit=${path.join(dir, 'folder.xml')}`);
    expect(folder).toMatchObject({ code: 2, stdout: '', stderr: `kubespec: cannot write the report ${path.join(dir, 'folder.xml')}: illegal operation on a directory\n` });
    // A path that can be written still gets its report.
    const fine = path.join(dir, 'new', 'junit.xml');
    const ok = await kubespec('grade', 'fixtures/cli/pass.spec.yaml', '-r', `junit=${fine}`, '--submission', 'fixtures/cli');
    // (its specs read no student file: grade says so, and nothing else)
    expect(ok.stderr.split('\n').filter((l) => l && !l.startsWith('kubespec: warning: '))).toEqual([]);
    expect(fs.readFileSync(fine, 'utf8')).toMatch(/^<\?xml/);
  });

  test('--out /dev/null and --out /proc/x (where Node’s recursive mkdir never returns)', async () => {
    const a = await kubespec('grade', 'fixtures/submissions/suite', '--submissions', 'fixtures/submissions/students', '--out', '/dev/null');
    expect(a).toMatchObject({ code: 2, stderr: 'kubespec: --out /dev/null: cannot write reports there (it is not a folder)\n' });
    const b = await kubespec('grade', 'fixtures/submissions/suite', '--submissions', 'fixtures/submissions/students', '--out', '/proc/x');
    expect(b).toMatchObject({ code: 2, stderr: 'kubespec: --out /proc/x: cannot write reports there (no such file or directory)\n' });
  });
});
