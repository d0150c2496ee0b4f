import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface SpooledContent {
  path: string;
  sha256: string;
  size: number;
}

/**
 * Writes `content` to a new file in `dir` while hashing it, so that an artifact of any size is hashed
 * once and never held in memory: its address is known only once the last byte is read.
 */
export const spoolContent = async (content: Buffer | Readable, dir: string): Promise<SpooledContent> => {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `.spool-${randomUUID()}`);
  const hash = createHash('sha256');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
  await pipeline(source, measure, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  return { path, sha256: hash.digest('hex'), size };
};
