// End-to-end runs of the course's exercises (src/spec/__fixtures__/course) through runSpecs.
// [controllers] Everything here depends on kubespec's controllers (deployment, replicaset, garbage
// collector, scheduler, kubelet, node lifecycle, endpoints) and, for the `request` assertions, on
// Service routing (src/cluster/routing.ts): a failure here may come from any of them.
import * as path from 'path';
import { runSpecs } from '.';
import type { RunResult } from './result';

const FIXTURES = path.join(__dirname, '..', 'spec', '__fixtures__', 'course');

function strip(r: RunResult): unknown {
  return JSON.parse(JSON.stringify(r, (k, v) => (k === 'durationMs' || k === 'engineMs' ? undefined : v)));
}

function summary(r: RunResult): string[] {
  return r.specs.flatMap((s) => [`${s.status} ${s.name} ${s.score}/${s.maxScore}`, ...s.steps.flatMap((st) => st.failures.map((f) => `  ${st.name}: [${f.kind}] ${f.message}`))]);
}

describe('[controllers] the course exercises', () => {
  it('pass with the course manifests', async () => {
    const r = await runSpecs(['course.spec.yaml'], { cwd: FIXTURES });
    expect(summary(r)).toEqual([
      'passed exercise 1 - a Deployment runs two nginx pods 2/2',
      'passed exercise 2 - a NodePort Service reaches the pods from any node 1/1',
      'passed exercises 3 to 6 - a ReplicaSet keeps its pods, scales, and lets them go on orphan delete 1/1',
      'passed exercise 7 - set image rolls to a new ReplicaSet, never below one available pod 1/1',
      'passed the notes are wrong - a Service port needs `port` 1/1',
      'passed a node fails and its pods move after five minutes 1/1',
    ]);
    expect(r.summary).toMatchObject({ total: 6, passed: 6, score: 7, maxScore: 7 });
  });

  it('grade a student on their own files only with submissionOnly: a file they did not hand in fails', async () => {
    // mistakes/ has no nginx-deploy.yaml; without submissionOnly the copy beside the spec would be used.
    const lenient = await runSpecs(['course.spec.yaml'], { cwd: FIXTURES, submission: path.join(FIXTURES, 'mistakes') });
    expect(lenient.specs[0].status).toBe('passed');
    // ...and the step says where each file came from (the student's folder lacked it)
    expect(lenient.specs[0].steps[0].files).toEqual([{ path: 'nginx-deploy.yaml', from: 'spec' }]);
    const strict = await runSpecs(['course.spec.yaml'], { cwd: FIXTURES, submission: path.join(FIXTURES, 'mistakes'), submissionOnly: true });
    expect(strict.specs[0].status).toBe('failed');
    expect(strict.specs[0].steps[0].failures[0].message).toBe('error: nginx-deploy.yaml is not in your submission');
    expect(strict.specs[0].steps[0].files).toBeUndefined();
  });

  it("fail readably with a student's wrong manifests (submission folder first)", async () => {
    const r = await runSpecs(['course.spec.yaml'], { cwd: FIXTURES, submission: path.join(FIXTURES, 'mistakes') });
    const [, ex2, ex3] = r.specs;
    expect(ex2.steps[0].failures[0]).toEqual({
      message: 'The Service "my-nginx" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      location: { file: 'course.spec.yaml', line: 30, column: 5 },
      kind: 'action',
    });
    // what the step expected of the Service follows from its refusal: the cause alone is reported
    expect(ex2.steps[0].failures).toHaveLength(1);
    expect(ex2.steps[0].cause).toEqual({ file: 'nginx-svc.yaml', message: ex2.steps[0].failures[0].message });
    const rs = ex3.steps[0].failures[0];
    expect(rs.message).toBe('ReplicaSet 3-replicaset does not match: status.replicas: expected 3, found 2 (and 1 more field)');
    expect(rs.diff).toBe(
      ['--- expected', '+++ actual', '@@ -1,6 +1,6 @@', ' kind: ReplicaSet', ' metadata:', '   name: 3-replicaset', ' status:', '-  replicas: 3', '-  readyReplicas: 3', '+  replicas: 2', '+  readyReplicas: 2'].join('\n'),
    );
    expect(ex3.steps[0].failures[1].message).toMatch(/^expected 3 Pods with selector app=3-replicaset, found 2: 3-replicaset-\w{5}, 3-replicaset-\w{5}$/);
    expect(ex3.score).toBeCloseTo(0.6, 5);
  });

  it('give the same result for the same seed, durations aside', async () => {
    const a = await runSpecs(['course.spec.yaml'], { cwd: FIXTURES, seed: 11 });
    const b = await runSpecs(['course.spec.yaml'], { cwd: FIXTURES, seed: 11 });
    expect(strip(a)).toEqual(strip(b));
  });
});
