/**
 * A GitHub webhook delivery, from raw request to Code Pushed event:
 * 413 when the body is over the limit, 401 (no detail) when the signature is missing or wrong,
 * 202 for deliveries Conveyor does not act on (ping, other events, branch deletions),
 * 202 with the event id once a push is published. Neither the secret nor the signature is logged.
 */
import * as z from 'zod';
import { CodePushed, entryFor } from '../contracts';
import type { Logger } from '../logger';
import { type EventPublisher, publishAll } from '../publish/event-publisher';
import { verifyGitHubSignature } from './verify-signature';
import type { WebhookSecretSource } from './webhook-secret';

export interface WebhookRequest {
  headers: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
}

export interface WebhookResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface GitHubWebhookDeps {
  secret: WebhookSecretSource;
  publisher: EventPublisher;
  logger: Logger;
  /** Largest body accepted, in bytes (GitHub caps payloads at 25 MB; pushes are far smaller). */
  maxBodyBytes?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
// A push names at most this many files in its event, to stay well inside PutEvents' 256 KB.
const MAX_CHANGED_FILES = 2000;
const ZERO_COMMIT = /^0+$/;

const pushPayload = z.object({
  ref: z.string(),
  before: z.string().optional(),
  after: z.string(),
  deleted: z.boolean().optional(),
  repository: z.object({ full_name: z.string() }),
  pusher: z.object({ name: z.string() }).optional(),
  commits: z
    .array(
      z.object({
        added: z.array(z.string()).default([]),
        modified: z.array(z.string()).default([]),
        removed: z.array(z.string()).default([]),
      }),
    )
    .default([]),
});

const respond = (statusCode: number, body: Record<string, unknown>): WebhookResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const header = (headers: WebhookRequest['headers'], name: string): string | undefined => {
  const wanted = name.toLowerCase();
  return Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
};

export const handleGitHubWebhook = async (
  request: WebhookRequest,
  deps: GitHubWebhookDeps,
): Promise<WebhookResponse> => {
  const body = Buffer.from(request.body ?? '', request.isBase64Encoded ? 'base64' : 'utf8');
  if (body.length > (deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES))
    return respond(413, { message: 'Payload Too Large' });
  const signature = header(request.headers, 'x-hub-signature-256');
  if (!verifyGitHubSignature(body, signature, await deps.secret.getSecret())) {
    return respond(401, { message: 'Unauthorized' });
  }
  const githubEvent = header(request.headers, 'x-github-event') ?? '';
  const deliveryId = header(request.headers, 'x-github-delivery');
  if (githubEvent !== 'push') {
    deps.logger.info('ignored webhook event', { githubEvent, deliveryId });
    return respond(202, { message: 'ignored', event: githubEvent });
  }
  let payload: z.output<typeof pushPayload>;
  try {
    payload = pushPayload.parse(JSON.parse(body.toString('utf8')));
  } catch {
    return respond(400, { message: 'the push payload is not valid JSON of a GitHub push' });
  }
  if (payload.deleted || ZERO_COMMIT.test(payload.after)) {
    return respond(202, { message: 'ignored', event: 'push', reason: 'the push deletes a ref' });
  }
  const changed = new Set(payload.commits.flatMap((c) => [...c.added, ...c.modified, ...c.removed]));
  const [eventId] = await publishAll(deps.publisher, [
    entryFor(CodePushed, {
      repository: payload.repository.full_name,
      ref: payload.ref,
      before: payload.before,
      commit: payload.after,
      changedFiles: [...changed].slice(0, MAX_CHANGED_FILES),
      pusher: payload.pusher?.name,
      deliveryId,
    }),
  ]);
  deps.logger.info('push published', {
    deliveryId,
    repository: payload.repository.full_name,
    eventId,
    files: changed.size,
  });
  return respond(202, { message: 'accepted', eventId });
};
