/**
 * Opens a data file by location: a local path (relative to `cwd`) or s3://bucket/key. The format
 * comes from the option or the extension (.csv, .jsonl/.ndjson, .parquet, each optionally .gz);
 * gzip is also recognised by its magic bytes.
 *
 * @example
 *   for await (const batch of openDataset('data/train.csv.gz', { cwd }).batches()) { ... }
 */
import { basename, dirname, resolve } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { S3Client } from '@aws-sdk/client-s3';
import type { BlobStore } from '../blob/blob-store';
import { LocalBlobStore } from '../blob/local-blob-store';
import { InvalidInputError } from '../errors/invalid-input-error';
import { NotFoundError } from '../errors/not-found-error';
import type { DataBatch, Dataset } from './batch';
import { readCsv } from './csv-reader';
import { type DataFormat, inferFormat } from './data-format';
import type { ValueType } from './decode';
import { readJsonLines } from './jsonl-reader';
import { readParquet } from './parquet-reader';

export interface OpenDatasetOptions {
  cwd: string;
  format?: DataFormat;
  /** Used for s3:// locations; built on first use otherwise. */
  s3Client?: S3Client;
}

export interface BlobLocation {
  store: BlobStore;
  key: string;
}

/**
 * Splits a location into a blob store and a key. A local file's store is rooted at its folder. The
 * S3 SDK loads only for s3:// locations, which keeps local runs of the CLI quick to start.
 */
export const resolveLocation = async (
  location: string,
  options: OpenDatasetOptions,
): Promise<BlobLocation> => {
  const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(location);
  if (s3) {
    const [, bucket, key] = s3 as unknown as [string, string, string];
    const { S3BlobStore } = await import('../blob/s3-blob-store');
    return { store: new S3BlobStore(bucket, '', options.s3Client ?? undefined), key };
  }
  if (location.startsWith('s3://')) throw new InvalidInputError(`${location}: expected s3://bucket/key`);
  const path = resolve(options.cwd, location);
  return { store: new LocalBlobStore(dirname(path)), key: basename(path) };
};

export const openDataset = (location: string, options: OpenDatasetOptions): Dataset => {
  const format = options.format ?? inferFormat(location);
  if (format === undefined) {
    throw new InvalidInputError(
      `${location}: cannot tell the format from the name; use .csv, .jsonl or .parquet (optionally .gz)`,
    );
  }
  if (location.startsWith('s3://') && !/^s3:\/\/[^/]+\/.+$/.test(location)) {
    throw new InvalidInputError(`${location}: expected s3://bucket/key`);
  }
  return {
    name: location,
    locationKind: format === 'parquet' ? 'row' : 'line',
    batches: (types) => readBatches(location, options, format, types),
  };
};

async function* readBatches(
  location: string,
  options: OpenDatasetOptions,
  format: DataFormat,
  types: Readonly<Record<string, ValueType>> | undefined,
): AsyncGenerator<DataBatch> {
  const name = location;
  const { store, key } = await resolveLocation(location, options);
  try {
    if (format === 'parquet') {
      yield* readParquet(store, key, name);
      return;
    }
    const chunks = decompressed(await store.get(key), name);
    yield* format === 'csv' ? readCsv(chunks, name, types) : readJsonLines(chunks, name);
  } catch (error) {
    if (error instanceof NotFoundError)
      throw new InvalidInputError(`${name}: no such file`, { cause: error });
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      throw new InvalidInputError(`${name}: cannot read (${code})`, { cause: error });
    }
    throw error;
  }
}

/** Passes chunks through, gunzipping them when the stream starts with the gzip magic bytes. */
async function* decompressed(source: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = first.value;
  const rest = {
    async *[Symbol.asyncIterator]() {
      yield head;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    },
  };
  if (!(head[0] === 0x1f && head[1] === 0x8b)) {
    yield* rest;
    return;
  }
  // pipeline destroys both streams when either fails or the consumer stops early.
  const gunzip = pipeline(Readable.from(rest), createGunzip({ chunkSize: 1 << 20 }), () => {});
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (error) {
    throw new InvalidInputError(`${name}: not a readable gzip stream: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
