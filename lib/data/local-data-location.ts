/** Data in a folder of the model's project (a `data.source` relative to its conveyor.yml). */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { InvalidInputError } from '../errors/invalid-input-error';
import type { DataLocation, DataLocator, DataObject } from './data-location';

const sha256OfFile = async (path: string): Promise<string> => {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
};

export class LocalDataLocator implements DataLocator {
  /** `projectDir` answers where a model's project (its conveyor.yml) is. */
  constructor(private readonly projectDir: (model: string) => string) {}

  locate(model: string, source: string): DataLocation {
    if (source.startsWith('s3://')) {
      throw new InvalidInputError(`data.source ${source} is on S3; the local platform reads local folders`);
    }
    const project = resolve(this.projectDir(model));
    const root = resolve(project, source);
    if (root !== project && !root.startsWith(project + sep)) {
      throw new InvalidInputError(`data.source ${source} leaves the project folder of ${model}`);
    }
    return {
      source: root,
      list: () => listFiles(root),
      uri: (key) => join(root, key),
    };
  }
}

async function* listFiles(root: string): AsyncGenerator<DataObject> {
  let entries: string[];
  try {
    entries = (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const path of entries) {
    const key = relative(root, path).split(sep).join('/');
    yield { key, size: (await stat(path)).size, contentHash: await sha256OfFile(path) };
  }
}
