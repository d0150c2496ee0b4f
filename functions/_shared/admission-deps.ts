import { InvalidInputError } from '../../lib/errors/invalid-input-error';
import type { AdmissionDeps } from '../../lib/events/admission/admission-deps';
import { SfnPipelineStarter } from '../../lib/events/admission/sfn-pipeline-starter';
import { SpecCatalog } from '../../lib/events/admission/spec-catalog';
import type { Logger } from '../../lib/events/logger';
import { publishAll } from '../../lib/events/publish/event-publisher';
import { EventBridgeEventPublisher } from '../../lib/events/publish/eventbridge-event-publisher';
import { createStateStoreFromEnv } from './state-store';

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
