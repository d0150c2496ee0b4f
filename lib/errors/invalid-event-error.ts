import { ConveyorError } from './conveyor-error';

/** An event (or a PutEvents entry) is not shaped as EventBridge requires; the message names the field. */
export class InvalidEventError extends ConveyorError {
  override name = 'InvalidEventError' as const;
}
