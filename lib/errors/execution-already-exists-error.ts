import { ConveyorError } from './conveyor-error';

/** An execution with this name exists already with a different input: the name is not the content's. */
export class ExecutionAlreadyExistsError extends ConveyorError {
  override name = 'ExecutionAlreadyExistsError' as const;
}
