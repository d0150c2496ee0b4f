/**
 * History store on the project's single DynamoDB table (string keys PK/SK, index GSI1 on GSI1PK/GSI1SK).
 *
 * - execution record: PK=`EXEC#<executionArn>`, SK=`EXECUTION`, GSI1SK=`<startDate>#<executionArn>`,
 *   GSI1PK=`SFN#RUNNING` while it runs (recovery queries that, with no marker items to keep in step)
 *   and `SM#<stateMachineArn>` once it stops (listings by machine, newest first);
 * - history: PK=`EXEC#<executionArn>`, SK=`EVENT#<first event id, 9 digits>`, each item a batch of
 *   consecutive events. Every put is conditional (attribute_not_exists): a batch always starts right
 *   after the last batch its writer read, so a second writer collides on that key and can never
 *   interleave its events with the first one's (dynalite has no transactions, and none are needed);
 * - definitions: PK=`SFNDEF#<sha256>`, SK=`DEFINITION`, shared by the executions that run them, and an
 *   output over ~300 KB (with the input) in PK=`EXEC#<executionArn>`, SK=`OUTPUT`, so a record stays
 *   under DynamoDB's 400 KB item limit with a 256 KB input and a 256 KB output.
 */
import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { HistoryConflictError } from '../errors/history-conflict-error';
import type { HistoryRecord } from './history';
import type { ExecutionRecord, HistoryStore } from './history-store';

// DynamoDB items hold 400 KB; a batch item stays below that with room for keys.
const MAX_BATCH_BYTES = 350_000;
const RUNNING_PK = 'SFN#RUNNING';

// Above this, the output moves to an item of its own.
const MAX_INLINE_PAYLOAD_BYTES = 300_000;

type StoredRecord = Omit<ExecutionRecord, 'startDate' | 'stopDate' | 'redriveDate' | 'definition'> & {
  startDate: string;
  stopDate?: string;
  redriveDate?: string;
  definitionHash: string;
  outputItem?: boolean;
};

const executionKey = (executionArn: string) => ({ PK: `EXEC#${executionArn}`, SK: 'EXECUTION' });
const outputKey = (executionArn: string) => ({ PK: `EXEC#${executionArn}`, SK: 'OUTPUT' });
const definitionKey = (hash: string) => ({ PK: `SFNDEF#${hash}`, SK: 'DEFINITION' });
const eventKey = (executionArn: string, firstId: number) => ({
  PK: `EXEC#${executionArn}`,
  SK: `EVENT#${String(firstId).padStart(9, '0')}`,
});

const hashOf = (definition: string): string => createHash('sha256').update(definition).digest('hex');

const toItem = (record: ExecutionRecord, outputItem: boolean) => {
  const { startDate, stopDate, redriveDate, definition, output, ...rest } = record;
  const item: StoredRecord & Record<string, unknown> = {
    ...executionKey(record.executionArn),
    GSI1PK: record.status === 'RUNNING' ? RUNNING_PK : `SM#${record.stateMachineArn}`,
    GSI1SK: `${startDate.toISOString()}#${record.executionArn}`,
    ...rest,
    startDate: startDate.toISOString(),
    definitionHash: hashOf(definition),
  };
  if (stopDate) item.stopDate = stopDate.toISOString();
  if (redriveDate) item.redriveDate = redriveDate.toISOString();
  if (output !== undefined) {
    if (outputItem) item.outputItem = true;
    else item.output = output;
  }
  return item;
};

export class DynamoDbHistoryStore implements HistoryStore {
  // Definitions are immutable by hash: each is written and read once per process.
  private readonly definitions = new Map<string, string>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createExecution(record: ExecutionRecord): Promise<ExecutionRecord | undefined> {
    await this.saveDefinition(record.definition);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(record, false),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return undefined;
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      return this.getExecution(record.executionArn);
    }
  }

  async getExecution(executionArn: string): Promise<ExecutionRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: executionKey(executionArn), ConsistentRead: true }),
    );
    return Item ? this.fromItem(Item) : undefined;
  }

  async putExecution(record: ExecutionRecord): Promise<void> {
    await this.saveDefinition(record.definition);
    const outputItem =
      record.output !== undefined &&
      Buffer.byteLength(record.input) + Buffer.byteLength(record.output) > MAX_INLINE_PAYLOAD_BYTES;
    if (outputItem) {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...outputKey(record.executionArn), output: record.output },
        }),
      );
    }
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: toItem(record, outputItem) }));
  }

  async listExecutions(stateMachineArn: string): Promise<ExecutionRecord[]> {
    const closed = await this.queryAll({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': `SM#${stateMachineArn}` },
      ScanIndexForward: false,
    });
    const running = (await this.listRunningExecutions()).filter((r) => r.stateMachineArn === stateMachineArn);
    const records = [...running, ...(await Promise.all(closed.map((item) => this.fromItem(item))))];
    return records.sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
  }

  async listRunningExecutions(): Promise<ExecutionRecord[]> {
    const items = await this.queryAll({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': RUNNING_PK },
    });
    return Promise.all(items.map((item) => this.fromItem(item)));
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

  private async saveDefinition(definition: string): Promise<void> {
    const hash = hashOf(definition);
    if (this.definitions.has(hash)) return;
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...definitionKey(hash), definition } }),
    );
    this.definitions.set(hash, definition);
  }

  private async loadDefinition(hash: string): Promise<string> {
    const known = this.definitions.get(hash);
    if (known !== undefined) return known;
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: definitionKey(hash) }),
    );
    const definition = (Item?.definition as string | undefined) ?? '{}';
    this.definitions.set(hash, definition);
    return definition;
  }

  private async fromItem(item: Record<string, unknown>): Promise<ExecutionRecord> {
    const {
      PK: _pk,
      SK: _sk,
      GSI1PK: _g,
      GSI1SK: _gs,
      startDate,
      stopDate,
      redriveDate,
      definitionHash,
      outputItem,
      ...rest
    } = item as StoredRecord & Record<string, unknown>;
    const record = {
      ...(rest as Omit<ExecutionRecord, 'startDate' | 'definition'>),
      startDate: new Date(startDate),
      definition: await this.loadDefinition(definitionHash),
    } as ExecutionRecord;
    if (stopDate) record.stopDate = new Date(stopDate);
    if (redriveDate) record.redriveDate = new Date(redriveDate);
    if (outputItem) {
      const { Item } = await this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: outputKey(record.executionArn),
          ConsistentRead: true,
        }),
      );
      record.output = Item?.output as string;
    }
    return record;
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
