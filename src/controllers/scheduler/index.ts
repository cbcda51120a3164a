// The default scheduler (pkg/scheduler/schedule_one.go): binds each pending pod that names no node
// to the best feasible node, or marks it Unschedulable with upstream's FitError message. Pods that
// did not fit wait until a node changes or a bound pod goes away, then are retried in order.
//
// The scheduler's bookkeeping lives in SchedulerCache, updated from watch events, so one
// scheduling attempt costs O(nodes), never O(pods).
import { isStatusError } from '../../apiserver/errors';
import type { KubeObject, WatchEvent } from '../../apiserver/types';
import type { ApiServer } from '../../apiserver/apiserver';
import type { EventRecorder } from '../../cluster/events';
import { deepEqual } from '../../util/clone';
import type { Clock } from '../../util/clock';
import type { Random } from '../../util/random';
import { objectKey, splitKey, type Controller, type ControllerContext } from '../controller';
import type { WorkQueue } from '../../cluster/workqueue';
import { SchedulerCache, spreadOwner, type NodeInfo } from './cache';
import { filterNode, fitErrorMessage, scoreNodes, selectHost, type FilterStatus, type PodInfo } from './framework';
import { podRequests } from './resources';
import type { Toleration } from './taints';
import { stringifyJson } from '../../util/json';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
const RETRY_KEY = '@retry';

/**
 * Pods that failed alike: same tolerations, node selection and requests. If the first pod of a
 * group does not fit, none of the others can, so a retry tries one pod per group and stops there.
 */
interface PendingGroup {
  pods: Set<string>;
  /** The failure message every pod of the group carries, when they all carry the same one. */
  message?: string;
}

type Outcome = { bound: string } | { message: string } | { gated: true } | { skip: true };

export class Scheduler implements Controller {
  readonly name = DEFAULT_SCHEDULER_NAME;
  private api!: ApiServer;
  private clock!: Clock;
  private rng!: Random;
  private queue!: WorkQueue;
  private recorder!: EventRecorder;
  private readonly cache = new SchedulerCache();
  private readonly groups = new Map<string, PendingGroup>();
  /** Pending pod key → its group key. */
  private readonly podGroup = new Map<string, string>();
  /** Pending pod key → the failure message last written to it. */
  private readonly lastMessage = new Map<string, string>();
  /** Where the next cycle starts looking at nodes (schedule_one.go nextStartNodeIndex). */
  private nextStartNodeIndex = 0;

  start(ctx: ControllerContext): void {
    this.api = ctx.api;
    this.clock = ctx.clock;
    this.rng = ctx.rng;
    this.queue = ctx.queue;
    this.recorder = ctx.recorder;
    for (const n of ctx.api.list('Node')) this.cache.updateNode(n, n.metadata.name!);
    for (const p of ctx.api.list('Pod')) {
      this.cache.updatePod(undefined, p);
      if (needsScheduling(p)) this.queue.add(objectKey(p));
    }
    ctx.api.watch('Node', (ev) => this.onNode(ev));
    ctx.api.watch('Pod', (ev) => this.onPod(ev));
  }

  private onNode(ev: WatchEvent): void {
    const node = ev.type === 'DELETED' ? undefined : ev.object;
    this.cache.updateNode(node, ev.object.metadata.name!);
    // A node change may make waiting pods fit (upstream: the NodeAdd / NodeUpdate cluster events
    // move unschedulable pods back to the active queue).
    if (this.groups.size) this.queue.addWhenIdle(RETRY_KEY);
  }

