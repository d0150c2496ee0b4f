import { createReadStream } from 'node:fs';
import { chmod, link, mkdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { NotFoundError } from '../errors/not-found-error';
import { resolveInsideRoot } from '../files/safe-path';
import { type ArtifactStore, artifactKey, type StoredArtifact } from './artifact-store';
import { spoolContent } from './spool-content';

/** Artifacts in a local directory: `<root>/sha256/<hex>`, read-only once written. */
export class LocalArtifactStore implements ArtifactStore {
  constructor(private readonly root: string) {}

  async put(content: Buffer | Readable): Promise<StoredArtifact> {
    await mkdir(this.root, { recursive: true });
    const spooled = await spoolContent(content, join(this.root, 'tmp'));
    try {
      const path = await this.pathOf(spooled.sha256);
      await mkdir(join(this.root, 'sha256'), { recursive: true });
      await chmod(spooled.path, 0o444);
      // link() never replaces an existing file: the first writer of a hash wins, later ones are no-ops.
      await link(spooled.path, path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      return { uri: pathToFileURL(path).href, sha256: spooled.sha256, size: spooled.size };
    } finally {
      await unlink(spooled.path);
    }
  }

  async get(sha256: string): Promise<Readable> {
    const path = await this.pathOf(sha256);
    if (!(await this.exists(sha256))) throw new NotFoundError(`artifact sha256:${sha256} is not stored`);
    return createReadStream(path);
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      return (await stat(await this.pathOf(sha256))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  private async pathOf(sha256: string): Promise<string> {
    await mkdir(this.root, { recursive: true });
    return resolveInsideRoot(this.root, artifactKey(sha256));
  }
}
