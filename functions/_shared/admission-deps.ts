import type { AdmissionDeps } from '../../lib/events/admission/admission-deps';
import { SfnPipelineStarter } from '../../lib/events/admission/sfn-pipeline-starter';
import { SpecCatalog } from '../../lib/events/admission/spec-catalog';
import type { Logger } from '../../lib/events/logger';
import { publishAll } from '../../lib/events/publish/event-publisher';
import { EventBridgeEventPublisher } from '../../lib/events/publish/eventbridge-event-publisher';
import { requireEnv } from './env';
import { createStateStoreFromEnv } from './state-store';

/**
 * Admission wired to AWS: DynamoDB, Step Functions, EventBridge. Reads CONVEYOR_TABLE_NAME,
 * CONVEYOR_STATE_MACHINE_ARN and CONVEYOR_ENVIRONMENT once; a missing one fails with its name.
 */
export const createAdmissionDeps = (env: NodeJS.ProcessEnv, logger: Logger): AdmissionDeps => {
  const { CONVEYOR_STATE_MACHINE_ARN: stateMachine, CONVEYOR_ENVIRONMENT: environment } = requireEnv(env, [
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
    stateMachine,
    environment,
    clock: () => new Date(),
    logger,
    publish: async (entry) => {
      await publishAll(publisher, [entry]);
    },
  };
};
