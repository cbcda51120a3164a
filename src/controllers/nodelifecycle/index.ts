// Node lifecycle and taint-based eviction (pkg/controller/nodelifecycle/node_lifecycle_controller.go,
// pkg/controller/tainteviction/taint_eviction.go).
//
// When a node stops being Ready, this controller does what kube-controller-manager does:
//  - a node whose Ready condition is False (its kubelet reports NotReady) is tainted
//    node.kubernetes.io/not-ready, NoSchedule and NoExecute; a node whose status went stale (Ready
//    Unknown) gets every condition Unknown, "Kubelet stopped posting node status."
//    (tryUpdateNodeHealth), and the node.kubernetes.io/unreachable taints instead
//    (doNoScheduleTaintingPass, doNoExecuteTaintingPass);
//  - the node's pods get Ready=False (MarkPodsNotReady), so Services stop sending them traffic;
//  - each pod is evicted (deleted, gracefully) once the NoExecute taint has outlasted its
//    toleration: 300 s for the tolerations DefaultTolerationSeconds gives every pod. Eviction
//    timers are wait-only: settling alone never evicts.
// The simulated kubelet of a node that is not Ready does nothing, so evicted pods stay Terminating
// until the node returns (pod GC only force-deletes pods of nodes tainted
// node.kubernetes.io/out-of-service, podgc gcTerminating); their ReplicaSet, which ignores
// terminating pods, has already replaced them elsewhere. When the node is Ready again the taints
// are removed and the kubelet restores its pods' status. A cordoned node (spec.unschedulable) is
// tainted node.kubernetes.io/unschedulable:NoSchedule, as TaintNodesByCondition does.
//
// Deviation: upstream waits --node-monitor-grace-period (40-50 s) of missed heartbeats before a
// silent node turns Unknown; here a node step announces it, and the controller acts at once.
import type { ApiServer } from '../../apiserver/apiserver';
import { isStatusError } from '../../apiserver/errors';
import type { KubeObject, WatchEvent } from '../../apiserver/types';
import type { EventRecorder } from '../../cluster/events';
import type { WorkQueue } from '../../cluster/workqueue';
import { deepClone, deepEqual } from '../../util/clone';
import { addGoSeconds, goSecondsNs, parseTime, toInt64, type Clock } from '../../util/clock';
import { INT64_MAX, jsonInteger } from '../../util/json';
import { objectKey, splitKey, type Controller, type ControllerContext } from '../controller';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE, TAINT_NODE_UNSCHEDULABLE, toleratesTaint, type Taint, type Toleration } from '../scheduler/taints';
import { PodsByNode } from '../util/podsbynode';

const NODE_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];
const EVICTION_COMPONENT = 'taint-eviction-controller';

interface NodeCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
}

function readyCondition(node: KubeObject): NodeCondition | undefined {
  return (node.status?.conditions as NodeCondition[] | undefined)?.find((c) => c.type === 'Ready');
}

/**
 * What a `node: {name, ready}` step does through the API, as a kubelet would post it: Ready=False
 * (KubeletNotReady: the node is up but cannot run pods, e.g. its container runtime is down), or
 * Ready=True again. A node that stops posting altogether (Ready Unknown) is written by the caller.
 */
export function setNodeReady(api: Pick<ApiServer, 'getOrThrow' | 'updateStatus'>, clock: Pick<Clock, 'timestamp'>, name: string, ready: boolean): KubeObject {
  const node = api.getOrThrow('Node', name);
  const now = clock.timestamp();
  const next = deepClone(node);
  const conds = (next.status?.conditions ?? []) as NodeCondition[];
  const cond: NodeCondition = ready
    ? { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }
    : { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'container runtime is down', lastHeartbeatTime: now, lastTransitionTime: now };
  const old = conds.find((c) => c.type === 'Ready');
  if (old && (old.status === 'True') === ready) return node;
  next.status = { ...next.status, conditions: old ? conds.map((c) => (c.type === 'Ready' ? cond : c)) : [...conds, cond] };
  return api.updateStatus(next);
}

