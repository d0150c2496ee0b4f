import { ConveyorError } from './conveyor-error';

/** Input from a user or an event is malformed; the message names the field, file or line. */
export class InvalidInputError extends ConveyorError {
  override name = 'InvalidInputError' as const;
}
