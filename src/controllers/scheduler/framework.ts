// The default scheduler's plugins, reduced to what the simulation models
// (pkg/scheduler/apis/config/v1/default_plugins.go, pkg/scheduler/framework/plugins/*):
// Filter: NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit — run in that order,
// a node's first failing plugin giving its reasons (the framework stops at the first failure).
// Score: TaintToleration (3), NodeAffinity (2), NodeResourcesFit LeastAllocated (1),
// NodeResourcesBalancedAllocation (1), PodTopologySpread with the system default constraints (2).
// Not modelled: NodePorts (hostPort), volumes, inter-pod (anti-)affinity, ImageLocality, explicit
// topologySpreadConstraints, preemption of lower-priority pods.
import type { KubeObject } from '../../apiserver/types';
import type { NodeInfo } from './cache';
import { matchesRequiredNodeAffinity, preferredNodeAffinityScore } from './nodeaffinity';
import type { PodRequests } from './resources';
import { doNotScheduleTaints, findMatchingUntoleratedTaint, taintReason, tolerationsTolerateTaint, TAINT_NODE_UNSCHEDULABLE, type Taint, type Toleration } from './taints';

/** framework.MaxNodeScore */
const MAX_NODE_SCORE = 100;

/** What the plugins need of a pod, computed once per scheduling attempt. */
export interface PodInfo {
  pod: KubeObject;
  /** Effective tolerations (with the DefaultTolerationSeconds ones). */
  tolerations: Toleration[];
  req: PodRequests;
  /** Owner UID for PodTopologySpread's default constraints (none: no spreading). */
  owner?: string;
}

/** A node's filter failure: its reasons, and whether preemption could help (Unschedulable) or not. */
export interface FilterStatus {
  reasons: string[];
  resolvable: boolean;
}

export const ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";
export const ERR_REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_TOO_MANY_PODS = 'Too many pods';

/**
 * Filter failures are shared, frozen values: a full cluster fails every node for every pending pod
 * (100+ nodes per attempt), and the statuses are only read (fitErrorMessage counts their reasons).
 */
function failure(reasons: string[], resolvable: boolean): FilterStatus {
  return Object.freeze({ reasons: Object.freeze(reasons) as string[], resolvable });
}
const UNSCHEDULABLE_STATUS = failure([ERR_REASON_UNSCHEDULABLE], false);
const NODE_AFFINITY_STATUS = failure([ERR_REASON_NODE_AFFINITY], false);
/** noderesources.Fit failures by which of pods (1), cpu (2), memory (4) is insufficient. */
const FIT_STATUS: FilterStatus[] = [];
for (let bits = 1; bits < 8; bits++) {
  const reasons: string[] = [];
  if (bits & 1) reasons.push(ERR_REASON_TOO_MANY_PODS);
  if (bits & 2) reasons.push('Insufficient cpu');
  if (bits & 4) reasons.push('Insufficient memory');
  FIT_STATUS[bits] = failure(reasons, true);
}
/** Per (frozen) taint of a Node object: its TaintToleration failure. */
const taintStatuses = new WeakMap<Taint, FilterStatus>();
const UNSCHEDULABLE_TAINT: Taint = { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' };

function taintStatus(taint: Taint): FilterStatus {
  let status = taintStatuses.get(taint);
  if (!status) taintStatuses.set(taint, (status = failure([taintReason(taint)], false)));
  return status;
}

/** Run the filter plugins for one node; undefined when the pod fits. */
export function filterNode(p: PodInfo, n: NodeInfo): FilterStatus | undefined {
  const node = n.node!;
  // nodeunschedulable.Filter
  if (n.unschedulable && !tolerationsTolerateTaint(p.tolerations, UNSCHEDULABLE_TAINT)) return UNSCHEDULABLE_STATUS;
  // tainttoleration.Filter
  if (n.taints.length) {
    const taint = findMatchingUntoleratedTaint(n.taints, p.tolerations, doNotScheduleTaints);
    if (taint) return taintStatus(taint);
  }
  // nodeaffinity.Filter
  if (!matchesRequiredNodeAffinity(p.pod, node)) return NODE_AFFINITY_STATUS;
  // noderesources.Fit (fitsRequest): every insufficient resource is a reason.
  let bits = 0;
  if (n.pods + 1 > n.allowedPods) bits |= 1;
  if (p.req.cpu > 0 && p.req.cpu > n.allocatableCpu - n.requested.cpu) bits |= 2;
  if (p.req.memory > 0 && p.req.memory > n.allocatableMemory - n.requested.memory) bits |= 4;
  return bits ? FIT_STATUS[bits] : undefined;
}

/** helper.DefaultNormalizeScore */
function defaultNormalizeScore(scores: number[], reverse: boolean): number[] {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) return reverse ? scores.map(() => MAX_NODE_SCORE) : scores.map(() => 0);
  return scores.map((s) => {
    const v = Math.trunc((MAX_NODE_SCORE * s) / max);
    return reverse ? MAX_NODE_SCORE - v : v;
  });
}

