// Per-spec budgets for untrusted input (specs that never settle, absurd replica counts): reconciles,
// simulated time and wall-clock time. Wall time is read with process.hrtime only to abort a spec
// that runs too long; it never decides the result of a spec that finishes in time.
import type { KubeCluster } from '../cluster/backend';
import { WallClockExceeded } from '../util/deadline';

export interface RunLimits {
  /** Reconciles one spec may run, over all its steps (default 2,000,000). */
  maxReconciles: number;
  /** Simulated time one spec may cover, settling and waiting (default 24 h). */
  maxSimulatedMs: number;
  /** Wall-clock time one spec may take (default 60 s). */
  maxWallMs: number;
}

export const DEFAULT_LIMITS: RunLimits = { maxReconciles: 2_000_000, maxSimulatedMs: 24 * 3_600_000, maxWallMs: 60_000 };

// Thrown from the settle loop's state callback, or from a checkpoint inside an action, when the
// spec's wall-clock budget is spent (defined beside the checkpoint, so that the engine need not
// import the runner).
export { WallClockExceeded };

export function hrMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Tracks one spec's budgets. */
export class Budget {
  private ticks = 0;
  constructor(
    readonly limits: RunLimits,
    private readonly cluster: KubeCluster,
    private readonly startedMs: number,
  ) {}

  reconcilesLeft(): number {
    return this.limits.maxReconciles - this.cluster.reconciles;
  }

  simulatedLeft(): number {
    return this.limits.maxSimulatedMs - this.cluster.clock.elapsed();
  }

  wallExceeded(): boolean {
    return hrMs() - this.startedMs > this.limits.maxWallMs;
  }

  /** Called at every intermediate state: checks the wall clock every 256 states. */
  tick(): void {
    if ((++this.ticks & 255) === 0 && this.wallExceeded()) throw new WallClockExceeded(this.limits.maxWallMs);
  }
}

/** `2,000,000` */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `90s` → `1m30s`; `86400000` → `24h`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return ms === 0 ? '0s' : `${ms}ms`;
  let s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}
