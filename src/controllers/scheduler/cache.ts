// The scheduler's view of the nodes, kept up to date incrementally from watch events (as
// pkg/scheduler/backend/cache keeps NodeInfo): per node the pods bound to it, their summed
// requests, and the pods of each owner, so that placing one pod never scans every pod.
import type { KubeObject } from '../../apiserver/types';
import { bytes, milliCpu, podRequests, type PodRequests } from './resources';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE, type Taint } from './taints';

export interface NodeInfo {
  name: string;
  /** The Node object; undefined while only pods name it (a pod bound to a node that does not exist). */
  node?: KubeObject;
  /** Position in the node list (creation order), for a stable iteration order. */
  seq: number;
  /** spec.taints, plus the NoSchedule taint a NotReady node is about to get (see effectiveTaints). */
  taints: Taint[];
  unschedulable: boolean;
  allowedPods: number;
  allocatableCpu: number;
  allocatableMemory: number;
  /** Pods bound to the node and not terminal (terminating ones included: they still hold resources). */
  pods: number;
  requested: { cpu: number; memory: number };
  nonZeroRequested: { cpu: number; memory: number };
  /** Non-terminating pods per owner UID (PodTopologySpread's default, per-owner spreading). */
  owners: Map<string, number>;
}

interface PodEntry {
  node: string;
  req: PodRequests;
  owner?: string;
}

/** The owner a pod is spread by: its controller, else its first owner (PodsWithOwnerRef). */
export function spreadOwner(pod: KubeObject): string | undefined {
  const refs = pod.metadata.ownerReferences;
  if (!refs?.length) return undefined;
  return (refs.find((r) => r.controller) ?? refs[0]).uid;
}

function isTerminal(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

function readyStatus(node: KubeObject): string | undefined {
  return (node.status?.conditions as { type: string; status: string }[] | undefined)?.find((c) => c.type === 'Ready')?.status;
}

/**
 * The node's taints, plus `node.kubernetes.io/not-ready` or `unreachable` (NoSchedule) when its
 * Ready condition is not True and the node lifecycle controller has not tainted it yet. Upstream
 * the scheduler looks at taints only (TaintNodesByCondition); the implied taint closes the window
 * between a node failing and the controller's taint landing, in which the simulation's settle loop
 * could otherwise bind a pod to a dead node.
 */
export function effectiveTaints(node: KubeObject): Taint[] {
  const taints = (node.spec?.taints ?? []) as Taint[];
  const ready = readyStatus(node);
  if (ready === 'True') return taints;
  const key = ready === 'False' ? TAINT_NODE_NOT_READY : TAINT_NODE_UNREACHABLE;
  if (taints.some((t) => (t.key === TAINT_NODE_NOT_READY || t.key === TAINT_NODE_UNREACHABLE) && t.effect === 'NoSchedule')) return taints;
  return [...taints, { key, effect: 'NoSchedule' }];
}

export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly pods = new Map<string, PodEntry>();
  private seq = 0;
  private ordered: NodeInfo[] | undefined;

  /** Nodes that exist, in creation order. */
  nodeList(): NodeInfo[] {
    if (!this.ordered) this.ordered = [...this.nodes.values()].filter((n) => n.node).sort((a, b) => a.seq - b.seq);
    return this.ordered;
  }

  get(name: string): NodeInfo | undefined {
    return this.nodes.get(name);
  }

  private info(name: string): NodeInfo {
    let n = this.nodes.get(name);
    if (!n) {
      n = {
        name,
        seq: this.seq++,
        taints: [],
        unschedulable: false,
        allowedPods: 0,
        allocatableCpu: 0,
        allocatableMemory: 0,
        pods: 0,
        requested: { cpu: 0, memory: 0 },
        nonZeroRequested: { cpu: 0, memory: 0 },
        owners: new Map(),
      };
      this.nodes.set(name, n);
    }
    return n;
  }

  updateNode(node: KubeObject | undefined, name: string): void {
    this.ordered = undefined;
    const n = this.info(name);
    n.node = node;
    if (!node) return;
    const alloc = (node.status?.allocatable ?? {}) as Record<string, string>;
    n.taints = effectiveTaints(node);
    n.unschedulable = !!node.spec?.unschedulable;
    n.allowedPods = Number.parseInt(alloc.pods ?? '0', 10) || 0;
    n.allocatableCpu = milliCpu(alloc.cpu);
    n.allocatableMemory = bytes(alloc.memory);
  }

  /** Account a pod change (either side may be missing). Returns whether a bound pod stopped counting. */
  updatePod(old: KubeObject | undefined, pod: KubeObject | undefined): boolean {
    const uid = (pod ?? old)!.metadata.uid!;
    const before = this.pods.get(uid);
    const counted = pod && pod.spec?.nodeName && !isTerminal(pod);
    if (!counted) {
      if (before) this.remove(uid, before);
      return !!before;
    }
    const owner = pod.metadata.deletionTimestamp ? undefined : spreadOwner(pod);
    if (before && before.node === pod.spec!.nodeName && before.owner === owner) return false;
    const req = before?.req ?? podRequests(pod);
    if (before) this.remove(uid, before);
    const entry: PodEntry = { node: pod.spec!.nodeName, req, owner };
    this.pods.set(uid, entry);
    const n = this.info(entry.node);
    n.pods++;
    n.requested.cpu += req.cpu;
    n.requested.memory += req.memory;
    n.nonZeroRequested.cpu += req.nonZeroCpu;
    n.nonZeroRequested.memory += req.nonZeroMemory;
    if (owner) n.owners.set(owner, (n.owners.get(owner) ?? 0) + 1);
    return false;
  }

  private remove(uid: string, e: PodEntry): void {
    this.pods.delete(uid);
    const n = this.info(e.node);
    n.pods--;
    n.requested.cpu -= e.req.cpu;
    n.requested.memory -= e.req.memory;
    n.nonZeroRequested.cpu -= e.req.nonZeroCpu;
    n.nonZeroRequested.memory -= e.req.nonZeroMemory;
    if (e.owner) {
      const c = (n.owners.get(e.owner) ?? 1) - 1;
      if (c > 0) n.owners.set(e.owner, c);
      else n.owners.delete(e.owner);
    }
  }
}
