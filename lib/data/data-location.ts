/**
 * Where a model's data lives (`data.source` of its spec): a local folder or an S3 prefix. A pipeline
 * lists it to version the data (a manifest of content hashes) and hands its folders to training as
 * channels, SageMaker's way: each top-level folder is a channel.
 */
export interface DataObject {
  /** Relative to the source, `/`-separated. */
  key: string;
  size: number;
  /** sha256 of the content locally; the ETag on S3. */
  contentHash: string;
}

export interface DataLocation {
  /** The source as the spec names it, resolved (a path or an s3:// URI), for messages. */
  source: string;
  /** Every object under the source, in key order. */
  list(): AsyncIterable<DataObject>;
  /** What readers and training take for a key or a folder under the source (a path or an s3:// URI). */
  uri(relative: string): string;
}

export interface DataLocator {
  /** The model's data location; `source` is the spec's `data.source`. */
  locate(model: string, source: string): DataLocation;
}
