import {
  CreateTrainingJobCommand,
  DescribeTrainingJobCommand,
  ResourceInUse,
  SageMakerClient,
  SageMakerServiceException,
  StopTrainingJobCommand,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { NotFoundError } from '../../../lib/errors/not-found-error';
import { SageMakerTraining } from '../../../lib/training/sagemaker-training';
import type { TrainingJobRequest } from '../../../lib/training/training-backend';

const sagemaker = mockClient(SageMakerClient);
const notFound = () =>
  new SageMakerServiceException({
    name: 'ValidationException',
    message: 'Requested resource not found.',
    $fault: 'client',
    $metadata: {},
  });

const request: TrainingJobRequest = {
  model: 'churn',
  runId: 'run-0001',
  training: {
    sagemaker: {
      image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn-train:1',
      instanceType: 'ml.m5.xlarge',
      instanceCount: 1,
      volumeSizeGb: 30,
      entryPoint: 'train.py',
    },
    hyperparameters: { epochs: 20, learning_rate: 0.05 },
    attempts: 1,
    timeout: 7200,
    metricsFile: 'metrics.json',
  },
  channels: { train: 's3://acme-ml/churn/train/', validation: 's3://acme-ml/churn/validation/' },
};

const completed = {
  TrainingJobName: 'churn-run-0001',
  TrainingJobStatus: 'Completed' as const,
  FinalMetricDataList: [{ MetricName: 'auc', Value: 0.81 }],
  ModelArtifacts: { S3ModelArtifacts: 's3://acme-ml/jobs/churn-run-0001/output/model.tar.gz' },
  HyperParameters: { epochs: '20' },
  TrainingStartTime: new Date('2026-11-26T10:00:00Z'),
  TrainingEndTime: new Date('2026-11-26T10:30:00Z'),
};

describe('SageMaker training', () => {
  const training = new SageMakerTraining(new SageMakerClient({ region: 'eu-west-1' }), {
    roleArn: 'arn:aws:iam::123456789012:role/conveyor-sagemaker',
    outputS3Uri: 's3://acme-ml/jobs/',
  });

  beforeEach(() => sagemaker.reset());

  it('creates the job under the name derived from the run, with the script-mode contract', async () => {
    sagemaker
      .on(DescribeTrainingJobCommand)
      .rejectsOnce(notFound())
      .resolves({ ...completed, TrainingJobStatus: 'InProgress' });
    sagemaker.on(CreateTrainingJobCommand).resolves({ TrainingJobArn: 'arn:job' });

    const job = await training.start(request);

    expect(job).toMatchObject({ jobName: 'churn-run-0001', status: 'InProgress' });
    expect(sagemaker).toHaveReceivedCommandWith(CreateTrainingJobCommand, {
      TrainingJobName: 'churn-run-0001',
      RoleArn: 'arn:aws:iam::123456789012:role/conveyor-sagemaker',
      AlgorithmSpecification: {
        TrainingImage: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn-train:1',
        TrainingInputMode: 'File',
      },
      HyperParameters: { epochs: '20', learning_rate: '0.05', sagemaker_program: 'train.py' },
      InputDataConfig: [
        {
          ChannelName: 'train',
          DataSource: {
            S3DataSource: {
              S3DataType: 'S3Prefix',
              S3Uri: 's3://acme-ml/churn/train/',
              S3DataDistributionType: 'FullyReplicated',
            },
          },
        },
        {
          ChannelName: 'validation',
          DataSource: {
            S3DataSource: {
              S3DataType: 'S3Prefix',
              S3Uri: 's3://acme-ml/churn/validation/',
              S3DataDistributionType: 'FullyReplicated',
            },
          },
        },
      ],
      OutputDataConfig: { S3OutputPath: 's3://acme-ml/jobs/' },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
      Environment: { CONVEYOR_METRICS_FILE: 'metrics.json' },
      StoppingCondition: { MaxRuntimeInSeconds: 7200 },
      Tags: [
        { Key: 'conveyor:model', Value: 'churn' },
        { Key: 'conveyor:run', Value: 'run-0001' },
      ],
    });
  });

  it('attaches to the job a previous attempt started instead of launching a second one', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(completed);

    const job = await training.start(request);

    expect(sagemaker).not.toHaveReceivedCommand(CreateTrainingJobCommand);
    expect(job).toEqual({
      jobName: 'churn-run-0001',
      status: 'Completed',
      metrics: { auc: 0.81 },
      artifact: { uri: 's3://acme-ml/jobs/churn-run-0001/output/model.tar.gz' },
      hyperparameters: { epochs: '20' },
      logTail: [],
      startedAt: '2026-11-26T10:00:00.000Z',
      endedAt: '2026-11-26T10:30:00.000Z',
    });
  });

  it('attaches when a concurrent start created the job first (ResourceInUse)', async () => {
    sagemaker.on(DescribeTrainingJobCommand).rejectsOnce(notFound()).resolves(completed);
    sagemaker
      .on(CreateTrainingJobCommand)
      .rejects(new ResourceInUse({ message: 'Training job names must be unique', $metadata: {} }));

    const job = await training.start(request);

    expect(job.status).toBe('Completed');
    expect(sagemaker).toHaveReceivedCommandTimes(CreateTrainingJobCommand, 1);
  });

  it('stops a running job and reports a missing one as not found', async () => {
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: 'churn-run-0001' }).resolves({
      ...completed,
      TrainingJobStatus: 'InProgress',
    });
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: 'churn-missing' }).rejects(notFound());
    sagemaker.on(StopTrainingJobCommand).resolves({});

    await training.stop('churn-run-0001');

    expect(sagemaker).toHaveReceivedCommandWith(StopTrainingJobCommand, {
      TrainingJobName: 'churn-run-0001',
    });
    await expect(training.describe('churn-missing')).rejects.toBeInstanceOf(NotFoundError);
  });
});
