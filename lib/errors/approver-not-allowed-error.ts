import { ConveyorError } from './conveyor-error';

/** A caller who is not one of the spec's approvers tried to decide an approval. */
export class ApproverNotAllowedError extends ConveyorError {
  override name = 'ApproverNotAllowedError' as const;
}
