// `run --submission DIR` grades a student on the files in DIR only, as `grade` does: a file missing
// there fails its step saying so (an empty folder scored 43/43 from the instructor's copies beside
// the specs). `--spec-manifests` opts back into the spec's folder, and then every report says, per
// step, which files came from where. `validate --submission` names each missing file.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main, type CliIO } from '../src/cli';
import { kubespec } from './cli-support';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..');
const SUITE = 'fixtures/submissions/suite';
const INCOMPLETE = 'fixtures/submissions/students/incomplete'; // nginx-deploy.yaml only
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-submission-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));


test('run --submission reads the submission only: a missing file fails its step, saying it is not in the submission', async () => {
  const r = await kubespec('run', SUITE, '--submission', INCOMPLETE, '--no-timings');
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('nginx-svc.yaml is not in your submission');
  expect(r.stdout).toContain('replicaset.yaml is not in your submission');
  expect(r.stdout).toMatch(/\nScore: +4\/12\n/);
});

test('--spec-manifests reads a missing file from the spec’s folder, and every report says where each step’s files came from', async () => {
  // A suite whose folder holds the instructor's copies.
  const suite = path.join(dir, 'suite');
  fs.cpSync(path.join(ROOT, SUITE), suite, { recursive: true });
  for (const f of fs.readdirSync(path.join(ROOT, 'fixtures/submissions/students/perfect'))) fs.copyFileSync(path.join(ROOT, 'fixtures/submissions/students/perfect', f), path.join(suite, f));
  const file = (name: string) => path.join(dir, name);
  const strict = await kubespec('run', suite, '--submission', INCOMPLETE, '--no-timings');
  expect(strict.stdout).toMatch(/\nScore: +4\/12\n/);
  const r = await kubespec(
    'run', suite, '--submission', INCOMPLETE, '--spec-manifests', '--no-timings',
    '-r', 'pretty', '-r', `json=${file('r.json')}`, '-r', `junit=${file('r.xml')}`, '-r', `tap=${file('r.tap')}`, '-r', `gradescope=${file('g.json')}`, '-r', `github=${file('gh.txt')}`,
  );
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/\nScore: +12\/12\n/);
  const mixed = "files: nginx-deploy.yaml (your submission), nginx-svc.yaml (the spec's folder)";
  expect(r.stdout).toContain(`✓ apply the Deployment and the Service\n      ${mixed}\n`);
  expect(r.stdout).toContain("✓ apply replicaset.yaml\n      files: replicaset.yaml (the spec's folder)\n");
  const json = JSON.parse(fs.readFileSync(file('r.json'), 'utf8')) as { specs: { steps: { name: string; files?: unknown }[] }[] };
  expect(json.specs[1].steps[0].files).toEqual([
    { path: 'nginx-deploy.yaml', from: 'submission' },
    { path: 'nginx-svc.yaml', from: 'spec' },
  ]);
  // a step that reads no file records none
  expect(json.specs[1].steps[1].files).toBeUndefined();
  expect(fs.readFileSync(file('r.xml'), 'utf8')).toContain(`<system-out>${mixed}</system-out>`);
  expect(fs.readFileSync(file('r.tap'), 'utf8')).toMatch(/ok \d+ - apply the Deployment and the Service\n\s+---\n\s+files:\n\s+- path: nginx-deploy.yaml\n\s+from: submission\n\s+- path: nginx-svc.yaml\n\s+from: spec\n/);
  const gs = JSON.parse(fs.readFileSync(file('g.json'), 'utf8')) as { tests: { name: string; output: string }[] };
  expect(gs.tests.find((t) => t.name.endsWith('apply the Deployment and the Service'))!.output).toBe(mixed);
  expect(fs.readFileSync(file('gh.txt'), 'utf8')).toMatch(/^::notice file=\S*02-service\.spec\.yaml,line=5,col=5,title=.*::files: nginx-deploy\.yaml \(your submission\), nginx-svc\.yaml \(the spec's folder\)$/m);
});

test('--spec-manifests without --submission is a usage error', async () => {
  const r = await kubespec('run', SUITE, '--spec-manifests');
  expect(r).toMatchObject({ code: 2, stdout: '' });
  expect(r.stderr).toContain('--spec-manifests: only with --submission');
});

test('validate --submission names each file missing from the submission', async () => {
  fs.mkdirSync(path.join(dir, 'empty'));
  const r = await kubespec('validate', SUITE, '--submission', path.join(dir, 'empty'));
  expect(r.code).toBe(2);
  for (const f of ['nginx-deploy.yaml', 'nginx-svc.yaml', 'replicaset.yaml', 'nginx-recreate.yaml']) expect(r.stdout).toContain(`${f} is not in your submission`);
  const partial = await kubespec('validate', SUITE, '--submission', INCOMPLETE);
  expect(partial.stdout).not.toContain('nginx-deploy.yaml is not in your submission');
  expect(partial.stdout).toContain('nginx-svc.yaml is not in your submission');
});

describe('the cause first', () => {
  test('an empty submission scores 0 on the course suite: no step scores on a cluster its manifests never reached', async () => {
    fs.mkdirSync(path.join(dir, 'empty'));
    const r = await kubespec('run', 'specs', '--submission', path.join(dir, 'empty'), '--no-timings');
    expect(r.stdout).toMatch(/\nScore: +0\/42\n/);
  });

  test('one tab in a manifest: its cause once, one line per spec it cost, a Problems summary, under 80 lines in all', async () => {
    const student = path.join(dir, 'tab');
    fs.cpSync(path.join(ROOT, 'fixtures/course'), student, { recursive: true });
    const file = path.join(student, 'nginx-deploy.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('\n  replicas: 2', '\n\treplicas: 2'));
    const r = await kubespec('run', 'specs', '--submission', student, '--no-timings');
    const lines = r.stdout.split('\n');
    expect(lines.length).toBeLessThan(80);
    // the error, in full, once (the first spec that reads the file)...
    expect(r.stdout.match(/yaml: line 8: found character that cannot start any token/g)!.length).toBeLessThanOrEqual(3);
    // ...then one line in each other spec, its skipped steps with it
    expect(r.stdout).toContain('    ✗ apply nginx-deploy.yaml (nginx-deploy.yaml did not apply, see above; 2 more steps skipped)\n');
    expect(r.stdout).not.toContain('expected Deployment nginx-deployment to exist');
    expect(r.stdout).toMatch(/\nProblems:\n {2}nginx-deploy\.yaml: error: error parsing nginx-deploy\.yaml: .*\(cost \d+ steps in 11 specs\)\n/);
    // specs that do not read the file still pass, and score
    expect(r.stdout).toMatch(/\nScore: +19\/42\n/);
  });
});

describe('what a suite reads from a submission', () => {
  test('kubespec files lists each spec’s manifests and what to hand in; --json for tooling', async () => {
    const r = await kubespec('files', SUITE);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'fixtures/submissions/suite/01-deployment.spec.yaml',
        '  nginx-deployment runs two nginx pods: nginx-deploy.yaml',
        '',
        'fixtures/submissions/suite/02-service.spec.yaml',
        '  my-nginx is a NodePort Service on 8080:30000/TCP: nginx-deploy.yaml, nginx-svc.yaml',
        '',
        'fixtures/submissions/suite/03-replicaset.spec.yaml',
        '  3-replicaset keeps three pods, scales, and orphans them: replicaset.yaml',
        '',
        'fixtures/submissions/suite/04-recreate.spec.yaml',
        '  the Recreate variant never runs old and new pods together: nginx-recreate.yaml',
        '',
        'Hand in: nginx-deploy.yaml, nginx-svc.yaml, replicaset.yaml, nginx-recreate.yaml',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await kubespec('files', SUITE, '--json')).stdout) as { specs: { files: string[] }[] };
    expect(json.specs.map((s) => s.files)).toEqual([['nginx-deploy.yaml'], ['nginx-deploy.yaml', 'nginx-svc.yaml'], ['replicaset.yaml'], ['nginx-recreate.yaml']]);
    const same = await kubespec('grade', SUITE, '--list-files');
    expect(same).toEqual(r);
  });

  test('grade warns about a spec that reads no file from the submission (every student gets its points)', async () => {
    const r = await kubespec('grade', 'specs', '--submission', 'fixtures/course', '--no-timings');
    // the course suite's one such spec is worth no points: no warning
    expect(r.stderr).toBe('');
    const suite = path.join(dir, 'suite');
    fs.mkdirSync(suite);
    fs.writeFileSync(path.join(suite, 'free.spec.yaml'), 'name: the nodes are there\npoints: 2\nsteps:\n  - kubectl: get nodes\n');
    const w = await kubespec('grade', suite, '--submission', INCOMPLETE, '--no-timings');
    expect(w.stderr).toBe(`kubespec: warning: ${suite}/free.spec.yaml › the nodes are there reads no file from the submission: every student gets its 2 points\n`);
  });
});