  private onPod(ev: WatchEvent): void {
    const pod = ev.type === 'DELETED' ? undefined : ev.object;
    const freed = this.cache.updatePod(ev.oldObject, pod);
    // An assigned pod going away frees room (the AssignedPodDelete event).
    if (freed && this.groups.size) this.queue.addWhenIdle(RETRY_KEY);
    const old = ev.oldObject;
    if (!pod || !needsScheduling(pod)) {
      // An update of a pod that already needed no scheduling (a bound pod's status writes, most
      // events) has nothing to forget: the event that made it so forgot it, and only a pending pod
      // is marked. Skipping it saves building its key.
      if (ev.type === 'MODIFIED' && old && !needsScheduling(old)) return;
      this.forget(objectKey(ev.object));
      return;
    }
    const key = objectKey(ev.object);
    // Status-only updates (our own condition writes among them) do not requeue (skipPodUpdate).
    if (ev.type === 'ADDED' || !old || !needsScheduling(old) || !deepEqual(old.spec, pod.spec) || !deepEqual(old.metadata.labels, pod.metadata.labels)) {
      this.queue.add(key);
    }
  }

  reconcile(key: string): void {
    if (key === RETRY_KEY) {
      return this.retryPending();
    }
    const { namespace, name } = splitKey(key);
    const pod = this.api.get('Pod', name, namespace);
    if (!pod || !needsScheduling(pod)) return this.forget(key);
    const outcome = this.scheduleOne(pod);
    if ('message' in outcome) this.markPending(key, groupKey(pod), outcome.message, pod);
  }

  /** Retry waiting pods, oldest group first; a group whose head still fails is left as it is. */
  private retryPending(): void {
    for (const [gk, group] of [...this.groups]) {
      for (const key of [...group.pods]) {
        const { namespace, name } = splitKey(key);
        const pod = this.api.get('Pod', name, namespace);
        if (!pod || !needsScheduling(pod)) {
          this.forget(key);
          continue;
        }
        const outcome = this.scheduleOne(pod);
        if (!('message' in outcome)) continue;
        if (outcome.message !== group.message) {
          // Everything that failed alike now fails with this message: tell each of them.
          for (const k of group.pods) {
            const p = k === key ? pod : this.api.get('Pod', ...keyParts(k));
            if (p && needsScheduling(p)) this.recordFailure(k, p, outcome.message);
          }
          group.message = outcome.message;
        }
        break;
      }
      if (!group.pods.size) this.groups.delete(gk);
    }
  }

  /** One scheduling cycle for one pod: filter, score, bind — or the reason it cannot be placed. */
  private scheduleOne(pod: KubeObject): Outcome {
    if (pod.spec?.schedulingGates?.length) {
      this.setScheduledCondition(pod, 'SchedulingGated', 'Scheduling is blocked due to non-empty scheduling gates');
      return { gated: true };
    }
    const info: PodInfo = {
      pod,
      tolerations: (pod.spec?.tolerations ?? []) as Toleration[],
      req: podRequests(pod),
      owner: spreadOwner(pod),
    };
    // findNodesThatPassFilters: from where the last cycle stopped, until enough feasible nodes.
    const nodes = this.cache.nodeList();
    const wanted = numFeasibleNodesToFind(nodes.length);
    const feasible: NodeInfo[] = [];
    const failed: FilterStatus[] = [];
    const start = nodes.length ? this.nextStartNodeIndex % nodes.length : 0;
    for (let i = 0; i < nodes.length && feasible.length < wanted; i++) {
      const n = nodes[(start + i) % nodes.length];
      const status = filterNode(info, n);
      if (status) failed.push(status);
      else feasible.push(n);
    }
    if (nodes.length) this.nextStartNodeIndex = (start + feasible.length + failed.length) % nodes.length;
    if (!feasible.length) return { message: fitErrorMessage(nodes.length, failed, pod) };
    const chosen = feasible.length === 1 ? feasible[0] : feasible[selectHost(scoreNodes(info, feasible), (n) => this.rng.int(n))];
    return this.bind(pod, chosen.name);
  }

