/**
 * `TestEventPattern` as EventBridge answers it: the pattern must be valid and the event must carry the
 * envelope fields AWS requires (id, account, source, time, region, resources, detail-type).
 */
import { InvalidEventError } from '../../errors/invalid-event-error';
import { compilePattern } from './compile-pattern';

const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'resources', 'detail-type'];

/** Parses and checks an event given as JSON text; throws `InvalidEventError` naming the problem. */
export const parseTestEvent = (text: string): Record<string, unknown> => {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (cause) {
    throw new InvalidEventError(`Parameter Event is not valid. Reason: ${(cause as Error).message}`);
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new InvalidEventError('Parameter Event is not valid. Reason: the event must be a JSON object');
  }
  const record = event as Record<string, unknown>;
  const missing = REQUIRED_EVENT_FIELDS.filter((field) => !(field in record));
  if (missing.length) {
    throw new InvalidEventError(
      `Parameter Event is not valid. Reason: missing required field${missing.length > 1 ? 's' : ''} ${missing
        .map((f) => `"${f}"`)
        .join(', ')}`,
    );
  }
  if (!Array.isArray(record.resources)) {
    throw new InvalidEventError('Parameter Event is not valid. Reason: "resources" must be an array');
  }
  return record;
};

/** `{ Result }` for a pattern and an event, both JSON text. */
export const testEventPattern = (eventPattern: string, event: string): { Result: boolean } => {
  const pattern = compilePattern(eventPattern);
  return { Result: pattern.matches(parseTestEvent(event)) };
};
