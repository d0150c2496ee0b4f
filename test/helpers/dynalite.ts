// Tables on the dynalite server that the integration project's global setup started.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readServerlessConfig } from '../../lib/config/serverless-config';
import { createDocumentClient } from '../../lib/store/dynamodb/dynamo-table';
import { ensureTable, stateTableDefinition } from '../../lib/store/table-definition';

export const dynaliteClient = (): DynamoDBClient => {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('DYNAMODB_ENDPOINT is not set: run this test in the integration project');
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
};

/** A fresh state table, declared by serverless.yml, under a unique name. */
export const createStateTable = async (client = dynaliteClient()) => {
  const tableName = `test-${randomUUID()}`;
  const config = await readServerlessConfig(join(__dirname, '../../serverless.yml'));
  await ensureTable(client, tableName, stateTableDefinition(config));
  return { client, documentClient: createDocumentClient(client), tableName };
};
