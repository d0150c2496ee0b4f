import { ConveyorError } from './conveyor-error';

/** No state machine has this ARN (AWS: StateMachineDoesNotExist). */
export class StateMachineDoesNotExistError extends ConveyorError {
  override name = 'StateMachineDoesNotExist' as const;
}
