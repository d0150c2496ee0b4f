import { open, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { NotFoundError } from '../errors/not-found-error';
import { type ArtifactStore, artifactKey, type StoredArtifact } from './artifact-store';
import { spoolContent } from './spool-content';

export interface S3ArtifactStoreOptions {
  bucket: string;
  /** Key prefix, without a trailing slash; empty for the bucket root. */
  prefix?: string;
  /** Where content is spooled while it is hashed; the OS temp dir by default. */
  spoolDir?: string;
}

/**
 * Artifacts in S3 under `<prefix>/sha256/<hex>`. Writes are conditional (`If-None-Match: *`), so an
 * object is never replaced, and carry the SHA-256 checksum, so S3 refuses bytes that do not match it.
 */
export class S3ArtifactStore implements ArtifactStore {
  constructor(
    private readonly client: S3Client,
    private readonly options: S3ArtifactStoreOptions,
  ) {}

  async put(content: Buffer | Readable): Promise<StoredArtifact> {
    const spooled = await spoolContent(content, this.options.spoolDir ?? tmpdir());
    try {
      const stored = { uri: this.uriOf(spooled.sha256), sha256: spooled.sha256, size: spooled.size };
      if (await this.exists(spooled.sha256)) return stored;
      const file = await open(spooled.path);
      try {
        await this.client.send(
          new PutObjectCommand({
            Bucket: this.options.bucket,
            Key: this.keyOf(spooled.sha256),
            Body: file.createReadStream({ autoClose: false }),
            ContentLength: spooled.size,
            ChecksumSHA256: Buffer.from(spooled.sha256, 'hex').toString('base64'),
            IfNoneMatch: '*',
          }),
        );
      } catch (error) {
        // Another writer stored the same content between our HeadObject and PutObject.
        if (!isConditionalFailure(error) || !(await this.exists(spooled.sha256))) throw error;
      } finally {
        await file.close();
      }
      return stored;
    } finally {
      await unlink(spooled.path);
    }
  }

  async get(sha256: string): Promise<Readable> {
    try {
      const { Body } = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256) }),
      );
      return Body as Readable;
    } catch (error) {
      if ((error as Error).name === 'NoSuchKey') {
        throw new NotFoundError(`artifact sha256:${sha256} is not stored`, { cause: error });
      }
      throw error;
    }
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256) }));
      return true;
    } catch (error) {
      if ((error as Error).name === 'NotFound') return false;
      throw error;
    }
  }

  private keyOf(sha256: string): string {
    return this.options.prefix ? `${this.options.prefix}/${artifactKey(sha256)}` : artifactKey(sha256);
  }

  private uriOf(sha256: string): string {
    return `s3://${this.options.bucket}/${this.keyOf(sha256)}`;
  }
}

const isConditionalFailure = (error: unknown): boolean =>
  ['PreconditionFailed', 'ConditionalRequestConflict'].includes((error as Error).name);
