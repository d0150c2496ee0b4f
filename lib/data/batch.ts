/**
 * Readers hand out rows in column batches so that checks and sketches run over arrays, without an
 * object per row. A batch is only valid until the reader produces the next one.
 */
import type { ValueType } from './decode';

/** CSV cells as byte ranges of one buffer; field `i` of the column is at `offset + i * stride`. */
export interface ByteCells {
  kind: 'bytes';
  buf: Buffer;
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where a quoted field holds doubled quotes that must be unescaped. */
  escaped: Uint8Array;
  offset: number;
  stride: number;
  /**
   * Values the reader already parsed while scanning (by row; NaN where it could not), for columns
   * declared integer/number (`integer`: plain decimal integers) or timestamp.
   */
  parsed?: Float64Array;
  parsedAs?: 'integer' | 'timestamp';
}

/** Cells that the format already decoded (JSON Lines, Parquet); null and undefined are nulls. */
export interface ValueCells {
  kind: 'values';
  values: ArrayLike<unknown>;
}

export type BatchColumn = ByteCells | ValueCells;

export interface DataBatch {
  /** Every column known so far; JSON Lines may discover more in later batches. */
  columns: readonly string[];
  rowCount: number;
  /** Line number (text formats) or row number (Parquet) of row `i`, for messages. */
  location(i: number): number;
  /** Cells of column `index`; undefined when no row of this batch has the column. */
  column(index: number): BatchColumn | undefined;
}

export interface Dataset {
  /** Name used in messages (a path or an s3:// URL). */
  name: string;
  /** What `location` counts: lines of a text file or rows of a Parquet file. */
  locationKind: 'line' | 'row';
  /** Reads the batches; `types` lets a reader parse declared columns while it scans. */
  batches(types?: Readonly<Record<string, ValueType>>): AsyncIterable<DataBatch>;
}

/** The text of a cell, or null for a null cell (CSV: an empty field). */
export const cellText = (column: BatchColumn | undefined, i: number): string | null => {
  if (column === undefined) return null;
  if (column.kind === 'values') {
    const value = column.values[i];
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return value.toISOString();
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  const at = column.offset + i * column.stride;
  const start = column.starts[at] as number;
  const end = column.ends[at] as number;
  if (start === end) return null;
  const text = column.buf.toString('utf8', start, end);
  return column.escaped[at] === 1 ? text.replaceAll('""', '"') : text;
};
