import { ConveyorError } from './conveyor-error';

/** A state machine definition that is not valid ASL; each problem carries its JSON pointer (AWS: InvalidDefinition). */
export class InvalidDefinitionError extends ConveyorError {
  override name = 'InvalidDefinition' as const;

  constructor(
    message: string,
    readonly problems: readonly { pointer: string; message: string }[],
  ) {
    super(message);
  }
}
