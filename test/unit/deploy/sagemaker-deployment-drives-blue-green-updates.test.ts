import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  SageMakerClient,
  SageMakerServiceException,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { SageMakerDeployment } from '../../../lib/deploy/sagemaker-deployment';
import { DeploymentFailedError } from '../../../lib/errors/deployment-failed-error';
import { DeploymentRolledBackError } from '../../../lib/errors/deployment-rolled-back-error';
import { deploymentSettings } from '../../helpers/model-router';

const sagemaker = mockClient(SageMakerClient);
const SHA = 'ab'.repeat(32);
const NEW_CONFIG = 'churn-v2-abababababab';
const OLD_CONFIG = 'churn-v1-cdcdcdcdcdcd';

const notFound = (what: string) =>
  new SageMakerServiceException({
    name: 'ValidationException',
    message: `Could not find ${what}`,
    $fault: 'client',
    $metadata: {},
  });
const endpoint = (EndpointStatus: string, EndpointConfigName: string, FailureReason?: string) => ({
  EndpointName: 'churn',
  EndpointArn: 'arn:endpoint',
  EndpointStatus: EndpointStatus as never,
  EndpointConfigName,
  CreationTime: new Date(),
  LastModifiedTime: new Date(),
  ...(FailureReason ? { FailureReason } : {}),
});

const request = {
  model: 'churn',
  version: 2,
  artifact: { uri: `s3://acme-ml/artifacts/sha256/${SHA}`, sha256: SHA },
  deployment: deploymentSettings({
    strategy: 'canary',
    canary: { percent: 10, bake: 600 },
    instanceType: 'ml.m5.xlarge',
    instanceCount: 2,
    dataCapture: { samplingPercent: 20 },
  }),
  image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn-serve:1',
};

