/**
 * Keys that name files under a local root: relative, `/`-separated, no `..`, and resolving (symlinks
 * followed) to a path inside the root. Anything else is refused before a file is touched.
 */
import { lstat, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InvalidInputError } from '../errors/invalid-input-error';

/** Checks the shape of `key` only; throws `InvalidInputError` naming it. */
export const assertSafeKey = (key: string): void => {
  const refuse = (why: string) => {
    throw new InvalidInputError(`key ${JSON.stringify(key)} is refused: ${why}`);
  };
  if (key === '') refuse('it is empty');
  if (key.includes('\0')) refuse('it contains a NUL character');
  if (key.includes('\\')) refuse('it contains a backslash');
  if (isAbsolute(key) || key.startsWith('/')) refuse('it is absolute');
  if (key.split('/').some((segment) => segment === '..')) refuse('it contains ..');
};

/**
 * The absolute path of `key` under `root`, after checking that neither the key nor a symlink on the
 * way leads outside the root. The file itself may not exist yet.
 */
export const resolveInsideRoot = async (root: string, key: string): Promise<string> => {
  assertSafeKey(key);
  const realRoot = await realpath(root);
  const target = resolve(realRoot, key);
  if (!isInside(realRoot, target)) throw new InvalidInputError(`key ${JSON.stringify(key)} leaves the root`);
  const existing = await nearestExisting(target);
  const real = await realpath(existing);
  if (!isInside(realRoot, real)) {
    throw new InvalidInputError(`key ${JSON.stringify(key)} is refused: a symlink leads outside the root`);
  }
  return join(real, relative(existing, target));
};

const isInside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

const nearestExisting = async (path: string): Promise<string> => {
  for (let current = path; ; current = dirname(current)) {
    try {
      await lstat(current);
      return current;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(current) === current) throw error;
    }
  }
};
