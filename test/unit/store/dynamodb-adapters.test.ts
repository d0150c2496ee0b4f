import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { InvalidRunTransitionError } from '../../../lib/errors/invalid-run-transition-error';
import { LeaseHeldError } from '../../../lib/errors/lease-held-error';
import { createDocumentClient, DynamoTable } from '../../../lib/store/dynamodb/dynamo-table';
import { DynamoDBLeaseRepository } from '../../../lib/store/dynamodb/dynamodb-lease-repository';
import { DynamoDBRunRepository } from '../../../lib/store/dynamodb/dynamodb-run-repository';

const documentClient = mockClient(DynamoDBDocumentClient);
const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const now = new Date('2026-11-26T10:00:00.000Z');

describe('DynamoDB adapters', () => {
  const table = new DynamoTable(
    createDocumentClient(new DynamoDBClient({ region: 'us-east-1' })),
    'conveyor-test-state',
  );

  beforeEach(() => {
    documentClient.reset();
    documentClient.on(GetCommand).resolves({});
  });

  it('acquires a lease with a condition that admits only a free, expired or own lease', async () => {
    documentClient.on(PutCommand).resolves({});

    await new DynamoDBLeaseRepository(table).acquire({
      model: 'churn',
      environment: 'prod',
      holder: 'run-1',
      ttlMs: 60_000,
      now,
    });

    expect(documentClient).toHaveReceivedCommandWith(PutCommand, {
      TableName: 'conveyor-test-state',
      Item: {
        PK: 'MODEL#churn',
        SK: 'LEASE#prod',
        model: 'churn',
        environment: 'prod',
        holder: 'run-1',
        acquiredAt: now.toISOString(),
        renewedAt: now.toISOString(),
        expiresAtMs: now.getTime() + 60_000,
        expiresAt: Math.ceil((now.getTime() + 60_000) / 1000),
      },
      ConditionExpression: 'attribute_not_exists(PK) OR expiresAtMs <= :now OR holder = :holder',
      ExpressionAttributeValues: { ':now': now.getTime(), ':holder': 'run-1' },
    });
  });

  it('translates a failed lease condition into LeaseHeldError', async () => {
    documentClient.on(PutCommand).rejects(conditionFailed());

    await expect(
      new DynamoDBLeaseRepository(table).acquire({
        model: 'churn',
        environment: 'prod',
        holder: 'run-2',
        ttlMs: 1,
        now,
      }),
    ).rejects.toBeInstanceOf(LeaseHeldError);
  });

  it('moves a run only from the statuses that allow the target status', async () => {
    documentClient
      .on(UpdateCommand)
      .resolves({ Attributes: { PK: 'RUN#r1', SK: 'RUN', runId: 'r1', status: 'SUCCEEDED' } });

    const run = await new DynamoDBRunRepository(table).transitionRun('r1', 'SUCCEEDED', now);

    expect(run).toEqual({ runId: 'r1', status: 'SUCCEEDED' });
    expect(documentClient).toHaveReceivedCommandWith(UpdateCommand, {
      Key: { PK: 'RUN#r1', SK: 'RUN' },
      ConditionExpression: 'attribute_exists(PK) AND #status IN (:from0)',
      ExpressionAttributeValues: expect.objectContaining({
        ':from0': 'RUNNING',
        ':set0': 'SUCCEEDED',
        ':set1': now.toISOString(),
      }),
    });
  });

  it('reports the current status when a run transition is refused', async () => {
    documentClient.on(UpdateCommand).rejects(conditionFailed());
    documentClient
      .onAnyCommand()
      .resolves({ Item: { PK: 'RUN#r1', SK: 'RUN', runId: 'r1', status: 'FAILED' } });
    documentClient.on(UpdateCommand).rejects(conditionFailed());

    const failure = new DynamoDBRunRepository(table).transitionRun('r1', 'RUNNING', now);

    await expect(failure).rejects.toBeInstanceOf(InvalidRunTransitionError);
    await expect(failure).rejects.toThrow('run r1 cannot move from FAILED to RUNNING');
  });

  it('passes other DynamoDB errors through untranslated', async () => {
    documentClient.on(PutCommand).rejects(new Error('ProvisionedThroughputExceededException'));

    await expect(table.put({ PK: 'a', SK: 'b' })).rejects.toThrow('ProvisionedThroughputExceededException');
  });
});
