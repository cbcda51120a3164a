// Coalescing work until the cluster is idle at the current instant.
import type { Clock } from '../../util/clock';
import type { WorkQueue } from '../../cluster/workqueue';

/**
 * Adds keys to a queue once every controller's queue has drained at the current simulated instant,
 * without moving the clock: a timer of the smallest positive delay, which the settle loop reaches
 * at the same millisecond once nothing else is runnable (`now + Number.MIN_VALUE === now`). One
 * timer per key and instant, however many times the key is asked for.
 *
 * Used for work whose cost grows with the cluster and whose result only matters once the burst of
 * changes that triggered it is over: an Endpoints object rebuilt from 10,000 pods, the scheduler's
 * retry of pods that did not fit. Upstream gets the same coalescing from informer latency and
 * from the endpoint controller's --endpoint-updates-batch-period; the simulation has neither.
 */
export class IdleTrigger {
  /** key → the instant a timer is pending for. */
  private readonly pending = new Map<string, number>();

  constructor(
    private readonly queue: WorkQueue,
    private readonly clock: Clock,
  ) {}

  add(key: string): void {
    const now = this.clock.now();
    if (this.pending.get(key) === now) return;
    this.pending.set(key, now);
    this.queue.addAfter(key, Number.MIN_VALUE, { settle: true });
  }

  /** Call when the key is reconciled: later requests at this instant need a new timer. */
  done(key: string): void {
    this.pending.delete(key);
  }
}
