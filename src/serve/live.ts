// The embedded cluster on the wall clock, for `kubespec serve`: simulated time follows real time
// (times `speed`), and the controllers run continuously in short slices (a few milliseconds of
// work, then the event loop serves requests again), woken after every write and when a timer
// (image pull, container start, back-off, progress deadline, eviction delay) falls due.
import { Cluster, type ClusterStart } from '../cluster/cluster';
import type { ClusterOptions } from '../cluster/config';

export interface LiveOptions {
  cluster?: ClusterOptions;
  /** Simulated seconds per real second (default 1). */
  speed?: number;
  restore?: ClusterStart['restore'];
  /** The simulated instant to start at (a restored cluster resumes where its clock stopped). */
  startMs?: number;
  /** Called when a slice of controller work fails (a defect: the server keeps serving). */
  onError?: (e: unknown) => void;
}

/** Reconciles between two checks of the slice's time budget. */
const CHUNK = 64;
/**
 * Real time one slice may take before requests get their turn. A slice ends between reconciles,
 * never inside one: a ReplicaSet sync that creates its burst of up to 500 pods runs whole (about
 * 45 ms here), where upstream's controller issues those creates concurrently with other clients'
 * requests. Splitting a sync would change the order of events that specs see.
 */
const SLICE_MS = 4;

export class LiveCluster {
  readonly cluster: Cluster;
  readonly speed: number;
  private readonly wallStart = Date.now();
  private readonly simStart: number;
  private immediate: NodeJS.Immediate | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly onError: (e: unknown) => void;

  constructor(opts: LiveOptions = {}) {
    this.speed = opts.speed ?? 1;
    if (!(this.speed > 0) || !Number.isFinite(this.speed)) throw new Error('--speed must be a positive number');
    // Never go back in time: a restored cluster whose clock ran ahead (--speed) resumes from there.
    this.simStart = Math.max(this.wallStart, opts.startMs ?? 0);
    this.cluster = new Cluster(opts.cluster, undefined, { startMs: this.simStart, restore: opts.restore });
    this.onError = opts.onError ?? ((e) => process.stderr.write(`kubespec serve: controller work failed: ${e instanceof Error ? e.message : String(e)}\n`));
    this.kick();
  }

  get api() {
    return this.cluster.api;
  }

  /** The simulated instant that corresponds to now. */
  simNow(): number {
    return Math.max(this.cluster.clock.now(), this.simStart + (Date.now() - this.wallStart) * this.speed);
  }

  /** Bring the cluster's clock to now without running controllers (for a read that reports ages). */
  now(): number {
    return this.simNow();
  }

  /**
   * Before a write: let the cluster catch up to now (what is due runs, and the clock moves on), so
   * the write is stamped with the time it arrives and the timers it starts count from then. After an
   * idle spell the clock still stands where the last run left it, and a new pod would start life
   * already overdue (an age of minutes at once).
   */
  catchUp(): void {
    if (this.closed) return;
    try {
      this.cluster.runUntil(this.simNow(), CHUNK);
    } catch (e) {
      this.onError(e);
    }
  }

  /** Something changed: run the controllers soon. */
  kick(): void {
    if (this.closed || this.immediate) return;
    this.immediate = setImmediate(() => this.run());
  }

  close(): void {
    this.closed = true;
    if (this.immediate) clearImmediate(this.immediate);
    if (this.timer) clearTimeout(this.timer);
  }

  private run(): void {
    this.immediate = undefined;
    if (this.closed) return;
    const t0 = Date.now();
    try {
      for (;;) {
        const more = this.cluster.runUntil(this.simNow(), CHUNK);
        if (!more) break;
        if (Date.now() - t0 >= SLICE_MS) {
          this.kick();
          return;
        }
      }
    } catch (e) {
      this.onError(e);
    }
    this.scheduleTimer();
  }

  private scheduleTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const at = this.cluster.nextTimerAt();
    if (at === undefined || this.closed) return;
    const delay = Math.max(0, Math.ceil((at - this.simNow()) / this.speed));
    // Timers can lie hours ahead (a 10-minute progress deadline); setTimeout takes at most ~24.8 days.
    this.timer = setTimeout(() => this.kick(), Math.min(delay, 2 ** 31 - 1));
    this.timer.unref?.();
  }
}
