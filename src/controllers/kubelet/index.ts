// Kubelet (stub: being built; see the controller's folder once it lands).
import type { Controller, ControllerContext } from '../controller';

export class Kubelet implements Controller {
  readonly name = 'kubelet';
  start(_ctx: ControllerContext): void {}
  reconcile(_key: string): void {}
}