describe('SageMaker deployment', () => {
  const deployer = new SageMakerDeployment(new SageMakerClient({ region: 'eu-west-1' }), {
    roleArn: 'arn:aws:iam::123456789012:role/conveyor-sagemaker',
    dataCaptureS3Uri: 's3://acme-ml/capture/',
    rollbackAlarmNames: ['churn-5xx', 'churn-latency-p99'],
    sleep: async () => undefined,
  });

  beforeEach(() => {
    sagemaker.reset();
    sagemaker.on(DescribeModelCommand).rejects(notFound('model'));
    sagemaker.on(DescribeEndpointConfigCommand).rejects(notFound('endpoint configuration'));
  });

  it('creates the model, an endpoint config with data capture, and the endpoint on the first deployment', async () => {
    sagemaker
      .on(DescribeEndpointCommand)
      .rejectsOnce(notFound('endpoint'))
      .resolvesOnce(endpoint('Creating', NEW_CONFIG))
      .resolves(endpoint('InService', NEW_CONFIG));

    const outcome = await deployer.deploy(request);

    expect(outcome).toMatchObject({ model: 'churn', version: 2 });
    expect(sagemaker).toHaveReceivedCommandWith(CreateModelCommand, {
      ModelName: 'churn-v2',
      ExecutionRoleArn: 'arn:aws:iam::123456789012:role/conveyor-sagemaker',
      PrimaryContainer: { Image: request.image, ModelDataUrl: request.artifact.uri },
    });
    expect(sagemaker).toHaveReceivedCommandWith(CreateEndpointConfigCommand, {
      EndpointConfigName: NEW_CONFIG,
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: 'churn-v2',
          InitialInstanceCount: 2,
          InstanceType: 'ml.m5.xlarge',
          InitialVariantWeight: 1,
          ContainerStartupHealthCheckTimeoutInSeconds: 600,
        },
      ],
      DataCaptureConfig: {
        EnableCapture: true,
        InitialSamplingPercentage: 20,
        DestinationS3Uri: 's3://acme-ml/capture/',
        CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
        CaptureContentTypeHeader: { CsvContentTypes: ['text/csv'], JsonContentTypes: ['application/json'] },
      },
    });
    expect(sagemaker).toHaveReceivedCommandWith(CreateEndpointCommand, {
      EndpointName: 'churn',
      EndpointConfigName: NEW_CONFIG,
    });
    expect(sagemaker).not.toHaveReceivedCommand(UpdateEndpointCommand);
  });

  it('updates a serving endpoint with a blue/green canary and alarm-based auto-rollback', async () => {
    sagemaker
      .on(DescribeEndpointCommand)
      .resolvesOnce(endpoint('InService', OLD_CONFIG))
      .resolvesOnce(endpoint('Updating', OLD_CONFIG))
      .resolves(endpoint('InService', NEW_CONFIG));

    const outcome = await deployer.deploy(request);

    expect(outcome).toMatchObject({ version: 2, previousVersion: 1 });
    expect(sagemaker).toHaveReceivedCommandWith(UpdateEndpointCommand, {
      EndpointName: 'churn',
      EndpointConfigName: NEW_CONFIG,
      DeploymentConfig: {
        BlueGreenUpdatePolicy: {
          TrafficRoutingConfiguration: {
            Type: 'CANARY',
            CanarySize: { Type: 'CAPACITY_PERCENT', Value: 10 },
            WaitIntervalInSeconds: 600,
          },
          TerminationWaitInSeconds: 0,
          MaximumExecutionTimeoutInSeconds: 2400,
        },
        AutoRollbackConfiguration: {
          Alarms: [{ AlarmName: 'churn-5xx' }, { AlarmName: 'churn-latency-p99' }],
        },
      },
    });
  });

  it('maps linear and all-at-once strategies to SageMaker traffic routing', () => {
    const linear = deployer.deploymentConfig(
      deploymentSettings({ strategy: 'linear', linear: { stepPercent: 25, interval: 300 } }),
    );
    const allAtOnce = deployer.deploymentConfig(deploymentSettings({ strategy: 'all-at-once' }));

    expect(linear.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration).toEqual({
      Type: 'LINEAR',
      LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 25 },
      WaitIntervalInSeconds: 300,
    });
    expect(linear.BlueGreenUpdatePolicy?.MaximumExecutionTimeoutInSeconds).toBe(2700);
    expect(allAtOnce.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration).toEqual({
      Type: 'ALL_AT_ONCE',
      WaitIntervalInSeconds: 0,
    });
  });

  it('attaches to a deployment a previous attempt started instead of creating or updating anything', async () => {
    sagemaker.on(DescribeModelCommand).resolves({ ModelName: 'churn-v2' });
    sagemaker.on(DescribeEndpointConfigCommand).resolves({ EndpointConfigName: NEW_CONFIG });
    sagemaker
      .on(DescribeEndpointCommand)
      .resolvesOnce(endpoint('Updating', NEW_CONFIG))
      .resolves(endpoint('InService', NEW_CONFIG));

    await deployer.deploy(request);

    expect(sagemaker).not.toHaveReceivedCommand(CreateModelCommand);
    expect(sagemaker).not.toHaveReceivedCommand(CreateEndpointConfigCommand);
    expect(sagemaker).not.toHaveReceivedCommand(CreateEndpointCommand);
    expect(sagemaker).not.toHaveReceivedCommand(UpdateEndpointCommand);
  });

  it('reports an alarm-driven rollback as DeploymentRolledBackError', async () => {
    sagemaker
      .on(DescribeEndpointCommand)
      .resolvesOnce(endpoint('InService', OLD_CONFIG))
      .resolvesOnce(endpoint('Updating', OLD_CONFIG))
      .resolves(endpoint('InService', OLD_CONFIG, 'Alarm churn-5xx went into ALARM state'));

    await expect(deployer.deploy(request)).rejects.toThrow(DeploymentRolledBackError);
  });

  it('reports a failed endpoint as DeploymentFailedError with its reason', async () => {
    sagemaker
      .on(DescribeEndpointCommand)
      .rejectsOnce(notFound('endpoint'))
      .resolves(endpoint('Failed', NEW_CONFIG, 'The primary container did not pass the ping health check'));

    await expect(deployer.deploy(request)).rejects.toThrow(DeploymentFailedError);
    await expect(deployer.deploy(request)).rejects.toThrow(/did not pass the ping health check/);
  });
});
