/**
 * Starts a pipeline execution. Starting is idempotent on the name: the same name with the same input
 * answers the first execution's ARN, so a retried admission cannot start a second run; the same name
 * with another input throws `ExecutionAlreadyExistsError`.
 */
export interface StartExecutionRequest {
  /** State machine ARN (AWS) or name (local engine). */
  stateMachine: string;
  name: string;
  input: string;
}

export interface PipelineStarter {
  startExecution(request: StartExecutionRequest): Promise<{ executionArn: string }>;
}
