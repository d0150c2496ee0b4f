/**
 * `model.tar.gz`, as SageMaker packs `/opt/ml/model`: a gzipped ustar archive. Packing is
 * deterministic (sorted entries, zero timestamps and owners), so the same model gets the same sha256
 * and is stored once. Unpacking writes regular files and directories only, each key checked by
 * `resolveInsideRoot`, so an archive cannot write outside its destination.
 */
import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { InvalidInputError } from '../errors/invalid-input-error';
import { resolveInsideRoot } from '../files/safe-path';

const BLOCK = 512;

export const packModelDirectory = async (dir: string): Promise<Buffer> => {
  const blocks: Buffer[] = [];
  const walk = async (relativeDir: string): Promise<void> => {
    const names = (await readdir(join(dir, relativeDir))).sort();
    for (const name of names) {
      const key = relativeDir ? `${relativeDir}/${name}` : name;
      const info = await lstat(join(dir, key));
      if (info.isDirectory()) {
        blocks.push(header(`${key}/`, 0, '5', 0o755));
        await walk(key);
      } else if (info.isFile()) {
        const content = await readFile(join(dir, key));
        blocks.push(header(key, content.length, '0', 0o644), content, padding(content.length));
      } else {
        throw new InvalidInputError(`model directory entry ${key} is not a regular file or directory`);
      }
    }
  };
  await walk('');
  blocks.push(Buffer.alloc(BLOCK * 2));
  return gzipSync(Buffer.concat(blocks));
};

export const unpackModelArchive = async (archive: Buffer, dest: string): Promise<void> => {
  await mkdir(dest, { recursive: true });
  for (const entry of archiveEntries(archive)) {
    const path = await resolveInsideRoot(dest, entry.key);
    if (entry.type === '5') await mkdir(path, { recursive: true });
    else {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, entry.content);
    }
  }
};

/** The content of the regular file `key` in the archive, or undefined when it holds none. */
export const readArchiveFile = (archive: Buffer, key: string): Buffer | undefined => {
  for (const entry of archiveEntries(archive))
    if (entry.type === '0' && entry.key === key) return entry.content;
  return undefined;
};

interface ArchiveEntry {
  /** The entry's path without a leading `./` or trailing `/`. */
  key: string;
  type: '0' | '5';
  content: Buffer;
}

/**
 * The files and directories of a gzipped tar, as GNU tar and SageMaker write them: pax headers are
 * skipped; links and devices are refused rather than followed.
 */
function* archiveEntries(archive: Buffer): Generator<ArchiveEntry> {
  const tar = gunzipSync(archive);
  for (let offset = 0; offset + BLOCK <= tar.length; ) {
    const block = tar.subarray(offset, offset + BLOCK);
    if (block.every((byte) => byte === 0)) return;
    const name = entryName(block);
    const size = Number.parseInt(field(block, 124, 12) || '0', 8);
    const type = field(block, 156, 1) || '0';
    const start = offset + BLOCK;
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x' || type === 'g') continue;
    if (type !== '0' && type !== '5')
      throw new InvalidInputError(`archive entry ${name} has unsupported type ${type}`);
    const key = name.replace(/^(\.\/)+/, '').replace(/\/$/, '');
    if (key === '' || key === '.') continue;
    yield { key, type, content: tar.subarray(start, start + size) };
  }
}

const header = (name: string, size: number, type: string, mode: number): Buffer => {
  const block = Buffer.alloc(BLOCK);
  const [prefix, base] = splitName(name);
  block.write(base, 0, 100, 'utf8');
  block.write(octal(mode, 7), 100);
  block.write(octal(0, 7), 108);
  block.write(octal(0, 7), 116);
  block.write(octal(size, 11), 124);
  block.write(octal(0, 11), 136);
  block.write(' '.repeat(8), 148);
  block.write(type, 156);
  block.write('ustar\u000000', 257);
  block.write(prefix, 345, 155, 'utf8');
  const checksum = block.reduce((sum, byte) => sum + byte, 0);
  block.write(`${octal(checksum, 6)}\u0000 `, 148);
  return block;
};

const splitName = (name: string): [string, string] => {
  if (Buffer.byteLength(name) <= 100) return ['', name];
  const cut = name.lastIndexOf('/', name.length - 2);
  const [prefix, base] = [name.slice(0, cut), name.slice(cut + 1)];
  if (cut <= 0 || Buffer.byteLength(prefix) > 155 || Buffer.byteLength(base) > 100) {
    throw new InvalidInputError(`model file path ${name} is too long to archive`);
  }
  return [prefix, base];
};

const entryName = (block: Buffer): string => {
  const prefix = field(block, 345, 155);
  const name = field(block, 0, 100);
  return prefix ? `${prefix}/${name}` : name;
};

const field = (block: Buffer, start: number, length: number): string =>
  block
    .subarray(start, start + length)
    .toString('utf8')
    .replace(/\0.*$/s, '')
    .trim();

const octal = (value: number, width: number): string => value.toString(8).padStart(width, '0');

const padding = (size: number): Buffer => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
