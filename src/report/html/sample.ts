// Which of a step's states the HTML report draws: all of them when they fit, else per stretch of
// time (a pixel column or two) the state with the fewest ready pods, the one with the most pods, and
// the last one, so a dip, a surge and where each stretch ends stay visible on a 10,000-pod rollout.
import type { TimelineState } from '../../runner/timeline';
import { totalPods, totalReady } from '../../runner/timeline-sample';

/** States a chart draws at most (about three per bucket). */
export const DRAWN_STATES = 720;
const BUCKETS = 240;

export function statesToDraw(states: TimelineState[], startMs: number, endMs: number, max = DRAWN_STATES): TimelineState[] {
  if (states.length <= max) return states;
  const span = Math.max(1, endMs - startMs);
  const buckets = Math.max(1, Math.min(BUCKETS, Math.floor(max / 3)));
  const out: TimelineState[] = [];
  let i = 0;
  while (i < states.length) {
    const b = Math.min(buckets - 1, Math.floor(((states[i].t - startMs) / span) * buckets));
    let j = i;
    let low = i;
    let high = i;
    while (j < states.length && Math.min(buckets - 1, Math.floor(((states[j].t - startMs) / span) * buckets)) === b) {
      if (totalReady(states[j]) < totalReady(states[low])) low = j;
      if (totalPods(states[j]) > totalPods(states[high])) high = j;
      j++;
    }
    for (const k of [...new Set([i, low, high, j - 1])].sort((x, y) => x - y)) out.push(states[k]);
    i = j;
  }
  return out;
}

/** Every `n`th state for the table of states (first and last always), at most `max` rows. */
export function tableRows(states: TimelineState[], max = 60): TimelineState[] {
  if (states.length <= max) return states;
  const out: TimelineState[] = [];
  for (let k = 0; k < max - 1; k++) out.push(states[Math.floor((k * (states.length - 1)) / (max - 1))]);
  out.push(states[states.length - 1]);
  return out;
}
