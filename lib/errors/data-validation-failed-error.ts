import { ConveyorError } from './conveyor-error';

/** The training data failed a validation rule whose severity is error. */
export class DataValidationFailedError extends ConveyorError {
  override name = 'DataValidationFailedError' as const;
}
