import { ConveyorError } from './conveyor-error';

/** A progressive deployment crossed a rollback threshold and was rolled back. */
export class DeploymentRolledBackError extends ConveyorError {
  override name = 'DeploymentRolledBackError' as const;
}
