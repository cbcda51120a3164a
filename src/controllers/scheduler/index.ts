// Scheduler (stub: being built; see the controller's folder once it lands).
import type { Controller, ControllerContext } from '../controller';

export class Scheduler implements Controller {
  readonly name = 'default-scheduler';
  start(_ctx: ControllerContext): void {}
  reconcile(_key: string): void {}
}
