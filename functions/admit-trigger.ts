import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import type { AdmissionDeps } from '../lib/events/admission/admission-deps';
import { handleTriggerEvent, type TriggerEventResult } from '../lib/events/admission/handle-trigger-event';
import { createAdmissionDeps } from './_shared/admission-deps';
import { libLogger, logger } from './_shared/logger';

export const createDeps = (env: NodeJS.ProcessEnv = process.env): AdmissionDeps =>
  createAdmissionDeps(env, libLogger);

export const makeHandler = (deps: AdmissionDeps) =>
  middy<EventBridgeEvent<string, unknown>, TriggerEventResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler((event) => {
      logger.appendKeys({ eventId: event.id, source: event.source, detailType: event['detail-type'] });
      return handleTriggerEvent(event, deps);
    });

export const handler = makeHandler(createDeps());
