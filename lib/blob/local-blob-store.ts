/** A blob store on the local file system, rooted at a folder that keys can never leave. */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, realpath, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidInputError } from '../errors/invalid-input-error';
import { NotFoundError } from '../errors/not-found-error';
import type { BlobInfo, BlobStore } from './blob-store';

export class LocalBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  describe(key: string): string {
    return join(this.root, key);
  }

  async get(key: string): Promise<Readable> {
    const path = await this.existingPath(key);
    return createReadStream(path, { highWaterMark: 1 << 20 });
  }

  async getRange(key: string, start: number, end: number): Promise<Uint8Array> {
    const handle = await open(await this.existingPath(key), 'r');
    try {
      const bytes = Buffer.allocUnsafe(Math.max(0, end - start));
      let filled = 0;
      while (filled < bytes.length) {
        const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, start + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return bytes.subarray(0, filled);
    } finally {
      await handle.close();
    }
  }

  async head(key: string): Promise<BlobInfo> {
    return { size: (await stat(await this.existingPath(key))).size };
  }

  async put(key: string, body: Uint8Array | string | Readable): Promise<void> {
    const path = this.lexicalPath(key);
    await mkdir(dirname(path), { recursive: true });
    await this.assertInsideRoot(dirname(path), key);
    // Write aside, then rename, so readers never see half an object.
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    if (body instanceof Readable) await pipeline(body, createWriteStream(temporary));
    else await writeFile(temporary, body);
    await rename(temporary, path);
  }

  private lexicalPath(key: string): string {
    if (key === '' || isAbsolute(key) || key.includes('\0') || key.split(/[\\/]/).includes('..')) {
      throw new InvalidInputError(`blob key ${JSON.stringify(key)} must be a relative path inside the store`);
    }
    return join(this.root, key);
  }

  private async existingPath(key: string): Promise<string> {
    const path = this.lexicalPath(key);
    try {
      await this.assertInsideRoot(path, key);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new NotFoundError(`${this.describe(key)} does not exist`, { cause: error });
      }
      throw error;
    }
    return path;
  }

  /** Symbolic links may point anywhere; resolve them and check the target is still inside the root. */
  private async assertInsideRoot(path: string, key: string): Promise<void> {
    const [root, real] = await Promise.all([realpath(this.root), realpath(path)]);
    const inside = relative(root, real);
    if (inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
      throw new InvalidInputError(`blob key ${JSON.stringify(key)} resolves outside the store`);
    }
  }
}
