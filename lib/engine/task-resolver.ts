/**
 * The resolver port: maps each task `Resource`, exactly as written in a definition, to an in-process
 * handler. Lambda functions are found by name (a full or partial ARN, with or without a qualifier, or
 * the `FunctionName` of `arn:aws:states:::lambda:invoke`); service integrations by their resource
 * without the `.sync`/`.waitForTaskToken` suffix (`arn:aws:states:::events:putEvents`).
 */
import type { Json } from './asl';

export interface TaskContext {
  executionArn: string;
  stateName: string;
  resource: string;
  /** Set for `.waitForTaskToken` tasks: hand it to whoever calls SendTaskSuccess/Failure later. */
  taskToken?: string;
  /** Aborted when the execution stops or the task times out. */
  signal: AbortSignal;
}

/** Returns the task's result; throws to fail it (the error's `name` is what Retry/Catch match). */
export type TaskHandler = (input: Json, context: TaskContext) => unknown;

export interface TaskResolver {
  lambda(functionName: string): TaskHandler | undefined;
  integration(resource: string): TaskHandler | undefined;
}

/** `arn:aws:lambda:us-east-1:123:function:name:alias` -> `name`; a plain name stays as it is. */
export const lambdaFunctionName = (nameOrArn: string): string => {
  const parts = nameOrArn.split(':');
  const at = parts.indexOf('function');
  return at >= 0 ? (parts[at + 1] ?? nameOrArn) : (parts[0] ?? nameOrArn);
};

/** A resolver over plain maps: `functions` by function name or ARN, `integrations` by resource. */
export const createTaskResolver = ({
  functions = {},
  integrations = {},
}: {
  functions?: Record<string, TaskHandler>;
  integrations?: Record<string, TaskHandler>;
}): TaskResolver => ({
  lambda: (functionName) => functions[functionName] ?? functions[lambdaFunctionName(functionName)],
  integration: (resource) => integrations[resource],
});
