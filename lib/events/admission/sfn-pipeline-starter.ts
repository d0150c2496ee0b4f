import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { ExecutionAlreadyExistsError } from '../../errors/execution-already-exists-error';
import type {
  ExecutionDescription,
  ExecutionStatus,
  PipelineStarter,
  StartExecutionRequest,
} from './pipeline-starter';

/**
 * Step Functions StartExecution. A standard workflow answers a repeat of a running execution's name and
 * input with the same ARN; once that execution has closed it throws ExecutionAlreadyExists, so the
 * adapter compares the stored input itself and treats the same input as the execution already started.
 */
export class SfnPipelineStarter implements PipelineStarter {
  constructor(private readonly client: SFNClient = new SFNClient({})) {}

  async startExecution(request: StartExecutionRequest): Promise<{ executionArn: string }> {
    try {
      const output = await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: request.stateMachine,
          name: request.name,
          input: request.input,
        }),
      );
      return { executionArn: output.executionArn as string };
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
      const executionArn = executionArnOf(request.stateMachine, request.name);
      const existing = await this.client.send(new DescribeExecutionCommand({ executionArn }));
      if (existing.input !== request.input) {
        throw new ExecutionAlreadyExistsError(`execution ${request.name} exists with another input`, {
          cause: error,
        });
      }
      return { executionArn };
    }
  }

  async describeExecution(request: {
    stateMachine: string;
    name: string;
  }): Promise<ExecutionDescription | undefined> {
    const executionArn = executionArnOf(request.stateMachine, request.name);
    try {
      const output = await this.client.send(new DescribeExecutionCommand({ executionArn }));
      return { executionArn, status: output.status as ExecutionStatus };
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return undefined;
      throw error;
    }
  }
}

/** arn:aws:states:<region>:<account>:stateMachine:<name> -> ...:execution:<name>:<execution>. */
export const executionArnOf = (stateMachineArn: string, name: string): string =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
