/** How data flows through a state (JSONPath paths, payload size, error matching, retry delays). */
import type { AslState, Json, JsonObject, Retrier, Variables } from './asl';
import { notFound, parsePath, readPath, writePath } from './json-path';
import { fail, type StatesFailure } from './states-failure';

/** Step Functions' limit on a state's input or output, and on an execution's input. */
export const PAYLOAD_LIMIT_BYTES = 256 * 1024;

export const errorOutput = (failure: StatesFailure): JsonObject => ({
  Error: failure.error,
  Cause: failure.cause,
});

const byteLength = (text: string): number =>
  text.length * 3 <= PAYLOAD_LIMIT_BYTES ? text.length : Buffer.byteLength(text);

export const serialize = (value: Json, what: string): string => {
  const text = JSON.stringify(value);
  if (byteLength(text) > PAYLOAD_LIMIT_BYTES) {
    fail(
      'States.DataLimitExceeded',
      `The ${what} has exceeded the maximum number of bytes allowed (262144).`,
    );
  }
  return text;
};

/** Does `error` match an ErrorEquals list (States.ALL skips the terminal DataLimitExceeded and Runtime). */
export const errorMatches = (errorEquals: string[], error: string): boolean => {
  const terminal = error === 'States.DataLimitExceeded' || error === 'States.Runtime';
  return errorEquals.some(
    (name) =>
      name === error ||
      (name === 'States.ALL' && !terminal) ||
      (name === 'States.TaskFailed' && !terminal && error !== 'States.Timeout'),
  );
};

export const applyInputPath = (
  state: AslState,
  input: Json,
  variables: Variables,
  context: JsonObject,
): Json => selectByPath('InputPath', state.InputPath, input, variables, context);

export const applyOutputPath = (
  state: AslState,
  output: Json,
  variables: Variables,
  context: JsonObject,
): Json => selectByPath('OutputPath', state.OutputPath, output, variables, context);

/** InputPath and OutputPath alike: null selects nothing ({}), undefined everything. */
const selectByPath = (
  field: 'InputPath' | 'OutputPath',
  path: string | null | undefined,
  value: Json,
  variables: Variables,
  context: JsonObject,
): Json => {
  if (path === null) return {};
  if (path === undefined) return value;
  const found = readPath(path, { input: value, context, variables });
  if (found === notFound) {
    const where = field === 'InputPath' ? 'input' : 'output';
    return fail('States.Runtime', `Invalid path '${path}': The ${field} could not be found in the ${where}`);
  }
  return found as Json;
};

export const applyResultPath = (path: string | null | undefined, input: Json, result: Json): Json => {
  if (path === null) return input;
  if (path === undefined || path === '$') return result;
  const written = writePath(input, parsePath(path), result);
  if (written === undefined) {
    return fail('States.ResultPathMatchFailure', `Unable to apply ResultPath '${path}' to the state input`);
  }
  return written;
};

export const retryDelay = (retrier: Retrier, attempt: number, jitter: boolean): number => {
  const base = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** attempt;
  const capped = retrier.MaxDelaySeconds !== undefined ? Math.min(base, retrier.MaxDelaySeconds) : base;
  const seconds = jitter && retrier.JitterStrategy === 'FULL' ? Math.random() * capped : capped;
  return seconds * 1000;
};
