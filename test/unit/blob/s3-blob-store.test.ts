import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { S3BlobStore } from '../../../lib/blob/s3-blob-store';
import 'aws-sdk-client-mock-jest';

const s3 = mockClient(S3Client);
// The SDK's stream body is a Readable in Node.
const body = (text: string) => Readable.from([Buffer.from(text)]) as never;

describe('the S3 blob store', () => {
  beforeEach(() => s3.reset());

  it('streams objects under its prefix and reads ranges with a Range header', async () => {
    s3.on(GetObjectCommand, { Bucket: 'data', Key: 'churn/train.csv' }).resolves({ Body: body('a,b\n') });
    s3.on(GetObjectCommand, { Bucket: 'data', Key: 'churn/train.parquet', Range: 'bytes=4-7' }).resolves({
      Body: body('PAR1'),
    });
    s3.on(HeadObjectCommand, { Bucket: 'data', Key: 'churn/train.parquet' }).resolves({
      ContentLength: 1234,
    });
    const store = new S3BlobStore('data', 'churn', new S3Client({}));

    let text = '';
    for await (const chunk of await store.get('train.csv')) text += chunk;
    const range = await store.getRange('train.parquet', 4, 8);

    expect(text).toBe('a,b\n');
    expect(Buffer.from(range).toString()).toBe('PAR1');
    expect(await store.head('train.parquet')).toEqual({ size: 1234 });
    expect(store.describe('train.csv')).toBe('s3://data/churn/train.csv');
  });

  it('turns NoSuchKey into NotFoundError', async () => {
    s3.on(GetObjectCommand).rejects(
      new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }),
    );
    const store = new S3BlobStore('data', '', new S3Client({}));

    await expect(store.get('missing.csv')).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 's3://data/missing.csv does not exist',
    });
  });

  it('puts objects under its prefix and refuses keys that climb out of it', async () => {
    s3.on(PutObjectCommand).resolves({});
    const store = new S3BlobStore('data', 'models/', new S3Client({ region: 'eu-west-1' }));

    await store.put('v1/profile.json', '{}');

    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, { Bucket: 'data', Key: 'models/v1/profile.json' });
    await expect(store.put('../escape.json', '{}')).rejects.toThrow(
      'must be a relative path inside the store',
    );
  });
});
