/** A blob store on the local file system, rooted at a folder that keys can never leave (files/safe-path). */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotFoundError } from '../errors/not-found-error';
import { resolveInsideRoot } from '../files/safe-path';
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
    const path = await resolveInsideRoot(this.root, key);
    await mkdir(dirname(path), { recursive: true });
    // Write aside, then rename, so readers never see half an object.
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    if (body instanceof Readable) await pipeline(body, createWriteStream(temporary));
    else await writeFile(temporary, body);
    await rename(temporary, path);
  }

  private async existingPath(key: string): Promise<string> {
    const path = await resolveInsideRoot(this.root, key);
    try {
      await stat(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new NotFoundError(`${this.describe(key)} does not exist`, { cause: error });
      }
      throw error;
    }
    return path;
  }
}
