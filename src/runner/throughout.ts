// `throughout` assertions: checked at every intermediate state of a step (after the action, then
// after every reconcile and clock move while the cluster settles). An assertion is re-checked only
// when objects of a kind it depends on changed since its last check; the first violation of each is
// kept, with its simulated time.
import type { Cluster } from '../cluster/cluster';
import type { Assertion } from '../spec/model';
import { assertionKinds, checkAssertion } from '../spec/assertions';
import type { Failure } from './result';

export class ThroughoutWatch {
  private readonly versions = new Map<string, number>();
  private version = 0;
  private readonly checkedAt: number[];
  private readonly kinds: (string[] | undefined)[];
  readonly failures: (Failure | undefined)[];
  private readonly unwatch: () => void;

  constructor(
    private readonly cluster: Cluster,
    private readonly assertions: Assertion[],
    private readonly seed: number,
  ) {
    this.checkedAt = assertions.map(() => -1);
    this.kinds = assertions.map(assertionKinds);
    this.failures = assertions.map(() => undefined);
    this.unwatch = assertions.length
      ? cluster.api.watch('*', (ev) => {
          this.version++;
          this.versions.set(ev.object.kind, this.version);
        })
      : () => {};
  }

  /** Check every assertion whose inputs changed since it was last checked. */
  check(): void {
    for (let i = 0; i < this.assertions.length; i++) {
      if (this.failures[i]) continue;
      const kinds = this.kinds[i];
      const changed = kinds ? Math.max(-1, ...kinds.map((k) => this.versions.get(k) ?? -1)) : this.version;
      if (this.checkedAt[i] >= 0 && changed <= this.checkedAt[i]) continue;
      this.checkedAt[i] = this.version;
      const f = checkAssertion(this.assertions[i], { cluster: this.cluster, seed: this.seed, phase: 'throughout' });
      if (f) {
        const atMs = this.cluster.clock.elapsed();
        this.failures[i] = { ...f, kind: 'throughout', atMs, message: `at ${formatAt(atMs)}: ${f.message}` };
      }
    }
  }

  stop(): void {
    this.unwatch();
  }
}

/** Simulated time since the cluster started: `12.5s`, `0s`. */
export function formatAt(ms: number): string {
  return `${Math.round(ms / 100) / 10}s`;
}
