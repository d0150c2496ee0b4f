/** Reads a file the user named; an unreadable one is an `InvalidInputError` saying which and why. */
import { readFile } from 'node:fs/promises';
import { InvalidInputError } from '../errors/invalid-input-error';

/** `what` says what the file should hold: `cannot read spec conveyor.yml: ENOENT`. */
export const readInputFile = async (path: string, name: string, what: string): Promise<string> => {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new InvalidInputError(`cannot read ${what} ${name}: ${reason}`, { cause });
  }
};
