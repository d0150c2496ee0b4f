import { ConveyorError } from './conveyor-error';

/** Monitoring found no captured traffic for the model in its window. */
export class CaptureWindowEmptyError extends ConveyorError {
  override name = 'CaptureWindowEmptyError' as const;
}
