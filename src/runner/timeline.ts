// The timeline recorder for the HTML report: while a step settles it keeps a compact sample of each
// state the runner visits (pods per ReplicaSet, each Service's endpoints), the requests `request`
// assertions sent and who answered, and when `throughout` and `expect` assertions held or broke.
// Opt-in (RunOptions.timeline): without it the runner never creates one and pays nothing.
//
// Like `throughout` (throughout.ts), it is kept up to date from watch events rather than by listing
// pods at every state: a 10,000-pod rollout visits tens of thousands of states. A state is sampled
// only when something it shows changed, and past MAX_STATES the samples are thinned (sample.ts
// keeps the extremes), so a step's timeline stays small whatever the step does.
import type { KubeObject, WatchEvent } from '../apiserver/types';
import type { ClusterApi, KubeCluster } from '../cluster/backend';
import { sendRequest } from '../cluster/routing';
import { routingTarget } from '../spec/assertions/request';
import type { Assertion, RequestAssertion, Step } from '../spec/model';
import { summarizeAction } from '../spec/summary';
import { Random } from '../util/random';
import { thinStates } from './timeline-sample';
import type { Failure } from './result';
import type { EventuallyOutcome } from './eventually';

/** One ReplicaSet the step's states show (pods without one are the series with `name` ''). */
export interface TimelineReplicaSet {
  name: string;
  namespace: string;
  /** The Deployment that controls it, if any. */
  owner?: string;
  /** Its `deployment.kubernetes.io/revision` values, in the order they were seen (an undo renumbers). */
  revisions: string[];
  /** Its pod template's container images. */
  images: string[];
}

export interface TimelineService {
  name: string;
  namespace: string;
}

/**
 * One state. `rs[i]` is `[desired, ready, available, starting, terminating]` for replicaSets[i]
 * (shorter than replicaSets when a ReplicaSet appeared later: absent means not there yet);
 * `svc[j]` is `[ready, notReady, ...ready endpoints per replicaSets index]` for services[j];
 * `req[k]`, for the step's k-th `throughout` request assertion, is `[unanswered, pods without a
 * ReplicaSet, ...answers per replicaSets index]` of the requests it sent at this state.
 */
export interface TimelineState {
  /** Simulated ms since the cluster started. */
  t: number;
  rs: number[][];
  svc: number[][];
  req?: number[][];
}

/** The column of each count in TimelineState.rs[i]. */
export const RS = { desired: 0, ready: 1, available: 2, starting: 3, terminating: 4 } as const;

/** The requests one `request` assertion sent (at the end of the step), and which pod answered each. */
export interface TimelineRequests {
  t: number;
  /** `nodePort 30000`, `service my-nginx port 80`. */
  target: string;
  line?: number;
  /** Answering pods' names (index per answer) and their ReplicaSet (replicaSets index, -1 none). */
  pods: { name: string; rs: number }[];
  /** Per request, in order: an index into `pods`, or -1 when nothing answered. */
  answers: number[];
  /** Requests sent (answers may hold fewer: at most MAX_REQUESTS are kept). */
  sent: number;
  /** The reasons requests failed, with how many. */
  failures: { reason: string; count: number }[];
}

/**
 * A `throughout` assertion (held over the step, or broke at `atMs`), an `eventually` one (held first
 * at `atMs`, or never: `atMs` its closest state) or an `expect` one (at the end).
 */
export interface TimelineCheck {
  phase: 'throughout' | 'eventually' | 'expect';
  label: string;
  line?: number;
  held: boolean;
  atMs?: number;
}

export interface StepTimeline {
  /** The step's action, summarised (`set image deployment/x nginx=nginx:1.25`). */
  action: string;
  /** The `throughout` request assertions whose answers each state's `req` counts (`nodePort 30000`). */
  throughoutRequests?: { target: string; times: number; line?: number }[];
  /** Simulated ms at the start of the step, and when it had settled. */
  startMs: number;
  endMs: number;
  replicaSets: TimelineReplicaSet[];
  services: TimelineService[];
  states: TimelineState[];
  /** How many distinct states were seen (more than `states` holds when they were thinned). */
  seen: number;
  requests: TimelineRequests[];
  checks: TimelineCheck[];
}

/** States kept per step before thinning (a 10,000-pod rollout sees far more). */
export const MAX_STATES = 4000;
const MAX_REQUESTS = 500;

type Category = 0 | 1 | 2; // ready, starting, terminating

