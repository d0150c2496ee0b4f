import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packModelDirectory, unpackModelArchive } from '../../../lib/artifacts/model-archive';
import { InvalidInputError } from '../../../lib/errors/invalid-input-error';

const tarEntry = (name: string, content: string): Buffer => {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write('0000644', 100);
  header.write(content.length.toString(8).padStart(11, '0'), 124);
  header.write('0', 156);
  const body = Buffer.alloc(512);
  body.write(content);
  return Buffer.concat([header, body]);
};

describe('model archives', () => {
  it('pack a model directory the same way every time and unpack it intact', async () => {
    const model = await mkdtemp(join(tmpdir(), 'conveyor-model-'));
    await mkdir(join(model, 'nested'));
    await writeFile(join(model, 'model.json'), '{"weights":[1,2]}');
    await writeFile(join(model, 'nested', 'vocab.txt'), 'a\nb\n');
    const dest = await mkdtemp(join(tmpdir(), 'conveyor-unpacked-'));

    const archive = await packModelDirectory(model);
    await unpackModelArchive(archive, dest);

    expect((await packModelDirectory(model)).equals(archive)).toBe(true);
    expect(await readFile(join(dest, 'model.json'), 'utf8')).toBe('{"weights":[1,2]}');
    expect(await readFile(join(dest, 'nested', 'vocab.txt'), 'utf8')).toBe('a\nb\n');
  });

  it('refuses an archive entry with .. instead of writing outside the destination', async () => {
    const dest = await mkdtemp(join(tmpdir(), 'conveyor-unpacked-'));
    const archive = gzipSync(Buffer.concat([tarEntry('../escaped.txt', 'x'), Buffer.alloc(1024)]));

    await expect(unpackModelArchive(archive, dest)).rejects.toBeInstanceOf(InvalidInputError);
  });
});
