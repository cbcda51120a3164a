// A controller's work queue: FIFO, each key at most once while waiting (client-go's workqueue
// de-duplication). Delayed adds go through the cluster's timer list so simulated time drives them.

export interface DelayOptions {
  /**
   * Whether the settle loop may move the clock forward to reach this timer (true: a pod becoming
   * ready, a container finishing its shutdown). False for timers that only matter to someone who
   * waits: a progress deadline, a node's eviction delay, an image-pull back-off retry.
   */
  settle?: boolean;
}

export type Scheduler = (queue: WorkQueue, key: string, delayMs: number, opts: DelayOptions) => void;
/** Registers `key` to be added once every controller's queue has drained at the current instant. */
export type IdleScheduler = (queue: WorkQueue, key: string) => void;

export class WorkQueue {
  private readonly items: string[] = [];
  private head = 0;
  private readonly pending = new Set<string>();
  /** Keys registered with addWhenIdle and not yet handed to reconcile. */
  private readonly idlePending = new Set<string>();

  constructor(
    readonly name: string,
    private readonly schedule: Scheduler,
    private readonly scheduleIdle: IdleScheduler = (q, key) => q.add(key),
  ) {}

  add(key: string): void {
    if (this.pending.has(key)) return;
    this.pending.add(key);
    this.items.push(key);
  }

  /** Add `key` after `delayMs` of simulated time. */
  addAfter(key: string, delayMs: number, opts: DelayOptions = {}): void {
    if (delayMs <= 0) this.add(key);
    else this.schedule(this, key, delayMs, opts);
  }

  /**
   * Add `key` once the whole cluster is idle at the current simulated instant (every queue drained),
   * without moving the clock; asked again before it is reconciled, it is added only once. For work
   * whose cost grows with the cluster and whose result only matters once a burst of changes is over
   * (an Endpoints object rebuilt from 10,000 pods, the scheduler's retry of unschedulable pods, a
   * Deployment woken by its ReplicaSets' status). Upstream gets the same coalescing from informer
   * latency and --endpoint-updates-batch-period; a simulation has neither.
   */
  addWhenIdle(key: string): void {
    if (this.idlePending.has(key)) return;
    this.idlePending.add(key);
    this.scheduleIdle(this, key);
  }

  get length(): number {
    return this.items.length - this.head;
  }

  pop(): string | undefined {
    if (this.head >= this.items.length) return undefined;
    const key = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    this.pending.delete(key);
    this.idlePending.delete(key);
    return key;
  }
}
