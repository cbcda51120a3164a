// kubectl's information commands in the emulation, answered from what `kubespec serve` serves
// (its discovery table, its OpenAPI): api-resources, api-versions, cluster-info, explain,
// auth can-i (the admin user may do anything), top (no metrics-server), and the container commands
// (exec, attach, cp, port-forward, debug), refused as serve refuses them: no containers run here.
import { KubectlError, Output, type OpResult } from './resources';
import type { VerbContext } from './verbs';

export function apiResources(ctx: VerbContext): OpResult {
  return unsupported(ctx);
}
export function apiVersions(ctx: VerbContext): OpResult {
  return unsupported(ctx);
}
export function clusterInfo(ctx: VerbContext): OpResult {
  return unsupported(ctx);
}
export function explain(ctx: VerbContext): OpResult {
  return unsupported(ctx);
}
export function canI(ctx: VerbContext): OpResult {
  return unsupported(ctx);
}
export function top(ctx: VerbContext): OpResult {
  return unsupported(ctx);
}
export function refuse(ctx: VerbContext, _what: string): OpResult {
  return unsupported(ctx);
}
function unsupported(ctx: VerbContext): OpResult {
  const out = new Output();
  out.fail(new KubectlError(`kubespec's kubectl emulation does not support "kubectl ${ctx.cmd.path.join(' ')}"`));
  return out.result();
}
