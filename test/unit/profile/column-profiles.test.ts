import { CELL_NULL, CELL_OK } from '../../../lib/data/decode';
import { StringDictionary } from '../../../lib/data/string-dictionary';
import { CategoricalAccumulator, NumericAccumulator } from '../../../lib/profile/column-profiles';

const numeric = (values: (number | null)[]) => ({
  values: Float64Array.from(values, (v) => v ?? 0),
  state: Uint8Array.from(values, (v) => (v === null ? CELL_NULL : CELL_OK)),
});

describe('column profiles', () => {
  it('profiles a numeric column exactly while it has few distinct values', () => {
    const accumulator = new NumericAccumulator('number');
    const column = numeric([2, 4, 4, 4, 5, 5, 7, 9, null]);

    accumulator.add(column, 5);
    accumulator.add(column, 9, 5);
    const profile = accumulator.result();

    // pandas: mean 5.0, std (ddof=1) 2.138089935299395, median 4.5.
    expect(profile).toMatchObject({ count: 8, nulls: 1, invalid: 0, min: 2, max: 9, mean: 5, exact: true });
    expect(profile.std).toBeCloseTo(2.138089935299395, 14);
    expect(profile.quantiles.p50).toBe(4.5);
    expect(profile.values).toEqual([
      [2, 1],
      [4, 3],
      [5, 2],
      [7, 1],
      [9, 1],
    ]);
  });

  it('switches to the sketch beyond 20,000 distinct values, keeping moments exact', () => {
    const accumulator = new NumericAccumulator('number');
    const n = 50_000;
    const column = numeric(Array.from({ length: n }, (_, i) => i + 0.5));

    for (let start = 0; start < n; start += 7_000) accumulator.add(column, Math.min(start + 7_000, n), start);
    const profile = accumulator.result();

    expect(profile.exact).toBe(false);
    expect(profile.values).toBeUndefined();
    expect(profile.count).toBe(n);
    expect(profile.mean).toBeCloseTo(n / 2, 8);
    // The standard deviation of 0.5 .. n - 0.5 in steps of 1, with ddof = 1.
    expect(profile.std).toBeCloseTo(Math.sqrt((n * (n + 1)) / 12), 6);
    expect(Math.abs((profile.quantiles.p50 as number) - n / 2)).toBeLessThan(n * 0.01);
    expect(profile.histogram.counts.reduce((a, b) => a + b, 0)).toBe(n);
  });

  it('counts categories and reports the top ones with frequencies', () => {
    const dictionary = new StringDictionary();
    const words = ['b', 'a', 'b', 'c', 'b', 'a'];
    const codes = Int32Array.from(words, (w) => dictionary.internString(w));
    const accumulator = new CategoricalAccumulator();

    accumulator.add({ codes, state: new Uint8Array(words.length), dictionary }, words.length);
    const profile = accumulator.result();

    expect(profile).toMatchObject({ count: 6, nulls: 0, distinct: 3, distinctExact: true, otherCount: 0 });
    expect(profile.top).toEqual([
      { value: 'b', count: 3, frequency: 0.5 },
      { value: 'a', count: 2, frequency: 2 / 6 },
      { value: 'c', count: 1, frequency: 1 / 6 },
    ]);
  });

  it('counts values beyond the dictionary capacity as other', () => {
    const dictionary = new StringDictionary(2);
    const words = ['x', 'y', 'z', 'x', 'w'];
    const codes = Int32Array.from(words, (w) => dictionary.internBytes(Buffer.from(w), 0, 1));
    const accumulator = new CategoricalAccumulator();

    accumulator.add({ codes, state: new Uint8Array(words.length), dictionary }, words.length);

    expect(Array.from(codes)).toEqual([0, 1, -1, 0, -1]);
    expect(accumulator.result()).toMatchObject({ distinct: 2, distinctExact: false, otherCount: 2 });
  });
});
