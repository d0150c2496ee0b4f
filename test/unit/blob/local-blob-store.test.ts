import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalBlobStore } from '../../../lib/blob/local-blob-store';
import { folderWith } from '../../helpers/datasets';

const text = async (stream: Readable) => {
  let out = '';
  for await (const chunk of stream) out += chunk;
  return out;
};

describe('the local blob store', () => {
  it('puts, heads, streams and reads ranges of objects under its root', async () => {
    const root = folderWith({});
    const store = new LocalBlobStore(root);

    await store.put('a/b/data.txt', 'hello world');
    await store.put('a/streamed.txt', Readable.from(['one ', 'two']));

    expect(await store.head('a/b/data.txt')).toEqual({ size: 11 });
    expect(await text(await store.get('a/b/data.txt'))).toBe('hello world');
    expect(Buffer.from(await store.getRange('a/b/data.txt', 6, 11)).toString()).toBe('world');
    expect(readFileSync(join(root, 'a/streamed.txt'), 'utf8')).toBe('one two');
  });

  it.each(['../outside.txt', 'a/../../outside.txt', '/etc/passwd', ''])('refuses the key %j', async (key) => {
    const store = new LocalBlobStore(folderWith({}));

    await expect(store.get(key)).rejects.toThrow(
      /^key .* is refused: it (contains \.\.|is absolute|is empty)$/,
    );
    await expect(store.put(key, 'x')).rejects.toThrow(
      /^key .* is refused: it (contains \.\.|is absolute|is empty)$/,
    );
  });

  it('refuses a symbolic link that leads outside the root', async () => {
    const outside = folderWith({ 'secret.txt': 'secret' });
    const root = folderWith({});
    symlinkSync(join(outside, 'secret.txt'), join(root, 'link.txt'));
    mkdirSync(join(root, 'dir'));
    symlinkSync(outside, join(root, 'dir/escape'));

    const store = new LocalBlobStore(root);

    await expect(store.get('link.txt')).rejects.toThrow('is refused: a symlink leads outside the root');
    await expect(store.put('dir/escape/new.txt', 'x')).rejects.toThrow(
      'is refused: a symlink leads outside the root',
    );
  });

  it('reports a missing object as not found', async () => {
    const store = new LocalBlobStore(folderWith({}));

    await expect(store.head('missing.txt')).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('follows a symbolic link that stays inside the root', async () => {
    const root = folderWith({ 'real.txt': 'inside' });
    symlinkSync(join(root, 'real.txt'), join(root, 'alias.txt'));
    writeFileSync(join(root, 'other.txt'), 'x');

    expect(await text(await new LocalBlobStore(root).get('alias.txt'))).toBe('inside');
  });
});
