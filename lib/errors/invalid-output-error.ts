import { ConveyorError } from './conveyor-error';

/** SendTaskSuccess output that is not JSON (AWS: InvalidOutput). */
export class InvalidOutputError extends ConveyorError {
  override name = 'InvalidOutput' as const;
}
