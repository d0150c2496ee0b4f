import type { StepFunctionsEngine } from '../../engine/engine';
import { ExecutionAlreadyExistsError } from '../../errors/execution-already-exists-error';
import { ExecutionDoesNotExistError } from '../../errors/execution-does-not-exist-error';
import type { ExecutionDescription, PipelineStarter, StartExecutionRequest } from './pipeline-starter';
import { executionArnOf } from './sfn-pipeline-starter';

/**
 * The local engine as the pipeline starter: the same answers as the Step Functions adapter (a closed
 * execution of the same name and input counts as started; another input is ExecutionAlreadyExists).
 */
export class EnginePipelineStarter implements PipelineStarter {
  constructor(private readonly engine: StepFunctionsEngine) {}

  async startExecution(request: StartExecutionRequest): Promise<{ executionArn: string }> {
    try {
      const { executionArn } = await this.engine.startExecution({
        stateMachineArn: request.stateMachine,
        name: request.name,
        input: request.input,
      });
      return { executionArn };
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExistsError)) throw error;
      const executionArn = executionArnOf(request.stateMachine, request.name);
      const existing = await this.engine.describeExecution({ executionArn });
      if (existing.input !== JSON.stringify(JSON.parse(request.input))) throw error;
      return { executionArn };
    }
  }

  async describeExecution(request: {
    stateMachine: string;
    name: string;
  }): Promise<ExecutionDescription | undefined> {
    const executionArn = executionArnOf(request.stateMachine, request.name);
    try {
      const { status } = await this.engine.describeExecution({ executionArn });
      return { executionArn, status };
    } catch (error) {
      if (error instanceof ExecutionDoesNotExistError) return undefined;
      throw error;
    }
  }
}
