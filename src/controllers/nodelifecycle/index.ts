// Node lifecycle controller (stub: being built; see the controller's folder once it lands).
import type { Controller, ControllerContext } from '../controller';

export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle-controller';
  start(_ctx: ControllerContext): void {}
  reconcile(_key: string): void {}
}