interface PodEntry {
  rs: number;
  cat: Category;
  /** When it became ready (ms), for a ReplicaSet with minReadySeconds. */
  readySince?: number;
}

interface RsEntry {
  desired: number;
  minReadyMs: number;
  /** ready, starting, terminating */
  counts: [number, number, number];
}

interface EndpointsEntry {
  index: number;
  /** Ready addresses' pods (`namespace/name`, '' without a targetRef) → the series each is counted in (-1: none). */
  ready: Map<string, number>;
  /** Ready addresses without a pod behind them (no targetRef, or twice the same pod). */
  other: number;
  notReady: number;
  /** Ready endpoints per series index. */
  byRs: number[];
}

/** The cluster's own objects (kube-system's control plane and add-ons, kube-flannel...): left out of every timeline. */
const system = (o: KubeObject) => (o.metadata.namespace ?? '').startsWith('kube-');

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

function controllerRef(o: KubeObject): { kind: string; name: string; uid: string } | undefined {
  return (o.metadata.ownerReferences as { kind: string; name: string; uid: string; controller?: boolean }[] | undefined)?.find((r) => r.controller);
}

/** When the pod became Ready (ms since the epoch; 0 when it does not say), undefined when it is not. */
export function readySince(pod: KubeObject): number | undefined {
  const c = (pod.status?.conditions as { type: string; status: string; lastTransitionTime?: string }[] | undefined)?.find((x) => x.type === 'Ready');
  if (!c || c.status !== 'True') return undefined;
  const at = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : NaN;
  return Number.isNaN(at) ? 0 : at;
}

/** `Pod app=nginx where … count ≥ 2` — short, for a mark's label. */
export function describeCheck(a: Assertion): string {
  switch (a.type) {
    case 'object': {
      const parts = [a.kind];
      if (a.name) parts.push(a.name);
      if (a.selector !== undefined) parts.push(a.selector);
      if (a.where) parts.push('where …');
      if (a.absent) parts.push('absent');
      else if (typeof a.count === 'number') parts.push(`count ${a.count}`);
      else if (a.count) parts.push(['count', a.count.min !== undefined ? `≥ ${a.count.min}` : '', a.count.max !== undefined ? `≤ ${a.count.max}` : ''].filter(Boolean).join(' '));
      if (a.match) parts.push('match');
      if (a.ownedBy) parts.push(a.ownedBy === 'none' ? 'not owned' : `owned by ${a.ownedBy.kind} ${a.ownedBy.name}`);
      return parts.join(' ');
    }
    case 'output':
      return a.exitCode !== undefined ? `exit code ${a.exitCode}` : 'output';
    case 'request':
      return `${a.times}× ${requestTarget(a)}${a.fails ? ' fails' : a.reaches ? ` reaches ${a.reaches.selector}` : ''}`;
  }
}

function requestTarget(a: RequestAssertion): string {
  const r = a.request;
  return 'nodePort' in r ? `nodePort ${r.nodePort}${r.node ? ` on ${r.node}` : ''}` : `service ${r.service} port ${r.port}`;
}

export class TimelineRecorder {
  private readonly api: ClusterApi;
  private readonly replicaSets: TimelineReplicaSet[] = [];
  private readonly services: TimelineService[] = [];
  /** Per series index. */
  private readonly entries: RsEntry[] = [];
  private readonly rsByUid = new Map<string, number>();
  private readonly pods = new Map<string, PodEntry>();
  private readonly endpoints = new Map<string, EndpointsEntry>();
  private readonly endpointList: EndpointsEntry[] = [];
  /** Pod key → the Endpoints entries that count it as a ready address. */
  private readonly endpointRefs = new Map<string, Set<EndpointsEntry>>();
  /** Pods without a ReplicaSet: their series index, once one was seen. */
  private bare?: number;
  private minReady = 0;
  private states: TimelineState[] = [];
  private seen = 0;
  private dirty = true;
  private lastT = -1;
  private readonly requests: TimelineRequests[] = [];
  private readonly checks: TimelineCheck[] = [];
  private readonly startMs: number;
  private readonly unwatch: (() => void)[];

  /** The step's `throughout` request assertions: their requests are sent again at each state sampled. */
  private readonly requestChecks: RequestAssertion[];