  /** Bind through the pods/binding subresource (the pod update validation forbids changing spec.nodeName). */
  private bind(pod: KubeObject, nodeName: string): Outcome {
    const ns = pod.metadata.namespace;
    const name = pod.metadata.name!;
    let bound: KubeObject;
    try {
      bound = this.api.bind({ metadata: { name, namespace: ns, uid: pod.metadata.uid }, target: { name: nodeName } });
    } catch (e) {
      if (isStatusError(e, 'NotFound') || isStatusError(e, 'Conflict')) return { skip: true };
      throw e;
    }
    this.recorder.record(this.name, bound, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${nodeName}`);
    this.forget(objectKey(pod));
    return { bound: nodeName };
  }

  private markPending(key: string, gk: string, message: string, pod: KubeObject): void {
    const previous = this.podGroup.get(key);
    if (previous !== gk) {
      if (previous) this.leaveGroup(key, previous);
      let group = this.groups.get(gk);
      if (!group) this.groups.set(gk, (group = { pods: new Set(), message }));
      group.pods.add(key);
      this.podGroup.set(key, gk);
      if (group.message !== message) group.message = undefined;
    }
    this.recordFailure(key, pod, message);
  }

  /**
   * The FailedScheduling event and PodScheduled=False condition (handleSchedulingFailure). The
   * event is recorded when the message changes, not on every retry: retries here are an artefact
   * of when the simulation re-runs the scheduler, so counting them would say nothing.
   */
  private recordFailure(key: string, pod: KubeObject, message: string): void {
    if (this.lastMessage.get(key) === message) return;
    this.lastMessage.set(key, message);
    this.recorder.record(this.name, pod, 'Warning', 'FailedScheduling', message);
    this.setScheduledCondition(pod, 'Unschedulable', message);
  }

  private setScheduledCondition(pod: KubeObject, reason: string, message: string): void {
    const conditions: any[] = pod.status?.conditions ?? [];
    const old = conditions.find((c) => c.type === 'PodScheduled');
    if (old && old.status === 'False' && old.reason === reason && old.message === message) return;
    // Only the status is read from a status write: the rest can be the stored (frozen) pod's own.
    const next: KubeObject = { ...pod };
    const cond = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: old?.status === 'False' ? old.lastTransitionTime : this.clock.timestamp(),
      reason,
      message,
    };
    next.status = { ...pod.status, conditions: old ? conditions.map((c) => (c.type === 'PodScheduled' ? cond : c)) : [...conditions, cond] };
    try {
      this.api.updateStatus(next);
    } catch (e) {
      if (!isStatusError(e, 'NotFound') && !isStatusError(e, 'Conflict')) throw e;
    }
  }

  private forget(key: string): void {
    const gk = this.podGroup.get(key);
    if (gk) this.leaveGroup(key, gk);
    this.lastMessage.delete(key);
  }

  private leaveGroup(key: string, gk: string): void {
    this.podGroup.delete(key);
    const group = this.groups.get(gk);
    if (!group) return;
    group.pods.delete(key);
    if (!group.pods.size) this.groups.delete(gk);
  }
}

/**
 * numFeasibleNodesToFind (schedule_one.go) with the default percentageOfNodesToScore (adaptive:
 * 50% minus 1% per 125 nodes, at least 5%), never fewer than minFeasibleNodesToFind = 100.
 */
export function numFeasibleNodesToFind(numAllNodes: number): number {
  if (numAllNodes < 100) return numAllNodes;
  const percentage = Math.max(5, 50 - Math.trunc(numAllNodes / 125));
  return Math.max(100, Math.trunc((numAllNodes * percentage) / 100));
}

/** Unbound, not terminating, not terminal, and ours (spec.schedulerName). */
export function needsScheduling(pod: KubeObject): boolean {
  if (pod.spec?.nodeName || pod.metadata.deletionTimestamp) return false;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  return (pod.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME) === DEFAULT_SCHEDULER_NAME;
}

/** What filtering depends on: pods with equal keys fit (or not) on exactly the same nodes. */
function groupKey(pod: KubeObject): string {
  const s = pod.spec ?? {};
  const req = podRequests(pod);
  // stringifyJson: a tolerationSeconds past 2^53 is a bigint (src/util/json.ts).
  return stringifyJson([
    s.tolerations ?? null,
    s.nodeSelector ?? null,
    s.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? null,
    req.cpu,
    req.memory,
    s.preemptionPolicy ?? null,
  ]);
}

function keyParts(key: string): [string, string | undefined] {
  const { namespace, name } = splitKey(key);
  return [name, namespace];
}
