import type { QueuedTrigger } from '../entities';
import { byQueuedAt } from '../ordering';
import type { TriggerQueueRepository } from '../ports';
import type { DynamoTable } from './dynamo-table';

// PK QUEUE#<model>#<environment>  SK TRIGGER#<eventId>: the event id is the key, so a redelivery is a no-op.
const partition = (model: string, environment: string) => `QUEUE#${model}#${environment}`;

export class DynamoDBTriggerQueueRepository implements TriggerQueueRepository {
  constructor(private readonly table: DynamoTable) {}

  async enqueue(trigger: QueuedTrigger): Promise<boolean> {
    return this.table.put(
      {
        PK: partition(trigger.model, trigger.environment),
        SK: `TRIGGER#${trigger.trigger.eventId}`,
        ...trigger,
      },
      { expression: 'attribute_not_exists(PK)' },
    );
  }

  async list(model: string, environment: string): Promise<QueuedTrigger[]> {
    const queued = await this.table.query<QueuedTrigger>({
      pk: partition(model, environment),
      skPrefix: 'TRIGGER#',
    });
    return queued.sort(byQueuedAt);
  }

  async remove(model: string, environment: string, eventIds: readonly string[]): Promise<void> {
    await Promise.all(
      eventIds.map((eventId) => this.table.delete(partition(model, environment), `TRIGGER#${eventId}`)),
    );
  }
}
