import { Readable } from 'node:stream';
import type { DataBatch } from '../../../lib/data/batch';
import { readCsv } from '../../../lib/data/csv-reader';
import { decodeNumeric, type NumericType } from '../../../lib/data/decode';

const TYPES: Record<string, NumericType> = { n: 'integer', x: 'number', t: 'timestamp' };
const data = [
  'n,x,t',
  '1,2.5,2024-01-02T03:04:05',
  '-42,-7,2024-02-29 23:59:59',
  '+5,007,2024-01-02',
  '1.5,1e3,2024-01-02T03:04:05Z',
  '"17","8",2024-13-01T00:00:00',
  '1234567890123456,12345678901234567,2024-01-02T03:04:5x',
  ',,',
  '-,abc,"2024-01-02T03:04:05"',
  '9,10,2024-01-02T03:04:05\r',
  '3,4,2001-06-30T23:59:59',
].join('\n');

/** Decodes every typed column of every batch: values and cell states per column. */
const decodeAll = async (chunks: string[], types?: Record<string, NumericType>) => {
  const result: Record<string, { values: number[]; states: number[] }> = {};
  const batches = readCsv(Readable.from(chunks.map((c) => Buffer.from(c))), 'x.csv', types);
  for await (const batch of batches as AsyncIterable<DataBatch>) {
    batch.columns.forEach((name, c) => {
      const out = new Float64Array(batch.rowCount);
      const state = new Uint8Array(batch.rowCount);
      decodeNumeric(batch.column(c), batch.rowCount, TYPES[name] as NumericType, out, state);
      result[name] ??= { values: [], states: [] };
      result[name].values.push(...Array.from(out, (v, i) => (state[i] === 0 ? v : 0)));
      result[name].states.push(...state);
    });
  }
  return result;
};

describe('parsing declared columns while scanning the CSV', () => {
  it('gives exactly the values and states of parsing after scanning, however the bytes are split', async () => {
    const expected = await decodeAll([data]);

    for (let cut = 0; cut <= data.length; cut++) {
      expect(await decodeAll([data.slice(0, cut), data.slice(cut)], TYPES)).toEqual(expected);
    }
  });

  it('reads the plain cases through the fast path correctly', async () => {
    const result = await decodeAll([data], TYPES);

    expect(result.n?.values.slice(0, 3)).toEqual([1, -42, 5]);
    expect(result.n?.states).toEqual([0, 0, 0, 2, 0, 0, 1, 2, 0, 0]);
    expect(result.t?.values[0]).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(result.t?.states).toEqual([0, 0, 0, 0, 2, 2, 1, 0, 0, 0]);
  });
});
