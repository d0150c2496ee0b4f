/**
 * The blob port: where data files and artifacts live (a local folder or an S3 bucket). Keys are
 * slash-separated and relative to the store's root; adapters refuse keys that would leave it.
 */
import type { Readable } from 'node:stream';

export interface BlobInfo {
  /** Size in bytes. */
  size: number;
}

export interface BlobStore {
  /** A human-readable location of `key`, for messages (a path or an s3:// URL). */
  describe(key: string): string;
  /** Streams the whole object. Throws `NotFoundError` when it does not exist. */
  get(key: string): Promise<Readable>;
  /** Reads bytes [start, end) of the object. */
  getRange(key: string, start: number, end: number): Promise<Uint8Array>;
  head(key: string): Promise<BlobInfo>;
  put(key: string, body: Uint8Array | string | Readable): Promise<void>;
}
