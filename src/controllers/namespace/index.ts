// The namespace controller (pkg/controller/namespace/namespace_controller.go and
// deletion/namespaced_resources_deleter.go): a namespace being deleted is emptied, everything in
// it deleted (propagationPolicy Background, so the garbage collector takes what hangs off it), its
// status conditions kept as 1.32 sets them, and, once nothing is left, its `kubernetes` finalizer
// removed, upon which the API server lets it go. While content remains (pods in their grace
// period, objects with finalizers) it looks again after estimate/2 + 1 seconds, as upstream
// requeues on a ResourcesRemainingError, the estimate being the longest grace period of the
// remaining pods that are not terminal (1 s when only finalizers hold things up). Simulated time:
// content held only by finalizers, or by pods past their grace period (their node is down), may
// stay forever, so then that poll does not keep a settle going (settle: false); a finalizer
// removed from an object in a terminating namespace wakes it instead.
import type { ApiServer } from '../../apiserver/apiserver';
import { isStatusError } from '../../apiserver/errors';
import { KINDS, qualifiedResource } from '../../apiserver/kinds';
import type { KubeObject } from '../../apiserver/types';
import type { WorkQueue } from '../../cluster/workqueue';
import { deepEqual } from '../../util/clone';
import { parseTime, type Clock } from '../../util/clock';
import type { Controller, ControllerContext } from '../controller';

/** The finalizer the namespace controller owns (v1.FinalizerKubernetes). */
export const FINALIZER_KUBERNETES = 'kubernetes';
/** finalizerEstimateSeconds. */
const FINALIZER_ESTIMATE_SECONDS = 1;

interface Condition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
}

/** What deleteAllContent found left, per resource (`pods`, `replicasets.apps`). */
export interface ContentTotals {
  remaining: Map<string, number>;
  finalizers: Map<string, number>;
}

/**
 * The five deletion conditions, in namespace_condition_utils.go's order, as updateConditions
 * leaves them after a successful content pass.
 */
