import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { SFNClient } from '@aws-sdk/client-sfn';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { approvalErrorStatus, parseApprovalRequest } from '../lib/pipeline/approval-http';
import { type DecideApprovalDeps, decideApproval } from '../lib/pipeline/decide-approval';
import { SfnApprovalCallbacks } from '../lib/pipeline/sfn-approval-callbacks';
import { lazyHandler } from './_shared/lazy-handler';
import { logger } from './_shared/logger';
import { createStateStoreFromEnv } from './_shared/state-store';

export const createDeps = (env: NodeJS.ProcessEnv = process.env): DecideApprovalDeps => ({
  store: createStateStoreFromEnv(env),
  callbacks: new SfnApprovalCallbacks(new SFNClient({})),
  clock: () => new Date(),
});

const json = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** POST /runs/{runId}/approval behind IAM authorisation: the caller is the signed request's identity. */
export const makeHandler = (deps: DecideApprovalDeps) =>
  middy<APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      try {
        const body = event.isBase64Encoded
          ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
          : event.body;
        const request = parseApprovalRequest(
          event.pathParameters?.runId,
          event.requestContext.authorizer?.iam?.userArn,
          body,
        );
        logger.appendKeys({ runId: request.runId, caller: request.caller });
        return json(200, await decideApproval(deps, request));
      } catch (error) {
        const { status, message } = approvalErrorStatus(error);
        if (status === 500) logger.error('approval failed', { error: error as Error });
        else logger.warn('approval refused', { status, message });
        return json(status, { message });
      }
    });

export const handler = lazyHandler(() => makeHandler(createDeps()));
