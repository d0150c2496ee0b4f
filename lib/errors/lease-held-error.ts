import { ConveyorError } from './conveyor-error';

/** Another holder owns the model's lease and it has not expired. */
export class LeaseHeldError extends ConveyorError {
  override name = 'LeaseHeldError' as const;
}
