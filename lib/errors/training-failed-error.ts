import { ConveyorError } from './conveyor-error';

/** A training job failed, timed out or produced no metrics. */
export class TrainingFailedError extends ConveyorError {
  override name = 'TrainingFailedError' as const;
}
