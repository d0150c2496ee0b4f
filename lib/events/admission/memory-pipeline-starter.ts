import { PAYLOAD_LIMIT_BYTES } from '../../engine/data-flow';
import { ExecutionAlreadyExistsError } from '../../errors/execution-already-exists-error';
import { InvalidExecutionInputError } from '../../errors/invalid-execution-input-error';
import type {
  ExecutionDescription,
  ExecutionStatus,
  PipelineStarter,
  StartExecutionRequest,
} from './pipeline-starter';

/**
 * Records executions in memory, with Step Functions' rules on names and inputs (idempotent on the name
 * while the same input runs, input at most 256 KB): for tests and dry runs. Executions stay RUNNING
 * until `end` closes one.
 */
export class MemoryPipelineStarter implements PipelineStarter {
  readonly executions = new Map<string, StartExecutionRequest & ExecutionDescription>();

  async startExecution(request: StartExecutionRequest): Promise<{ executionArn: string }> {
    if (Buffer.byteLength(request.input) > PAYLOAD_LIMIT_BYTES) {
      throw new InvalidExecutionInputError(
        `Invalid execution input: longer than ${PAYLOAD_LIMIT_BYTES} characters`,
      );
    }
    const key = `${request.stateMachine}:${request.name}`;
    const existing = this.executions.get(key);
    if (existing) {
      if (existing.input !== request.input) {
        throw new ExecutionAlreadyExistsError(`execution ${request.name} exists with another input`);
      }
      return { executionArn: existing.executionArn };
    }
    const executionArn = `arn:conveyor:local:execution:${request.stateMachine}:${request.name}`;
    this.executions.set(key, { ...request, executionArn, status: 'RUNNING' });
    return { executionArn };
  }

  async describeExecution(request: {
    stateMachine: string;
    name: string;
  }): Promise<ExecutionDescription | undefined> {
    const execution = this.executions.get(`${request.stateMachine}:${request.name}`);
    return execution && { executionArn: execution.executionArn, status: execution.status };
  }

  /** Closes an execution (as Step Functions would when it ends, times out or is stopped). */
  end(stateMachine: string, name: string, status: Exclude<ExecutionStatus, 'RUNNING'>): void {
    const execution = this.executions.get(`${stateMachine}:${name}`);
    if (!execution) throw new Error(`no execution ${name}`);
    execution.status = status;
  }
}
