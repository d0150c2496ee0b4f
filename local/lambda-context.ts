import type { Context } from 'aws-lambda';
import type { TaskContext } from '../lib/engine/task-resolver';

/** The Lambda context a handler gets when the local engine invokes it, named after the task's function. */
export const lambdaContext = (functionName: string, task: TaskContext): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: task.resource,
  memoryLimitInMB: '512',
  awsRequestId: `${task.executionArn}/${task.stateName}`,
  logGroupName: `/conveyor/local/${functionName}`,
  logStreamName: task.executionArn,
  getRemainingTimeInMillis: () => 900_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});