export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle-controller';
  private api!: ApiServer;
  private clock!: Clock;
  private queue!: WorkQueue;
  private recorder!: EventRecorder;
  private readonly pods = new PodsByNode();
  /** The Ready status last acted on, per node (observedReadyCondition). */
  private readonly observed = new Map<string, string>();

  start(ctx: ControllerContext): void {
    this.api = ctx.api;
    this.clock = ctx.clock;
    this.queue = ctx.queue;
    this.recorder = ctx.recorder;
    for (const p of ctx.api.list('Pod')) this.onPod({ type: 'ADDED', object: p });
    for (const n of ctx.api.list('Node')) this.queue.add(n.metadata.name!);
    ctx.api.watch('Node', (ev) => this.onNode(ev));
    ctx.api.watch('Pod', (ev) => this.onPod(ev));
  }

  private onNode(ev: WatchEvent): void {
    const name = ev.object.metadata.name!;
    if (ev.type === 'DELETED') return;
    const node = ev.object;
    const noExecuteOf = (n: KubeObject | undefined) => JSON.stringify(((n?.spec?.taints ?? []) as Taint[]).filter((t) => t.effect === 'NoExecute'));
    const wasNoExecute = noExecuteOf(ev.oldObject);
    const noExecute = noExecuteOf(node);
    // Conditions, spec.unschedulable or taints may have changed (node events are few: look again).
    if (ev.type === 'ADDED' || !deepEqual(ev.oldObject?.status?.conditions, node.status?.conditions) || !deepEqual(ev.oldObject?.spec, node.spec)) this.queue.add(name);
    // NoExecute taints changed: every pod on the node needs its eviction re-evaluated.
    if (noExecute !== wasNoExecute || (noExecute !== '[]' && ev.type === 'ADDED')) for (const k of this.pods.on(name)) this.queue.add(k);
  }

  private onPod(ev: WatchEvent): void {
    const old = ev.oldObject;
    const cur = ev.object;
    // A pod update that keeps its node and tolerations (status writes, most of them) leaves the node
    // index as it is (it holds the old version's node) and asks for no eviction check: skip the work.
    if (ev.type === 'MODIFIED' && old && old.spec?.nodeName === cur.spec?.nodeName && (old.spec === cur.spec || deepEqual(old.spec?.tolerations, cur.spec?.tolerations))) return;
    const key = objectKey(ev.object);
    const node = ev.type === 'DELETED' ? undefined : (ev.object.spec?.nodeName as string | undefined);
    this.pods.set(key, node);
    if (!node || ev.type === 'DELETED') return;
    // A pod on a node with NoExecute taints (or whose tolerations changed) gets its eviction checked.
    const n = this.api.get('Node', node);
    if (n && (n.spec?.taints as Taint[] | undefined)?.some((t) => t.effect === 'NoExecute')) {
      if (ev.type === 'ADDED' || ev.oldObject?.spec?.nodeName !== node || !deepEqual(ev.oldObject?.spec?.tolerations, ev.object.spec?.tolerations)) this.queue.add(key);
    }
  }

  reconcile(key: string): void {
    if (key.includes('/')) return this.processPod(key);
    return this.monitorNode(key);
  }

  // ---- node health -------------------------------------------------------------------------

  private monitorNode(name: string): void {
    const node = this.api.get('Node', name);
    if (!node) return;
    const status = readyCondition(node)?.status ?? 'Unknown';
    const observed = this.observed.get(name);
    this.observed.set(name, status);
    // monitorNodeHealth: a Ready node turning NotReady or Unknown (nodeutil.RecordNodeStatusChange).
    if (status !== 'True' && (observed === undefined || observed === 'True')) {
      this.recorder.record('node-controller', node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
    }
    const updated = status === 'Unknown' ? this.markUnknown(node) : node;
    this.reconcileTaints(updated);
    if (status !== 'True') this.markPodsNotReady(name);
  }

  /** tryUpdateNodeHealth: the kubelet stopped posting, so every condition it posts is Unknown. */
  private markUnknown(node: KubeObject): KubeObject {
    const conds = (node.status?.conditions ?? []) as NodeCondition[];
    if (NODE_CONDITIONS.every((t) => conds.find((c) => c.type === t)?.status === 'Unknown')) return node;
    const now = this.clock.timestamp();
    const next = deepClone(node);
    const present = new Set(conds.map((c) => c.type));
    next.status.conditions = [
      ...conds.map((c) =>
        NODE_CONDITIONS.includes(c.type) && c.status !== 'Unknown'
          ? { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now }
          : c,
      ),
      // A condition the kubelet never posted (NodeStatusNeverUpdated).
      ...NODE_CONDITIONS.filter((t) => !present.has(t)).map((t) => ({
        type: t,
        status: 'Unknown',
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
        lastHeartbeatTime: node.metadata.creationTimestamp,
        lastTransitionTime: now,
      })),
    ];
    return this.api.updateStatus(next);
  }

  /**
   * doNoScheduleTaintingPass (TaintNodesByCondition: a NoSchedule taint per abnormal condition and
   * for spec.unschedulable) and doNoExecuteTaintingPass (not-ready / unreachable NoExecute), in
   * one write. Taints are added with timeAdded (SwapNodeControllerTaint), after the node's others.
   */
  private reconcileTaints(node: KubeObject): void {
    const desired = desiredControllerTaints(node);
    const current = (node.spec?.taints ?? []) as Taint[];
    const isManaged = (t: Taint) => (t.effect === 'NoSchedule' && NO_SCHEDULE_KEYS.has(t.key)) || (t.effect === 'NoExecute' && NO_EXECUTE_KEYS.has(t.key));
    const wanted = (t: Taint) => desired.some((d) => d.key === t.key && d.effect === t.effect);
    const kept = current.filter((t) => !isManaged(t) || wanted(t));
    const now = this.clock.timestamp();
    const added = desired.filter((d) => !kept.some((t) => t.key === d.key && t.effect === d.effect)).map((d) => ({ ...d, timeAdded: now }));
    if (kept.length === current.length && !added.length) return;
    const taints = [...kept, ...added];
    const next = deepClone(node);
    next.spec = { ...next.spec, taints };
    if (!taints.length) delete next.spec.taints;
    this.update(next);
  }

  private update(node: KubeObject): void {
    try {
      this.api.update(node);
    } catch (e) {
      if (!isStatusError(e, 'Conflict') && !isStatusError(e, 'NotFound')) throw e;
      this.queue.add(node.metadata.name!);
    }
  }

  /** controller_utils.go MarkPodsNotReady: Ready=False on every pod of the node, event NodeNotReady. */
  private markPodsNotReady(nodeName: string): void {
    const now = this.clock.timestamp();
    for (const key of [...this.pods.on(nodeName)]) {
      const { namespace, name } = splitKey(key);
      const pod = this.api.get('Pod', name, namespace);
      if (!pod || pod.spec?.nodeName !== nodeName) continue;
      const conds = (pod.status?.conditions ?? []) as { type: string; status: string; lastTransitionTime?: string }[];
      const ready = conds.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const next = deepClone(pod);
      next.status.conditions = conds.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: now } : c));
      try {
        const stored = this.api.updateStatus(next);
        this.recorder.record('node-controller', stored, 'Warning', 'NodeNotReady', 'Node is not ready');
      } catch (e) {
        if (!isStatusError(e, 'Conflict') && !isStatusError(e, 'NotFound')) throw e;
      }
    }
  }

  // ---- taint-based eviction ----------------------------------------------------------------

  /** processPodOnNode (taint_eviction.go): evict now, later (tolerationSeconds), or never. */
  private processPod(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.api.get('Pod', name, namespace);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    const node = pod.spec?.nodeName ? this.api.get('Node', pod.spec.nodeName) : undefined;
    if (!node) return;
    const taints = ((node.spec?.taints ?? []) as Taint[]).filter((t) => t.effect === 'NoExecute');
    if (!taints.length) return;
    const used = matchingTolerations(taints, (pod.spec?.tolerations ?? []) as Toleration[]);
    const now = this.clock.now();
    let at = now;
    if (used) {
      const min = minTolerationSeconds(used);
      if (min < 0) return;
      // getMinTolerationTime returns time.Duration(min) * time.Second, an int64 product that wraps:
      // past ~292 years it is negative, which processPodOnNode reads as "tolerate forever".
      if (goSecondsNs(min) < 0n) return;
      const since = Math.min(...taints.map((t) => (t.timeAdded ? parseTime(t.timeAdded) : now)));
      at = addGoSeconds(since, min);
    }
    if (at > now) {
      this.queue.addAfter(key, at - now, { settle: false });
      return;
    }
    this.evict(pod);
  }

  /** addConditionAndDeletePod: DisruptionTarget=True, then a graceful delete. */
  private evict(pod: KubeObject): void {
    const ns = pod.metadata.namespace;
    const name = pod.metadata.name!;
    this.recorder.record(EVICTION_COMPONENT, pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${ns}/${name}`);
    try {
      const conds = (pod.status?.conditions ?? []) as { type: string }[];
      if (!conds.some((c) => c.type === 'DisruptionTarget')) {
        const next = deepClone(pod);
        next.status = {
          ...next.status,
          conditions: [
            ...conds,
            { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastProbeTime: null, lastTransitionTime: this.clock.timestamp() },
          ],
        };
        this.api.updateStatus(next);
      }
      this.api.delete('Pod', name, { namespace: ns, preconditions: { uid: pod.metadata.uid } });
    } catch (e) {
      if (!isStatusError(e, 'Conflict') && !isStatusError(e, 'NotFound')) throw e;
    }
  }
}

/** getMatchingTolerations: the toleration used for each taint, or undefined if one is not tolerated. */
export function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): Toleration[] | undefined {
  const out: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => toleratesTaint(x, taint));
    if (!t) return undefined;
    out.push(t);
  }
  return out;
}

/** getMinTolerationTime in seconds (exact: a bigint past 2^53): -1 when every used toleration is forever, 0 for <= 0. */
export function minTolerationSeconds(tolerations: readonly Toleration[]): number | bigint {
  if (!tolerations.length) return 0;
  // Upstream starts from math.MaxInt64 and keeps it as "none set" (-1, forever): a toleration of
  // exactly MaxInt64 seconds is forever too.
  let min = INT64_MAX;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    const seconds = toInt64(t.tolerationSeconds);
    if (seconds <= 0n) return 0;
    if (seconds < min) min = seconds;
  }
  return min === INT64_MAX ? -1 : jsonInteger(min);
}

/** nodeConditionToTaintKeyStatusMap: condition type → status → NoSchedule taint key. */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NODE_NOT_READY, Unknown: TAINT_NODE_UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};
const NO_SCHEDULE_KEYS = new Set([...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)), TAINT_NODE_UNSCHEDULABLE]);
const NO_EXECUTE_KEYS = new Set([TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE]);

/** The taints the node lifecycle controller wants on a node: NoSchedule ones first, then NoExecute. */
export function desiredControllerTaints(node: KubeObject): Taint[] {
  const out: Taint[] = [];
  for (const c of (node.status?.conditions ?? []) as NodeCondition[]) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) out.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) out.push({ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
  const ready = readyCondition(node)?.status ?? 'Unknown';
  if (ready === 'False') out.push({ key: TAINT_NODE_NOT_READY, effect: 'NoExecute' });
  if (ready === 'Unknown') out.push({ key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' });
  return out;
}
