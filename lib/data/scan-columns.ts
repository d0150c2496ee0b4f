/**
 * One pass over a dataset that decodes each column of each batch once, by its declared or inferred
 * type, and hands the typed arrays to any number of consumers (validation, profile, drift).
 */
import type { BatchColumn, DataBatch, Dataset } from './batch';
import { CELL_INVALID, decodeNumeric, decodeStrings, type NumericType, type ValueType } from './decode';
import { StringDictionary } from './string-dictionary';

export interface DecodedColumn {
  name: string;
  type: ValueType;
  /** Numbers of a numeric column (valid where state is ok). */
  values: Float64Array;
  /** Dictionary codes of a string column; -1 for a value beyond the dictionary's capacity. */
  codes: Int32Array;
  state: Uint8Array;
  /** The string column's dictionary, shared across batches. */
  dictionary: StringDictionary;
  /** The raw cells of this batch, for example values in reports. */
  cells: BatchColumn | undefined;
}

export interface ColumnConsumer {
  /** Called once per batch, after every column of it is decoded. */
  consume(batch: DataBatch, columns: ReadonlyMap<string, DecodedColumn>, rowsBefore: number): void;
}

export interface ScanOptions {
  /** Declared types; other columns get a type inferred from their first values. */
  types?: Readonly<Record<string, ValueType>>;
  /** Only these columns are decoded; all when absent. */
  only?: ReadonlySet<string>;
}

export interface ScanResult {
  rows: number;
  /** Columns in the order the data has them. */
  columns: string[];
  types: Record<string, ValueType>;
}

export const scanColumns = async (
  dataset: Dataset,
  consumers: readonly ColumnConsumer[],
  options: ScanOptions = {},
): Promise<ScanResult> => {
  const decoded = new Map<string, DecodedColumn>();
  const types: Record<string, ValueType> = {};
  let columns: readonly string[] = [];
  let rows = 0;
  for await (const batch of dataset.batches(options.types)) {
    columns = batch.columns;
    for (let index = 0; index < columns.length; index++) {
      const name = columns[index] as string;
      if (options.only && !options.only.has(name)) continue;
      const cells = batch.column(index);
      let column = decoded.get(name);
      if (column === undefined) {
        if (batch.rowCount === 0 && options.types?.[name] === undefined) continue;
        const type = options.types?.[name] ?? inferType(cells, batch.rowCount);
        types[name] = type;
        column = {
          name,
          type,
          values: new Float64Array(0),
          codes: new Int32Array(0),
          state: new Uint8Array(0),
          dictionary: new StringDictionary(),
          cells,
        };
        decoded.set(name, column);
      }
      decodeInto(column, cells, batch.rowCount);
    }
    for (const consumer of consumers) consumer.consume(batch, decoded, rows);
    rows += batch.rowCount;
  }
  return { rows, columns: [...columns], types };
};

const decodeInto = (column: DecodedColumn, cells: BatchColumn | undefined, rows: number): void => {
  if (column.state.length < rows) {
    column.state = new Uint8Array(rows);
    if (column.type === 'string') column.codes = new Int32Array(rows);
    else column.values = new Float64Array(rows);
  }
  column.cells = cells;
  if (column.type === 'string') decodeStrings(cells, rows, column.dictionary, column.codes, column.state);
  else decodeNumeric(cells, rows, column.type, column.values, column.state);
};

const INFER_ORDER: NumericType[] = ['integer', 'number', 'timestamp', 'boolean'];
const INFER_ROWS = 1000;

/** The narrowest type that every non-null value among the first rows has; string otherwise. */
const inferType = (cells: BatchColumn | undefined, rows: number): ValueType => {
  const sample = Math.min(rows, INFER_ROWS);
  const values = new Float64Array(sample);
  const state = new Uint8Array(sample);
  for (const type of INFER_ORDER) {
    const ok = decodeNumeric(cells, sample, type, values, state);
    if (ok > 0 && !state.includes(CELL_INVALID)) return type;
  }
  return 'string';
};
