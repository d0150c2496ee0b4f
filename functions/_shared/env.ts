import { InvalidInputError } from '../../lib/errors/invalid-input-error';

/** Reads the named variables once, failing at cold start with every missing name rather than later. */
export const readEnv = <K extends string>(
  names: readonly K[],
  env: NodeJS.ProcessEnv = process.env,
): Record<K, string> => {
  const missing = names.filter((name) => !env[name]);
  if (missing.length) throw new InvalidInputError(`missing environment variable(s): ${missing.join(', ')}`);
  return Object.fromEntries(names.map((name) => [name, env[name] as string])) as Record<K, string>;
};
