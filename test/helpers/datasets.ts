import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cellText, type Dataset } from '../../lib/data/batch';

/** A fresh temporary folder holding `files` (text, or bytes; names ending .gz are gzipped). */
export const folderWith = (files: Record<string, string | Uint8Array>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'conveyor-data-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), name.endsWith('.gz') ? gzipSync(content) : content);
  }
  return dir;
};

/** Reads every row of a dataset as text cells, with its location. */
export const readAll = async (dataset: Dataset) => {
  const rows: { location: number; cells: (string | null)[] }[] = [];
  let columns: readonly string[] = [];
  for await (const batch of dataset.batches()) {
    columns = batch.columns;
    for (let i = 0; i < batch.rowCount; i++) {
      rows.push({ location: batch.location(i), cells: columns.map((_, c) => cellText(batch.column(c), i)) });
    }
  }
  return { columns, rows };
};
