import { ConveyorError } from './conveyor-error';

/** The caller no longer holds the lease it tried to renew or release. */
export class LeaseLostError extends ConveyorError {
  override name = 'LeaseLostError' as const;
}
