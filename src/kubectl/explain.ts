// `kubectl explain` in the emulation (work in progress).
import { KubectlError, type Output } from './resources';
import type { VerbContext } from './verbs';

export function explain(_ctx: VerbContext, _out: Output): void {
  throw new KubectlError(`kubespec's kubectl emulation does not support "kubectl explain"`);
}
