/** Captured traffic in the local router's capture directory. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaptureRecord } from '../deploy/data-capture';
import { resolveInsideRoot } from '../files/safe-path';
import { type CaptureSource, hourFolders, recordsInWindow } from './capture-source';

const listOrNone = async (dir: string): Promise<string[]> => {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
};

export class LocalCaptureSource implements CaptureSource {
  constructor(private readonly root: string) {}

  async *records(endpoint: string, from: Date, to: Date): AsyncGenerator<CaptureRecord> {
    let endpointDir: string;
    try {
      endpointDir = await resolveInsideRoot(this.root, endpoint);
    } catch (error) {
      // Nothing was ever captured: no capture folder yet.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const variant of await listOrNone(endpointDir)) {
      for (const hour of hourFolders(from, to)) {
        const dir = join(endpointDir, variant, hour);
        for (const file of (await listOrNone(dir)).filter((name) => name.endsWith('.jsonl'))) {
          yield* recordsInWindow(await readFile(join(dir, file), 'utf8'), from, to);
        }
      }
    }
  }
}
