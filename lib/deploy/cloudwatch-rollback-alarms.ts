/**
 * The spec's rollback thresholds as CloudWatch alarms on a SageMaker endpoint variant, for a blue/green
 * update's AutoRollbackConfiguration: the 5XX error rate (metric math over Invocation5XXErrors and
 * Invocations, judged only in minutes with at least `minRequests` invocations) and the p99
 * ModelLatency (which SageMaker reports in microseconds). PutMetricAlarm creates or replaces, so
 * putting them before every deployment keeps them in step with the spec.
 */
import { type CloudWatchClient, type Dimension, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import type { DeploymentSettings } from './deployment-target';

export interface RollbackAlarmsRequest {
  endpointName: string;
  variantName: string;
  rollback: DeploymentSettings['rollback'];
}

const PERIOD_SECONDS = 60;

const metric = (id: string, name: string, dimensions: Dimension[]) => ({
  Id: id,
  MetricStat: {
    Metric: { Namespace: 'AWS/SageMaker', MetricName: name, Dimensions: dimensions },
    Period: PERIOD_SECONDS,
    Stat: 'Sum',
  },
  ReturnData: false,
});

/** Puts the alarms and returns their names. */
export const putRollbackAlarms = async (
  client: CloudWatchClient,
  request: RollbackAlarmsRequest,
): Promise<string[]> => {
  const { endpointName, variantName, rollback } = request;
  const dimensions = [
    { Name: 'EndpointName', Value: endpointName },
    { Name: 'VariantName', Value: variantName },
  ];
  const errorRate = `${endpointName}-conveyor-error-rate`;
  await client.send(
    new PutMetricAlarmCommand({
      AlarmName: errorRate,
      AlarmDescription: `Conveyor rollback: 5XX error rate of ${endpointName} above ${rollback.maxErrorRate}`,
      Metrics: [
        metric('errors', 'Invocation5XXErrors', dimensions),
        metric('invocations', 'Invocations', dimensions),
        {
          Id: 'errorRate',
          Expression: `IF(invocations >= ${rollback.minRequests}, errors / invocations, 0)`,
          Label: 'error rate',
          ReturnData: true,
        },
      ],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: rollback.maxErrorRate,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    }),
  );
  if (rollback.maxLatencyP99Ms === undefined) return [errorRate];
  const latency = `${endpointName}-conveyor-latency-p99`;
  await client.send(
    new PutMetricAlarmCommand({
      AlarmName: latency,
      AlarmDescription: `Conveyor rollback: p99 model latency of ${endpointName} above ${rollback.maxLatencyP99Ms}ms`,
      Namespace: 'AWS/SageMaker',
      MetricName: 'ModelLatency',
      Dimensions: dimensions,
      ExtendedStatistic: 'p99',
      Period: PERIOD_SECONDS,
      EvaluationPeriods: 1,
      Threshold: rollback.maxLatencyP99Ms * 1000,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    }),
  );
  return [errorRate, latency];
};
