import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDataset } from '../../../lib/data/open-dataset';
import { folderWith, readAll } from '../../helpers/datasets';

const fixtures = join(__dirname, '../../fixtures/data');

describe('the JSON Lines reader', () => {
  it('reads objects per line, gzip or not, with keys missing from a row as nulls', async () => {
    const text = '{"a":1,"b":"x"}\n\n{"a":2}\r\n{"a":3,"b":"z","c":true}';
    const dir = folderWith({ 'd.jsonl': text, 'd.jsonl.gz': text });

    for (const name of ['d.jsonl', 'd.jsonl.gz']) {
      const { columns, rows } = await readAll(openDataset(name, { cwd: dir }));

      expect(columns).toEqual(['a', 'b', 'c']);
      expect(rows).toEqual([
        { location: 1, cells: ['1', 'x', null] },
        { location: 3, cells: ['2', null, null] },
        { location: 4, cells: ['3', 'z', 'true'] },
      ]);
    }
  });

  it('rejects a line that is not a JSON object, naming the line', async () => {
    const dir = folderWith({ 'd.jsonl': '{"a":1}\n[1,2]\n', 'e.jsonl': '{"a":1}\n{"a":\n' });

    await expect(readAll(openDataset('d.jsonl', { cwd: dir }))).rejects.toThrow(
      'd.jsonl:2: expected a JSON object per line',
    );
    await expect(readAll(openDataset('e.jsonl', { cwd: dir }))).rejects.toThrow('e.jsonl:2: not valid JSON');
  });
});

describe('the Parquet reader', () => {
  it('reads every row group of a Snappy-compressed file with row numbers', async () => {
    const { columns, rows } = await readAll(openDataset('customers.parquet', { cwd: fixtures }));

    expect(columns).toEqual(['id', 'age', 'plan', 'spend', 'signup']);
    expect(rows).toHaveLength(50);
    expect(rows[3]).toEqual({ location: 4, cells: ['4', '23', 'free', null, '2024-01-04T00:00:00.000Z'] });
    expect(rows[49]?.location).toBe(50);
  });

  it('rejects a truncated file with a clear message', async () => {
    const bytes = readFileSync(join(fixtures, 'customers.parquet'));
    const dir = folderWith({ 'cut.parquet': bytes.subarray(0, bytes.length - 100) });

    await expect(readAll(openDataset('cut.parquet', { cwd: dir }))).rejects.toThrow(
      /^cut\.parquet: not a readable Parquet file: /,
    );
  });

  it('rejects a file whose format cannot be told from its name', () => {
    expect(() => openDataset('data.txt', { cwd: fixtures })).toThrow(
      'data.txt: cannot tell the format from the name',
    );
  });
});
