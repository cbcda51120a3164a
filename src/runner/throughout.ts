// `throughout` assertions: checked at every intermediate state of a step (after the action, then
// after every reconcile and clock move while the cluster settles); the first violation of each is
// kept, with its simulated time.
//
// Checking a selection of 10,000 pods after each of tens of thousands of reconciles would be
// quadratic, so object assertions are kept incrementally: each watch event re-tests only the object
// it carries (membership in the selection, then `match`, `not` and `ownedBy`), and a state is checked by
// comparing counts. Only a violation builds the full failure (selection, names, diff). Request
// assertions are re-checked whenever anything changed.
import type { KubeObject, WatchEvent } from '../apiserver/types';
import { kindInfo } from '../apiserver/kinds';
import type { ClusterApi, KubeCluster } from '../cluster/backend';
import type { Assertion, ObjectAssertion } from '../spec/model';
import { checkAssertion } from '../spec/assertions';
import { countGap, countHolds, objectMisses, simpleOwner } from '../spec/assertions/object';
import { prepareSelection, selectObjects, type PreparedSelection } from '../spec/assertions/select';
import type { Failure } from './result';
import { msg } from '../i18n';
import { runnerMessages } from '../i18n/messages/runner';

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/**
 * An object assertion's state, kept up to date from watch events: which objects are selected, and
 * how many of `match`'s fields, `not` and `ownedBy` each one fails. Not for an assertion with a
 * `pick` (which object is picked turns on all of them): see incrementalCheck.
 */
export class IncrementalObjectCheck {
  private readonly kind: string;
  private readonly ownerKind?: string;
  private readonly selection: PreparedSelection;
  /** Selected objects (by namespace/name). */
  private readonly members = new Map<string, KubeObject>();
  /** Selected objects that break `match`, `not` or `ownedBy`, with how many of their checks fail. */
  private readonly failing = new Map<string, number>();
  private failingFields = 0;
  /** The owner's uid per namespace, as last seen (ownedBy {kind, name}). */
  private readonly ownerUids = new Map<string, string | undefined>();
  /** For `ownedBy` up a chain or through any reference: each owner's uid → the members that looked at it. */
  private readonly dependents?: Map<string, Set<string>>;

  constructor(
    private readonly api: ClusterApi,
    readonly assertion: ObjectAssertion,
  ) {
    this.kind = kindInfo(assertion.kind)!.kind;
    const owned = assertion.ownedBy;
    if (owned && owned !== 'none') {
      if (simpleOwner(owned)) this.ownerKind = kindInfo(owned.kind)?.kind;
      else this.dependents = new Map();
    }
    this.selection = prepareSelection(assertion);
    for (const o of selectObjects(api, assertion).selected) this.update(o);
  }

  private get perObject(): boolean {
    return this.assertion.match !== undefined || this.assertion.ownedBy !== undefined || this.assertion.not !== undefined;
  }

  private setFailing(k: string, n: number): void {
    this.failingFields += n - (this.failing.get(k) ?? 0);
    if (n > 0) this.failing.set(k, n);
    else this.failing.delete(k);
  }

  private update(o: KubeObject): void {
    const k = keyOf(o);
    if (!this.selection.test(o)) {
      this.members.delete(k);
      this.setFailing(k, 0);
      return;
    }
    this.members.set(k, o);
    if (!this.perObject) return;
    const r = objectMisses(this.api, this.assertion, o);
    this.setFailing(k, r.misses);
    if (this.dependents) {
      for (const uid of r.owners) {
        let set = this.dependents.get(uid);
        if (!set) this.dependents.set(uid, (set = new Set()));
        set.add(k);
      }
    }
  }

  onEvent(ev: WatchEvent): void {
    const o = ev.object;
    if (o.kind === this.kind) {
      if (ev.type === 'DELETED') {
        this.members.delete(keyOf(o));
        this.setFailing(keyOf(o), 0);
      } else this.update(o);
    }
    // An owner a member's `ownedBy` looked at changed (its own owners, or it is gone): test again.
    const uid = o.metadata.uid;
    const deps = uid !== undefined ? this.dependents?.get(uid) : undefined;
    if (deps) {
      this.dependents!.delete(uid!);
      for (const k of deps) {
        const m = this.members.get(k);
        if (m) this.update(m);
      }
    }
    const owned = this.assertion.ownedBy;
    if (this.ownerKind && o.kind === this.ownerKind && owned && owned !== 'none' && o.metadata.name === owned.name) {
      // Only an owner created, deleted or recreated (a new uid) changes who is owned by it.
      const ns = o.metadata.namespace ?? '';
      const uid = ev.type === 'DELETED' ? undefined : o.metadata.uid;
      if (this.ownerUids.has(ns) && this.ownerUids.get(ns) === uid) return;
      this.ownerUids.set(ns, uid);
      for (const m of this.members.values()) if ((m.metadata.namespace ?? '') === ns) this.update(m);
    }
  }

  holds(): boolean {
    return this.failing.size === 0 && countHolds(this.assertion, this.members.size);
  }

  /** How far the state is from satisfying the assertion: failing checks plus how far the count is off. */
  misses(): number {
    return this.failingFields + countGap(this.assertion, this.members.size);
  }
}

/** The incremental state of an object assertion, where it can be kept so (no `pick`). */
export function incrementalCheck(api: ClusterApi, a: Assertion): IncrementalObjectCheck | undefined {
  return a.type === 'object' && (a.pick === undefined || a.pick === 'all') ? new IncrementalObjectCheck(api, a) : undefined;
}

export class ThroughoutWatch {
  private version = 0;
  private readonly checkedAt: number[];
  private readonly incremental: (IncrementalObjectCheck | undefined)[];
  readonly failures: (Failure | undefined)[];
  private readonly unwatch: () => void;

  constructor(
    private readonly cluster: KubeCluster,
    private readonly assertions: Assertion[],
    private readonly seed: number,
  ) {
    this.checkedAt = assertions.map(() => -1);
    this.failures = assertions.map(() => undefined);
    this.incremental = assertions.map((a) => incrementalCheck(cluster.api, a));
    this.unwatch = assertions.length
      ? cluster.api.watch('*', (ev) => {
          this.version++;
          for (let i = 0; i < this.incremental.length; i++) if (!this.failures[i]) this.incremental[i]?.onEvent(ev);
        })
      : () => {};
  }

  /** Check the current state. */
  check(): void {
    for (let i = 0; i < this.assertions.length; i++) {
      if (this.failures[i]) continue;
      const inc = this.incremental[i];
      if (inc) {
        if (inc.holds()) continue;
      } else if (this.checkedAt[i] >= 0 && this.version <= this.checkedAt[i]) continue;
      this.checkedAt[i] = this.version;
      const f = checkAssertion(this.assertions[i], { cluster: this.cluster, seed: this.seed, phase: 'throughout' });
      if (f) {
        const atMs = this.cluster.clock.elapsed();
        this.failures[i] = { ...f, kind: 'throughout', atMs, message: msg(runnerMessages.throughoutAt, { time: formatAt(atMs), message: f.message }) };
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
