import { createHash } from 'node:crypto';
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { S3ArtifactStore } from '../../../lib/artifacts/s3-artifact-store';
import { NotFoundError } from '../../../lib/errors/not-found-error';

const s3 = mockClient(S3Client);
const content = Buffer.from('model.tar.gz bytes');
const digest = createHash('sha256').update(content).digest();
const hex = digest.toString('hex');
const key = `models/sha256/${hex}`;

const s3Error = (name: string, status: number) =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status } });

describe('the S3 artifact store', () => {
  const store = new S3ArtifactStore(new S3Client({ region: 'eu-west-1' }), {
    bucket: 'acme-ml',
    prefix: 'models',
  });

  beforeEach(() => s3.reset());

  it('writes new content once, conditionally and with its SHA-256 checksum', async () => {
    s3.on(HeadObjectCommand).rejects(s3Error('NotFound', 404));
    s3.on(PutObjectCommand).resolves({});

    const stored = await store.put(content);

    expect(stored).toEqual({ uri: `s3://acme-ml/${key}`, sha256: hex, size: content.length });
    expect(s3).toHaveReceivedCommandWith(HeadObjectCommand, { Bucket: 'acme-ml', Key: key });
    expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 1);
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: 'acme-ml',
      Key: key,
      ContentLength: content.length,
      ChecksumSHA256: digest.toString('base64'),
      IfNoneMatch: '*',
    });
  });

  it('leaves content that is stored already untouched', async () => {
    s3.on(HeadObjectCommand).resolves({});

    const stored = await store.put(content);

    expect(stored.sha256).toBe(hex);
    expect(s3).not.toHaveReceivedCommand(PutObjectCommand);
  });

  it('treats losing the race to another writer of the same content as success', async () => {
    s3.on(HeadObjectCommand).rejectsOnce(s3Error('NotFound', 404)).resolves({});
    s3.on(PutObjectCommand).rejects(s3Error('PreconditionFailed', 412));

    await expect(store.put(content)).resolves.toMatchObject({ sha256: hex });
  });

  it('reports a missing object as not found', async () => {
    s3.on(GetObjectCommand).rejects(s3Error('NoSuchKey', 404));

    await expect(store.get(hex)).rejects.toBeInstanceOf(NotFoundError);
  });
});
