/**
 * The data version of a run: every data file under the source with its content hash, and one sha256
 * over the sorted list, so the same files give the same version wherever they are listed.
 */
import { createHash } from 'node:crypto';
import { inferFormat } from '../data/data-format';
import type { DataLocation, DataObject } from '../data/data-location';

export interface DataManifest {
  source: string;
  objects: DataObject[];
  bytes: number;
  hash: string;
  /** Training channels by name: each top-level folder, or `train` for files at the top. */
  channels: Record<string, string>;
}

export const dataManifest = async (location: DataLocation): Promise<DataManifest> => {
  const objects: DataObject[] = [];
  for await (const object of location.list()) {
    if (inferFormat(object.key) !== undefined) objects.push(object);
  }
  objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const hash = createHash('sha256');
  for (const object of objects) hash.update(`${object.key}\t${object.size}\t${object.contentHash}\n`);
  const folders = new Set(
    objects.filter((o) => o.key.includes('/')).map((o) => o.key.split('/')[0] as string),
  );
  const channels =
    folders.size > 0
      ? Object.fromEntries([...folders].map((folder) => [folder, location.uri(folder)]))
      : { train: location.uri('') };
  return {
    source: location.source,
    objects,
    bytes: objects.reduce((sum, o) => sum + o.size, 0),
    hash: hash.digest('hex'),
    channels,
  };
};

/** The objects of one channel (all of them when the data has no folders). */
export const channelObjects = (manifest: DataManifest, channel: string): DataObject[] =>
  manifest.objects.filter((o) => !o.key.includes('/') || o.key.startsWith(`${channel}/`));
