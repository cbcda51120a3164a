// kubectl diff in the emulation (work in progress).
import { KubectlError, Output, type OpResult } from './resources';
import type { VerbContext } from './verbs';

export function diffCommand(ctx: VerbContext): OpResult {
  const out = new Output();
  out.fail(new KubectlError(`kubespec's kubectl emulation does not support "kubectl ${ctx.cmd.path.join(' ')}"`));
  return out.result();
}
