import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvalidInputError } from '../../errors/invalid-input-error';
import { createDocumentClient } from '../../store/dynamodb/dynamo-table';
import { createDynamoDBStateStore } from '../../store/dynamodb/dynamodb-state-store';
import type { StateStore } from '../../store/ports';
import type { Logger } from '../logger';
import { publishAll } from '../publish/event-publisher';
import { EventBridgeEventPublisher } from '../publish/eventbridge-event-publisher';
import type { AdmissionDeps } from './admission-deps';
import { SfnPipelineStarter } from './sfn-pipeline-starter';
import { SpecCatalog } from './spec-catalog';

const required = (env: NodeJS.ProcessEnv, names: readonly string[]): string[] => {
  const missing = names.filter((name) => !env[name]);
  if (missing.length) throw new InvalidInputError(`missing environment variable(s): ${missing.join(', ')}`);
  return names.map((name) => env[name] as string);
};

/**
 * The state store named by CONVEYOR_TABLE_NAME; DYNAMODB_ENDPOINT points it at dynalite for the
 * local platform (AWS otherwise).
 */
export const storeFromEnv = (env: NodeJS.ProcessEnv): StateStore => {
  const [tableName] = required(env, ['CONVEYOR_TABLE_NAME']);
  // dynalite takes any region and credentials; AWS uses the default chain.
  const client = new DynamoDBClient(
    env.DYNAMODB_ENDPOINT
      ? {
          endpoint: env.DYNAMODB_ENDPOINT,
          region: env.AWS_REGION ?? 'us-east-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {},
  );
  return createDynamoDBStateStore(createDocumentClient(client), tableName as string);
};

/**
 * Admission wired to AWS: DynamoDB, Step Functions, EventBridge. Reads CONVEYOR_TABLE_NAME,
 * CONVEYOR_STATE_MACHINE_ARN and CONVEYOR_ENVIRONMENT once; a missing one fails with its name.
 */
export const createAdmissionDeps = (env: NodeJS.ProcessEnv, logger: Logger): AdmissionDeps => {
  const [, stateMachine, environment] = required(env, [
    'CONVEYOR_TABLE_NAME',
    'CONVEYOR_STATE_MACHINE_ARN',
    'CONVEYOR_ENVIRONMENT',
  ]);
  const store = storeFromEnv(env);
  const publisher = new EventBridgeEventPublisher();
  return {
    store,
    specs: new SpecCatalog(store.models),
    starter: new SfnPipelineStarter(),
    stateMachine: stateMachine as string,
    environment: environment as string,
    clock: () => new Date(),
    logger,
    publish: async (entry) => {
      await publishAll(publisher, [entry]);
    },
  };
};
