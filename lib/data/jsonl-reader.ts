/**
 * A streaming JSON Lines reader: one JSON object per line, blank lines skipped. Columns are the keys
 * in order of first appearance; a key missing from a row is a null.
 */
import { InvalidInputError } from '../errors/invalid-input-error';
import type { BatchColumn, DataBatch } from './batch';

const BATCH_ROWS = 8192;

export async function* readJsonLines(
  chunks: AsyncIterable<Uint8Array>,
  name: string,
): AsyncGenerator<DataBatch> {
  const columns: string[] = [];
  const index = new Map<string, number>();
  let cells: unknown[][] = [];
  let locations: number[] = [];
  let rows = 0;
  let line = 0;
  let rest = '';
  const decoder = new TextDecoder('utf-8');

  const flush = (): DataBatch => {
    const batchCells = cells;
    const batchLocations = locations;
    const batch: DataBatch = {
      columns: [...columns],
      rowCount: rows,
      location: (i) => batchLocations[i] as number,
      column: (c): BatchColumn | undefined => {
        const values = batchCells[c];
        return values === undefined ? undefined : { kind: 'values', values };
      },
    };
    cells = [];
    locations = [];
    rows = 0;
    return batch;
  };

  const addLine = (text: string): void => {
    line++;
    if (text.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      throw new InvalidInputError(`${name}:${line}: not valid JSON (${(error as Error).message})`);
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new InvalidInputError(`${name}:${line}: expected a JSON object per line`);
    }
    for (const [key, value] of Object.entries(record)) {
      let c = index.get(key);
      if (c === undefined) {
        c = columns.length;
        columns.push(key);
        index.set(key, c);
      }
      let values = cells[c];
      if (values === undefined) {
        values = new Array(rows).fill(null);
        cells[c] = values;
      }
      values[rows] = value;
    }
    for (const values of cells) if (values !== undefined && values.length <= rows) values[rows] = null;
    locations.push(line);
    rows++;
  };

  for await (const chunk of chunks) {
    const text = rest + decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const l of lines) {
      addLine(l.endsWith('\r') ? l.slice(0, -1) : l);
      if (rows >= BATCH_ROWS) yield flush();
    }
  }
  rest += decoder.decode();
  if (rest !== '') addLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
  yield flush();
}
