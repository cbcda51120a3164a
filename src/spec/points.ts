// Grading weights: a spec's points are its whole weight (default 1); steps with their own `points`
// take those, and the steps without share the rest evenly.
import type { Spec } from './model';

/** Each step's points, in step order. They add up to `spec.points`. */
export function stepPoints(spec: Spec): number[] {
  const own = spec.steps.reduce((a, s) => a + (s.points ?? 0), 0);
  const shared = spec.steps.filter((s) => s.points === undefined).length;
  const each = shared ? Math.max(0, spec.points - own) / shared : 0;
  return spec.steps.map((s) => s.points ?? each);
}
