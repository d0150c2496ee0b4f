import { ConveyorError } from './conveyor-error';

/** A store write kept losing its condition to concurrent writers; retrying later may succeed. */
export class StoreContentionError extends ConveyorError {
  override name = 'StoreContentionError' as const;
}
