// The actions that are not kubectl verbs of the emulation: `patch` (kubectl patch) and `node`
// (a node failing or recovering).
import type { Action } from '../model';
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

interface NodeCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
}

/** pkg/kubelet/nodestatus/setters.go: the conditions of a healthy node, with the kubelet's reasons. */
const HEALTHY: Record<string, { status: string; reason: string; message: string }> = {
  MemoryPressure: { status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  DiskPressure: { status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  PIDPressure: { status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  Ready: { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
};

/**
 * `node`: the action writes what the kubelet (or, for an unreachable node, the node-lifecycle
 * controller's health check) would write to the Node's status; the node-lifecycle controller then
 * reacts (NoExecute taints, eviction once the pods' 300 s tolerations run out). Simplification: the
 * condition changes at once, without upstream's node-monitor grace period.
 */
export function nodeAction(a: Extract<Action, { type: 'node' }>, ctx: ActionContext): ActionOutcome {
  const api = ctx.cluster.api;
  const now = ctx.cluster.clock.timestamp();
  const lines: string[] = [];
  if (a.ready !== undefined) {
    const node = deepClone(api.getOrThrow('Node', a.name));
    const conditions: NodeCondition[] = node.status?.conditions ?? [];
    const set = (type: string, status: string, reason: string, message: string) => {
      let c = conditions.find((x) => x.type === type);
      if (!c) conditions.push((c = { type, status: '' }));
      if (c.status !== status) c.lastTransitionTime = now;
      Object.assign(c, { status, reason, message, lastHeartbeatTime: now });
    };
    if (a.ready === true) {
      for (const [type, h] of Object.entries(HEALTHY)) set(type, h.status, h.reason, h.message);
      lines.push(`node/${a.name} ready`);
    } else if (a.ready === false) {
      // The kubelet reports NotReady (say, its container runtime is down).
      set('Ready', 'False', 'KubeletNotReady', 'container runtime is down');
      lines.push(`node/${a.name} not ready`);
    } else {
      // pkg/controller/nodelifecycle tryUpdateNodeHealth: a node that stopped posting status gets
      // every condition Unknown, reason NodeStatusUnknown.
      for (const type of Object.keys(HEALTHY)) set(type, 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.');
      lines.push(`node/${a.name} unreachable`);
    }
    node.status = { ...(node.status ?? {}), conditions };
    api.updateStatus(node);
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
