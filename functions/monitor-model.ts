import { S3ArtifactStore } from '../lib/artifacts/s3-artifact-store';
import { S3CaptureSource } from '../lib/monitoring/s3-capture-source';
import { type MonitorModelDeps, monitorModel } from '../lib/pipeline/monitor-model';
import { monitorModelInput } from '../lib/pipeline/task-inputs';
import { s3Client } from './_shared/aws-clients';
import { requireEnv } from './_shared/env';
import { lazyHandler } from './_shared/lazy-handler';
import { cloudWatchMetrics } from './_shared/metrics';
import { createStateStoreFromEnv } from './_shared/state-store';
import { taskHandler } from './_shared/task-handler';

export const createDeps = (env: NodeJS.ProcessEnv = process.env): MonitorModelDeps => {
  const { CONVEYOR_ARTIFACT_BUCKET, CONVEYOR_CAPTURE_BUCKET, CONVEYOR_ENVIRONMENT } = requireEnv(env, [
    'CONVEYOR_ARTIFACT_BUCKET',
    'CONVEYOR_CAPTURE_BUCKET',
    'CONVEYOR_ENVIRONMENT',
  ]);
  return {
    store: createStateStoreFromEnv(env),
    captures: new S3CaptureSource(s3Client(), CONVEYOR_CAPTURE_BUCKET, 'capture'),
    artifacts: new S3ArtifactStore(s3Client(), { bucket: CONVEYOR_ARTIFACT_BUCKET, prefix: 'artifacts' }),
    environment: CONVEYOR_ENVIRONMENT,
    clock: () => new Date(),
    metrics: cloudWatchMetrics,
  };
};

export const makeHandler = (deps: MonitorModelDeps) =>
  taskHandler('MonitorModel', monitorModelInput, (input) => monitorModel(deps, input));

export const handler = lazyHandler(() => makeHandler(createDeps()));
