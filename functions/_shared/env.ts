import { InvalidInputError } from '../../lib/errors/invalid-input-error';

/**
 * The named variables of the environment, read once at cold start; a missing one fails the function's
 * initialisation with every missing name, rather than a later call with an undefined table.
 */
export const requireEnv = <const N extends string>(
  env: NodeJS.ProcessEnv,
  names: readonly N[],
): Record<N, string> => {
  const missing = names.filter((name) => !env[name]?.trim());
  if (missing.length) throw new InvalidInputError(`missing environment variable(s): ${missing.join(', ')}`);
  return Object.fromEntries(names.map((name) => [name, (env[name] as string).trim()])) as Record<N, string>;
};

/** A positive whole number of seconds from the environment, naming the variable when it is not one. */
export const secondsFromEnv = (name: string, value: string): number => {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds <= 0) {
    throw new InvalidInputError(
      `${name} must be a positive whole number of seconds, got ${JSON.stringify(value)}`,
    );
  }
  return seconds;
};
