// Grading the fixture class (fixtures/submissions) with the real runner and the embedded cluster:
// per-step results for typical mistakes and missing files, every kind of hostile input refused with
// its own per-step error in bounded time and memory, and worker threads giving what a serial run gives.
import * as fs from 'fs';
import * as path from 'path';
import { gradeSubmission, gradeSubmissions } from './grade';
import { runSpecs } from '../runner';
import { parseYaml } from '../manifest/yaml';
import { createReporters } from '../report';
import { tempDir, timeless } from './testing/suite';
import type { RunResult, StepResult } from '../runner/result';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'fixtures', 'submissions');
const SUITE = path.join(FIXTURES, 'suite');
const STUDENTS = path.join(FIXTURES, 'students');

function steps(r: RunResult): Record<string, [StepResult['status'], string][]> {
  const out: Record<string, [StepResult['status'], string][]> = {};
  for (const s of r.specs) out[path.basename(s.file)] = s.steps.map((st) => [st.status, st.failures.map((f) => f.message).join(' / ')]);
  return out;
}

describe('grading the fixture class with the real runner', () => {
  it('perfect: full marks', async () => {
    const r = await gradeSubmission(path.join(STUDENTS, 'perfect'), { specs: [SUITE], run: runSpecs });
    expect(r.summary).toEqual(expect.objectContaining({ total: 4, passed: 4, score: 12, maxScore: 12 }));
  }, 60_000);

  it('typical mistakes lose exactly the steps they break, with the API server’s messages', async () => {
    const r = await gradeSubmission(path.join(STUDENTS, 'mistakes'), { specs: [SUITE], run: runSpecs });
    const s = steps(r);
    expect(s['01-deployment.spec.yaml'].map(([st]) => st)).toEqual(['passed', 'passed', 'passed']);
    // Service port without `port`: refused (the course notes were wrong). `port` is not omitempty in
    // core/v1 ServicePort, so it decodes as 0 and validateServicePort rejects it (IsValidPortNum).
    expect(s['02-service.spec.yaml'][0][0]).not.toBe('passed');
    expect(s['02-service.spec.yaml'][0][1]).toContain('The Service "my-nginx" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive');
    // ReplicaSet without replicas: one pod, not three; scaling and orphaning still work
    expect(s['03-replicaset.spec.yaml'].map(([st]) => st)).toEqual(['failed', 'passed', 'passed']);
    expect(s['03-replicaset.spec.yaml'][0][1]).toContain('spec.replicas: expected 3, found 1');
    // Recreate with a rollingUpdate block: refused
    expect(s['04-recreate.spec.yaml'][0][1]).toContain("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'");
    // points: 01 all 4; 02 none of its 3; 03 loses its first step's third of 3; 04 none of its 2
    expect(r.specs.map((x) => x.score)).toEqual([4, 0, 2, 0]);
    expect(r.summary).toEqual(expect.objectContaining({ score: 6, maxScore: 12 }));
  }, 60_000);

  it('a manifest not handed in is a failed step saying so, not a crash', async () => {
    const r = await gradeSubmission(path.join(STUDENTS, 'incomplete'), { specs: [SUITE], run: runSpecs });
    const s = steps(r);
    expect(s['01-deployment.spec.yaml'].map(([st]) => st)).toEqual(['passed', 'passed', 'passed']);
    expect(s['02-service.spec.yaml'][0][1]).toContain('nginx-svc.yaml is not in your submission');
    expect(s['03-replicaset.spec.yaml'][0][1]).toContain('replicaset.yaml is not in your submission');
    expect(s['04-recreate.spec.yaml'][0][1]).toContain('nginx-recreate.yaml is not in your submission');
    expect(r.summary).toEqual(expect.objectContaining({ score: 4, maxScore: 12, errors: 0 }));
  }, 60_000);

  describe('a hostile submission', () => {
    let dir: string;
    let student: string;
    let suite: string;
    const SECRET = `TOPSECRET-${process.pid}-do-not-print`;
    beforeAll(() => {
      dir = tempDir('kubespec-hostile-');
      student = path.join(dir, 'class', 'mallory');
      suite = path.join(dir, 'suite');
      fs.cpSync(path.join(STUDENTS, 'hostile'), student, { recursive: true });
      fs.cpSync(SUITE, suite, { recursive: true });
      fs.mkdirSync(path.join(dir, 'outside'));
      fs.writeFileSync(path.join(dir, 'outside', 'secret.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${SECRET}}\n`);
      // Generated rather than committed: a file over 1 MiB, 5,000 documents, a link out of the folder.
      fs.writeFileSync(path.join(student, 'big.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  k: "${'x'.repeat(1100 * 1024)}"\n`);
      fs.writeFileSync(path.join(student, 'many.yaml'), Array.from({ length: 5000 }, (_, i) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-${i}}\n`).join(''));
      fs.symlinkSync(path.join(dir, 'outside', 'secret.yaml'), path.join(student, 'link.yaml'));
      fs.writeFileSync(
        path.join(suite, '05-extra.spec.yaml'),
        [
          'name: extra files',
          'points: 6',
          'steps:',
          '  - apply: big.yaml',
          '  - apply: many.yaml',
          '  - apply: link.yaml',
          '  - kubectl: apply -f ../outside/secret.yaml',
          '  - kubectl: apply -f link.yaml',
          '  - apply: nginx-deploy.yaml',
          '    expect: [{ kind: Deployment, name: nginx-deployment }]',
          '',
        ].join('\n'),
      );
      // A `..` path in a spec is refused when the spec loads (the spec's author must fix it).
      fs.writeFileSync(path.join(suite, '06-dotdot.spec.yaml'), 'name: reaches out\npoints: 1\nsteps:\n  - apply: ../outside/secret.yaml\n');
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('gets a clear error for each bad input, per step, in bounded time; its good manifests still score; nothing outside is printed', async () => {
      const t0 = performance.now();
      // On worker threads, as `kubespec grade` runs: the runner's own budget (6 s of wall clock per
      // spec) and behind it the worker watchdog (10 s) and heap limit bound every spec.
      const r = await gradeSubmission(student, { specs: [suite], jobs: 2, runOptions: { limits: { maxWallMs: 6000 } }, workerLimits: { specTimeoutMs: 10_000, maxMemoryMb: 768 } });
      const elapsed = performance.now() - t0;
      const s = steps(r);
      expect(s['01-deployment.spec.yaml'].map(([st]) => st)).toEqual(['passed', 'passed', 'passed']);
      expect(s['02-service.spec.yaml'][0][1]).toContain('nginx-svc.yaml:3:1: YAML aliases expand to too many nodes (limit 100): refusing a possible alias bomb');
      // A billion replicas: refused at once by the API server's replica guard (cluster.maxReplicas),
      // as a failed step with the reason, rather than left to a budget or the watchdog.
      const billion = r.specs.find((x) => x.file.endsWith('03-replicaset.spec.yaml'))!;
      expect(billion.score).toBe(0);
      expect(billion.maxScore).toBe(3);
      expect(billion.status).toBe('failed');
      expect(s['03-replicaset.spec.yaml'][0]).toEqual([
        'failed',
        expect.stringContaining(
          'Error from server (Forbidden): error when creating "replicaset.yaml": replicasets.apps "3-replicaset" is forbidden: exceeded quota: kubespec-limits, requested: replicas=1000000000, limited: replicas=20000',
        ),
      ]);
      expect(billion.durationMs).toBeLessThan(2000);
      expect(s['04-recreate.spec.yaml'][0][1]).toContain('nginx-recreate.yaml:4:1: Flow map in block collection must be sufficiently indented');
      expect(s['05-extra.spec.yaml']).toEqual([
        ['failed', expect.stringContaining('big.yaml: file is 1126467 bytes, larger than the limit of 1048576 bytes')],
        ['failed', expect.stringContaining('many.yaml:1:1: file holds 5000 YAML documents, more than the limit of 1000')],
        ['failed', expect.stringContaining('link.yaml: a symbolic link that points outside its folder is not allowed')],
        ['failed', expect.stringContaining("../outside/secret.yaml: the path leaves its folder ('..' is not allowed)")],
        ['failed', expect.stringContaining('link.yaml: a symbolic link that points outside its folder is not allowed')],
        ['passed', ''],
      ]);
      const dotdot = r.specs.find((x) => x.file.endsWith('06-dotdot.spec.yaml'))!;
      expect(dotdot.status).toBe('error');
      expect(dotdot.error!.message).toContain("../outside/secret.yaml: the path leaves its folder ('..' is not allowed)");
      // scores: the good Deployment (4) and the extra spec's good step (1 of 6)
      expect(r.specs.map((x) => x.score)).toEqual([4, 0, 0, 0, 1, 0]);
      expect(r.summary.maxScore).toBe(19);
      expect(elapsed).toBeLessThan(60_000);
      // Nothing from outside the submission reaches any report.
      const text: string[] = [];
      for (const rep of createReporters(['pretty', 'json', 'junit', 'tap', 'github', 'gradescope'], { write: (t) => void text.push(t), color: false, cwd: dir })) rep.onRunComplete(r);
      expect(text.join('')).not.toContain(SECRET);
      expect(JSON.stringify(r)).not.toContain(SECRET);
    }, 120_000);

    it('does not expand the alias bomb: parsing is fast and takes almost no memory', () => {
      const text = fs.readFileSync(path.join(student, 'nginx-svc.yaml'), 'utf8');
      global.gc?.();
      const before = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      expect(() => parseYaml(text, 'nginx-svc.yaml')).toThrow('refusing a possible alias bomb');
      const ms = performance.now() - t0;
      const grown = process.memoryUsage().heapUsed - before;
      // Expanded, it would be 9^9 = 387,420,489 strings (gigabytes); refused, it is a few kilobytes of nodes.
      expect(ms).toBeLessThan(500);
      expect(grown).toBeLessThan(20 * 1024 * 1024);
    });

    it('grading the class with the hostile student in it: every other student is graded as usual', async () => {
      fs.cpSync(path.join(STUDENTS, 'perfect'), path.join(dir, 'class', 'alice'), { recursive: true });
      const out = path.join(dir, 'out');
      const cls = await gradeSubmissions(path.join(dir, 'class'), {
        specs: [SUITE],
        jobs: 2,
        out,
        runOptions: { limits: { maxWallMs: 6000 } },
        workerLimits: { specTimeoutMs: 10_000, maxMemoryMb: 768 },
      });
      expect(cls.students.map((g) => [g.student, g.row.score, g.row.maxScore])).toEqual([
        ['alice', 12, 12],
        ['mallory', 4, 12],
      ]);
      const csv = fs.readFileSync(path.join(out, 'roster.csv'), 'utf8').split('\r\n');
      expect(csv[0]).toBe('\ufeffstudent,score,maxScore,percent,passed,failed,errors,skipped');
      expect(csv[1]).toBe('alice,12,12,100,4,0,0,0');
      // the billion-replica spec is stopped by whichever budget comes first: failed or error
      expect(csv[2]).toMatch(/^mallory,4,12,33\.33,1,(3,0|2,1),0$/);
    }, 120_000);
  });

  it('on worker threads with --jobs 2, grades the class exactly as a serial run does', async () => {
    const out = tempDir('kubespec-jobs-');
    try {
      const serial = await gradeSubmissions(STUDENTS, { specs: [SUITE], run: runSpecs, out: path.join(out, 'serial'), shard: { index: 2, count: 2 } });
      const parallel = await gradeSubmissions(STUDENTS, { specs: [SUITE], jobs: 2, out: path.join(out, 'parallel'), shard: { index: 2, count: 2 } });
      expect(parallel.students.map((g) => g.student)).toEqual(['mistakes', 'perfect']);
      expect(parallel.students.map((g) => timeless(g.result))).toEqual(serial.students.map((g) => timeless(g.result)));
      expect(fs.readFileSync(path.join(out, 'parallel', 'roster.csv'), 'utf8')).toBe(fs.readFileSync(path.join(out, 'serial', 'roster.csv'), 'utf8'));
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 240_000);
});
