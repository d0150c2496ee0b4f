import type { ProcessedEventRepository } from '../ports';
import type { DynamoTable } from './dynamo-table';

// PK EVENT#<eventId>  SK EVENT. A marker past its expiry counts as absent, whether or not TTL removed it.
export class DynamoDBProcessedEventRepository implements ProcessedEventRepository {
  constructor(private readonly table: DynamoTable) {}

  async markProcessed(eventId: string, now: Date, ttlMs: number): Promise<boolean> {
    const expiresAtMs = now.getTime() + ttlMs;
    return this.table.put(
      {
        PK: `EVENT#${eventId}`,
        SK: 'EVENT',
        eventId,
        processedAt: now.toISOString(),
        expiresAtMs,
        expiresAt: Math.ceil(expiresAtMs / 1000),
      },
      { expression: 'attribute_not_exists(PK) OR expiresAtMs <= :now', values: { ':now': now.getTime() } },
    );
  }
}
