import { ConveyorError } from './conveyor-error';

/** RedriveExecution on an execution that succeeded, is running, or never entered a state (AWS: ExecutionNotRedrivable). */
export class ExecutionNotRedrivableError extends ConveyorError {
  override name = 'ExecutionNotRedrivable' as const;
}
