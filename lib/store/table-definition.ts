/**
 * The state table as `serverless.yml` declares it (resource `StateTable`), turned into a CreateTable
 * request, so dynalite gets exactly the keys and indexes AWS gets. Settings dynalite does not have
 * (TTL, point-in-time recovery, encryption) are left to AWS; Conveyor checks expiry itself.
 */
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  ResourceInUseException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import type { ServerlessConfig } from '../config/serverless-config';
import { InvalidInputError } from '../errors/invalid-input-error';

export const STATE_TABLE_RESOURCE = 'StateTable';

export type TableDefinition = Omit<CreateTableCommandInput, 'TableName'>;

export const stateTableDefinition = (config: ServerlessConfig): TableDefinition => {
  const resource = config.resources?.Resources?.[STATE_TABLE_RESOURCE];
  if (resource?.Type !== 'AWS::DynamoDB::Table' || !resource.Properties) {
    throw new InvalidInputError(
      `serverless.yml: resources.Resources.${STATE_TABLE_RESOURCE} must be an AWS::DynamoDB::Table`,
    );
  }
  const { AttributeDefinitions, KeySchema, GlobalSecondaryIndexes, BillingMode } = resource.Properties;
  return { AttributeDefinitions, KeySchema, GlobalSecondaryIndexes, BillingMode } as TableDefinition;
};

/** Creates the table unless it exists already, and waits until it is active. */
export const ensureTable = async (client: DynamoDBClient, tableName: string, definition: TableDefinition) => {
  try {
    await client.send(new CreateTableCommand({ ...definition, TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1 }, { TableName: tableName });
};