/** noderesources leastRequestedScore: ((capacity - requested) * MaxNodeScore) / capacity. */
function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** noderesources balancedResourceScorer for cpu and memory: (1 - |f_cpu - f_mem| / 2) * MaxNodeScore. */
function balancedScore(cpu: number, memory: number, n: NodeInfo): number {
  // The standard deviation of the two fractions; with only one resource known it is 0.
  const std = n.allocatableCpu && n.allocatableMemory ? Math.abs((Math.min(1, cpu / n.allocatableCpu) - Math.min(1, memory / n.allocatableMemory)) / 2) : 0;
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** Whether some node has a PreferNoSchedule taint (plain loops: no closure per node, per pod). */
function anyPreferNoSchedule(nodes: readonly NodeInfo[]): boolean {
  for (let i = 0; i < nodes.length; i++) {
    const taints = nodes[i].taints;
    for (let j = 0; j < taints.length; j++) if (taints[j].effect === 'PreferNoSchedule') return true;
  }
  return false;
}

/**
 * Weighted sum of the score plugins for each feasible node (framework.RunScorePlugins). Runs for
 * every pod over up to 100 nodes (numFeasibleNodesToFind), so the common plugins add straight into
 * the totals instead of building a score list per plugin.
 */
export function scoreNodes(p: PodInfo, nodes: readonly NodeInfo[]): number[] {
  const total = new Array<number>(nodes.length).fill(0);
  const add = (scores: number[], weight: number) => {
    for (let i = 0; i < scores.length; i++) total[i] += scores[i] * weight;
  };

  // TaintToleration (weight 3): intolerable PreferNoSchedule taints, fewer is better. Equal counts
  // everywhere (no such taints, the usual case) add the same to every node and are skipped.
  if (anyPreferNoSchedule(nodes)) {
    const preferNoSchedule = p.tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    const taintCounts = nodes.map((n) => n.taints.filter((t) => t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(preferNoSchedule, t)).length);
    add(defaultNormalizeScore(taintCounts, true), 3);
  }

  // NodeAffinity (weight 2): preferred terms.
  if (p.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution) {
    add(defaultNormalizeScore(nodes.map((n) => preferredNodeAffinityScore(p.pod, n.node!)), false), 2);
  }

  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    // NodeResourcesFit, LeastAllocated over cpu and memory (weight 1 each) on non-zero requests.
    const cpu = leastRequestedScore(n.nonZeroRequested.cpu + p.req.nonZeroCpu, n.allocatableCpu);
    const mem = leastRequestedScore(n.nonZeroRequested.memory + p.req.nonZeroMemory, n.allocatableMemory);
    total[i] += Math.trunc((cpu + mem) / 2);
    // NodeResourcesBalancedAllocation (weight 1) on actual requests.
    total[i] += balancedScore(n.requested.cpu + p.req.cpu, n.requested.memory + p.req.memory, n);
  }

  // PodTopologySpread (weight 2), system default constraints: kubernetes.io/hostname maxSkew 3
  // (topology.kubernetes.io/zone maxSkew 5 applies only to nodes with that label). Matching pods
  // are the non-terminating pods of the same owner on the node (scoring.go, PodsWithOwnerRef).
  if (p.owner) {
    const owner = p.owner;
    const weight = Math.log(nodes.length + 2);
    // Each node's raw score, kept in `spread` for the normalising pass (no closure, no second lookup).
    const spread = new Array<number>(nodes.length);
    let min = Infinity;
    let max = 0;
    for (let i = 0; i < nodes.length; i++) {
      const s = Math.round((nodes[i].owners.get(owner) ?? 0) * weight + (3 - 1));
      spread[i] = s;
      if (s < min) min = s;
      if (s > max) max = s;
    }
    for (let i = 0; i < nodes.length; i++) total[i] += (max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - spread[i])) / max)) * 2;
  }
  return total;
}

