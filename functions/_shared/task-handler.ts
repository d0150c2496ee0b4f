import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { z } from 'zod';
import { parseTaskInput } from '../../lib/pipeline/task-inputs';
import { logger } from './logger';

/**
 * A Step Functions task: the input checked against its schema, the log correlated by run id (or
 * model), one use case called. Errors propagate with their names for the state machine's Retry/Catch.
 */
export const taskHandler = <S extends z.ZodType, R>(
  task: string,
  schema: S,
  useCase: (input: z.output<S>) => Promise<R>,
) =>
  middy<unknown, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler((event) => {
      const input = parseTaskInput(schema, event, task);
      logger.appendKeys({ task, ...correlation(input) });
      return useCase(input);
    });

const correlation = (input: unknown) => {
  const { runId, model } = (input ?? {}) as { runId?: unknown; model?: unknown };
  return { ...(typeof runId === 'string' ? { runId } : {}), ...(typeof model === 'string' ? { model } : {}) };
};