  constructor(
    private readonly cluster: KubeCluster,
    private readonly step: Step,
    private readonly seed = 1,
  ) {
    this.api = cluster.api;
    this.requestChecks = step.throughout.filter((a): a is RequestAssertion => a.type === 'request');
    this.startMs = cluster.clock.elapsed();
    for (const rs of this.api.list('ReplicaSet')) this.onReplicaSet({ type: 'ADDED', object: rs });
    for (const p of this.api.list('Pod')) this.onPod({ type: 'ADDED', object: p });
    for (const e of this.api.list('Endpoints')) this.onEndpoints({ type: 'ADDED', object: e });
    this.unwatch = [this.api.watch('ReplicaSet', (ev) => this.onReplicaSet(ev)), this.api.watch('Pod', (ev) => this.onPod(ev)), this.api.watch('Endpoints', (ev) => this.onEndpoints(ev))];
    // Who answers a request also turns on Services and Nodes (a selector, a node down).
    if (this.requestChecks.length) for (const kind of ['Service', 'Node']) this.unwatch.push(this.api.watch(kind, () => void (this.dirty = true)));
    this.sample();
  }

  private series(rs: KubeObject): number {
    const uid = rs.metadata.uid!;
    let i = this.rsByUid.get(uid);
    if (i === undefined) {
      const owner = controllerRef(rs);
      this.replicaSets.push({ name: rs.metadata.name!, namespace: rs.metadata.namespace ?? 'default', ...(owner?.kind === 'Deployment' ? { owner: owner.name } : {}), revisions: [], images: [] });
      this.entries.push({ desired: 0, minReadyMs: 0, counts: [0, 0, 0] });
      i = this.replicaSets.length - 1;
      this.rsByUid.set(uid, i);
    }
    return i;
  }

  private onReplicaSet(ev: WatchEvent): void {
    const rs = ev.object;
    if (system(rs)) return;
    const i = this.series(rs);
    const e = this.entries[i];
    const info = this.replicaSets[i];
    e.desired = ev.type === 'DELETED' ? 0 : Number(rs.spec?.replicas ?? 1);
    const minReadyMs = ev.type === 'DELETED' ? 0 : Number(rs.spec?.minReadySeconds ?? 0) * 1000;
    if ((minReadyMs > 0) !== (e.minReadyMs > 0)) this.minReady += minReadyMs > 0 ? 1 : -1;
    e.minReadyMs = minReadyMs;
    const rev = rs.metadata.annotations?.['deployment.kubernetes.io/revision'];
    if (typeof rev === 'string' && info.revisions[info.revisions.length - 1] !== rev) info.revisions.push(rev);
    const images = ((rs.spec?.template?.spec?.containers ?? []) as { image?: string }[]).map((c) => String(c.image ?? ''));
    if (images.join('\n') !== info.images.join('\n')) info.images = images;
    this.dirty = true;
  }

  private bareSeries(): number {
    if (this.bare === undefined) {
      this.replicaSets.push({ name: '', namespace: '', revisions: [], images: [] });
      this.entries.push({ desired: 0, minReadyMs: 0, counts: [0, 0, 0] });
      this.bare = this.replicaSets.length - 1;
    }
    return this.bare;
  }

  private onPod(ev: WatchEvent): void {
    const pod = ev.object;
    if (system(pod)) return;
    const key = keyOf(pod);
    const old = this.pods.get(key);
    if (old) this.entries[old.rs].counts[old.cat]--;
    this.dirty = true;
    if (ev.type === 'DELETED') {
      this.pods.delete(key);
      this.recount(key, -1);
      return;
    }
    const ref = controllerRef(pod);
    let rs = ref?.kind === 'ReplicaSet' ? this.rsByUid.get(ref.uid) : undefined;
    if (rs === undefined && ref?.kind === 'ReplicaSet') {
      // A pod seen before its ReplicaSet's event (not in practice: the ReplicaSet exists first).
      const owner = this.api.get('ReplicaSet', ref.name, pod.metadata.namespace);
      if (owner && owner.metadata.uid === ref.uid) rs = this.series(owner);
    }
    if (rs === undefined) rs = this.bareSeries();
    const since = readySince(pod);
    const cat: Category = pod.metadata.deletionTimestamp ? 2 : since !== undefined ? 0 : 1;
    this.entries[rs].counts[cat]++;
    this.pods.set(key, { rs, cat, ...(since !== undefined ? { readySince: since } : {}) });
    if (old?.rs !== rs) this.recount(key, rs);
  }

