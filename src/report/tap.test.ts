import { renderTap, tapDescription } from './tap';
import { parseTap, TapSyntaxError } from './testing/tap-check';
import { CWD, sampleResult } from './testing/sample-result';

describe('tap reporter', () => {
  const text = renderTap(sampleResult(), CWD);
  const doc = parseTap(text);

  it('is TAP 14: version, plan 1..N first, a point per spec with a subtest of its steps', () => {
    expect(text.startsWith('TAP version 14\n1..4\n')).toBe(true);
    expect(doc.plan).toBe(4);
    expect(doc.points.map((p) => p.ok)).toEqual([true, false, false, false]);
    expect(doc.points[0].description).toBe('specs/replicaset.spec.yaml › ReplicaSet keeps three pods');
    expect(doc.points[0].subtest!.plan).toBe(2);
    expect(doc.points[1].subtest!.points.map((p) => [p.ok, p.description, p.directive?.kind])).toEqual([
      [true, 'apply nginx-deploy.yaml', undefined],
      [false, 'set the image', undefined],
      [true, 'roll back', 'skip'],
    ]);
    expect(doc.points[1].subtest!.points[2].directive!.reason).toBe('the spec used up its budget of 2,000,000 reconciles');
    // a spec that could not load has no subtest, a diagnostic with the reason
    expect(doc.points[2].subtest).toBeUndefined();
    expect(doc.points[2].diag).toEqual(
      expect.objectContaining({ message: 'steps[0]: unknown action "aply" (and 1 more problem)', severity: 'error', at: { file: 'specs/broken.spec.yaml', line: 4, column: 5 } }),
    );
    expect((doc.points[2].diag as any).problems[1]).toEqual({ message: 'steps[1].expect[0]: unknown key `cuont`', at: { file: 'specs/broken.spec.yaml', line: 9, column: 9 }, hint: 'did you mean `count`?' });
  });

  it('gives failures a YAML diagnostics block with message, where, mismatches and the diff', () => {
    const diag = doc.points[1].subtest!.points[1].diag as Record<string, any>;
    expect(diag).toEqual(
      expect.objectContaining({ message: 'expected 3 Pods with app=nginx, found 2', severity: 'fail', at: { file: 'specs/deploy.spec.yaml', line: 14, column: 7 } }),
    );
    expect(diag.mismatches[0].fields[0]).toEqual({ path: 'spec.containers[0].image', expected: '"nginx:1.25"', actual: '"nginx:latest"' });
    expect(diag.diff).toContain('-image: nginx:1.25\n+image: nginx:latest');
    expect(text).toMatch(/\n {6}---\n/); // step diagnostics: 4 (subtest) + 2 spaces
  });

  it('escapes # and \\ in descriptions, so a name cannot fake a directive; text round-trips', () => {
    expect(tapDescription('a # SKIP b \\ c')).toBe('a \\# SKIP b \\\\ c');
    const nasty = doc.points[3];
    expect(nasty.directive).toBeUndefined();
    expect(nasty.description).toContain("nasty a <b> & \"c\" 'd' # e \\ f % g: h, i\\u0001j");
    expect(nasty.subtest!.points[2].description).toContain('step a <b>');
    const diag = nasty.subtest!.points[1].diag as Record<string, any>;
    expect(diag.output).toBe(sampleResult().specs[3].steps[1].output);
  });

  it('the checker itself rejects broken TAP', () => {
    for (const bad of ['ok 1\n', 'TAP version 14\nok 1\n', 'TAP version 14\n1..2\nok 1\n', 'TAP version 14\n1..1\nok 1\n1..1\n', 'TAP version 14\n1..1\nok 1\n  ---\n  a: 1\n', 'TAP version 14\n1..1\n# Subtest: x\n    1..1\n    ok 1\nok 1 - y\n', 'TAP version 14\n1..1\nbogus\nok 1\n']) {
      expect(() => parseTap(bad)).toThrow(TapSyntaxError);
    }
  });
});
