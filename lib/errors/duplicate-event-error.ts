import { ConveyorError } from './conveyor-error';

/** An event id was processed before; the delivery is a duplicate. */
export class DuplicateEventError extends ConveyorError {
  override name = 'DuplicateEventError' as const;
}
