import { ConveyorError } from './conveyor-error';

/** A reviewer rejected the promotion, or the approval timed out. */
export class ApprovalRejectedError extends ConveyorError {
  override name = 'ApprovalRejectedError' as const;
}
