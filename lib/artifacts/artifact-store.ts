/**
 * Model artifacts, immutable and addressed by the sha256 of their content: the same bytes always get
 * the same URI, and what is stored under a hash never changes.
 */
import type { Readable } from 'node:stream';
import { InvalidInputError } from '../errors/invalid-input-error';

export interface StoredArtifact {
  /** `file://...` or `s3://...`, ending in `sha256/<hex>`. */
  uri: string;
  sha256: string;
  size: number;
}

export interface ArtifactStore {
  /** Stores the content unless it is stored already; either way returns where it is. */
  put(content: Buffer | Readable): Promise<StoredArtifact>;
  /** The content stored under `sha256`; throws `NotFoundError`. */
  get(sha256: string): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The key of an artifact, after checking `sha256` is a hash and not a path. */
export const artifactKey = (sha256: string): string => {
  if (!SHA256_HEX.test(sha256))
    throw new InvalidInputError(`expected a sha256 hex digest, got ${JSON.stringify(sha256)}`);
  return `sha256/${sha256}`;
};
