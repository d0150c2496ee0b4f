import { ConveyorError } from './conveyor-error';

/** Another writer appended to an execution's history first; this writer must stop driving it. */
export class HistoryConflictError extends ConveyorError {
  override name = 'HistoryConflictError' as const;
}
