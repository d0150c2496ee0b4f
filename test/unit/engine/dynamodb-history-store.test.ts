import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DynamoDbHistoryStore } from '../../../lib/engine/dynamodb-history-store';
import type { HistoryRecord } from '../../../lib/engine/history';

const arn = 'arn:aws:states:us-east-1:123456789012:execution:m:e';
const record = (id: number, input = '{}'): HistoryRecord => ({
  event: {
    id,
    previousEventId: id - 1,
    type: 'PassStateEntered',
    timestamp: new Date('2026-01-01T00:00:00Z'),
    stateEnteredEventDetails: { name: 'P', input },
  },
  scope: '',
});

describe('DynamoDbHistoryStore', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  const store = new DynamoDbHistoryStore(ddb as unknown as DynamoDBDocumentClient, 'table');

  beforeEach(() => ddb.reset());

  it('writes a batch of events as one conditional item keyed by its first event id', async () => {
    // Act
    await store.appendHistory(arn, [record(7), record(8)]);

    // Assess
    expect(ddb).toHaveReceivedCommandTimes(PutCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      TableName: 'table',
      Item: expect.objectContaining({ PK: `EXEC#${arn}`, SK: 'EVENT#000000007' }),
      ConditionExpression: 'attribute_not_exists(PK)',
    });
  });

  it('splits batches larger than an item into consecutive conditional items', async () => {
    // Prepare: three events of ~120 KB each exceed one 350 KB item
    const big = 'x'.repeat(60_000);

    // Act
    await store.appendHistory(arn, [record(1, big), record(2, big), record(3, big)]);

    // Assess
    const keys = ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item?.SK);
    expect(keys).toEqual(['EVENT#000000001', 'EVENT#000000003']);
  });

  it('turns a lost conditional put into HistoryConflictError', async () => {
    // Prepare
    ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'taken', $metadata: {} }));

    // Act
    const append = store.appendHistory(arn, [record(1)]);

    // Assess
    await expect(append).rejects.toMatchObject({ name: 'HistoryConflictError' });
  });

  it('reads batches back in order with dates revived', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({
      Items: [{ records: JSON.stringify([record(1), record(2)]) }, { records: JSON.stringify([record(3)]) }],
    });

    // Act
    const history = await store.readHistory(arn);

    // Assess
    expect(history.map((r) => r.event.id)).toEqual([1, 2, 3]);
    expect(history[0]?.event.timestamp).toEqual(new Date('2026-01-01T00:00:00Z'));
  });

  it('returns the existing execution instead of overwriting it', async () => {
    // Prepare
    const existing = {
      executionArn: arn,
      stateMachineArn: 'sm',
      name: 'e',
      status: 'RUNNING',
      startDate: '2026-01-01T00:00:00.000Z',
      input: '{}',
      redriveCount: 0,
      definition: '{}',
    };
    ddb
      .on(PutCommand, { ConditionExpression: 'attribute_not_exists(PK)' })
      .rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    ddb.on(GetCommand).resolves({ Item: existing });

    // Act
    const result = await store.createExecution({ ...existing, status: 'RUNNING', startDate: new Date() });

    // Assess
    expect(result).toMatchObject({ name: 'e', startDate: new Date('2026-01-01T00:00:00Z') });
  });
});
