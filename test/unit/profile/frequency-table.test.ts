import { frequencyTable, histogram, quantiles } from '../../../lib/profile/frequency-table';

const sample = (values: number[]) => frequencyTable(values.map((v): [number, number] => [v, 1]));

// Expected values from numpy 1.24: np.quantile(x, qs) and np.histogram(x, bins).
describe('frequency tables', () => {
  const x = sample([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9]);

  it('merges repeated values and sorts them', () => {
    expect(Array.from(x.values)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(x.counts)).toEqual([2, 1, 2, 1, 3, 1, 1, 1, 3]);
    expect(x.total).toBe(15);
  });

  it('gives the quantiles numpy gives with its default linear method', () => {
    expect(quantiles(x, [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99])).toEqual([1, 1, 3, 5, 7.5, 9, 9]);
  });

  it('gives the equal-width histogram numpy gives, the last bin closed', () => {
    expect(histogram(x, 4)).toEqual({ edges: [1, 3, 5, 7, 9], counts: [3, 3, 4, 5] });
    expect(histogram(sample([0.1, 0.2, 0.3, 0.7, 1.0]), 20).counts).toEqual([
      1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1,
    ]);
  });
});
