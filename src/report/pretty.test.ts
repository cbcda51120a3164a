import { PrettyReporter, renderSpec } from './pretty';
import { ansi, plain } from './text';
import { CWD, sampleResult } from './testing/sample-result';
import type { Output } from './output';

function buffer(): Output & { text: () => string } {
  const chunks: string[] = [];
  return { write: (t) => void chunks.push(t), close: () => undefined, text: () => chunks.join('') };
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

describe('pretty reporter', () => {
  it('prints each spec with ✓/✗, its steps, and for a failure where, what was selected, mismatches and the diff', () => {
    const out = buffer();
    const r = new PrettyReporter(out, CWD, false);
    const result = sampleResult();
    for (const spec of result.specs) r.onSpecResult(spec);
    r.onRunComplete(result);
    const text = out.text();
    expect(text).not.toMatch(ANSI);
    expect(text).toContain('✓ specs/replicaset.spec.yaml › ReplicaSet keeps three pods (3/3 pts, 12 ms)\n');
    // a passing spec is one line, as Jest shows a passing file; --verbose lists its steps
    expect(text).not.toContain('    ✓ create the ReplicaSet');
    const verbose = buffer();
    const v = new PrettyReporter(verbose, CWD, false, true);
    v.onRunComplete(result);
    expect(verbose.text()).toContain('✓ specs/replicaset.spec.yaml › ReplicaSet keeps three pods (3/3 pts, 12 ms)\n    ✓ create the ReplicaSet');
    expect(text).toContain('✗ specs/deploy.spec.yaml › Deployment rolls to a new image (1/3 pts, 20 ms)');
    expect(text).toContain('    ✗ set the image');
    expect(text).toContain('    ○ roll back (skipped: the spec used up its budget of 2,000,000 reconciles)');
    expect(text).toContain('  ● Deployment rolls to a new image › set the image');
    expect(text).toContain('    expected 3 Pods with app=nginx, found 2');
    // file:line of the assertion, relative to the working directory
    expect(text).toContain('    at specs/deploy.spec.yaml:14:7');
    expect(text).toContain('    Selected: Pod selector=app=nginx → pod/nginx-deployment-7c79c4bf97-9979k, pod/nginx-deployment-7c79c4bf97-x2xzq');
    expect(text).toContain('        spec.containers[0].image: expected "nginx:1.25", actual "nginx:latest"');
    expect(text).toContain('        status.phase: expected "/Run.*/", actual "Pending" (regex did not match)');
    expect(text).toContain('    - Expected\n    + Actual\n\n    @@ -1,4 +1,4 @@');
    expect(text).toContain('    -image: nginx:1.25\n    +image: nginx:latest');
    // a spec that could not load
    expect(text).toContain('  ● broken spec › could not run');
    // every load problem, with where it is and how to fix it
    expect(text).toContain(
      '    steps[0]: unknown action "aply"\n    at specs/broken.spec.yaml:4:5\n    hint: did you mean `apply`?\n\n' +
        '    steps[1].expect[0]: unknown key `cuont`\n    at specs/broken.spec.yaml:9:9\n    hint: did you mean `count`?',
    );
    // kubectl output of a failing step
    expect(text).toMatch(/ {4}Output \(exit code 1\):\n {6}NAME READY/);
    // the summary
    expect(text).toContain('Specs:  1 passed, 2 failed, 1 error, 4 total');
    expect(text).toContain('Steps:  4 passed, 2 failed, 1 error, 1 skipped, 8 total');
    expect(text).toContain('Score:  4.5/9.5');
    expect(text).toContain('Time:   42 ms (engine 13 ms)');
    // text from specs and kubectl output cannot drive the terminal: controls shown, not sent
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(text).toContain('i\\u0001j\\u001b[31mk\\u0000l');
    // streamed specs are not printed twice
    expect(text.split('ReplicaSet keeps three pods').length).toBe(2);
  });

  it('prints specs it was not streamed at the end, before the summary', () => {
    const out = buffer();
    const result = sampleResult();
    new PrettyReporter(out, CWD, false).onRunComplete(result);
    const text = out.text();
    expect(text.indexOf('ReplicaSet keeps three pods')).toBeLessThan(text.indexOf('Specs:'));
    expect(text.indexOf('broken spec')).toBeGreaterThan(text.indexOf('Deployment rolls'));
  });

  it('colours only when asked: red/green diff lines and statuses', () => {
    const spec = sampleResult().specs[1];
    const coloured = renderSpec(spec, CWD, ansi);
    expect(coloured).toMatch(ANSI);
    expect(coloured).toContain('\u001b[32m-image: nginx:1.25\u001b[39m');
    expect(coloured).toContain('\u001b[31m+image: nginx:latest\u001b[39m');
    expect(coloured).toContain('\u001b[31m✗\u001b[39m');
    // without the escapes, the coloured text is the plain text
    expect(coloured.replace(ANSI, '')).toBe(renderSpec(spec, CWD, plain));
    expect(renderSpec(spec, CWD, plain)).not.toMatch(ANSI);
  });
});
