// The actions that are not kubectl verbs of the emulation: `patch` (kubectl patch) and `node`
// (a node failing or recovering).
import type { Action } from '../model';
import { setNodeReady } from '../../controllers/nodelifecycle';
import { deepClone } from '../../util/clone';
import type { ActionContext, ActionOutcome } from './context';
import { nameOf } from './names';
import { infoOf } from './target';

export function patchAction(a: Extract<Action, { type: 'patch' }>, ctx: ActionContext): ActionOutcome {
  const api = ctx.cluster.api;
  const info = infoOf(a.kind);
  const before = api.getOrThrow(info.kind, a.name, a.namespace);
  const after = api.patch(info.kind, a.name, a.patch, a.patchType, { namespace: a.namespace });
  // kubectl patch: `deployment.apps/x patched`, or `patched (no change)`.
  return { output: `${nameOf(info, a.name)} patched${after.metadata.resourceVersion === before.metadata.resourceVersion ? ' (no change)' : ''}` };
}

/** The node conditions a kubelet posts (pkg/kubelet/nodestatus/setters.go). */
const KUBELET_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/**
 * `node`: a node's kubelet stops (`ready: false`) or starts again (`ready: true`), written through
 * the API as the node-lifecycle controller's setNodeReady does it; that controller then reacts
 * (eviction once the pods' 300 s tolerations run out, on wait-only timers). Extension:
 * `ready: unknown` makes the node unreachable at once: every kubelet condition Unknown, as
 * nodelifecycle's tryUpdateNodeHealth writes it once heartbeats stop (without upstream's
 * node-monitor grace period). `unschedulable` (extension) cordons or uncordons the node.
 */
export function nodeAction(a: Extract<Action, { type: 'node' }>, ctx: ActionContext): ActionOutcome {
  const api = ctx.cluster.api;
  const lines: string[] = [];
  if (a.ready === 'unknown') {
    const node = deepClone(api.getOrThrow('Node', a.name));
    const now = ctx.cluster.clock.timestamp();
    const conditions = ((node.status?.conditions ?? []) as { type: string; status: string }[]).map((c) =>
      KUBELET_CONDITIONS.includes(c.type) && c.status !== 'Unknown' ? { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now } : c,
    );
    api.updateStatus({ ...node, status: { ...node.status, conditions } });
    lines.push(`node/${a.name} unreachable`);
  } else if (a.ready !== undefined) {
    setNodeReady(api, ctx.cluster.clock, a.name, a.ready);
    lines.push(`node/${a.name} ${a.ready ? 'ready' : 'not ready'}`);
  }
  if (a.unschedulable !== undefined) {
    // kubectl cordon / uncordon (drain.RunCordonOrUncordon): spec.unschedulable.
    const node = api.getOrThrow('Node', a.name);
    if (!!node.spec?.unschedulable === a.unschedulable) lines.push(`node/${a.name} already ${a.unschedulable ? 'cordoned' : 'uncordoned'}`);
    else {
      api.patch('Node', a.name, { spec: { unschedulable: a.unschedulable ? true : null } }, 'merge');
      lines.push(`node/${a.name} ${a.unschedulable ? 'cordoned' : 'uncordoned'}`);
    }
  }
  return { output: lines.join('\n') };
}
