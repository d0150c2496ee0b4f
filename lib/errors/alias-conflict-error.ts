import { ConveyorError } from './conveyor-error';

/** An alias compare-and-set used a stale expected revision. */
export class AliasConflictError extends ConveyorError {
  override name = 'AliasConflictError' as const;
}
