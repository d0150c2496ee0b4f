import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { S3ArtifactStore } from '../../lib/artifacts/s3-artifact-store';
import type { RunTrainingDeps } from '../../lib/pipeline/run-training';
import { s3ObjectReader } from '../../lib/training/s3-object-reader';
import { SageMakerTraining } from '../../lib/training/sagemaker-training';
import { s3Client } from './aws-clients';
import { requireEnv } from './env';
import { createStateStoreFromEnv } from './state-store';

/** Training on SageMaker; the job's model.tar.gz is copied into the content-addressed artifact store. */
export const createTrainingDeps = (env: NodeJS.ProcessEnv): RunTrainingDeps => {
  const { CONVEYOR_SAGEMAKER_ROLE_ARN, CONVEYOR_ARTIFACT_BUCKET } = requireEnv(env, [
    'CONVEYOR_SAGEMAKER_ROLE_ARN',
    'CONVEYOR_ARTIFACT_BUCKET',
  ]);
  const readObject = s3ObjectReader(s3Client());
  const artifacts = new S3ArtifactStore(s3Client(), {
    bucket: CONVEYOR_ARTIFACT_BUCKET,
    prefix: 'artifacts',
  });
  return {
    store: createStateStoreFromEnv(env),
    training: new SageMakerTraining(new SageMakerClient({}), {
      roleArn: CONVEYOR_SAGEMAKER_ROLE_ARN,
      outputS3Uri: `s3://${CONVEYOR_ARTIFACT_BUCKET}/training`,
      readObject,
    }),
    clock: () => new Date(),
    importArtifact: async (uri) => {
      const content = await readObject(uri);
      if (!content) throw new Error(`the training job's model ${uri} does not exist`);
      return artifacts.put(content);
    },
  };
};
