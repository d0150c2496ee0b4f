/**
 * Training on SageMaker. The job name is derived from the run: a retried start first describes the job
 * and attaches to it, and a start that races another one gets `ResourceInUse` and attaches too, so a
 * run never launches two jobs (the SageMaker SDKs' random name suffixes do exactly that on retry).
 */
import {
  CreateTrainingJobCommand,
  DescribeTrainingJobCommand,
  type DescribeTrainingJobCommandOutput,
  type SageMakerClient,
  StopTrainingJobCommand,
} from '@aws-sdk/client-sagemaker';
import { readArchiveFile } from '../artifacts/model-archive';
import { InvalidInputError } from '../errors/invalid-input-error';
import { NotFoundError } from '../errors/not-found-error';
import { trainingJobName } from './job-name';
import { type MetricsOutcome, readMetrics } from './metrics-file';
import { isSageMakerNotFound } from './sagemaker-errors';
import {
  isTerminalStatus,
  stringifyHyperparameters,
  type TrainingBackend,
  type TrainingJobDescription,
  type TrainingJobRequest,
} from './training-backend';

export interface SageMakerTrainingOptions {
  /** Execution role SageMaker assumes to read data and write the model. */
  roleArn: string;
  /** Where SageMaker writes `<jobName>/output/model.tar.gz`. */
  outputS3Uri: string;
  /** Reads the tail of a job's logs (CloudWatch Logs); no tail when absent. */
  readLogTail?: (jobName: string) => Promise<string[]>;
  /**
   * Reads an S3 object (undefined when it does not exist), for the metrics file in the job's output;
   * without it, metrics are SageMaker's FinalMetricDataList only.
   */
  readObject?: (uri: string) => Promise<Buffer | undefined>;
}

/** Tells `describe` which file in the job's output holds its metrics. */
const METRICS_FILE_VARIABLE = 'CONVEYOR_METRICS_FILE';

export class SageMakerTraining implements TrainingBackend {
  private readonly metricsByJob = new Map<string, MetricsOutcome>();

  constructor(
    private readonly client: SageMakerClient,
    private readonly options: SageMakerTrainingOptions,
  ) {}

  async start(request: TrainingJobRequest): Promise<TrainingJobDescription> {
    const sagemaker = request.training.sagemaker;
    if (!sagemaker)
      throw new InvalidInputError(`training.sagemaker is missing in the spec of ${request.model}`);
    const jobName = trainingJobName(request.model, request.runId);
    const existing = await this.find(jobName);
    if (existing) return existing;
    const hyperparameters = stringifyHyperparameters(request.training.hyperparameters);
    try {
      await this.client.send(
        new CreateTrainingJobCommand({
          TrainingJobName: jobName,
          RoleArn: this.options.roleArn,
          AlgorithmSpecification: { TrainingImage: sagemaker.image, TrainingInputMode: 'File' },
          HyperParameters: {
            ...hyperparameters,
            ...(sagemaker.entryPoint ? { sagemaker_program: sagemaker.entryPoint } : {}),
          },
          InputDataConfig: Object.entries(request.channels).map(([channel, uri]) => ({
            ChannelName: channel,
            DataSource: {
              S3DataSource: { S3DataType: 'S3Prefix', S3Uri: uri, S3DataDistributionType: 'FullyReplicated' },
            },
          })),
          OutputDataConfig: { S3OutputPath: this.options.outputS3Uri },
          ResourceConfig: {
            InstanceType: sagemaker.instanceType as never,
            InstanceCount: sagemaker.instanceCount,
            VolumeSizeInGB: sagemaker.volumeSizeGb,
          },
          Environment: { [METRICS_FILE_VARIABLE]: request.training.metricsFile },
          StoppingCondition: { MaxRuntimeInSeconds: Math.max(1, Math.ceil(request.training.timeout)) },
          Tags: [
            { Key: 'conveyor:model', Value: request.model },
            { Key: 'conveyor:run', Value: request.runId },
          ],
        }),
      );
    } catch (error) {
      // Another start created it between our describe and create: attach to that one.
      if ((error as Error).name !== 'ResourceInUse') throw error;
    }
    return this.describe(jobName);
  }

  async describe(jobName: string): Promise<TrainingJobDescription> {
    const job = await this.find(jobName);
    if (!job) throw new NotFoundError(`training job ${jobName} does not exist`);
    return job;
  }

  async stop(jobName: string): Promise<TrainingJobDescription> {
    const job = await this.describe(jobName);
    if (isTerminalStatus(job.status) || job.status === 'Stopping') return job;
    await this.client.send(new StopTrainingJobCommand({ TrainingJobName: jobName }));
    return this.describe(jobName);
  }

  private async find(jobName: string): Promise<TrainingJobDescription | undefined> {
    let output: DescribeTrainingJobCommandOutput;
    try {
      output = await this.client.send(new DescribeTrainingJobCommand({ TrainingJobName: jobName }));
    } catch (error) {
      if (isSageMakerNotFound(error)) return undefined;
      throw error;
    }
    const job: TrainingJobDescription = {
      jobName,
      // A job being deleted has ended for Conveyor's purposes.
      status:
        output.TrainingJobStatus === 'Deleting' ? 'Stopped' : (output.TrainingJobStatus ?? 'InProgress'),
      ...(output.FailureReason ? { failureReason: output.FailureReason } : {}),
      metrics: Object.fromEntries(
        (output.FinalMetricDataList ?? []).flatMap((m) =>
          m.MetricName !== undefined && m.Value !== undefined ? [[m.MetricName, m.Value]] : [],
        ),
      ),
      ...(output.ModelArtifacts?.S3ModelArtifacts
        ? { artifact: { uri: output.ModelArtifacts.S3ModelArtifacts } }
        : {}),
      hyperparameters: output.HyperParameters ?? {},
      logTail: (await this.options.readLogTail?.(jobName)) ?? [],
      ...(output.TrainingStartTime ? { startedAt: output.TrainingStartTime.toISOString() } : {}),
      ...(output.TrainingEndTime ? { endedAt: output.TrainingEndTime.toISOString() } : {}),
    };
    if (job.status !== 'Completed' || !this.options.readObject) return job;
    const outcome = await this.outputMetrics(jobName, output);
    return 'failureReason' in outcome
      ? { ...job, status: 'Failed', failureReason: outcome.failureReason }
      : { ...job, metrics: { ...job.metrics, ...outcome.metrics } };
  }

  /**
   * The metrics file from the job's `output.tar.gz` (SageMaker packs `/opt/ml/output/data` into it,
   * beside `model.tar.gz`), read once per job: a completed job's output never changes.
   */
  private async outputMetrics(
    jobName: string,
    output: DescribeTrainingJobCommandOutput,
  ): Promise<MetricsOutcome> {
    const cached = this.metricsByJob.get(jobName);
    if (cached) return cached;
    const file = output.Environment?.[METRICS_FILE_VARIABLE] ?? 'metrics.json';
    const outputUri = output.ModelArtifacts?.S3ModelArtifacts?.replace(/model\.tar\.gz$/, 'output.tar.gz');
    const archive = outputUri ? await this.options.readObject?.(outputUri) : undefined;
    const outcome = readMetrics(archive ? readArchiveFile(archive, file)?.toString('utf8') : undefined, file);
    this.metricsByJob.set(jobName, outcome);
    return outcome;
  }
}
