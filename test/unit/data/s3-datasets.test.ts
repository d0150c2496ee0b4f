import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { openDataset } from '../../../lib/data/open-dataset';
import { readAll } from '../../helpers/datasets';

const s3 = mockClient(S3Client);
const parquet = readFileSync(join(__dirname, '../../fixtures/data/customers.parquet'));

describe('datasets in S3', () => {
  beforeEach(() => s3.reset());

  it('reads Parquet through ranged GetObject calls, never the whole object', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: parquet.length });
    s3.on(GetObjectCommand).callsFake((input: { Range?: string }) => {
      const [, from, to] = /^bytes=(\d+)-(\d+)$/.exec(input.Range ?? '') ?? [];
      if (from === undefined) throw new Error('expected a Range');
      return { Body: Readable.from([parquet.subarray(Number(from), Number(to) + 1)]) };
    });

    const { rows } = await readAll(
      openDataset('s3://bucket/data/customers.parquet', { cwd: '/', s3Client: new S3Client({}) }),
    );

    expect(rows).toHaveLength(50);
    const calls = s3.commandCalls(GetObjectCommand).map((call) => call.args[0].input);
    expect(
      calls.every(
        (input) => input.Bucket === 'bucket' && input.Key === 'data/customers.parquet' && input.Range,
      ),
    ).toBe(true);
  });

  it('streams gzipped CSV with one GetObject', async () => {
    s3.on(GetObjectCommand, { Bucket: 'bucket', Key: 'in/train.csv.gz' }).resolves({
      Body: Readable.from([gzipSync('a,b\n1,2\n3,4\n')]) as never,
    });

    const { rows } = await readAll(
      openDataset('s3://bucket/in/train.csv.gz', { cwd: '/', s3Client: new S3Client({}) }),
    );

    expect(rows.map((r) => r.cells)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('rejects an S3 location without a key', () => {
    expect(() => openDataset('s3://bucket-only.csv', { cwd: '/' })).toThrow(
      's3://bucket-only.csv: expected s3://bucket/key',
    );
  });
});
