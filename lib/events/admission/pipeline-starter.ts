/**
 * Starts and describes pipeline executions. Starting is idempotent on the name: the same name with the
 * same input answers the first execution's ARN, so a retried admission cannot start a second run; the
 * same name with another input throws `ExecutionAlreadyExistsError`. Describing tells admission whether
 * the execution behind a run is still alive, so a lease is never taken over from a live execution.
 */
import type { ExecutionStatus } from '../../engine/history-store';

export interface StartExecutionRequest {
  /** State machine ARN (AWS) or name (local engine). */
  stateMachine: string;
  name: string;
  input: string;
}

/** Step Functions' execution statuses, as the engine models them. */
export type { ExecutionStatus };

export interface ExecutionDescription {
  executionArn: string;
  status: ExecutionStatus;
}

export interface PipelineStarter {
  startExecution(request: StartExecutionRequest): Promise<{ executionArn: string }>;
  /** The execution of that name, or undefined when none was started (DescribeExecution on AWS). */
  describeExecution(request: {
    stateMachine: string;
    name: string;
  }): Promise<ExecutionDescription | undefined>;
}

/** An execution that can still act: running, or about to run again after a redrive. */
export const isLive = (status: ExecutionStatus): boolean =>
  status === 'RUNNING' || status === 'PENDING_REDRIVE';
