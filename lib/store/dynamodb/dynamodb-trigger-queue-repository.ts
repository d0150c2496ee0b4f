import type { QueuedTrigger } from '../entities';
import { byQueuedAt } from '../ordering';
import type { TriggerQueueRepository } from '../ports';
import type { DynamoTable } from './dynamo-table';

// PK QUEUE#<model>#<environment>  SK TRIGGER#<eventId>: the event id is the key, so a redelivery is a no-op.
// PK QUEUE#<model>#<environment>  SK WINDOW: when the data-arrival debounce window opened.
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
    await this.table.deleteMany(
      eventIds.map((eventId) => ({ pk: partition(model, environment), sk: `TRIGGER#${eventId}` })),
    );
  }

  async openWindow(model: string, environment: string, at: string): Promise<string> {
    const open = await this.table.putIfAbsent<{ openedAt: string }>(partition(model, environment), 'WINDOW', {
      openedAt: at,
    });
    return open?.openedAt ?? at;
  }

  async closeWindow(model: string, environment: string): Promise<void> {
    await this.table.delete(partition(model, environment), 'WINDOW');
  }
}