/**
 * selectHost (schedule_one.go): the highest score; ties broken uniformly at random by reservoir
 * sampling over the nodes in order.
 */
export function selectHost(scores: readonly number[], random: (n: number) => number): number {
  let best = -1;
  let bestScore = -Infinity;
  let ties = 0;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] > bestScore) {
      best = i;
      bestScore = scores[i];
      ties = 1;
    } else if (scores[i] === bestScore) {
      ties++;
      if (random(ties) === 0) best = i;
    }
  }
  return best;
}

/** sortReasonsHistogram: "<count> <reason>" strings, sorted (sort.Strings), joined by ", ". */
function histogram(counts: Map<string, number>): string {
  return [...counts.entries()]
    .map(([reason, n]) => `${n} ${reason}`)
    .sort()
    .join(', ');
}

/**
 * FitError.Error() with the DefaultPreemption PostFilter message appended, as the
 * FailedScheduling event and the PodScheduled condition carry it:
 * `0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: },
 * 2 Too many pods. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling,
 * 2 No preemption victims found for incoming pod.`
 * Preemption never finds victims here: the simulation has no priority classes.
 */
export function fitErrorMessage(numNodes: number, statuses: readonly FilterStatus[], pod: KubeObject): string {
  if (numNodes === 0) return 'no nodes available to schedule pods';
  // Statuses are a few shared values (see `failure`): count each once, then its reasons.
  const byStatus = new Map<FilterStatus, number>();
  let potential = 0;
  for (let i = 0; i < statuses.length; i++) {
    const s = statuses[i];
    byStatus.set(s, (byStatus.get(s) ?? 0) + 1);
    if (s.resolvable) potential++;
  }
  const reasons = new Map<string, number>();
  for (const [s, n] of byStatus) for (const r of s.reasons) reasons.set(r, (reasons.get(r) ?? 0) + n);
  let msg = `0/${numNodes} nodes are available:`;
  const filterMsg = histogram(reasons);
  if (filterMsg) msg += ` ${filterMsg}.`;
  // defaultpreemption PodEligibleToPreemptOthers
  if (pod.spec?.preemptionPolicy === 'Never') return `${msg} preemption: not eligible due to preemptionPolicy=Never.`;
  // preemption.Evaluator.findCandidates: nodes whose failure was Unschedulable (not ...AndUnresolvable)
  // are dry-run; with no lower-priority victims each reports "No preemption victims found".
  const post = new Map<string, number>();
  if (numNodes - potential > 0) post.set('Preemption is not helpful for scheduling', numNodes - potential);
  if (potential > 0) post.set('No preemption victims found for incoming pod', potential);
  return `${msg} preemption: 0/${numNodes} nodes are available: ${histogram(post)}.`;
}
