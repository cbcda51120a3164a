// A spec's view of a real cluster (KubeCluster): the RemoteApi over its namespace, the wall clock,
// and settling by watching: after an action, the watches' events are applied as they come (each
// one a state for `throughout` and `eventually`) until the controllers are quiet, or the step's
// timeout passes and the step fails naming what was still changing.
import { SettleError, type SettleOptions } from '../cluster/cluster';
import type { KubeCluster, PodLogOptions } from '../cluster/backend';
import type { KubeObject } from '../apiserver/types';
import { Random } from '../util/random';
import { RemoteApi, RemoteError } from './api';
import type { Call } from './bridge';
import type { WorkerReply } from './protocol';
import { RemoteRequests, type RemoteRequestOutcome } from './requests';
import type { RequestAssertion } from '../spec/model';

export interface RemoteSettleOptions {
  /** How long nothing may change before the cluster counts as quiet (ms). */
  quietMs: number;
  /** How long one settle may take at most (ms): --step-timeout. */
  stepTimeoutMs: number;
}

/** Container waiting reasons that do not resolve by themselves: a pod in one is as settled as it gets. */
const STUCK_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'CrashLoopBackOff', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);
/** A Running pod that is not Ready after this long (a readiness probe that fails) counts as settled. */
const READINESS_GRACE_MS = 30_000;
/** How often a wait with nothing to watch looks again (ms). */
const POLL_MS = 250;

type Condition = { type?: string; status?: string; reason?: string };

