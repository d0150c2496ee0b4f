/**
 * Training as two tasks around a Wait loop, so a multi-hour job holds no Lambda: `startRunTraining`
 * starts the job (or attaches to it on a retry) and `checkRunTraining` polls it. Each attempt has its
 * own job, named from the run and the attempt; a finished job records its metrics, hyperparameters and
 * artifact on the run, a failed one throws `TrainingFailedError` with the reason and the log's tail.
 */
import type { StoredArtifact } from '../artifacts/artifact-store';
import { InvalidInputError } from '../errors/invalid-input-error';
import { TrainingFailedError } from '../errors/training-failed-error';
import type { StateStore } from '../store/ports';
import { isTerminalStatus, type TrainingBackend, type TrainingJobStatus } from '../training/training-backend';
import { runSpec } from './run-spec';
import { closeStep, latestStep, openStep } from './run-steps';

export interface RunTrainingDeps {
  store: Pick<StateStore, 'runs' | 'models'>;
  training: TrainingBackend;
  clock: () => Date;
  /** Copies an artifact the backend stored elsewhere (SageMaker's model.tar.gz) into the artifact store. */
  importArtifact?: (uri: string) => Promise<StoredArtifact>;
}

export interface TrainingPoll {
  jobName: string;
  status: TrainingJobStatus;
  done: boolean;
}

const STEP = 'Train';
const LOG_LINES_IN_ERROR = 20;

export const startRunTraining = async (
  deps: RunTrainingDeps,
  input: { runId: string; attempt: number },
): Promise<TrainingPoll> => {
  const run = await deps.store.runs.getRun(input.runId);
  const { spec } = await runSpec(deps.store, run);
  if (!run.data)
    throw new InvalidInputError(`run ${run.runId} has no resolved data; ResolveInputs must run first`);
  const latest = await latestStep(deps, run.runId, STEP);
  // A retried start of the same attempt attaches to its step as the backend attaches to its job.
  if (!(latest?.status === 'RUNNING' && latest.attempt === input.attempt))
    await openStep(deps, run.runId, STEP);
  const job = await deps.training.start({
    model: run.model,
    runId: input.attempt > 1 ? `${run.runId}-attempt-${input.attempt}` : run.runId,
    training: spec.training,
    channels: run.data.channels,
  });
  await deps.store.runs.updateRun(run.runId, {
    training: { jobName: job.jobName, attempt: input.attempt, status: job.status },
  });
  return { jobName: job.jobName, status: job.status, done: isTerminalStatus(job.status) };
};

export const checkRunTraining = async (
  deps: RunTrainingDeps,
  input: { runId: string; jobName: string },
): Promise<TrainingPoll> => {
  const job = await deps.training.describe(input.jobName);
  const run = await deps.store.runs.getRun(input.runId);
  const attempt = run.training?.attempt ?? 1;
  if (!isTerminalStatus(job.status)) return { jobName: job.jobName, status: job.status, done: false };
  if (job.status !== 'Completed' || !job.artifact) {
    const reason =
      job.failureReason ?? (job.artifact ? `the job ended ${job.status}` : 'the job stored no model');
    await deps.store.runs.updateRun(run.runId, {
      training: { jobName: job.jobName, attempt, status: job.status, failureReason: reason },
    });
    const error = new TrainingFailedError(
      `training job ${job.jobName} ${job.status}: ${reason}${job.logTail.length ? `\n${job.logTail.slice(-LOG_LINES_IN_ERROR).join('\n')}` : ''}`,
    );
    await closeStep(deps, run.runId, STEP, { error });
    throw error;
  }
  const artifact = job.artifact.sha256
    ? { uri: job.artifact.uri, sha256: job.artifact.sha256 }
    : await importArtifact(deps, job.artifact.uri);
  await deps.store.runs.updateRun(run.runId, {
    training: { jobName: job.jobName, attempt, status: job.status },
    metrics: job.metrics,
    hyperparameters: job.hyperparameters,
    artifact,
  });
  await closeStep(deps, run.runId, STEP, {
    output: {
      jobName: job.jobName,
      metrics: job.metrics,
      artifact,
      startedAt: job.startedAt,
      endedAt: job.endedAt,
    },
  });
  return { jobName: job.jobName, status: job.status, done: true };
};

const importArtifact = async (deps: RunTrainingDeps, uri: string) => {
  if (!deps.importArtifact)
    throw new InvalidInputError(`the artifact ${uri} has no sha256 and cannot be imported`);
  const stored = await deps.importArtifact(uri);
  return { uri: stored.uri, sha256: stored.sha256 };
};
