import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { PutEventsRequestEntry, PutEventsResponse } from '../bus/put-events';
import type { EventPublisher } from './event-publisher';

/** PutEvents on an EventBridge bus (the default bus unless entries name one). */
export class EventBridgeEventPublisher implements EventPublisher {
  constructor(private readonly client: EventBridgeClient = new EventBridgeClient({})) {}

  async putEvents(entries: PutEventsRequestEntry[]): Promise<PutEventsResponse> {
    const output = await this.client.send(new PutEventsCommand({ Entries: entries }));
    return {
      FailedEntryCount: output.FailedEntryCount ?? 0,
      Entries: (output.Entries ?? []).map((e) =>
        e.ErrorCode
          ? { ErrorCode: e.ErrorCode, ErrorMessage: e.ErrorMessage ?? '' }
          : { EventId: e.EventId ?? '' },
      ),
    };
  }
}
