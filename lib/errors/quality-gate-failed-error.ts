import { ConveyorError } from './conveyor-error';

/** A candidate model failed an enforced quality gate. */
export class QualityGateFailedError extends ConveyorError {
  override name = 'QualityGateFailedError' as const;
}