test('Gradescope: visibility and tags per spec and step, and a hidden test’s output holds no expected value', async () => {
  const suite = path.join(dir, 'suite');
  fs.mkdirSync(suite);
  fs.writeFileSync(
    path.join(suite, 'hidden.spec.yaml'),
    [
      'name: three replicas',
      'visibility: after_due_date',
      'tags: [replicaset]',
      'steps:',
      '  - apply: replicaset.yaml',
      '    expect:',
      '      - { kind: ReplicaSet, name: 3-replicaset, match: { spec: { replicas: 3 } } }',
      '  - name: shown in full',
      '    visibility: visible',
      '    feedback: full',
      '    kubectl: get rs 3-replicaset',
      '    expect:',
      '      - output: /3-replicaset +3 /',
      '  - name: told nothing',
      '    feedback: none',
      '    kubectl: get rs 3-replicaset',
      '    expect:',
      '      - output: /3-replicaset +3 /',
      '',
    ].join('\n'),
  );
  // mistakes/ has a ReplicaSet without replicas: one pod, not three
  const out = path.join(dir, 'g.json');
  const r = await kubespec('grade', suite, '--submission', 'fixtures/submissions/students/mistakes', '-r', `gradescope=${out}`);
  expect(r.code).toBe(1);
  const tests = (JSON.parse(fs.readFileSync(out, 'utf8')) as { tests: { name: string; visibility: string; tags?: string[]; output: string; status: string }[] }).tests;
  expect(tests.map((t) => [t.visibility, t.tags, t.status])).toEqual([
    ['after_due_date', ['replicaset'], 'failed'],
    ['visible', ['replicaset'], 'failed'],
    ['after_due_date', ['replicaset'], 'failed'],
  ]);
  // summary (the default for a test students do not see yet): which check failed and where, no value
  expect(tests[0].output).toBe(`an expected state did not hold (${path.join(suite, 'hidden.spec.yaml')}:7)`);
  expect(tests[0].output).not.toMatch(/replicas|found|actual/);
  expect(tests[1].output).toContain('expected the output to match /3-replicaset +3 /');
  expect(tests[2].output).toBe('');
});

