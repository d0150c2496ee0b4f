import { mkdir, mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError } from '../../../lib/errors/invalid-input-error';
import { resolveInsideRoot } from '../../../lib/files/safe-path';

describe('keys under a local root', () => {
  let root: string;
  let outside: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'conveyor-root-'));
    outside = await mkdtemp(join(tmpdir(), 'conveyor-outside-'));
    await mkdir(join(root, 'models'));
    await symlink(outside, join(root, 'escape'));
  });

  it.each([
    ['a parent segment', '../secret'],
    ['a parent segment in the middle', 'models/../../secret'],
    ['an absolute path', '/etc/passwd'],
    ['a backslash', 'models\\..\\secret'],
    ['an empty key', ''],
  ])('refuses %s', async (_, key) => {
    await expect(resolveInsideRoot(root, key)).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('refuses a key that a symlink leads outside the root', async () => {
    await expect(resolveInsideRoot(root, 'escape/model.json')).rejects.toThrow(/symlink leads outside/);
  });

  it('resolves a key inside the root, whether or not the file exists yet', async () => {
    await expect(resolveInsideRoot(root, 'models/v1/model.json')).resolves.toMatch(
      /models\/v1\/model\.json$/,
    );
  });
});
