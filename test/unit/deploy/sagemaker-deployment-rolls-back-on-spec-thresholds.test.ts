import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  SageMakerClient,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { SageMakerDeployment } from '../../../lib/deploy/sagemaker-deployment';
import { deploymentSettings } from '../../helpers/model-router';

const sagemaker = mockClient(SageMakerClient);
const cloudWatch = mockClient(CloudWatchClient);
const SHA = 'ab'.repeat(32);
const endpoint = (EndpointConfigName: string) => ({
  EndpointName: 'churn',
  EndpointArn: 'arn:endpoint',
  EndpointStatus: 'InService' as const,
  EndpointConfigName,
  CreationTime: new Date(),
  LastModifiedTime: new Date(),
});
const dimensions = [
  { Name: 'EndpointName', Value: 'churn' },
  { Name: 'VariantName', Value: 'AllTraffic' },
];

describe('a SageMaker blue/green update', () => {
  it('puts the spec rollback thresholds as CloudWatch alarms and rolls back on them', async () => {
    sagemaker.on(DescribeModelCommand).resolves({});
    sagemaker.on(DescribeEndpointConfigCommand).resolves({});
    sagemaker
      .on(DescribeEndpointCommand)
      .resolvesOnce(endpoint('churn-v1-cdcdcdcdcdcd'))
      .resolves(endpoint('churn-v2-abababababab'));
    cloudWatch.on(PutMetricAlarmCommand).resolves({});
    const deployer = new SageMakerDeployment(new SageMakerClient({ region: 'eu-west-1' }), {
      roleArn: 'arn:aws:iam::123456789012:role/conveyor-sagemaker',
      dataCaptureS3Uri: 's3://acme-ml/capture/',
      rollbackAlarmNames: ['team-pager-alarm'],
      cloudWatch: new CloudWatchClient({ region: 'eu-west-1' }),
      sleep: async () => undefined,
    });

    await deployer.deploy({
      model: 'churn',
      version: 2,
      artifact: { uri: `s3://acme-ml/artifacts/sha256/${SHA}`, sha256: SHA },
      deployment: deploymentSettings({
        rollback: { maxErrorRate: 0.02, maxLatencyP99Ms: 300, minRequests: 50 },
      }),
      image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn-serve:1',
    });

    expect(cloudWatch).toHaveReceivedCommandWith(PutMetricAlarmCommand, {
      AlarmName: 'churn-conveyor-error-rate',
      Metrics: [
        {
          Id: 'errors',
          MetricStat: {
            Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocation5XXErrors', Dimensions: dimensions },
            Period: 60,
            Stat: 'Sum',
          },
          ReturnData: false,
        },
        {
          Id: 'invocations',
          MetricStat: {
            Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: dimensions },
            Period: 60,
            Stat: 'Sum',
          },
          ReturnData: false,
        },
        {
          Id: 'errorRate',
          Expression: 'IF(invocations >= 50, errors / invocations, 0)',
          Label: 'error rate',
          ReturnData: true,
        },
      ],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0.02,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
    expect(cloudWatch).toHaveReceivedCommandWith(PutMetricAlarmCommand, {
      AlarmName: 'churn-conveyor-latency-p99',
      Namespace: 'AWS/SageMaker',
      MetricName: 'ModelLatency',
      Dimensions: dimensions,
      ExtendedStatistic: 'p99',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 300_000,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(sagemaker).toHaveReceivedCommandWith(UpdateEndpointCommand, {
      DeploymentConfig: expect.objectContaining({
        AutoRollbackConfiguration: {
          Alarms: [
            { AlarmName: 'churn-conveyor-error-rate' },
            { AlarmName: 'churn-conveyor-latency-p99' },
            { AlarmName: 'team-pager-alarm' },
          ],
        },
      }),
    });
  });
});