test('apply: and kubectl apply -f word a YAML mistake alike: kubectl’s words, then kubespec’s hint', async () => {
  const student = path.join(dir, 'tab');
  fs.cpSync(path.join(ROOT, 'fixtures/course'), student, { recursive: true });
  const file = path.join(student, 'nginx-deploy.yaml');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('\n  replicas: 2', '\n\treplicas: 2'));
  const r = await kubespec('run', 'specs/01-deployment.spec.yaml', '--submission', student, '--no-timings', '-r', `json=${path.join(dir, 'r.json')}`);
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8')) as { specs: { steps: { failures: { message: string }[] }[] }[] };
  const kubectlStep = report.specs[0].steps[0].failures[0].message; // kubectl: apply -f nginx-deploy.yaml
  const applyStep = report.specs[1].steps[0].failures[0].message; // apply: nginx-deploy.yaml
  const words = 'error: error parsing nginx-deploy.yaml: error converting YAML to JSON: yaml: line 8: found character that cannot start any token';
  const hint = 'hint: nginx-deploy.yaml:8:1: this line is indented with a tab; YAML indents with spaces only';
  expect(kubectlStep).toBe(`kubectl exited with code 1: ${words}\n${hint}`);
  expect(applyStep).toBe(`${words}\n${hint}`);
  expect(r.code).toBe(1);
});

test('in GitHub Actions the github reporter appends a job summary to $GITHUB_STEP_SUMMARY', async () => {
  const summary = path.join(dir, 'summary.md');
  fs.writeFileSync(summary, 'an earlier step wrote this\n');
  let stdout = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: () => undefined, cwd: ROOT, env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary }, isTTY: false };
  const code = await main(['run', SUITE, '--submission', INCOMPLETE, '-r', 'github'], io);
  expect(code).toBe(1);
  const text = fs.readFileSync(summary, 'utf8');
  expect(text.startsWith('an earlier step wrote this\n### kubespec\n')).toBe(true);
  expect(text).toContain('| ✅ | fixtures/submissions/suite/01-deployment.spec.yaml | nginx-deployment runs two nginx pods | 4/4 |');
  expect(text).toContain('| ❌ | fixtures/submissions/suite/02-service.spec.yaml | my-nginx is a NodePort Service on 8080:30000/TCP | 0/3 |');
  expect(text).toMatch(/\*\*Score: 4\/12\*\* \(1 of 4 specs passed\)\n$/);
  expect(stdout).toMatch(/^::error /m);
  // outside GitHub Actions nothing is written there
  const before = fs.readFileSync(summary, 'utf8');
  await main(['run', SUITE, '--submission', INCOMPLETE, '-r', 'github'], { ...io, env: { GITHUB_STEP_SUMMARY: summary } });
  expect(fs.readFileSync(summary, 'utf8')).toBe(before);
});

