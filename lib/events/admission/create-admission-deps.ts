import { InvalidInputError } from '../../errors/invalid-input-error';
import { createStateStoreFromEnv } from '../../store/create-state-store';
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
 * Admission wired to AWS: DynamoDB, Step Functions, EventBridge. Reads CONVEYOR_TABLE_NAME,
 * CONVEYOR_STATE_MACHINE_ARN and CONVEYOR_ENVIRONMENT once; a missing one fails with its name.
 */
export const createAdmissionDeps = (env: NodeJS.ProcessEnv, logger: Logger): AdmissionDeps => {
  const [, stateMachine, environment] = required(env, [
    'CONVEYOR_TABLE_NAME',
    'CONVEYOR_STATE_MACHINE_ARN',
    'CONVEYOR_ENVIRONMENT',
  ]);
  const store = createStateStoreFromEnv(env);
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
