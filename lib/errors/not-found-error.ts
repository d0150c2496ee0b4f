import { ConveyorError } from './conveyor-error';

/** The entity asked for does not exist. */
export class NotFoundError extends ConveyorError {
  override name = 'NotFoundError' as const;
}
