import { ConveyorError } from '../../errors/conveyor-error';
import type { PutEventsRequestEntry, PutEventsResponse } from '../bus/put-events';

/** PutEvents: the EventBridge adapter on AWS, the local bus locally. */
export interface EventPublisher {
  putEvents(entries: PutEventsRequestEntry[]): Promise<PutEventsResponse>;
}

/** Publishes entries and throws, naming each failed entry's ErrorCode, when any was not accepted. */
export const publishAll = async (
  publisher: EventPublisher,
  entries: PutEventsRequestEntry[],
): Promise<string[]> => {
  const response = await publisher.putEvents(entries);
  if (response.FailedEntryCount > 0) {
    const failures = response.Entries.flatMap((e, i) =>
      'ErrorCode' in e ? [`#${i} ${e.ErrorCode}: ${e.ErrorMessage}`] : [],
    );
    throw new ConveyorError(
      `PutEvents rejected ${response.FailedEntryCount} entr${response.FailedEntryCount === 1 ? 'y' : 'ies'}: ${failures.join('; ')}`,
    );
  }
  return response.Entries.map((e) => ('EventId' in e ? e.EventId : ''));
};
