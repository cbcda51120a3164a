import { renderJson, toJsonReport } from './json';
import { CWD, sampleResult } from './testing/sample-result';

describe('json reporter', () => {
  it('writes one parseable document with specs, steps, failures and the summary', () => {
    const doc = JSON.parse(renderJson(sampleResult(), CWD));
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['specs', 'summary']));
    expect(doc.specs).toHaveLength(4);
    for (const spec of doc.specs) {
      for (const key of ['file', 'name', 'status', 'durationMs', 'score', 'maxScore', 'steps']) expect(spec).toHaveProperty(key);
      for (const step of spec.steps) for (const key of ['name', 'status', 'failures']) expect(step).toHaveProperty(key);
    }
    expect(doc.summary).toEqual(
      expect.objectContaining({ total: 4, passed: 1, failed: 2, errors: 1, score: 4.5, maxScore: 9.5 }),
    );
    expect(doc.summary.steps).toEqual({ total: 8, passed: 4, failed: 2, errors: 1, skipped: 1 });
    const failure = doc.specs[1].steps[1].failures[0];
    expect(failure).toEqual(
      expect.objectContaining({
        message: 'expected 3 Pods with app=nginx, found 2',
        kind: 'expect',
        location: { file: 'specs/deploy.spec.yaml', line: 14, column: 7 },
        selected: ['pod/nginx-deployment-7c79c4bf97-9979k', 'pod/nginx-deployment-7c79c4bf97-x2xzq'],
      }),
    );
    expect(failure.mismatches[0].fields[0]).toEqual({ path: 'spec.containers[0].image', expected: 'nginx:1.25', actual: 'nginx:latest' });
    expect(doc.specs[2].error.location).toEqual({ file: 'specs/broken.spec.yaml', line: 4, column: 5 });
    expect(doc.specs[2].error.problems[1]).toEqual({ message: 'steps[1].expect[0]: unknown key `cuont`', location: { file: 'specs/broken.spec.yaml', line: 9, column: 9 }, hint: 'did you mean `count`?' });
    expect(doc.specs[1].steps[2].reason).toBe('the spec used up its budget of 2,000,000 reconciles');
  });

  it('keeps text exactly as it was (JSON escapes it); the document round-trips', () => {
    const result = sampleResult();
    const doc = JSON.parse(renderJson(result, CWD));
    expect(doc.specs[3].name).toBe(result.specs[3].name);
    expect(doc.specs[3].steps[1].output).toBe(result.specs[3].steps[1].output);
    expect(doc).toEqual(JSON.parse(JSON.stringify(toJsonReport(result, CWD))));
  });
});
