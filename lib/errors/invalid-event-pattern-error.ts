import { ConveyorError } from './conveyor-error';

/**
 * An EventBridge event pattern is not valid; the message is AWS's InvalidEventPatternException text,
 * "Event pattern is not valid. Reason: ...", plus where in the pattern the problem is.
 */
export class InvalidEventPatternError extends ConveyorError {
  override name = 'InvalidEventPatternError' as const;
}
