import { loadPredictions, pairPredictions } from '../../../lib/gates/predictions';
import { folderWith } from '../../helpers/datasets';

describe('holdout predictions', () => {
  it('reads labels, scores, ids and slice columns from JSON Lines', async () => {
    const dir = folderWith({
      'p.jsonl':
        '{"id":"a","label":true,"score":0.9,"plan":"pro"}\n{"id":"b","label":0,"score":0.2,"plan":"free"}\n',
    });

    const p = await loadPredictions('p.jsonl', dir);

    expect(p).toMatchObject({ size: 2, ids: ['a', 'b'], prediction: undefined });
    expect(Array.from(p.label)).toEqual([1, 0]);
    expect(Array.from(p.score)).toEqual([0.9, 0.2]);
    expect(p.slices.get('plan')).toEqual(['pro', 'free']);
  });

  it('pairs the champion rows with the candidate rows by id', async () => {
    const dir = folderWith({
      'c.csv': 'id,label,score\na,1,0.9\nb,0,0.2\n',
      'h.csv': 'id,label,score\nb,0,0.4\na,1,0.6\n',
    });

    const paired = pairPredictions(await loadPredictions('c.csv', dir), await loadPredictions('h.csv', dir));

    expect(paired.ids).toEqual(['a', 'b']);
    expect(Array.from(paired.score)).toEqual([0.6, 0.4]);
  });

  it('refuses predictions that cannot be paired', async () => {
    const dir = folderWith({
      'c.csv': 'label,score\n1,0.9\n0,0.2\n',
      'h.csv': 'label,score\n0,0.4\n1,0.6\n',
      'short.csv': 'label,score\n1,0.9\n',
      'ci.csv': 'id,label,score\na,1,0.9\n',
      'hi.csv': 'id,label,score\nz,1,0.9\n',
    });
    const load = (name: string) => loadPredictions(name, dir);

    await expect(load('c.csv').then(async (c) => pairPredictions(c, await load('h.csv')))).rejects.toThrow(
      'c.csv and h.csv have different labels in row 1; add an "id" column to pair them',
    );
    await expect(
      load('c.csv').then(async (c) => pairPredictions(c, await load('short.csv'))),
    ).rejects.toThrow('c.csv has 2 rows but short.csv has 1; add an "id" column to pair them');
    await expect(load('ci.csv').then(async (c) => pairPredictions(c, await load('hi.csv')))).rejects.toThrow(
      'hi.csv: has no row with id "a" of ci.csv',
    );
  });

  it('names the line of a label that is not a number', async () => {
    const dir = folderWith({ 'p.csv': 'label,score\n1,0.5\nyes,0.5\n' });

    await expect(loadPredictions('p.csv', dir)).rejects.toThrow(
      'p.csv:3: "label" must be a number, got "yes"',
    );
  });
});
