// ReplicaSet controller (stub: being built; see the controller's folder once it lands).
import type { Controller, ControllerContext } from '../controller';

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset-controller';
  start(_ctx: ControllerContext): void {}
  reconcile(_key: string): void {}
}