  /** A pod that Endpoints list as ready now counts in another series (or, -1, in none). */
  private recount(key: string, rs: number): void {
    for (const e of this.endpointRefs.get(key) ?? []) {
      const was = e.ready.get(key)!;
      if (was >= 0) e.byRs[was]--;
      if (rs >= 0) e.byRs[rs] = (e.byRs[rs] ?? 0) + 1;
      e.ready.set(key, rs);
    }
  }

  private onEndpoints(ev: WatchEvent): void {
    const ep = ev.object;
    // The API server's own Service, and the cluster's add-ons, are not what a spec is about.
    if (system(ep) || (ep.metadata.name === 'kubernetes' && (ep.metadata.namespace ?? 'default') === 'default')) return;
    const key = keyOf(ep);
    let e = this.endpoints.get(key);
    if (!e) {
      this.services.push({ name: ep.metadata.name!, namespace: ep.metadata.namespace ?? 'default' });
      e = { index: this.services.length - 1, ready: new Map(), other: 0, notReady: 0, byRs: [] };
      this.endpoints.set(key, e);
      this.endpointList.push(e);
    }
    for (const k of e.ready.keys()) this.endpointRefs.get(k)?.delete(e);
    e.ready = new Map();
    e.other = 0;
    e.notReady = 0;
    e.byRs = [];
    const ns = ep.metadata.namespace ?? '';
    if (ev.type !== 'DELETED') {
      for (const s of (ep.subsets ?? []) as { addresses?: { targetRef?: { kind?: string; name: string; namespace?: string } }[]; notReadyAddresses?: unknown[] }[]) {
        for (const a of s.addresses ?? []) {
          const ref = a.targetRef && (a.targetRef.kind ?? 'Pod') === 'Pod' ? `${a.targetRef.namespace ?? ns}/${a.targetRef.name}` : undefined;
          if (ref === undefined || e.ready.has(ref)) {
            e.other++;
            continue;
          }
          const rs = this.pods.get(ref)?.rs ?? -1;
          e.ready.set(ref, rs);
          if (rs >= 0) e.byRs[rs] = (e.byRs[rs] ?? 0) + 1;
          let refs = this.endpointRefs.get(ref);
          if (!refs) this.endpointRefs.set(ref, (refs = new Set()));
          refs.add(e);
        }
        e.notReady += s.notReadyAddresses?.length ?? 0;
      }
    }
    this.dirty = true;
  }

  /** The state now: called at every state the runner visits. Kept when it differs from the last one. */
  sample(): void {
    const t = this.cluster.clock.elapsed();
    // Availability after minReadySeconds changes with the clock alone.
    if (!this.dirty && !(t !== this.lastT && this.minReady > 0)) return;
    this.dirty = false;
    this.lastT = t;
    const now = this.cluster.clock.now();
    const rs = this.entries.map((e, i) => {
      const [ready, starting, terminating] = e.counts;
      return [e.desired, ready, e.minReadyMs > 0 ? this.available(i, e.minReadyMs, now) : ready, starting, terminating];
    });
    const svc = this.endpointList.map((e) => {
      const row = [e.ready.size + e.other, e.notReady];
      for (let i = 0; i < e.byRs.length; i++) row.push(e.byRs[i] ?? 0);
      return trimZeros(row, 2);
    });
    const state: TimelineState = { t, rs, svc };
    if (this.requestChecks.length) state.req = this.requestChecks.map((a) => this.answersBySeries(a));
    const last = this.states[this.states.length - 1];
    if (last && sameCounts(last, state)) return;
    this.seen++;
    this.states.push(state);
    if (this.states.length > MAX_STATES) this.states = thinStates(this.states, MAX_STATES / 2);
  }

  private available(index: number, minReadyMs: number, now: number): number {
    let n = 0;
    for (const p of this.pods.values()) if (p.rs === index && p.cat === 0 && (p.readySince ?? 0) + minReadyMs <= now) n++;
    return n;
  }

  /**
   * An `expect` assertion was checked at the end of the step (`failure` when it broke). A request
   * assertion's requests are sent again, from the same random stream at the same state, so the
   * answers recorded are the ones the assertion saw (routing keeps no state a replay changes: a
   * ClientIP affinity is renewed to the same endpoint).
   */
  expect(a: Assertion, failure: Failure | undefined, seed: number): void {
    const t = this.cluster.clock.elapsed();
    this.checks.push({ phase: 'expect', label: describeCheck(a), line: a.location.line, held: failure === undefined, atMs: t });
    if (a.type === 'request') this.requests.push(this.replay(a, seed, t));
  }

