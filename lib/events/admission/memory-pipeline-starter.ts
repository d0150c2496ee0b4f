import { ExecutionAlreadyExistsError } from '../../errors/execution-already-exists-error';
import type { PipelineStarter, StartExecutionRequest } from './pipeline-starter';

/** Records executions in memory, with Step Functions' idempotency on names: for tests and dry runs. */
export class MemoryPipelineStarter implements PipelineStarter {
  readonly executions = new Map<string, StartExecutionRequest & { executionArn: string }>();

  async startExecution(request: StartExecutionRequest): Promise<{ executionArn: string }> {
    const key = `${request.stateMachine}:${request.name}`;
    const existing = this.executions.get(key);
    if (existing) {
      if (existing.input !== request.input) {
        throw new ExecutionAlreadyExistsError(`execution ${request.name} exists with another input`);
      }
      return { executionArn: existing.executionArn };
    }
    const executionArn = `arn:conveyor:local:execution:${request.stateMachine}:${request.name}`;
    this.executions.set(key, { ...request, executionArn });
    return { executionArn };
  }
}
