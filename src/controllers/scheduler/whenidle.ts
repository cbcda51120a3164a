// Coalescing work until the cluster is idle at the current instant.
import type { WorkQueue } from '../../cluster/workqueue';

/**
 * Add `key` once every controller's queue has drained at the current simulated instant, without
 * moving the clock: a timer of the smallest positive delay, which the settle loop reaches at the
 * same millisecond once nothing else is runnable (`now + Number.MIN_VALUE === now`).
 *
 * Used for work whose cost grows with the cluster and whose result only matters once the burst of
 * changes that triggered it is over: an Endpoints object rebuilt from 10,000 pods, the scheduler's
 * retry of pods that did not fit. Upstream gets the same coalescing from informer latency and
 * from the endpoint controller's --endpoint-updates-batch-period; the simulation has neither.
 */
export function addWhenIdle(queue: WorkQueue, key: string): void {
  queue.addAfter(key, Number.MIN_VALUE, { settle: true });
}
