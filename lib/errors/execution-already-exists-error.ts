import { ConveyorError } from './conveyor-error';

/**
 * StartExecution reused a name with a different input, or after that execution closed. Named as AWS
 * names it (`ExecutionAlreadyExists`), so callers match the local engine and Step Functions alike.
 */
export class ExecutionAlreadyExistsError extends ConveyorError {
  override name = 'ExecutionAlreadyExists' as const;
}
