/** SageMaker data capture on S3 (`DataCaptureConfig.DestinationS3Uri`), read hour folder by hour folder. */
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { CaptureRecord } from '../deploy/data-capture';
import { type CaptureSource, hourFolders, recordsInWindow } from './capture-source';

export class S3CaptureSource implements CaptureSource {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    /** The prefix SageMaker writes under, without a trailing slash ('' for the bucket's root). */
    private readonly prefix: string,
  ) {}

  async *records(endpoint: string, from: Date, to: Date): AsyncGenerator<CaptureRecord> {
    const base = `${this.prefix ? `${this.prefix}/` : ''}${endpoint}/`;
    const hours = new Set(hourFolders(from, to));
    for (const key of await this.keys(base)) {
      // <endpoint>/<variant>/yyyy/mm/dd/hh/<file>: the hour is the four folders after the variant.
      const hour = key.slice(base.length).split('/').slice(1, 5).join('/');
      if (!hours.has(hour) || !key.endsWith('.jsonl')) continue;
      const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (Body) yield* recordsInWindow(await Body.transformToString('utf8'), from, to);
    }
  }

  private async keys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }
}
