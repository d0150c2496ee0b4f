import type { StateStore } from '../../store/ports';
import type { Logger } from '../logger';
import type { PipelineStarter } from './pipeline-starter';
import type { SpecCatalog } from './spec-catalog';

export interface AdmissionDeps {
  store: StateStore;
  specs: SpecCatalog;
  starter: PipelineStarter;
  /** The pipeline state machine: ARN on AWS, name for the local engine. */
  stateMachine: string;
  /** Environment of triggers that do not name one (code pushes, data arrival). */
  environment: string;
  clock: () => Date;
  logger: Logger;
  /** Emits Conveyor's own events (Trigger Suppressed, Run Started); optional. */
  publish?: (entry: {
    Source: string;
    DetailType: string;
    Detail: string;
    Resources: string[];
  }) => Promise<void>;
}

/**
 * Publishes one of Conveyor's own events after the decision it reports is stored. A notification that
 * cannot be published is logged, not retried: failing the admission would redo work already done.
 */
export const notify = async (
  deps: AdmissionDeps,
  entry: Parameters<NonNullable<AdmissionDeps['publish']>>[0],
) => {
  try {
    await deps.publish?.(entry);
  } catch (error) {
    deps.logger.warn('could not publish event', {
      detailType: entry.DetailType,
      error: (error as Error).message,
    });
  }
};

/**
 * How long a run may hold its model before the lease counts as abandoned: the training timeout, the
 * manual approval wait and an hour for everything else. A run that is still alive renews it.
 */
export const leaseTtlMs = (spec: {
  training: { timeout: number };
  approval: { mode: string; timeout: number };
}): number =>
  (spec.training.timeout + (spec.approval.mode === 'manual' ? spec.approval.timeout : 0) + 3600) * 1000;

/**
 * A `received` decision older than this is an admission that crashed midway; a redelivery resumes it.
 * Longer than the function timeout (30 s), shorter than Lambda's first async retry (1 minute).
 */
export const STALE_RECEIVED_MS = 45_000;
