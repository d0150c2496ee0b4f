/**
 * Deployment to a SageMaker real-time endpoint. Each version gets its own model and endpoint config
 * (with data capture); the endpoint is created on the first deployment and updated afterwards with a
 * blue/green DeploymentConfig whose traffic routing follows the spec's strategy, and whose
 * AutoRollbackConfiguration names the CloudWatch alarms that roll it back. Every step describes before
 * it creates, so a retried deployment attaches to what exists instead of failing or duplicating it.
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  type DeploymentConfig,
  DescribeEndpointCommand,
  type DescribeEndpointCommandOutput,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  type SageMakerClient,
  type TrafficRoutingConfig,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { DeploymentFailedError } from '../errors/deployment-failed-error';
import { DeploymentRolledBackError } from '../errors/deployment-rolled-back-error';
import { InvalidInputError } from '../errors/invalid-input-error';
import { sageMakerName } from '../training/job-name';
import { isSageMakerNotFound } from '../training/sagemaker-errors';
import { putRollbackAlarms } from './cloudwatch-rollback-alarms';
import {
  type DeploymentOutcome,
  type DeploymentTarget,
  type DeployRequest,
  trafficSteps,
} from './deployment-target';

export interface SageMakerDeploymentOptions {
  /** Role SageMaker assumes to pull the image and the model. */
  roleArn: string;
  /** `s3://` prefix data capture writes to. */
  dataCaptureS3Uri: string;
  /** Further CloudWatch alarms that roll a blue/green update back. */
  rollbackAlarmNames: string[];
  /** When given, the spec's rollback thresholds are put as alarms (see cloudwatch-rollback-alarms.ts). */
  cloudWatch?: CloudWatchClient;
  /** Endpoint of a model; the model's name by default. */
  endpointName?: (model: string) => string;
  pollIntervalMs?: number;
  /** Longest wait for the endpoint to settle. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const VARIANT = 'AllTraffic';
const SETTLED = new Set(['InService', 'Failed', 'OutOfService', 'UpdateRollbackFailed']);
const MIN_EXECUTION_TIMEOUT = 600;
const MAX_EXECUTION_TIMEOUT = 14_400;
const MAX_WAIT_INTERVAL = 3600;

export class SageMakerDeployment implements DeploymentTarget {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly client: SageMakerClient,
    private readonly options: SageMakerDeploymentOptions,
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async deploy(request: DeployRequest): Promise<DeploymentOutcome> {
    const { model, version, deployment } = request;
    if (!request.image)
      throw new InvalidInputError(`the SageMaker deployment of ${model} needs an inference image`);
    if (!request.artifact.uri.startsWith('s3://')) {
      throw new InvalidInputError(
        `SageMaker serves models from S3; ${request.artifact.uri} is not an s3:// URI`,
      );
    }
    const modelName = sageMakerName(model, `v${version}`);
    const configName = sageMakerName(model, `v${version}`, request.artifact.sha256.slice(0, 12));
    const endpointName = this.options.endpointName?.(model) ?? model;

    if (!(await this.exists(new DescribeModelCommand({ ModelName: modelName })))) {
      await this.client.send(
        new CreateModelCommand({
          ModelName: modelName,
          ExecutionRoleArn: this.options.roleArn,
          PrimaryContainer: { Image: request.image, ModelDataUrl: request.artifact.uri },
          Tags: [
            { Key: 'conveyor:model', Value: model },
            { Key: 'conveyor:version', Value: String(version) },
          ],
        }),
      );
    }
    if (!(await this.exists(new DescribeEndpointConfigCommand({ EndpointConfigName: configName })))) {
      await this.client.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: configName,
          ProductionVariants: [
            {
              VariantName: VARIANT,
              ModelName: modelName,
              InitialInstanceCount: deployment.instanceCount,
              InstanceType: deployment.instanceType as never,
              InitialVariantWeight: 1,
              ContainerStartupHealthCheckTimeoutInSeconds: Math.min(
                3600,
                Math.max(60, Math.round(deployment.healthCheckTimeout)),
              ),
            },
          ],
          DataCaptureConfig: {
            EnableCapture: true,
            InitialSamplingPercentage: Math.round(deployment.dataCapture.samplingPercent),
            DestinationS3Uri: this.options.dataCaptureS3Uri,
            CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
            CaptureContentTypeHeader: {
              CsvContentTypes: ['text/csv'],
              JsonContentTypes: ['application/json'],
            },
          },
        }),
      );
    }

    const endpoint = await this.describeEndpoint(endpointName);
    const previousConfig = endpoint?.EndpointConfigName;
    if (!endpoint) {
      await this.client.send(
        new CreateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: configName }),
      );
    } else if (previousConfig !== configName) {
      if (endpoint.EndpointStatus !== 'InService') {
        throw new DeploymentFailedError(
          `endpoint ${endpointName} is ${endpoint.EndpointStatus}; v${version} can deploy once it is InService`,
        );
      }
      const specAlarms = this.options.cloudWatch
        ? await putRollbackAlarms(this.options.cloudWatch, {
            endpointName,
            variantName: VARIANT,
            rollback: deployment.rollback,
          })
        : [];
      await this.client.send(
        new UpdateEndpointCommand({
          EndpointName: endpointName,
          EndpointConfigName: configName,
          DeploymentConfig: this.deploymentConfig(deployment, [
            ...specAlarms,
            ...this.options.rollbackAlarmNames,
          ]),
        }),
      );
    }

    const settled = await this.waitUntilSettled(endpointName);
    if (settled.EndpointStatus !== 'InService') {
      throw new DeploymentFailedError(
        `endpoint ${endpointName} is ${settled.EndpointStatus}: ${settled.FailureReason ?? 'no reason given'}`,
      );
    }
    if (settled.EndpointConfigName !== configName) {
      throw new DeploymentRolledBackError(
        `SageMaker rolled endpoint ${endpointName} back to ${settled.EndpointConfigName}: ${settled.FailureReason ?? 'a rollback alarm fired'}`,
      );
    }
    const previousVersion =
      previousConfig && previousConfig !== configName ? versionOf(previousConfig) : undefined;
    return {
      model,
      version,
      ...(previousVersion !== undefined ? { previousVersion } : {}),
      steps: trafficSteps(deployment),
    };
  }

  /** The blue/green policy for the spec's strategy, in SageMaker's limits. */
  deploymentConfig(
    deployment: DeployRequest['deployment'],
    alarmNames: readonly string[] = this.options.rollbackAlarmNames,
  ): DeploymentConfig {
    const steps = trafficSteps(deployment);
    const wait = (seconds: number) => Math.min(MAX_WAIT_INTERVAL, Math.round(seconds));
    const routing: TrafficRoutingConfig =
      deployment.strategy === 'canary'
        ? {
            Type: 'CANARY',
            CanarySize: { Type: 'CAPACITY_PERCENT', Value: deployment.canary.percent },
            WaitIntervalInSeconds: wait(deployment.canary.bake),
          }
        : deployment.strategy === 'linear'
          ? {
              Type: 'LINEAR',
              LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: deployment.linear.stepPercent },
              WaitIntervalInSeconds: wait(deployment.linear.interval),
            }
          : { Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 0 };
    const baking = steps.reduce((sum, step) => sum + wait(step.bakeSeconds), 0);
    return {
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: routing,
        TerminationWaitInSeconds: 0,
        // Time to provision the new fleet on top of the baking, within what SageMaker accepts.
        MaximumExecutionTimeoutInSeconds: Math.min(
          MAX_EXECUTION_TIMEOUT,
          Math.max(MIN_EXECUTION_TIMEOUT, baking + 1800),
        ),
      },
      ...(alarmNames.length > 0
        ? { AutoRollbackConfiguration: { Alarms: alarmNames.map((AlarmName) => ({ AlarmName })) } }
        : {}),
    };
  }

  private async waitUntilSettled(endpointName: string): Promise<DescribeEndpointCommandOutput> {
    const deadline = Date.now() + (this.options.maxWaitMs ?? 4 * 3600_000);
    for (;;) {
      const endpoint = await this.describeEndpoint(endpointName);
      if (!endpoint)
        throw new DeploymentFailedError(`endpoint ${endpointName} disappeared during the deployment`);
      if (SETTLED.has(endpoint.EndpointStatus ?? '')) return endpoint;
      if (Date.now() >= deadline) {
        throw new DeploymentFailedError(
          `endpoint ${endpointName} was still ${endpoint.EndpointStatus} when Conveyor stopped waiting`,
        );
      }
      await this.sleep(this.options.pollIntervalMs ?? 30_000);
    }
  }

  private async describeEndpoint(endpointName: string): Promise<DescribeEndpointCommandOutput | undefined> {
    try {
      return await this.client.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
    } catch (error) {
      if (isSageMakerNotFound(error)) return undefined;
      throw error;
    }
  }

  private async exists(command: DescribeModelCommand | DescribeEndpointConfigCommand): Promise<boolean> {
    try {
      await this.client.send(command as DescribeModelCommand);
      return true;
    } catch (error) {
      if (isSageMakerNotFound(error)) return false;
      throw error;
    }
  }
}

const versionOf = (configName: string): number | undefined => {
  const match = /-v(\d+)-[0-9a-f]+$/.exec(configName);
  return match ? Number(match[1]) : undefined;
};
