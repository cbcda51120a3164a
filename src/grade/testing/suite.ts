// Temporary spec suites and submissions for grading tests (in the stub runner's format: each step
// applies one file).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { RunResult } from '../../runner/result';

export const STUB_RUNNER = require.resolve('./stub-runner');

export function tempDir(prefix = 'kubespec-grade-'): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** Write `files` (relative path → content) under `root`. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** A suite of three spec files worth 4 + 3 + 3 points. */
export const STUB_SUITE: Record<string, string> = {
  'suite/01-deploy.spec.yaml': 'name: deploy\npoints: 4\nsteps:\n  - apply: deploy.yaml\n  - apply: deploy.yaml\n',
  'suite/02-svc.spec.yaml': 'name: svc\npoints: 3\nsteps:\n  - apply: deploy.yaml\n  - apply: svc.yaml\n  - apply: svc.yaml\n',
  'suite/nested/03-rs.spec.yaml': 'name: rs\npoints: 2\nsteps:\n  - apply: rs.yaml\n---\nname: rs again\nsteps:\n  - apply: rs.yaml\n',
  'suite/not-a-spec.yaml': 'this: is a manifest, not a spec\n',
};

export const GOOD = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n';

/** Durations zeroed: the only part of a run that may differ between two runs of the same specs. */
export function timeless(r: RunResult): RunResult {
  const specs = r.specs.map((s) => ({ ...s, durationMs: 0, engineMs: 0, steps: s.steps.map((st) => ({ ...st, durationMs: 0 })) }));
  return { ...r, specs, summary: { ...r.summary, durationMs: 0 } };
}
