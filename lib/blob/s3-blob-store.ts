/** A blob store in an S3 bucket under a key prefix: streamed GetObject, ranged reads, HeadObject. */

import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { InvalidInputError } from '../errors/invalid-input-error';
import { NotFoundError } from '../errors/not-found-error';
import type { BlobInfo, BlobStore } from './blob-store';

export class S3BlobStore implements BlobStore {
  private readonly prefix: string;

  constructor(
    private readonly bucket: string,
    prefix = '',
    private readonly client: S3Client = new S3Client({}),
  ) {
    this.prefix = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
  }

  describe(key: string): string {
    return `s3://${this.bucket}/${this.prefix}${key}`;
  }

  async get(key: string): Promise<Readable> {
    const output = await this.send(key, () =>
      this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) })),
    );
    return toReadable(output.Body, this.describe(key));
  }

  async getRange(key: string, start: number, end: number): Promise<Uint8Array> {
    if (end <= start) return new Uint8Array(0);
    const output = await this.send(key, () =>
      this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(key),
          Range: `bytes=${start}-${end - 1}`,
        }),
      ),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of toReadable(output.Body, this.describe(key))) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async head(key: string): Promise<BlobInfo> {
    const output = await this.send(key, () =>
      this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) })),
    );
    return { size: output.ContentLength ?? 0 };
  }

  async put(key: string, body: Uint8Array | string | Readable): Promise<void> {
    // Upload streams bodies of unknown length in parts; small bodies go up in one PutObject.
    await new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: this.objectKey(key), Body: body },
    }).done();
  }

  private objectKey(key: string): string {
    if (key === '' || key.startsWith('/') || key.split('/').includes('..')) {
      throw new InvalidInputError(`blob key ${JSON.stringify(key)} must be a relative path inside the store`);
    }
    return `${this.prefix}${key}`;
  }

  private async send<T>(key: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof NoSuchKey || error instanceof NotFound) {
        throw new NotFoundError(`${this.describe(key)} does not exist`, { cause: error });
      }
      throw error;
    }
  }
}

const toReadable = (body: unknown, where: string): Readable => {
  if (body instanceof Readable) return body;
  if (body && typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
    return Readable.from(body as AsyncIterable<Uint8Array>);
  }
  throw new InvalidInputError(`${where}: S3 returned no body`);
};
