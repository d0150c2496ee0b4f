import { ConveyorError } from './conveyor-error';

/** An execution name breaks AWS's naming rules (AWS: InvalidName). */
export class InvalidNameError extends ConveyorError {
  override name = 'InvalidName' as const;
}
