/** A data file's format, told by its name (a trailing .gz is read through): no reader loads for it. */
export type DataFormat = 'csv' | 'jsonl' | 'parquet';

export const inferFormat = (location: string): DataFormat | undefined => {
  const name = location.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  if (name.endsWith('.parquet')) return 'parquet';
  return undefined;
};
