/**
 * The state store a command-line process uses, chosen by its environment (read once, validated):
 * CONVEYOR_TABLE_NAME names the DynamoDB table; DYNAMODB_ENDPOINT points at dynalite for the local
 * platform. There is no default table: a missing name is an error that says what to set.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvalidInputError } from '../../lib/errors/invalid-input-error';
import { createDocumentClient } from '../../lib/store/dynamodb/dynamo-table';
import { createDynamoDBStateStore } from '../../lib/store/dynamodb/dynamodb-state-store';
import type { StateStore } from '../../lib/store/ports';

export interface StateStoreConfig {
  tableName: string;
  endpoint?: string;
  region: string;
  /** Credentials for a local endpoint, which accepts any; AWS uses the default provider chain. */
  localCredentials: boolean;
}

const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;

export const readStateStoreConfig = (env: NodeJS.ProcessEnv): StateStoreConfig => {
  const tableName = env.CONVEYOR_TABLE_NAME?.trim();
  if (!tableName) {
    throw new InvalidInputError(
      'CONVEYOR_TABLE_NAME is not set: set it to the state table, and DYNAMODB_ENDPOINT to the local ' +
        "platform's endpoint (e.g. http://localhost:8000) when not using AWS",
    );
  }
  if (!TABLE_NAME.test(tableName)) {
    throw new InvalidInputError(
      `CONVEYOR_TABLE_NAME ${JSON.stringify(tableName)} is not a DynamoDB table name`,
    );
  }
  const endpoint = env.DYNAMODB_ENDPOINT?.trim() || undefined;
  if (endpoint && !/^https?:\/\/[^\s/]+/.test(endpoint)) {
    throw new InvalidInputError(`DYNAMODB_ENDPOINT ${JSON.stringify(endpoint)} is not an http(s) URL`);
  }
  return {
    tableName,
    ...(endpoint ? { endpoint } : {}),
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    localCredentials: Boolean(endpoint) && !env.AWS_ACCESS_KEY_ID,
  };
};

export const createStateStoreFromEnv = (env: NodeJS.ProcessEnv): StateStore => {
  const config = readStateStoreConfig(env);
  const client = new DynamoDBClient({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.localCredentials ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return createDynamoDBStateStore(createDocumentClient(client), config.tableName);
};
