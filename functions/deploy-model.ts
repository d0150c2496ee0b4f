import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerDeployment } from '../lib/deploy/sagemaker-deployment';
import { type DeployRunModelDeps, deployRunModel } from '../lib/pipeline/deploy-run-model';
import { runTaskInput } from '../lib/pipeline/task-inputs';
import { requireEnv } from './_shared/env';
import { lazyHandler } from './_shared/lazy-handler';
import { cloudWatchMetrics } from './_shared/metrics';
import { createStateStoreFromEnv } from './_shared/state-store';
import { taskHandler } from './_shared/task-handler';

export const createDeps = (env: NodeJS.ProcessEnv = process.env): DeployRunModelDeps => {
  const { CONVEYOR_SAGEMAKER_ROLE_ARN, CONVEYOR_CAPTURE_BUCKET } = requireEnv(env, [
    'CONVEYOR_SAGEMAKER_ROLE_ARN',
    'CONVEYOR_CAPTURE_BUCKET',
  ]);
  return {
    store: createStateStoreFromEnv(env),
    target: new SageMakerDeployment(new SageMakerClient({}), {
      roleArn: CONVEYOR_SAGEMAKER_ROLE_ARN,
      dataCaptureS3Uri: `s3://${CONVEYOR_CAPTURE_BUCKET}/capture`,
      rollbackAlarmNames: [],
      cloudWatch: new CloudWatchClient({}),
    }),
    clock: () => new Date(),
    metrics: cloudWatchMetrics,
  };
};

export const makeHandler = (deps: DeployRunModelDeps) =>
  taskHandler('DeployModel', runTaskInput, (input) => deployRunModel(deps, input));

export const handler = lazyHandler(() => makeHandler(createDeps()));
