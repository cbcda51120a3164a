// Deployment controller (stub: being built; see the controller's folder once it lands).
import type { Controller, ControllerContext } from '../controller';

export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';
  start(_ctx: ControllerContext): void {}
  reconcile(_key: string): void {}
}
