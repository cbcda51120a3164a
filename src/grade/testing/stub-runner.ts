// A stand-in for the runner in grading tests (it has runSpecs' signature and is loadable in a
// worker by path): each YAML document of a spec file is a spec whose `apply: FILE` steps pass when
// FILE resolves inside the submission (or the spec's folder) and parses as safe YAML. Test hooks:
// a step `hang: true` never returns, `oom: true` allocates without end, `throw: true` throws.
import * as path from 'path';
import { parseYaml } from '../../manifest/yaml';
import { readLimited, resolveInside } from '../../manifest/files';
import { summarize, round2, type RunResult, type SpecResult, type StepResult } from '../../runner/result';
import type { RunOptions } from '../../runner';

export async function runSpecs(paths: string[], opts: RunOptions = {}): Promise<RunResult> {
  const specs: SpecResult[] = [];
  for (const file of paths) {
    // Through the one reader of untrusted files, as the real runner's loader reads specs.
    const docs = parseYaml(readLimited({ absolute: path.resolve(file), display: file }, 1024 * 1024), file);
    for (const doc of docs) {
      const spec = doc.value as { name: string; points?: number; steps: Record<string, unknown>[] };
      const points = spec.points ?? 1;
      const steps: StepResult[] = spec.steps.map((step, i) => {
        const share = round2(points / spec.steps.length);
        const base = { name: `step ${i + 1}`, durationMs: 1, points: share, score: 0, failures: [] as StepResult['failures'] };
        if (step.hang) for (;;) Math.sqrt(i);
        if (step.oom) {
          const hog: string[][] = [];
          for (;;) hog.push(new Array(1e6).fill('x'));
        }
        if (step.throw) throw new Error('boom');
        const target = String(step.apply);
        base.name = `apply ${target}`;
        try {
          const resolved = resolveInside([...(opts.submission ? [opts.submission] : []), path.dirname(path.resolve(file))], target);
          parseYaml(readLimited(resolved, 1024 * 1024), target);
          return { ...base, status: 'passed', score: share };
        } catch (e) {
          return { ...base, status: 'error', failures: [{ message: (e as Error).message, kind: 'action' }] };
        }
      });
      const failed = steps.some((s) => s.status !== 'passed');
      const result: SpecResult = {
        file,
        name: spec.name,
        index: doc.index,
        location: doc.position,
        status: failed ? 'failed' : 'passed',
        durationMs: 2,
        engineMs: 1,
        score: round2(steps.reduce((a, s) => a + s.score, 0)),
        maxScore: points,
        steps,
      };
      specs.push(result);
      opts.onSpecResult?.(result);
    }
  }
  return { specs, summary: summarize(specs, 5), seed: opts.seed ?? 1 };
}
