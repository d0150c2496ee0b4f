import { ConveyorError } from './conveyor-error';

/** StartExecution input that is not JSON (AWS: InvalidExecutionInput). */
export class InvalidExecutionInputError extends ConveyorError {
  override name = 'InvalidExecutionInput' as const;
}
