import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { InvalidInputError } from '../lib/errors/invalid-input-error';
import { type GitHubWebhookDeps, handleGitHubWebhook } from '../lib/events/github/handle-github-webhook';
import { SecretsManagerWebhookSecret } from '../lib/events/github/secrets-manager-webhook-secret';
import { EventBridgeEventPublisher } from '../lib/events/publish/eventbridge-event-publisher';
import { libLogger, logger } from './_shared/logger';

export const createDeps = (env: NodeJS.ProcessEnv = process.env): GitHubWebhookDeps => {
  const { CONVEYOR_GITHUB_SECRET_ID } = env;
  if (!CONVEYOR_GITHUB_SECRET_ID)
    throw new InvalidInputError('missing environment variable: CONVEYOR_GITHUB_SECRET_ID');
  return {
    secret: new SecretsManagerWebhookSecret(CONVEYOR_GITHUB_SECRET_ID),
    publisher: new EventBridgeEventPublisher(),
    logger: libLogger,
  };
};

export const makeHandler = (deps: GitHubWebhookDeps) =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      try {
        return await handleGitHubWebhook(
          { headers: event.headers, body: event.body, isBase64Encoded: event.isBase64Encoded },
          deps,
        );
      } catch (error) {
        // Whatever failed, the caller learns nothing about it; GitHub shows the delivery as failed.
        logger.error('webhook failed', { error: error as Error });
        return {
          statusCode: 500,
          headers: { 'content-type': 'application/json' },
          body: '{"message":"Internal Server Error"}',
        };
      }
    });

export const handler = makeHandler(createDeps());
