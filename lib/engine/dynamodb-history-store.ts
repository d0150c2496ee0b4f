/**
 * History store on the project's single DynamoDB table (string keys PK/SK, index GSI1 on GSI1PK/GSI1SK).
 *
 * - execution record: PK=`EXEC#<executionArn>`, SK=`EXECUTION`, GSI1PK=`SM#<stateMachineArn>`,
 *   GSI1SK=`<startDate>#<executionArn>` (listings, newest first);
 * - history: PK=`EXEC#<executionArn>`, SK=`EVENT#<first event id, 9 digits>`, each item a batch of
 *   consecutive events. Every put is conditional (attribute_not_exists): a batch always starts right
 *   after the last batch its writer read, so a second writer collides on that key and can never
 *   interleave its events with the first one's (dynalite has no transactions, and none are needed);
 * - running marker: PK=`SFN#RUNNING`, SK=`<executionArn>`, written before the record says RUNNING and
 *   deleted after it stops, so recovery finds running executions without a scan.
 */
import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { HistoryConflictError } from '../errors/history-conflict-error';
import type { HistoryRecord } from './history';
import type { ExecutionRecord, HistoryStore } from './history-store';

// DynamoDB items hold 400 KB; a batch item stays below that with room for keys.
const MAX_BATCH_BYTES = 350_000;
const RUNNING_PK = 'SFN#RUNNING';

type StoredRecord = Omit<ExecutionRecord, 'startDate' | 'stopDate' | 'redriveDate'> & {
  startDate: string;
  stopDate?: string;
  redriveDate?: string;
};

const executionKey = (executionArn: string) => ({ PK: `EXEC#${executionArn}`, SK: 'EXECUTION' });
const eventKey = (executionArn: string, firstId: number) => ({
  PK: `EXEC#${executionArn}`,
  SK: `EVENT#${String(firstId).padStart(9, '0')}`,
});

const toItem = (record: ExecutionRecord) => {
  const { startDate, stopDate, redriveDate, ...rest } = record;
  return {
    ...executionKey(record.executionArn),
    GSI1PK: `SM#${record.stateMachineArn}`,
    GSI1SK: `${startDate.toISOString()}#${record.executionArn}`,
    ...rest,
    startDate: startDate.toISOString(),
    ...(stopDate ? { stopDate: stopDate.toISOString() } : {}),
    ...(redriveDate ? { redriveDate: redriveDate.toISOString() } : {}),
  };
};

const fromItem = (item: Record<string, unknown>): ExecutionRecord => {
  const {
    PK: _pk,
    SK: _sk,
    GSI1PK: _g,
    GSI1SK: _gs,
    startDate,
    stopDate,
    redriveDate,
    ...rest
  } = item as StoredRecord & Record<string, unknown>;
  return {
    ...(rest as unknown as ExecutionRecord),
    startDate: new Date(startDate),
    ...(stopDate ? { stopDate: new Date(stopDate) } : {}),
    ...(redriveDate ? { redriveDate: new Date(redriveDate) } : {}),
  };
};

export class DynamoDbHistoryStore implements HistoryStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createExecution(record: ExecutionRecord): Promise<ExecutionRecord | undefined> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { PK: RUNNING_PK, SK: record.executionArn } }),
    );
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(record),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return undefined;
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      const existing = await this.getExecution(record.executionArn);
      if (existing && existing.status !== 'RUNNING') await this.clearRunning(record.executionArn);
      return existing;
    }
  }

  async getExecution(executionArn: string): Promise<ExecutionRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: executionKey(executionArn), ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : undefined;
  }

  async putExecution(record: ExecutionRecord): Promise<void> {
    if (record.status === 'RUNNING') {
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: { PK: RUNNING_PK, SK: record.executionArn } }),
      );
    }
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: toItem(record) }));
    if (record.status !== 'RUNNING') await this.clearRunning(record.executionArn);
  }

  async listExecutions(stateMachineArn: string): Promise<ExecutionRecord[]> {
    const items = await this.queryAll({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': `SM#${stateMachineArn}` },
      ScanIndexForward: false,
    });
    return items.map(fromItem);
  }

  async listRunningExecutions(): Promise<ExecutionRecord[]> {
    const markers = await this.queryAll({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': RUNNING_PK },
    });
    const running: ExecutionRecord[] = [];
    for (let i = 0; i < markers.length; i += 100) {
      const keys = markers.slice(i, i + 100).map((m) => executionKey(m.SK as string));
      let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
        [this.tableName]: { Keys: keys },
      };
      while (request && Object.keys(request).length > 0) {
        const result = await this.client.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of result.Responses?.[this.tableName] ?? []) running.push(fromItem(item));
        request = result.UnprocessedKeys as typeof request;
      }
    }
    const stale = markers
      .map((m) => m.SK as string)
      .filter((arn) => !running.some((r) => r.executionArn === arn && r.status === 'RUNNING'));
    for (const arn of stale) await this.clearRunning(arn);
    return running.filter((r) => r.status === 'RUNNING');
  }

  async appendHistory(executionArn: string, records: HistoryRecord[]): Promise<void> {
    let batch: HistoryRecord[] = [];
    let size = 0;
    const write = async () => {
      const first = batch[0];
      if (!first) return;
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...eventKey(executionArn, first.event.id), records: JSON.stringify(batch) },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') {
          throw new HistoryConflictError(`history of ${executionArn} already has event ${first.event.id}`, {
            cause: error,
          });
        }
        throw error;
      }
      batch = [];
      size = 0;
    };
    for (const record of records) {
      const bytes = JSON.stringify(record).length * 2;
      if (size + bytes > MAX_BATCH_BYTES) await write();
      batch.push(record);
      size += bytes;
    }
    await write();
  }

  async readHistory(executionArn: string): Promise<HistoryRecord[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': `EXEC#${executionArn}`, ':sk': 'EVENT#' },
      ConsistentRead: true,
    });
    return items.flatMap((item) =>
      (JSON.parse(item.records as string) as HistoryRecord[]).map((r) => ({
        ...r,
        event: { ...r.event, timestamp: new Date(r.event.timestamp as unknown as string) },
      })),
    );
  }

  private async clearRunning(executionArn: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: { PK: RUNNING_PK, SK: executionArn } }),
    );
  }

  private async queryAll(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>) {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: start }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
