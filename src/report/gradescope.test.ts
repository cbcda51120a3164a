import { toGradescope } from './gradescope';
import { CWD, sampleResult } from './testing/sample-result';

describe('gradescope reporter', () => {
  const doc = JSON.parse(JSON.stringify(toGradescope(sampleResult(), CWD)));

  it('has the results.json top-level fields, scores per step and a test for a spec that could not run', () => {
    expect(doc).toEqual(expect.objectContaining({ score: 4.5, execution_time: 0.04, visibility: 'visible' }));
    expect(doc.output).toContain('Score:  4.5/9.5');
    for (const t of doc.tests) {
      expect(Object.keys(t).sort()).toEqual(['max_score', 'name', 'number', 'output', 'score', 'status', 'visibility']);
      expect(['passed', 'failed']).toContain(t.status);
      expect(t.score).toBeLessThanOrEqual(t.max_score);
      expect(t.number).toMatch(/^\d+(\.\d+)?$/);
    }
    expect(doc.tests.map((t: { number: string }) => t.number)).toEqual(['1.1', '1.2', '2.1', '2.2', '2.3', '3', '4.1', '4.2', '4.3']);
    // the tests' points add up to the run's
    const sum = (k: 'score' | 'max_score'): number => doc.tests.reduce((a: number, t: Record<string, number>) => a + t[k], 0);
    expect(sum('score')).toBeCloseTo(4.5);
    expect(sum('max_score')).toBeCloseTo(9.5);
  });

  it('explains each failure in the test output, without colour', () => {
    const failed = doc.tests.find((t: { number: string }) => t.number === '2.2');
    expect(failed).toEqual(expect.objectContaining({ name: 'Deployment rolls to a new image › set the image', score: 0, max_score: 1, status: 'failed' }));
    expect(failed.output).toContain('expected 3 Pods with app=nginx, found 2\nat specs/deploy.spec.yaml:14:7');
    expect(failed.output).toContain('+image: nginx:latest');
    expect(failed.output).not.toContain('\u001b');
    const broken = doc.tests.find((t: { number: string }) => t.number === '3');
    expect(broken).toEqual(expect.objectContaining({ name: 'broken spec', score: 0, max_score: 2, status: 'failed' }));
    expect(broken.output).toContain('steps[0]: unknown action "aply"\nat specs/broken.spec.yaml:4:5\nhint: did you mean `apply`?');
    expect(doc.tests.find((t: { number: string }) => t.number === '2.3').output).toBe('skipped: the spec used up its budget of 2,000,000 reconciles');
  });

  it('per-test max_score values add up to each spec’s points exactly (largest remainder, not each rounded)', () => {
    const base = sampleResult();
    const spec = base.specs[0];
    // 1 point over 3 steps: each step carries 0.33 (rounded), 0.99 in all
    const steps = [0, 1, 2].map((i) => ({ ...spec.steps[0], name: `step ${i}`, status: i === 2 ? ('failed' as const) : ('passed' as const), points: 0.33, score: i === 2 ? 0 : 0.33 }));
    const result = { ...base, specs: [{ ...spec, status: 'failed' as const, maxScore: 1, score: 0.67, steps }] };
    const tests = toGradescope(result, CWD).tests;
    expect(tests.map((t) => t.max_score)).toEqual([0.34, 0.33, 0.33]);
    expect(tests.map((t) => t.score)).toEqual([0.34, 0.33, 0]);
    expect(Math.round(tests.reduce((a, t) => a + t.max_score, 0) * 100)).toBe(100);
  });
});