function conditionOf(o: KubeObject, type: string): Condition | undefined {
  return ((o.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find((c) => c.type === type);
}

/** Why a pod is not settled yet, if it is not. */
function podChanging(p: KubeObject, now: number): string | undefined {
  const name = p.metadata.name;
  if (p.metadata.deletionTimestamp) return `Pod ${name} is terminating`;
  const status = (p.status ?? {}) as { phase?: string; containerStatuses?: { state?: { waiting?: { reason?: string }; running?: { startedAt?: string } } }[]; startTime?: string };
  const stuck = (status.containerStatuses ?? []).some((c) => STUCK_REASONS.has(c.state?.waiting?.reason ?? ''));
  if (stuck) return undefined;
  if (!status.phase || status.phase === 'Pending') {
    const scheduled = conditionOf(p, 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') return undefined;
    return `Pod ${name} is ${status.phase ?? 'new'}${scheduled?.status === 'True' ? ' (containers starting)' : ''}`;
  }
  if (status.phase === 'Running' && conditionOf(p, 'Ready')?.status !== 'True') {
    const started = Date.parse(status.startTime ?? '');
    if (Number.isFinite(started) && now - started < READINESS_GRACE_MS) return `Pod ${name} is Running but not Ready`;
  }
  return undefined;
}

function replicasOf(o: KubeObject): number {
  const r = (o.spec as { replicas?: number } | undefined)?.replicas;
  return r === undefined ? 1 : Number(r);
}

/** What is still changing in the spec's namespace (empty when the controllers are done). */
export function stillChanging(api: RemoteApi, now: number): string[] {
  const out: string[] = [];
  const pods = api.list('Pod');
  const podReasons = new Map(pods.map((p) => [p.metadata.name!, podChanging(p, now)]));
  for (const d of api.list('Deployment')) {
    const st = (d.status ?? {}) as { observedGeneration?: number; updatedReplicas?: number; replicas?: number; availableReplicas?: number };
    const name = d.metadata.name;
    if (Number(st.observedGeneration ?? 0) < Number(d.metadata.generation ?? 0)) {
      out.push(`Deployment ${name}: generation ${d.metadata.generation} not yet observed`);
      continue;
    }
    if ((d.spec as { paused?: boolean } | undefined)?.paused) continue;
    const want = replicasOf(d);
    const complete = Number(st.updatedReplicas ?? 0) === want && Number(st.replicas ?? 0) === want && Number(st.availableReplicas ?? 0) === want;
    const stalled = conditionOf(d, 'Progressing')?.status === 'False';
    // A rollout held up only by pods that cannot start (a missing image...) is as far as it goes.
    const movingPods = [...podReasons.values()].some((r) => r !== undefined);
    if (!complete && !stalled && movingPods) out.push(`Deployment ${name}: ${st.updatedReplicas ?? 0}/${want} updated, ${st.availableReplicas ?? 0} available`);
  }
  for (const rs of api.list('ReplicaSet')) {
    const st = (rs.status ?? {}) as { observedGeneration?: number; replicas?: number };
    if (Number(st.observedGeneration ?? 0) < Number(rs.metadata.generation ?? 0)) out.push(`ReplicaSet ${rs.metadata.name}: generation ${rs.metadata.generation} not yet observed`);
    else if (Number(st.replicas ?? 0) !== replicasOf(rs)) out.push(`ReplicaSet ${rs.metadata.name}: ${st.replicas ?? 0}/${replicasOf(rs)} replicas`);
  }
  for (const r of podReasons.values()) if (r) out.push(r);
  return out;
}

export class RemoteCluster implements KubeCluster {
  readonly backend = 'remote' as const;
  readonly rng: Random;
  private readonly started = Date.now();
  /** Problems the watches reported (shown if a settle times out). */
  private readonly watchProblems: string[] = [];

  readonly clock = {
    now: (): number => Date.now() + this.api.serverOffsetMs,
    elapsed: (): number => Date.now() - this.started,
    timestamp: (ms: number = Date.now() + this.api.serverOffsetMs): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
  };

  private readonly requests: RemoteRequests;

  constructor(
    readonly api: RemoteApi,
    private readonly call: Call,
    private readonly seed: number,
    private readonly settleOpts: RemoteSettleOptions,
    where: { serverHost: string; namespace: string; nodeAddress?: string },
  ) {
    this.rng = new Random(seed);
    this.requests = new RemoteRequests(call, api, where.serverHost, where.nodeAddress, where.namespace);
  }

  podLogs(pod: KubeObject, container: string, opts: PodLogOptions): string {
    const q = new URLSearchParams({ container });
    if (opts.previous) q.set('previous', 'true');
    if (opts.timestamps) q.set('timestamps', 'true');
    if (opts.tailLines !== undefined) q.set('tailLines', String(opts.tailLines));
    if (opts.sinceSeconds !== undefined) q.set('sinceSeconds', String(opts.sinceSeconds));
    if (opts.limitBytes !== undefined) q.set('limitBytes', String(opts.limitBytes));
    return this.api.podLog(pod.metadata.name!, q);
  }

  /** A step's `request:` assertion, with real requests (requests.ts); `key` names it for its random stream. */
  checkRequest(a: RequestAssertion, key: string): RemoteRequestOutcome {
    return this.requests.check(a, new Random(this.seed).fork(`request:${key}`));
  }

  get reconciles(): number {
    return this.api.applied;
  }

  /** Take what the watches delivered (waiting up to waitMs for the first), into the cache; returns how many changed. */
  private pull(waitMs: number, onState?: () => void): number {
    const reply = this.call({ op: 'events', waitMs }) as WorkerReply;
    if ('error' in reply) throw new RemoteError(reply.error);
    const r = reply as { events: Parameters<RemoteApi['applyEvents']>[0]; errors: string[]; overflowed?: boolean };
    this.watchProblems.push(...r.errors);
    if (this.watchProblems.length > 20) this.watchProblems.splice(0, this.watchProblems.length - 20);
    return this.api.applyEvents(r.events, onState);
  }

  settle(opts: SettleOptions = {}): void {
    const { quietMs, stepTimeoutMs } = this.settleOpts;
    const deadline = Date.now() + Math.min(stepTimeoutMs, opts.maxSimulatedMs ?? Infinity);
    let lastChange = Date.now();
    for (;;) {
      if (this.pull(Math.min(POLL_MS, quietMs), opts.onState) > 0) lastChange = Date.now();
      const now = Date.now();
      const changing = stillChanging(this.api, now);
      if (!changing.length && now - lastChange >= quietMs) {
        this.api.syncClock();
        return;
      }
      if (now >= deadline) {
        const what = changing.length ? changing.slice(0, 5).join('; ') + (changing.length > 5 ? `; and ${changing.length - 5} more` : '') : 'objects kept changing (no quiet period)';
        const problems = this.watchProblems.length ? ` (watch problems: ${this.watchProblems.slice(-3).join('; ')})` : '';
        throw new SettleError(`the cluster did not settle within ${stepTimeoutMs < 1000 ? `${stepTimeoutMs}ms` : `${Math.round(stepTimeoutMs / 1000)}s`} (--step-timeout): ${what}${problems}`, this.reconciles, changing);
      }
    }
  }

  wait(ms: number, opts: SettleOptions = {}): void {
    const until = Date.now() + ms;
    while (Date.now() < until) this.pull(Math.min(POLL_MS, until - Date.now()), opts.onState);
    this.settle(opts);
  }

  runUntil(target: number): boolean {
    this.pull(0);
    while (Date.now() < target) this.pull(Math.min(POLL_MS, target - Date.now()));
    return false;
  }

  nextTimerAt(): number {
    return Date.now() + POLL_MS;
  }
}
