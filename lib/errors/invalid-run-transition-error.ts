import { ConveyorError } from './conveyor-error';

/** A run was asked to move to a status its current status does not allow (terminal runs never move). */
export class InvalidRunTransitionError extends ConveyorError {
  override name = 'InvalidRunTransitionError' as const;
}
