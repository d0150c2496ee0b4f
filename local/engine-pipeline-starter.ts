import type { StepFunctionsEngine } from '../lib/engine/engine';
import type { PipelineStarter, StartExecutionRequest } from '../lib/events/admission/pipeline-starter';

/** Admission's starter on the local engine: StartExecution with the engine's idempotency on names. */
export class EnginePipelineStarter implements PipelineStarter {
  constructor(private readonly engine: StepFunctionsEngine) {}

  async startExecution(request: StartExecutionRequest): Promise<{ executionArn: string }> {
    const { executionArn } = await this.engine.startExecution({
      stateMachineArn: request.stateMachine,
      name: request.name,
      input: request.input,
    });
    return { executionArn };
  }
}