export function deletionConditions(totals: ContentTotals): Condition[] {
  const list = (m: Map<string, number>, fmt: (k: string, n: number) => string) =>
    [...m.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, n]) => fmt(k, n))
      .join(', ');
  return [
    { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
    { type: 'NamespaceDeletionGroupVersionParsingFailure', status: 'False', reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
    { type: 'NamespaceDeletionContentFailure', status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
    totals.remaining.size
      ? { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${list(totals.remaining, (k, n) => `${k} has ${n} resource instances`)}` }
      : { type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed' },
    totals.finalizers.size
      ? {
          type: 'NamespaceFinalizersRemaining',
          status: 'True',
          reason: 'SomeFinalizersRemain',
          message: `Some content in the namespace has finalizers remaining: ${list(totals.finalizers, (k, n) => `${k} in ${n} resource instances`)}`,
        }
      : { type: 'NamespaceFinalizersRemaining', status: 'False', reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
  ];
}

const NAMESPACED = KINDS.filter((k) => k.namespaced);

export class NamespaceController implements Controller {
  readonly name = 'namespace-controller';
  private api!: ApiServer;
  private clock!: Clock;
  private queue!: WorkQueue;
  /** Namespaces being deleted (from the Namespace watch). */
  private readonly terminating = new Set<string>();

  start(ctx: ControllerContext): void {
    this.api = ctx.api;
    this.clock = ctx.clock;
    this.queue = ctx.queue;
    const onNamespace = (ns: KubeObject, gone: boolean) => {
      const name = ns.metadata.name!;
      if (gone || !ns.metadata.deletionTimestamp) return void this.terminating.delete(name);
      if (!this.terminating.has(name)) ctx.queue.add(name);
      this.terminating.add(name);
    };
    for (const ns of ctx.api.list('Namespace')) onNamespace(ns, false);
    ctx.api.watch('Namespace', (ev) => onNamespace(ev.object, ev.type === 'DELETED'));
    ctx.api.watch('*', (ev) => {
      const ns = ev.object.metadata.namespace;
      if (!ns || !this.terminating.has(ns) || !ev.oldObject?.metadata.finalizers?.length) return;
      const left = ev.type === 'DELETED' ? 0 : (ev.object.metadata.finalizers?.length ?? 0);
      if (left < ev.oldObject.metadata.finalizers.length) ctx.queue.addAfter(ns, FINALIZER_ESTIMATE_SECONDS * 1000);
    });
  }

  reconcile(name: string): void {
    try {
      this.syncNamespace(name);
    } catch (e) {
      if (!isStatusError(e)) throw e;
      // A conflict or an object that went meanwhile: look again.
      this.queue.addAfter(name, 1000);
    }
  }

  /** namespacedResourcesDeleter.Delete. */
  private syncNamespace(name: string): void {
    let ns = this.api.get('Namespace', name);
    if (!ns?.metadata.deletionTimestamp) return;
    // updateNamespaceStatusFunc: Terminating (the API server's delete already set it).
    if (ns.status?.phase !== 'Terminating') ns = this.api.updateStatus({ ...ns, status: { ...(ns.status ?? {}), phase: 'Terminating' } });
    if (!(ns.spec?.finalizers ?? []).includes(FINALIZER_KUBERNETES)) return;
    const { totals, estimate } = this.deleteAllContent(name);
    ns = this.updateConditions(ns, totals);
    if (totals.remaining.size || totals.finalizers.size) {
      this.queue.addAfter(name, (Math.floor(estimate / 2) + 1) * 1000, { settle: this.podsStillEnding(name) });
      return;
    }
    // finalizeNamespace: drop our finalizer; with none left the API server removes the namespace.
    // Differs from Kubernetes: upstream removes spec.finalizers through the namespace's /finalize
    // subresource (the only write that may change them); the embedded server has no such
    // subresource, so an ordinary update does it. The watch events are the same.
    this.api.update({ ...ns, spec: { ...ns.spec, finalizers: (ns.spec?.finalizers ?? []).filter((f: string) => f !== FINALIZER_KUBERNETES) } });
  }

  /** deleteAllContent: a delete of everything in the namespace, then what is left. */
  private deleteAllContent(namespace: string): { totals: ContentTotals; estimate: number } {
    for (const info of NAMESPACED) {
      for (const obj of this.api.list(info.kind, { namespace })) {
        if (obj.metadata.deletionTimestamp) continue;
        try {
          this.api.delete(info.kind, obj.metadata.name!, { namespace, propagationPolicy: 'Background' });
        } catch (e) {
          if (!isStatusError(e, 'NotFound') && !isStatusError(e, 'Conflict')) throw e;
        }
      }
    }
    const totals: ContentTotals = { remaining: new Map(), finalizers: new Map() };
    let estimate = 0;
    for (const info of NAMESPACED) {
      const left = this.api.list(info.kind, { namespace });
      if (!left.length) continue;
      totals.remaining.set(qualifiedResource(info), left.length);
      for (const obj of left) {
        for (const f of obj.metadata.finalizers ?? []) totals.finalizers.set(f, (totals.finalizers.get(f) ?? 0) + 1);
        if (obj.metadata.finalizers?.length) estimate = Math.max(estimate, FINALIZER_ESTIMATE_SECONDS);
        if (info.kind === 'Pod') estimate = Math.max(estimate, podGraceEstimate(obj));
      }
    }
    return { totals, estimate };
  }

  /**
   * Whether waiting is sure to help: some pod is still within its grace period (its kubelet ends it
   * by then). Pods past it (a node that is down) and finalizers may hold the namespace forever.
   */
  private podsStillEnding(namespace: string): boolean {
    const now = this.clock.now();
    return this.api.list('Pod', { namespace }).some((p) => podGraceEstimate(p) > 0 && (!p.metadata.deletionTimestamp || parseTime(p.metadata.deletionTimestamp) > now));
  }

  /** conditionUpdater: each condition's lastTransitionTime moves only when its status does. */
  private updateConditions(ns: KubeObject, totals: ContentTotals): KubeObject {
    const old: any[] = ns.status?.conditions ?? [];
    const now = this.clock.timestamp();
    const conditions = deletionConditions(totals).map((c) => {
      const prev = old.find((o) => o.type === c.type);
      return { type: c.type, status: c.status, lastTransitionTime: prev && prev.status === c.status ? prev.lastTransitionTime : now, reason: c.reason, message: c.message };
    });
    if (deepEqual(conditions, old)) return ns;
    return this.api.updateStatus({ ...ns, status: { ...(ns.status ?? {}), conditions } });
  }
}

/** estimateGracefulTerminationForPods: the grace period of a pod not yet terminal. */
function podGraceEstimate(pod: KubeObject): number {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return 0;
  // Number(): an int64 past 2^53 is a bigint; as an estimate, its nearest double.
  return Number(pod.spec?.terminationGracePeriodSeconds ?? 0);
}
