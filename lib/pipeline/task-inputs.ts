/**
 * What each pipeline task accepts from its state machine, checked before any work: a malformed input
 * fails the task with `InvalidInputError` naming the field, which the state machine records on the run.
 */
import * as z from 'zod';
import { InvalidInputError } from '../errors/invalid-input-error';

const runId = z.string().min(1).max(80);

export const runTaskInput = z.object({ runId });
export const startTrainingInput = z.object({ runId, attempt: z.number().int().positive() });
export const checkTrainingInput = z.object({ runId, jobName: z.string().min(1).max(63) });
export const requestApprovalInput = z.object({ runId, taskToken: z.string().min(1).max(1024) });
export const monitorModelInput = z.object({ model: z.string().min(1).max(63) });
const stepFunctionsError = z.object({ Error: z.string().optional(), Cause: z.string().optional() });
export const finishRunInput = z.discriminatedUnion('outcome', [
  z.object({ runId, outcome: z.literal('SUCCEEDED') }),
  z.object({ runId, outcome: z.literal('FAILED'), failedStep: z.string().min(1), error: stepFunctionsError }),
]);

/** The task's input, or `InvalidInputError` naming the first wrong field. */
export const parseTaskInput = <S extends z.ZodType>(schema: S, input: unknown, task: string): z.output<S> => {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : '(input)';
  throw new InvalidInputError(`${task}: ${field}: ${issue?.message ?? 'invalid input'}`);
};
