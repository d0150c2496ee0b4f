import { ConveyorError } from './conveyor-error';

/** StartExecution reused a name with a different input or after the execution closed (AWS: ExecutionAlreadyExists). */
export class ExecutionAlreadyExistsError extends ConveyorError {
  override name = 'ExecutionAlreadyExists' as const;
}
