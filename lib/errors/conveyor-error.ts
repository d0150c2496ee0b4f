/**
 * Base of every error Conveyor throws on purpose. Subclasses set a literal `name` equal to the class
 * name: Step Functions matches `ErrorEquals` against it, and minifiers rename classes.
 */
export class ConveyorError extends Error {
  override name = 'ConveyorError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
