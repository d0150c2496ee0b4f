import { S3ArtifactStore } from '../lib/artifacts/s3-artifact-store';
import { S3DataLocator } from '../lib/data/s3-data-location';
import { runTaskInput } from '../lib/pipeline/task-inputs';
import { type ValidateRunDataDeps, validateRunData } from '../lib/pipeline/validate-run-data';
import { s3Client } from './_shared/aws-clients';
import { requireEnv } from './_shared/env';
import { lazyHandler } from './_shared/lazy-handler';
import { createStateStoreFromEnv } from './_shared/state-store';
import { taskHandler } from './_shared/task-handler';

export const createDeps = (env: NodeJS.ProcessEnv = process.env): ValidateRunDataDeps => {
  const { CONVEYOR_ARTIFACT_BUCKET } = requireEnv(env, ['CONVEYOR_ARTIFACT_BUCKET']);
  return {
    store: createStateStoreFromEnv(env),
    data: new S3DataLocator(s3Client()),
    artifacts: new S3ArtifactStore(s3Client(), { bucket: CONVEYOR_ARTIFACT_BUCKET, prefix: 'artifacts' }),
    clock: () => new Date(),
  };
};

export const makeHandler = (deps: ValidateRunDataDeps) =>
  taskHandler('ValidateData', runTaskInput, (input) => validateRunData(deps, input));

export const handler = lazyHandler(() => makeHandler(createDeps()));
