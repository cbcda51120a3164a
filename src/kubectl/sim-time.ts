// Waiting in simulated time, for the kubectl verbs that wait on the cluster (wait, drain): the
// controllers run and timers fire in order, as the wall clock would let them on a real cluster,
// until a condition holds or the timeout has passed.
import type { KubeCluster } from '../cluster/backend';

/** Reconciles per step; a step that needs more goes on at the same instant. */
const STEP_BUDGET = 10_000;
/** Steps at most (a guard against a cluster that never stops being busy). */
const MAX_STEPS = 100_000;
/** What an infinite timeout (`--timeout=0`) waits at most: an hour of simulated time. */
export const FOREVER_MS = 3_600_000;

/**
 * Let simulated time pass until `done()` holds or `timeoutMs` has gone by (from now). `done` is
 * checked first, after the work queued now has run, and after every timer that fires. Returns
 * whether it held; on a timeout the clock stands at the deadline.
 */
export function waitFor(cluster: KubeCluster, timeoutMs: number, done: () => boolean): boolean {
  const deadline = cluster.clock.now() + (timeoutMs > 0 ? timeoutMs : FOREVER_MS);
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    if (cluster.runUntil(cluster.clock.now(), STEP_BUDGET)) continue;
    if (done()) return true;
    const next = cluster.nextTimerAt();
    if (next === undefined || next > deadline) {
      // Nothing falls due before the deadline: time runs out with the cluster as it stands.
      if (timeoutMs > 0) cluster.runUntil(deadline, STEP_BUDGET);
      return done();
    }
    cluster.runUntil(next, STEP_BUDGET);
  }
  return done();
}

/** Run the work queued now (what the last write started), without moving the clock. */
export function runDue(cluster: KubeCluster): void {
  for (let steps = 0; steps < MAX_STEPS && cluster.runUntil(cluster.clock.now(), STEP_BUDGET); steps++);
}

/** A Go duration flag value (`30s`, `1m30s`, `500ms`, `0`) in milliseconds. */
export function durationMs(text: string): number {
  if (text === '0' || text === '') return 0;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  const sign = text.startsWith('-') ? -1 : 1;
  for (const m of text.replace(/^[+-]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * units[m[2]];
  return sign * total;
}

/** Go's time.Duration.String(): `30s`, `1m0s`, `1h30m0s`, `500ms`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let v = Math.abs(ms);
  let s: string;
  if (v < 1000) s = `${+v.toFixed(6)}ms`;
  else {
    const h = Math.floor(v / 3_600_000);
    v -= h * 3_600_000;
    const m = Math.floor(v / 60_000);
    v -= m * 60_000;
    const sec = +(v / 1000).toFixed(9);
    s = h ? `${h}h${m}m${sec}s` : m ? `${m}m${sec}s` : `${sec}s`;
  }
  return neg ? `-${s}` : s;
}
