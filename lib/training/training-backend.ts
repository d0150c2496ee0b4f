/**
 * Training jobs, on SageMaker or as a local process, with one contract: SageMaker script mode. A job's
 * name is derived from its run, so starting it again (a retried task) attaches to the job that exists
 * instead of launching a second one.
 */
import type { PipelineSpec } from '../spec/schema';

/** SageMaker's TrainingJobStatus values. */
export type TrainingJobStatus = 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';

export interface TrainingJobRequest {
  model: string;
  runId: string;
  training: PipelineSpec['training'];
  /**
   * Data channels by name (`train`, `validation`, ...): local paths for the local backend, `s3://`
   * prefixes for SageMaker.
   */
  channels: Record<string, string>;
}

export interface TrainingJobDescription {
  jobName: string;
  status: TrainingJobStatus;
  failureReason?: string;
  metrics: Record<string, number>;
  /** The packed model; `sha256` is known when Conveyor stored it content-addressed. */
  artifact?: { uri: string; sha256?: string; size?: number };
  hyperparameters: Record<string, string>;
  /** The last lines the job logged, oldest first. */
  logTail: string[];
  startedAt?: string;
  endedAt?: string;
}

export interface TrainingBackend {
  /** Starts the run's job, or attaches to it when it exists already; describes it either way. */
  start(request: TrainingJobRequest): Promise<TrainingJobDescription>;
  /** Throws `NotFoundError`. */
  describe(jobName: string): Promise<TrainingJobDescription>;
  /** Asks a running job to stop; a job that has ended is left as it is. */
  stop(jobName: string): Promise<TrainingJobDescription>;
}

export const isTerminalStatus = (status: TrainingJobStatus): boolean =>
  status === 'Completed' || status === 'Failed' || status === 'Stopped';

/** Hyperparameters as SageMaker passes them in `hyperparameters.json`: every value a string. */
export const stringifyHyperparameters = (
  hyperparameters: Record<string, string | number | boolean>,
): Record<string, string> =>
  Object.fromEntries(Object.entries(hyperparameters).map(([name, value]) => [name, String(value)]));
