import { ConveyorError } from './conveyor-error';

/** A pagination nextToken this API did not hand out (AWS: InvalidToken). */
export class InvalidTokenError extends ConveyorError {
  override name = 'InvalidToken' as const;
}
