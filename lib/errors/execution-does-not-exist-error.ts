import { ConveyorError } from './conveyor-error';

/** No execution has this ARN (AWS: ExecutionDoesNotExist). */
export class ExecutionDoesNotExistError extends ConveyorError {
  override name = 'ExecutionDoesNotExist' as const;
}
