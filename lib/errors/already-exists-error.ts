import { ConveyorError } from './conveyor-error';

/** An entity with the same identity exists already and differs from the one being created. */
export class AlreadyExistsError extends ConveyorError {
  override name = 'AlreadyExistsError' as const;
}
