// Tables on a dynalite server: by default the one the integration project's global setup started.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readServerlessConfig } from '../../lib/config/serverless-config';
import { createDocumentClient } from '../../lib/store/dynamodb/dynamo-table';
import { ensureTable, stateTableDefinition } from '../../lib/store/table-definition';

export const dynaliteClient = (endpoint = process.env.DYNAMODB_ENDPOINT): DynamoDBClient => {
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
  // From the project root: npm scripts (tests, benches) run there, and bundled benches have no __dirname of their own.
  const config = await readServerlessConfig(join(process.cwd(), 'serverless.yml'));
  await ensureTable(client, tableName, stateTableDefinition(config));
  return { client, documentClient: createDocumentClient(client), tableName };
};
