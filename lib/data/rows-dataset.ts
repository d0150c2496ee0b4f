/** Rows already in memory (objects) as a Dataset, so profiles and checks read them like a file. */
import type { BatchColumn, DataBatch, Dataset } from './batch';

const BATCH_ROWS = 8192;

export const rowsDataset = (name: string, rows: readonly Record<string, unknown>[]): Dataset => ({
  name,
  locationKind: 'row',
  async *batches() {
    const columns: string[] = [];
    const seen = new Set<string>();
    for (let start = 0; start < rows.length; start += BATCH_ROWS) {
      const slice = rows.slice(start, start + BATCH_ROWS);
      for (const row of slice) {
        for (const key of Object.keys(row)) {
          if (!seen.has(key)) {
            seen.add(key);
            columns.push(key);
          }
        }
      }
      const known = [...columns];
      const batch: DataBatch = {
        columns: known,
        rowCount: slice.length,
        location: (i) => start + i + 1,
        column: (c): BatchColumn | undefined => {
          const name = known[c];
          return name === undefined ? undefined : { kind: 'values', values: slice.map((row) => row[name]) };
        },
      };
      yield batch;
    }
  },
});
