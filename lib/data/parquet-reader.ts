/**
 * Reads Parquet one row group at a time through ranged reads of a blob (so from S3 only the footer
 * and the needed column chunks are fetched). ZSTD, Snappy, Gzip, Brotli and LZ4 pages decompress
 * through hyparquet-compressors.
 */
import { type AsyncBuffer, type FileMetaData, parquetMetadataAsync, parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { BlobStore } from '../blob/blob-store';
import { InvalidInputError } from '../errors/invalid-input-error';
import type { DataBatch } from './batch';

export async function* readParquet(store: BlobStore, key: string, name: string): AsyncGenerator<DataBatch> {
  const { size } = await store.head(key);
  const file: AsyncBuffer = {
    byteLength: size,
    slice: async (start, end) => {
      const bytes = await store.getRange(key, start, end ?? size);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  };
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw invalid(name, error);
  }
  const columns = metadata.schema
    .slice(1)
    .filter((element) => !element.num_children)
    .map((element) => element.name);
  let rowStart = 0;
  let yielded = false;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const data = new Map<string, ArrayLike<unknown>>();
    try {
      await parquetRead({
        file,
        metadata,
        rowStart,
        rowEnd,
        compressors,
        onChunk: (chunk) => {
          if (chunk.rowStart === rowStart && chunk.rowEnd === rowEnd) {
            data.set(chunk.columnName, chunk.columnData);
            return;
          }
          // A column chunk split into pages: gather the part inside this row group.
          let values = data.get(chunk.columnName) as unknown[] | undefined;
          if (values === undefined) {
            values = new Array<unknown>(rowEnd - rowStart).fill(null);
            data.set(chunk.columnName, values);
          }
          for (let i = 0; i < chunk.columnData.length; i++) {
            const row = chunk.rowStart + i;
            if (row >= rowStart && row < rowEnd) values[row - rowStart] = chunk.columnData[i];
          }
        },
      });
    } catch (error) {
      throw invalid(name, error, rowStart);
    }
    const first = rowStart + 1;
    const cells = columns.map((column) => data.get(column));
    yield {
      columns,
      rowCount: rowEnd - rowStart,
      location: (i) => first + i,
      column: (index) => {
        const values = cells[index];
        return values === undefined ? undefined : { kind: 'values', values };
      },
    };
    yielded = true;
    rowStart = rowEnd;
  }
  if (!yielded) yield { columns, rowCount: 0, location: (i) => i + 1, column: () => undefined };
}

const invalid = (name: string, error: unknown, row?: number): InvalidInputError =>
  new InvalidInputError(
    `${name}${row === undefined ? '' : ` (row group starting at row ${row + 1})`}: not a readable Parquet file: ${
      error instanceof Error ? error.message : String(error)
    }`,
    { cause: error },
  );
