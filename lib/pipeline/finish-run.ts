/**
 * The last step of every run, on every path: records how it ended (closing any step left open, such
 * as an approval that timed out), frees the model, and emits the outcome (Run Succeeded or Run Failed,
 * with Model Promoted or Model Rolled Back) so admission starts the run that queued meanwhile. Safe to
 * repeat: a run already ended is not moved again, but the model is freed and the outcome re-emitted.
 */

import { InvalidRunTransitionError } from '../errors/invalid-run-transition-error';
import { LeaseLostError } from '../errors/lease-lost-error';
import { entryFor, ModelPromoted, ModelRolledBack, RunFailed, RunSucceeded } from '../events/contracts';
import type { Logger } from '../events/logger';
import type { Run } from '../store/entities';
import type { StateStore } from '../store/ports';
import type { PipelineMetrics } from './pipeline-metrics';
import type { PublishEvent } from './publish-event';
import { closeStep } from './run-steps';

export interface FinishRunDeps {
  store: Pick<StateStore, 'runs' | 'leases'>;
  publish: PublishEvent;
  clock: () => Date;
  logger: Logger;
  metrics?: PipelineMetrics;
}

export type FinishRunInput =
  | { runId: string; outcome: 'SUCCEEDED' }
  | { runId: string; outcome: 'FAILED'; failedStep: string; error: { Error?: string; Cause?: string } };

/** A Step Functions error as a name and a sentence: Lambda's JSON cause gives its errorMessage. */
export const describeFailure = (error: { Error?: string; Cause?: string }) => {
  const name = error.Error || 'States.Runtime';
  let message = error.Cause ?? '';
  try {
    const cause = JSON.parse(message) as { errorMessage?: unknown };
    if (typeof cause?.errorMessage === 'string') message = cause.errorMessage;
  } catch {
    // A plain-text cause stays as it is.
  }
  return { name, message: message || name };
};

export const finishRun = async (deps: FinishRunDeps, input: FinishRunInput): Promise<Run> => {
  const { store } = deps;
  const now = deps.clock();
  let run = await store.runs.getRun(input.runId);
  const error = input.outcome === 'FAILED' ? describeFailure(input.error) : undefined;
  if (error) {
    for (const step of (await store.runs.listSteps(run.runId)).filter((s) => s.status === 'RUNNING')) {
      await closeStep(deps, run.runId, step.name, { error: Object.assign(new Error(error.message), error) });
    }
  }
  if (run.approval?.status === 'PENDING') {
    // Nobody decided in time: the token is spent, and a late decision is refused as not pending.
    const { taskToken: _spent, ...approval } = run.approval;
    run = await store.runs.updateRun(run.runId, { approval: { ...approval, status: 'EXPIRED' } });
  }
  try {
    run = await store.runs.transitionRun(run.runId, input.outcome, now, error ? { error } : {});
    if (input.outcome === 'FAILED')
      run = await store.runs.updateRun(run.runId, { failedStep: input.failedStep });
    recordRunMetrics(deps, run);
  } catch (cause) {
    if (!(cause instanceof InvalidRunTransitionError)) throw cause;
  }
  try {
    await store.leases.release(run.model, run.environment, run.runId);
  } catch (cause) {
    // Taken over already (the lease expired): nothing to free.
    if (!(cause instanceof LeaseLostError)) throw cause;
  }
  for (const entry of outcomeEvents(run)) await deps.publish(entry);
  deps.logger.info('run finished', { runId: run.runId, model: run.model, status: run.status });
  return run;
};

const outcomeEvents = (run: Run) => {
  const base = {
    model: run.model,
    environment: run.environment,
    runId: run.runId,
    ...(run.executionArn ? { executionArn: run.executionArn } : {}),
  };
  const resources = run.executionArn ? [run.executionArn] : [];
  const events = [];
  const deployment = run.deployment;
  if (run.status === 'SUCCEEDED') {
    if (run.modelVersion !== undefined && deployment?.state === 'Succeeded') {
      events.push(
        entryFor(
          ModelPromoted,
          {
            model: run.model,
            environment: run.environment,
            modelVersion: run.modelVersion,
            ...(deployment.previousVersion !== undefined
              ? { previousVersion: deployment.previousVersion }
              : {}),
            runId: run.runId,
          },
          resources,
        ),
      );
    }
    events.push(
      entryFor(
        RunSucceeded,
        { ...base, ...(run.modelVersion !== undefined ? { modelVersion: run.modelVersion } : {}) },
        resources,
      ),
    );
    return events;
  }
  if (
    run.modelVersion !== undefined &&
    (deployment?.state === 'RolledBack' || deployment?.state === 'Failed')
  ) {
    events.push(
      entryFor(
        ModelRolledBack,
        {
          model: run.model,
          environment: run.environment,
          fromVersion: run.modelVersion,
          ...(deployment.previousVersion !== undefined ? { toVersion: deployment.previousVersion } : {}),
          reason: deployment.reason ?? run.error?.message ?? 'rolled back',
          runId: run.runId,
        },
        resources,
      ),
    );
  }
  events.push(
    entryFor(
      RunFailed,
      {
        ...base,
        error: run.error ?? { name: 'States.Runtime', message: 'the run ended without an error' },
        ...(run.failedStep ? { failedStep: run.failedStep } : {}),
      },
      resources,
    ),
  );
  return events;
};

const recordRunMetrics = (deps: FinishRunDeps, run: Run) => {
  if (!deps.metrics || !run.startedAt || !run.endedAt) return;
  const dimensions = { model: run.model, status: run.status };
  deps.metrics.record(
    'RunDuration',
    (Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000,
    'Seconds',
    dimensions,
  );
  deps.metrics.record('Runs', 1, 'Count', dimensions);
  if (run.deployment?.state === 'RolledBack')
    deps.metrics.record('Rollbacks', 1, 'Count', { model: run.model });
};
