/** Data under an S3 prefix, listed with ListObjectsV2 (every page). */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { InvalidInputError } from '../errors/invalid-input-error';
import type { DataLocation, DataLocator, DataObject } from './data-location';

const S3_URI = /^s3:\/\/([^/]+)\/?(.*)$/;

export class S3DataLocator implements DataLocator {
  constructor(private readonly client: S3Client) {}

  locate(_model: string, source: string): DataLocation {
    const match = S3_URI.exec(source);
    if (!match)
      throw new InvalidInputError(`data.source ${source} is not an s3:// URI; AWS reads data from S3`);
    const [, bucket, rawPrefix] = match as unknown as [string, string, string];
    const prefix = rawPrefix === '' || rawPrefix.endsWith('/') ? rawPrefix : `${rawPrefix}/`;
    return {
      source: `s3://${bucket}/${prefix}`,
      list: () => this.list(bucket, prefix),
      uri: (key) => `s3://${bucket}/${prefix}${key}`,
    };
  }

  private async *list(bucket: string, prefix: string): AsyncGenerator<DataObject> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key || object.Key.endsWith('/')) continue;
        yield {
          key: object.Key.slice(prefix.length),
          size: object.Size ?? 0,
          // ListObjectsV2 gives no checksum values; the ETag changes whenever the content does.
          contentHash: `etag:${(object.ETag ?? '').replaceAll('"', '')}`,
        };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
