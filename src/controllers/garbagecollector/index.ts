// Garbage collector (stub: being built; see the controller's folder once it lands).
import type { Controller, ControllerContext } from '../controller';

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector-controller';
  start(_ctx: ControllerContext): void {}
  reconcile(_key: string): void {}
}
