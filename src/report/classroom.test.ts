// The classroom reporter: the line a GitHub Classroom runner step appends to $GITHUB_OUTPUT, decoded
// as autograding-grading-reporter decodes `<RUNNER>_RESULTS` (src/main.js: base64, then JSON), with
// per-step points that add up as its NotifyClassroom adds them (the tests' scores against max_score).
import { renderClassroom, type ClassroomResults } from './classroom';
import { CWD, sampleResult } from './testing/sample-result';

function decode(line: string): ClassroomResults {
  const m = /^result=([A-Za-z0-9+/=]+)\n$/.exec(line);
  expect(m).not.toBeNull();
  return JSON.parse(Buffer.from(m![1], 'base64').toString('utf8')) as ClassroomResults;
}

test('one base64 line; per-step tests whose scores add up to the run’s score, against its maximum', () => {
  const result = sampleResult();
  const doc = decode(renderClassroom(result, CWD));
  expect(doc).toMatchObject({ version: 1, status: 'error', max_score: result.summary.maxScore });
  const total = doc.tests.reduce((a, t) => a + t.score, 0);
  expect(total).toBeCloseTo(result.summary.score, 5);
  for (const t of doc.tests) {
    expect(['pass', 'fail', 'error']).toContain(t.status);
    if (t.status !== 'pass') expect(t.score).toBe(0);
    expect(t.filename).toMatch(/\.spec\.yaml$/);
  }
  const failed = doc.tests.find((t) => t.name === 'Deployment rolls to a new image › set the image')!;
  expect(failed).toMatchObject({ status: 'fail', score: 0, filename: 'specs/deploy.spec.yaml' });
  expect(failed.message).toContain('expected 3 Pods with app=nginx, found 2');
  expect(doc.tests.find((t) => t.name === 'broken spec')).toMatchObject({ status: 'error', score: 0 });
});

test('a step whose feedback is none tells nothing; summary names the kind of check and its line only', () => {
  const result = sampleResult();
  const spec = result.specs.find((s) => s.name === 'Deployment rolls to a new image')!;
  const step = spec.steps.find((s) => s.name === 'set the image')!;
  const hidden = (feedback: 'none' | 'summary') => ({ ...result, specs: [{ ...spec, steps: [{ ...step, grading: { visibility: 'hidden' as const, feedback } }] }] });
  expect(decode(renderClassroom(hidden('none'), CWD)).tests[0].message).toBe('');
  const summary = decode(renderClassroom(hidden('summary'), CWD)).tests[0].message;
  expect(summary).toBe('an expected state did not hold (specs/deploy.spec.yaml:14)');
});
