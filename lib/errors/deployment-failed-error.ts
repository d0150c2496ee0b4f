import { ConveyorError } from './conveyor-error';

/** A deployment could not start or reach a healthy state. */
export class DeploymentFailedError extends ConveyorError {
  override name = 'DeploymentFailedError' as const;
}
