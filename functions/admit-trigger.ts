import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import type { AdmissionDeps } from '../lib/events/admission/admission-deps';
import { handleTriggerEvent, type TriggerEventResult } from '../lib/events/admission/handle-trigger-event';
import { SfnPipelineStarter } from '../lib/events/admission/sfn-pipeline-starter';
import { SpecCatalog } from '../lib/events/admission/spec-catalog';
import { publishAll } from '../lib/events/publish/event-publisher';
import { EventBridgeEventPublisher } from '../lib/events/publish/eventbridge-event-publisher';
import { createDocumentClient } from '../lib/store/dynamodb/dynamo-table';
import { createDynamoDBStateStore } from '../lib/store/dynamodb/dynamodb-state-store';
import { readEnv } from './_shared/env';
import { libLogger, logger } from './_shared/logger';

export const createDeps = (env: NodeJS.ProcessEnv = process.env): AdmissionDeps => {
  const { CONVEYOR_TABLE_NAME, CONVEYOR_STATE_MACHINE_ARN, CONVEYOR_ENVIRONMENT } = readEnv(
    ['CONVEYOR_TABLE_NAME', 'CONVEYOR_STATE_MACHINE_ARN', 'CONVEYOR_ENVIRONMENT'],
    env,
  );
  const store = createDynamoDBStateStore(createDocumentClient(), CONVEYOR_TABLE_NAME);
  const publisher = new EventBridgeEventPublisher();
  return {
    store,
    specs: new SpecCatalog(store.models),
    starter: new SfnPipelineStarter(),
    stateMachine: CONVEYOR_STATE_MACHINE_ARN,
    environment: CONVEYOR_ENVIRONMENT,
    clock: () => new Date(),
    logger: libLogger,
    publish: async (entry) => {
      await publishAll(publisher, [entry]);
    },
  };
};

export const makeHandler = (deps: AdmissionDeps) =>
  middy<EventBridgeEvent<string, unknown>, TriggerEventResult>()
    .use(injectLambdaContext(logger, { correlationIdPath: 'id', resetKeys: true }))
    .handler((event) => handleTriggerEvent(event, deps));

export const handler = makeHandler(createDeps());
