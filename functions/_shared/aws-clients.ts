/**
 * SDK clients, one of each per cold start, built when a function first asks for it, so that a
 * function loads only the clients it uses.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { publishAll } from '../../lib/events/publish/event-publisher';
import { EventBridgeEventPublisher } from '../../lib/events/publish/eventbridge-event-publisher';
import type { PublishEvent } from '../../lib/pipeline/publish-event';

let s3: S3Client | undefined;
export const s3Client = (): S3Client => {
  s3 ??= new S3Client({});
  return s3;
};

/** Publishes one outcome event on the default bus, failing when EventBridge refuses it. */
export const eventBridgePublish = (): PublishEvent => {
  const publisher = new EventBridgeEventPublisher(new EventBridgeClient({}));
  return async (entry) => {
    await publishAll(publisher, [entry]);
  };
};
