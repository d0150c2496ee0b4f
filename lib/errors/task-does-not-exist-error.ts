import { ConveyorError } from './conveyor-error';

/** A task token that no task issued (AWS: TaskDoesNotExist). */
export class TaskDoesNotExistError extends ConveyorError {
  override name = 'TaskDoesNotExist' as const;
}
