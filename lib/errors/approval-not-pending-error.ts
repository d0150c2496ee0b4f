import { ConveyorError } from './conveyor-error';

/** The run is not waiting for an approval (never asked, or decided already). */
export class ApprovalNotPendingError extends ConveyorError {
  override name = 'ApprovalNotPendingError' as const;
}
