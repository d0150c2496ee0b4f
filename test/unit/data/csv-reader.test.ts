import { Readable } from 'node:stream';
import { readCsv } from '../../../lib/data/csv-reader';
import { openDataset } from '../../../lib/data/open-dataset';
import { folderWith, readAll } from '../../helpers/datasets';

const fromChunks = (...chunks: string[]) => ({
  name: 'x.csv',
  locationKind: 'line' as const,
  batches: () => readCsv(Readable.from(chunks.map((c) => Buffer.from(c))), 'x.csv'),
});

describe('the CSV reader', () => {
  it('reads quoted fields, doubled quotes, embedded commas and newlines with their line numbers', async () => {
    const data = 'id,text\n1,"a, ""quoted"" word"\n2,"two\nlines"\n3,plain\n';

    const { columns, rows } = await readAll(fromChunks(data));

    expect(columns).toEqual(['id', 'text']);
    expect(rows).toEqual([
      { location: 2, cells: ['1', 'a, "quoted" word'] },
      { location: 3, cells: ['2', 'two\nlines'] },
      { location: 5, cells: ['3', 'plain'] },
    ]);
  });

  it('handles CRLF line ends, a byte order mark, blank lines and a missing final newline', async () => {
    const data = '\ufeffa,b\r\n1,"x"\r\n\r\n2,\r\n3,z';

    const { columns, rows } = await readAll(fromChunks(data));

    expect(columns).toEqual(['a', 'b']);
    expect(rows.map((r) => r.cells)).toEqual([
      ['1', 'x'],
      ['2', null],
      ['3', 'z'],
    ]);
    expect(rows.map((r) => r.location)).toEqual([2, 4, 5]);
  });

  it('gives the same rows however the bytes are split into chunks', async () => {
    const data = 'a,b\n1,"he said ""hi"",\nok"\r\n22,333\n';
    const whole = await readAll(fromChunks(data));

    for (let cut = 1; cut < data.length; cut++) {
      const split = await readAll(fromChunks(data.slice(0, cut), data.slice(cut)));
      expect(split).toEqual(whole);
    }
  });

  it('rejects a row with the wrong number of fields, naming the file and line', async () => {
    await expect(readAll(fromChunks('a,b\n1,2\n3,4,5\n'))).rejects.toThrow(
      'x.csv:3: expected 2 fields as in the header, found 3',
    );
  });

  it('rejects an unclosed quote, naming the line where it opened', async () => {
    await expect(readAll(fromChunks('a,b\n1,2\n3,"never\nends\n'))).rejects.toThrow(
      'x.csv:3: unclosed quote: the quoted field never ends',
    );
  });

  it('rejects text after a closing quote', async () => {
    await expect(readAll(fromChunks('a,b\n1,"x"y\n'))).rejects.toThrow(
      'x.csv:2: unexpected "y" after a closing quote',
    );
  });

  it('rejects an empty file and a header with a repeated column', async () => {
    await expect(readAll(fromChunks(''))).rejects.toThrow(
      'x.csv:1: the file is empty: expected a header row',
    );
    await expect(readAll(fromChunks('a,a\n1,2\n'))).rejects.toThrow(
      'x.csv:1: the header names column "a" twice',
    );
  });

  it('reads gzip-compressed files', async () => {
    const dir = folderWith({ 'data.csv.gz': 'a,b\n1,2\n' });

    const { rows } = await readAll(openDataset('data.csv.gz', { cwd: dir }));

    expect(rows).toEqual([{ location: 2, cells: ['1', '2'] }]);
  });
});
