// `eventually` assertions, the counterpart of `throughout`: each must hold at one or more of the
// states a step goes through (right after the action, then after every reconcile and clock move
// while the cluster settles, the settled state included). The first state where one holds is kept
// (its captures are recorded there); one that never holds is reported with the closest state seen:
// the one with the fewest misses (failing fields of the selected objects plus how far the count is
// off; for requests, the requests answered wrongly), the earliest of equals.
//
// Object assertions are kept incrementally from watch events, as throughout.ts keeps them, so a
// state costs a comparison of counts; the full check (selection, names, diff) is made only when a
// state comes closer than any before. Other assertions are checked again whenever anything changed.
import type { KubeCluster } from '../cluster/backend';
import type { Assertion } from '../spec/model';
import { evaluateAssertion } from '../spec/assertions';
import { formatAt, incrementalCheck, type IncrementalObjectCheck } from './throughout';
import type { Failure } from './result';
import { msg } from '../i18n';
import { runnerMessages } from '../i18n/messages/runner';

/** What became of one `eventually` assertion: held first at `atMs`, or never (the closest state's time). */
export interface EventuallyOutcome {
  held: boolean;
  atMs?: number;
}

export class EventuallyWatch {
  private version = 0;
  private lastVersion = -1;
  /** Distinct states looked at. */
  private states = 0;
  private readonly checkedAt: number[];
  private readonly incremental: (IncrementalObjectCheck | undefined)[];
  /** When each assertion first held (simulated ms since the cluster started). */
  private readonly heldAt: (number | undefined)[];
  /** The closest state so far of each assertion not yet held. */
  private readonly closest: ({ misses: number; failure: Failure; atMs: number } | undefined)[];
  private readonly unwatch: () => void;

  constructor(
    private readonly cluster: KubeCluster,
    private readonly assertions: Assertion[],
    private readonly seed: number,
    /** Called at the state where an assertion first holds (to record its `capture`). */
    private readonly onHold: (a: Assertion) => void = () => {},
  ) {
    this.checkedAt = assertions.map(() => -1);
    this.heldAt = assertions.map(() => undefined);
    this.closest = assertions.map(() => undefined);
    this.incremental = assertions.map((a) => incrementalCheck(cluster.api, a));
    this.unwatch = assertions.length
      ? cluster.api.watch('*', (ev) => {
          this.version++;
          for (let i = 0; i < this.incremental.length; i++) if (this.heldAt[i] === undefined) this.incremental[i]?.onEvent(ev);
        })
      : () => {};
  }

  private hold(i: number): void {
    this.heldAt[i] = this.cluster.clock.elapsed();
    this.closest[i] = undefined;
    this.onHold(this.assertions[i]);
  }

  /** Check the current state. */
  check(): void {
    if (!this.assertions.length) return;
    if (this.version !== this.lastVersion) {
      this.states++;
      this.lastVersion = this.version;
    }
    for (let i = 0; i < this.assertions.length; i++) {
      if (this.heldAt[i] !== undefined) continue;
      const a = this.assertions[i];
      const inc = this.incremental[i];
      let misses: number | undefined;
      if (inc) {
        if (inc.holds()) {
          this.hold(i);
          continue;
        }
        misses = inc.misses();
        const best = this.closest[i];
        if (best && misses >= best.misses) continue;
      } else {
        if (this.checkedAt[i] >= 0 && this.version <= this.checkedAt[i]) continue;
        this.checkedAt[i] = this.version;
      }
      const r = evaluateAssertion(a, { cluster: this.cluster, seed: this.seed, phase: 'eventually' });
      if (!r.failure) {
        this.hold(i);
        continue;
      }
      misses ??= r.misses;
      const best = this.closest[i];
      if (!best || misses < best.misses) this.closest[i] = { misses, failure: r.failure, atMs: this.cluster.clock.elapsed() };
    }
  }

  /** The assertions no state satisfied, each with its closest state. */
  failures(): Failure[] {
    const out: Failure[] = [];
    this.assertions.forEach((a, i) => {
      if (this.heldAt[i] !== undefined) return;
      const best = this.closest[i];
      if (!best) {
        // Never looked at (the step stopped before its first state).
        out.push({ message: msg(runnerMessages.eventuallyNoState), location: a.location, kind: 'eventually' });
        return;
      }
      out.push({
        ...best.failure,
        kind: 'eventually',
        atMs: best.atMs,
        message: msg(runnerMessages.eventuallyNever, { states: this.states, time: formatAt(best.atMs), message: best.failure.message }),
      });
    });
    return out;
  }

  /** Each assertion's outcome, for the step's timeline. */
  outcomes(): EventuallyOutcome[] {
    return this.assertions.map((_, i) => (this.heldAt[i] !== undefined ? { held: true, atMs: this.heldAt[i] } : { held: false, ...(this.closest[i] ? { atMs: this.closest[i]!.atMs } : {}) }));
  }

  stop(): void {
    this.unwatch();
  }
}
