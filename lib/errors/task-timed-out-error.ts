import { ConveyorError } from './conveyor-error';

/** A task token whose task is already closed: it timed out, failed or the execution ended (AWS: TaskTimedOut). */
export class TaskTimedOutError extends ConveyorError {
  override name = 'TaskTimedOut' as const;
}
