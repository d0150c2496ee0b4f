import { createHash } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import { LocalArtifactStore } from '../../../lib/artifacts/local-artifact-store';
import { InvalidInputError } from '../../../lib/errors/invalid-input-error';
import { NotFoundError } from '../../../lib/errors/not-found-error';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the local artifact store', () => {
  let root: string;
  let store: LocalArtifactStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'conveyor-artifacts-'));
    store = new LocalArtifactStore(root);
  });

  it('stores content under its sha256, read-only, and returns the same address for the same bytes', async () => {
    const first = await store.put(Buffer.from('model v1'));
    const again = await store.put(Readable.from([Buffer.from('model '), Buffer.from('v1')]));

    expect(first).toEqual({ uri: again.uri, sha256: sha256('model v1'), size: 8 });
    expect(first.uri).toMatch(new RegExp(`^file://.*/sha256/${sha256('model v1')}$`));
    expect(await readFile(fileURLToPath(first.uri), 'utf8')).toBe('model v1');
    expect((await stat(fileURLToPath(first.uri))).mode & 0o222).toBe(0);
    expect((await buffer(await store.get(first.sha256))).toString()).toBe('model v1');
    expect(await store.exists(first.sha256)).toBe(true);
  });

  it('reports absent content as not found and refuses anything that is not a sha256 digest', async () => {
    await expect(store.exists(sha256('nothing'))).resolves.toBe(false);
    await expect(store.get(sha256('nothing'))).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.get('../../etc/passwd')).rejects.toBeInstanceOf(InvalidInputError);
  });
});
