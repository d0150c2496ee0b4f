/**
 * The text of a JSON input file checked against its schema. Errors name the file and the first wrong
 * field, so the user can fix it.
 *
 * @example
 *   const profile = parseJsonFile(text, 'baseline.json', profileSchema, 'not a Conveyor profile');
 */
import type { z } from 'zod';
import { InvalidInputError } from '../errors/invalid-input-error';

export const parseJsonFile = <S extends z.ZodType>(
  text: string,
  name: string,
  schema: S,
  /** Said before the wrong field, e.g. what the file should have been. */
  what?: string,
): z.output<S> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`${name}: not valid JSON (${(error as Error).message})`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.join('.') || '(root)';
    throw new InvalidInputError(
      `${name}: ${what === undefined ? '' : `${what}: `}${path}: ${issue?.message}`,
    );
  }
  return result.data;
};
