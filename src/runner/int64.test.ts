// A spec run with int64 values past 2^53 (issue #10): the spec file and its inline manifest keep
// every digit, `match:` tells 9223372036854775806 from ...807 (one double apart from neither), and
// the JSON report writes both with their digits.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runSpecs } from '.';
import { renderJson } from '../report/json';

const SPEC = `name: int64 digits
steps:
  - apply:
      manifest:
        apiVersion: v1
        kind: Pod
        metadata: { name: big }
        spec:
          terminationGracePeriodSeconds: 9223372036854775807
          containers: [{ name: c, image: nginx }]
    expect:
      - kind: Pod
        name: big
        match:
          spec: { terminationGracePeriodSeconds: 9223372036854775807 }
  - kubectl: get pod big -o jsonpath={.spec.terminationGracePeriodSeconds}
    expect:
      - output: "9223372036854775807"
      - kind: Pod
        name: big
        match:
          spec: { terminationGracePeriodSeconds: 9223372036854775806 }
`;

test('match: compares every digit, and the JSON report prints them', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-int64-'));
  try {
    fs.writeFileSync(path.join(dir, 'big.spec.yaml'), SPEC);
    const result = await runSpecs(['.'], { cwd: dir });
    const steps = result.specs[0].steps;
    expect(steps.map((s) => s.status)).toEqual(['passed', 'failed']);
    const report = renderJson(result, dir);
    expect(report).toContain('"expected": 9223372036854775806');
    expect(report).toContain('"actual": 9223372036854775807');
    expect(report).toContain('expected 9223372036854775806, found 9223372036854775807');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