test('github: a mistake in a manifest is annotated on the student’s line, once, besides the spec’s line', async () => {
  const student = path.join(dir, 'tab');
  fs.cpSync(path.join(ROOT, 'fixtures/course'), student, { recursive: true });
  const file = path.join(student, 'nginx-deploy.yaml');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('\n  replicas: 2', '\n\treplicas: 2'));
  const r = await kubespec('run', 'specs', '--submission', student, '-r', 'github', '-r', `json=${path.join(dir, 'r.json')}`);
  // (outside the working directory, a path is shown absolute, as every reporter shows it)
  const onManifest = r.stdout.split('\n').filter((l) => l.startsWith(`::error file=${file},`));
  expect(onManifest).toHaveLength(1);
  expect(onManifest[0]).toMatch(/^::error file=\S+nginx-deploy\.yaml,line=8,col=1,title=nginx-deploy\.yaml did not apply::.*yaml: line 8: found character that cannot start any token/);
  // the JSON report places the cause too, relative to the working directory
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8')) as { specs: { steps: { cause?: { location?: unknown } }[] }[] };
  expect(report.specs[0].steps[0].cause?.location).toEqual({ file, line: 8, column: 1 });
});

test('validate --strict warns about a step a student could pass by shortcut, and names the fix', async () => {
  const r = await kubespec('validate', SUITE, '--submission', 'fixtures/submissions/students/perfect', '--strict');
  // a warning does not fail validation
  expect(r.code).toBe(0);
  // 03 counts app=3-replicaset Pods after applying replicaset.yaml with no ownedBy: bare Pods would do
  expect(r.stdout).toContain('  warning: fixtures/submissions/suite/03-replicaset.spec.yaml:12:9: steps[0]: Pods selected by label could be ones the student created directly');
  expect(r.stdout).toContain('ownedBy: { kind: ReplicaSet, name: ... }');
  // 01 pins ownership (the decoy's lesson): no warning there
  expect(r.stdout).not.toContain('01-deployment.spec.yaml:');
  expect(r.stdout).toMatch(/\n1 warning \(--strict\): steps a student could pass by shortcut\n$/);
  const plain = await kubespec('validate', SUITE, '--submission', 'fixtures/submissions/students/perfect');
  expect(plain.stdout).not.toContain('warning');
});

describe('a suite graded on submissions alone', () => {
  test('needs no manifests folder of its own (a Gradescope autograder ships the specs only); validate still checks it', async () => {
    const specs = path.join(dir, 'specs');
    fs.cpSync(path.join(ROOT, SUITE), specs, { recursive: true });
    const text = fs.readFileSync(path.join(specs, fs.readdirSync(specs).find((f) => f.endsWith('.spec.yaml'))!), 'utf8');
    // Every spec of the copy names a manifests folder that is not there.
    for (const f of fs.readdirSync(specs).filter((f) => f.endsWith('.spec.yaml'))) {
      fs.writeFileSync(path.join(specs, f), fs.readFileSync(path.join(specs, f), 'utf8').replace(/^name:/gm, 'manifests: ./instructor-copies\nname:'));
    }
    expect(text).toMatch(/^name:/m);
    const perfect = 'fixtures/submissions/students/perfect';
    const graded = await kubespec('grade', specs, '--submission', perfect, '--no-timings');
    expect([graded.stderr, graded.code]).toEqual(['', 0]);
    expect(graded.stdout).toMatch(/\nScore: +12\/12\n/);
    const ran = await kubespec('run', specs, '--submission', perfect, '--no-timings');
    expect([ran.stdout, ran.code]).toEqual([expect.stringContaining('Score:  12/12'), 0]);
    // Where the folder would be read, it must exist.
    const own = await kubespec('run', specs, '--submission', perfect, '--spec-manifests', '--no-timings');
    expect(own.code).toBe(2);
    expect(own.stdout).toContain('manifests: "./instructor-copies" is not a folder');
    const validated = await kubespec('validate', specs);
    expect(validated.code).toBe(2);
  });

  test('grade refuses a suite with a spec that does not load, before grading anyone: a wrong 0 for every student otherwise', async () => {
    const specs = path.join(dir, 'specs');
    fs.cpSync(path.join(ROOT, SUITE), specs, { recursive: true });
    fs.writeFileSync(path.join(specs, 'zz-broken.spec.yaml'), 'name: broken\nsteps: 3\n');
    const one = await kubespec('grade', specs, '--submission', 'fixtures/submissions/students/perfect');
    expect(one.code).toBe(2);
    expect(one.stdout).toBe('');
    expect(one.stderr).toBe(`kubespec: nothing was graded: ${path.join(specs, 'zz-broken.spec.yaml')} does not load (kubespec validate says why)\n`);
    const out = path.join(dir, 'grades');
    const all = await kubespec('grade', specs, '--submissions', 'fixtures/submissions/students', '--out', out);
    expect(all.code).toBe(2);
    expect(all.stderr).toContain('nothing was graded');
    expect(fs.existsSync(path.join(out, 'roster.csv'))).toBe(false);
  });
});