  /** A throughout request assertion's requests at this state, counted by who answered (see TimelineState.req). */
  private answersBySeries(a: RequestAssertion): number[] {
    const row = [0, 0];
    const r = this.replay(a, this.seed, 0);
    for (const k of r.answers) {
      if (k < 0) row[0]++;
      else if (r.pods[k].rs < 0 || r.pods[k].rs === this.bare) row[1]++;
      else {
        while (row.length < 3 + r.pods[k].rs) row.push(0);
        row[2 + r.pods[k].rs]++;
      }
    }
    return row;
  }

  private replay(a: RequestAssertion, seed: number, t: number): TimelineRequests {
    // The stream checkRequestAssertion draws from (spec/assertions/index.ts rngKey: the assertion's path).
    const rng = new Random(seed).fork(`request:${a.path.join('.')}`);
    const target = routingTarget(a.request);
    const pods: TimelineRequests['pods'] = [];
    const index = new Map<string, number>();
    const answers: number[] = [];
    const failures = new Map<string, number>();
    for (let i = 0; i < a.times; i++) {
      const r = sendRequest(this.cluster, target, rng);
      let answer = -1;
      if (r.ok) {
        const name = r.pod.metadata.name!;
        let k = index.get(name);
        if (k === undefined) {
          k = pods.length;
          index.set(name, k);
          pods.push({ name, rs: this.pods.get(keyOf(r.pod))?.rs ?? -1 });
        }
        answer = k;
      } else failures.set(r.reason, (failures.get(r.reason) ?? 0) + 1);
      if (answers.length < MAX_REQUESTS) answers.push(answer);
    }
    return { t, target: requestTarget(a), line: a.location.line, pods, answers, sent: a.times, failures: [...failures].map(([reason, count]) => ({ reason, count })) };
  }

  /** The step is over: stop watching; the timeline, with each `throughout` assertion's outcome. */
  finish(failures: readonly (Failure | undefined)[], eventually: readonly EventuallyOutcome[] = []): StepTimeline {
    this.sample();
    for (const u of this.unwatch) u();
    const checks: TimelineCheck[] = this.step.throughout.map((a, i) => {
      const f = failures[i];
      return { phase: 'throughout', label: describeCheck(a), line: a.location.line, held: !f, ...(f?.atMs !== undefined ? { atMs: f.atMs } : {}) };
    });
    this.step.eventually.forEach((a, i) => {
      const o = eventually[i];
      if (o) checks.push({ phase: 'eventually', label: describeCheck(a), line: a.location.line, held: o.held, ...(o.atMs !== undefined ? { atMs: o.atMs } : {}) });
    });
    return {
      action: summarizeAction(this.step.action),
      ...(this.requestChecks.length ? { throughoutRequests: this.requestChecks.map((a) => ({ target: requestTarget(a), times: a.times, line: a.location.line })) } : {}),
      startMs: this.startMs,
      endMs: this.cluster.clock.elapsed(),
      replicaSets: this.replicaSets,
      services: this.services,
      states: this.states,
      seen: this.seen,
      requests: this.requests,
      checks: [...checks, ...this.checks],
    };
  }
}

/** A row without its trailing zeros past `keep` entries (an absent count reads as 0). */
function trimZeros(row: number[], keep: number): number[] {
  let n = row.length;
  while (n > keep && row[n - 1] === 0) n--;
  return n === row.length ? row : row.slice(0, n);
}

function sameRow(a: number[] | undefined, b: number[] | undefined): boolean {
  if (a === b) return true;
  const n = Math.max(a?.length ?? 0, b?.length ?? 0);
  for (let i = 0; i < n; i++) if ((a?.[i] ?? 0) !== (b?.[i] ?? 0)) return false;
  return true;
}

/** Whether two states show the same counts (time aside). */
export function sameCounts(a: TimelineState, b: TimelineState): boolean {
  const n = Math.max(a.rs.length, b.rs.length);
  for (let i = 0; i < n; i++) if (!sameRow(a.rs[i], b.rs[i])) return false;
  const m = Math.max(a.svc.length, b.svc.length);
  for (let j = 0; j < m; j++) if (!sameRow(a.svc[j], b.svc[j])) return false;
  const k = Math.max(a.req?.length ?? 0, b.req?.length ?? 0);
  for (let j = 0; j < k; j++) if (!sameRow(a.req?.[j], b.req?.[j])) return false;
  return true;
}
