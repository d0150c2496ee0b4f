import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { InvalidInputError } from '../errors/invalid-input-error';

/** Reads `s3://bucket/key` whole, or undefined when there is no such object. */
export const s3ObjectReader =
  (client: S3Client) =>
  async (uri: string): Promise<Buffer | undefined> => {
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
    if (!match) throw new InvalidInputError(`not an s3:// object URI: ${uri}`);
    try {
      const { Body } = await client.send(new GetObjectCommand({ Bucket: match[1], Key: match[2] }));
      return Body ? Buffer.from(await Body.transformToByteArray()) : undefined;
    } catch (error) {
      if ((error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  };
