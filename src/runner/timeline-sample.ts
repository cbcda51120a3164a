// Thinning a step's timeline states (timeline.ts) to a bounded number while keeping what a reader
// looks for: the first and last states, and in each stretch the one with the fewest ready pods (a
// dip in availability) and the one with the most pods (a surge). Every state kept is one the runner
// saw; none is made up by averaging.
import type { TimelineState } from './timeline';

/** Ready pods over every ReplicaSet. */
export function totalReady(s: TimelineState): number {
  let n = 0;
  for (const r of s.rs) if (r) n += r[1];
  return n;
}

/** Pods there at all (ready, starting or terminating). */
export function totalPods(s: TimelineState): number {
  let n = 0;
  for (const r of s.rs) if (r) n += r[1] + r[3] + r[4];
  return n;
}

/** At most `max` (≥ 4) of `states`, in order: the first, the last, and two per stretch between. */
export function thinStates(states: TimelineState[], max: number): TimelineState[] {
  if (states.length <= max) return states;
  const inner = states.length - 2;
  const buckets = Math.max(1, Math.floor((max - 2) / 2));
  const out: TimelineState[] = [states[0]];
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * inner) / buckets);
    const to = 1 + Math.floor(((b + 1) * inner) / buckets);
    if (from >= to) continue;
    let low = from;
    let high = from;
    for (let i = from; i < to; i++) {
      if (totalReady(states[i]) < totalReady(states[low])) low = i;
      if (totalPods(states[i]) > totalPods(states[high])) high = i;
    }
    if (low === high) out.push(states[low]);
    else out.push(states[Math.min(low, high)], states[Math.max(low, high)]);
  }
  out.push(states[states.length - 1]);
  return out;
}
