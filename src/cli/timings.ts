// `--no-timings`: wall-clock durations are the only part of a run that differs between two runs of
// the same specs with the same seed. Zeroing them makes every reporter's output byte-identical.
import type { SpecResult } from '../runner/result';

export function specWithoutTimings(spec: SpecResult): SpecResult {
  return { ...spec, durationMs: 0, engineMs: 0, steps: spec.steps.map((s) => ({ ...s, durationMs: 0 })) };
}
