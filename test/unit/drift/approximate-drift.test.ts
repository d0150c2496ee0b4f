import { CELL_OK } from '../../../lib/data/decode';
import { detectDrift } from '../../../lib/drift/detect-drift';
import type { CategoricalColumnProfile } from '../../../lib/profile/column-profiles';
import { NumericAccumulator } from '../../../lib/profile/column-profiles';
import { type DataProfile, PROFILE_FORMAT } from '../../../lib/profile/profile-data';

const settings = {
  thresholds: { psi: 0.2, ks: 0.1, wasserstein: 0.1, jensenShannon: 0.1 },
  minSamples: 100,
  window: { k: 1, n: 1 },
};

const profile = (source: string, columns: DataProfile['columns']): DataProfile => ({
  format: PROFILE_FORMAT,
  source,
  rows: 0,
  columns,
});

const continuous = (n: number, shift: number) => {
  const accumulator = new NumericAccumulator('number');
  const values = Float64Array.from({ length: n }, (_, i) => Math.sqrt(i + 1) * 100 + shift);
  accumulator.add({ values, state: new Uint8Array(n).fill(CELL_OK) }, n);
  return accumulator.result();
};

const categorical = (categories: [string, number][], otherCount: number): CategoricalColumnProfile => {
  const count = categories.reduce((sum, [, c]) => sum + c, otherCount);
  return {
    kind: 'categorical',
    type: 'string',
    count,
    nulls: 0,
    invalid: 0,
    distinct: categories.length,
    distinctExact: otherCount === 0,
    top: [],
    categories,
    otherCount,
  };
};

describe('drift on sketched and truncated profiles', () => {
  it('compares continuous columns through their sketches, flagged approximate, close to the exact values', () => {
    const reference = continuous(30_000, 0);
    const current = continuous(30_000, 0);

    const report = detectDrift(profile('ref', { x: reference }), profile('cur', { x: current }), settings);

    expect(reference.exact).toBe(false);
    expect(report.features[0]).toMatchObject({ approximate: true, status: 'stable' });
    expect(report.features[0]?.metrics.ks).toBe(0);
  });

  it('still sees a shift through the sketches', () => {
    const report = detectDrift(
      profile('ref', { x: continuous(30_000, 0) }),
      profile('cur', { x: continuous(30_000, 5_000) }),
      settings,
    );

    expect(report.features[0]?.status).toBe('drift');
    // F(x) = (x / 100)^2 / 30000 and the shift is 5000: D = max F(x) - F(x - 5000) = 0.4937 at the top.
    expect(Math.abs((report.features[0]?.metrics.ks as number) - 0.4937)).toBeLessThan(0.01);
  });

  it('puts categories a truncated reference did not keep into one other bucket', () => {
    const reference = categorical(
      [
        ['a', 500],
        ['b', 300],
      ],
      200,
    );
    const current = categorical(
      [
        ['a', 500],
        ['b', 300],
        ['z', 150],
        ['y', 50],
      ],
      0,
    );

    const report = detectDrift(profile('ref', { c: reference }), profile('cur', { c: current }), settings);

    // z and y (200) line up with the reference's 200 other values: no drift, nothing called unseen.
    expect(report.features[0]).toMatchObject({ status: 'stable', approximate: true, unseenCategories: [] });
    expect(report.features[0]?.metrics.jensenShannon).toBe(0);
  });

  it('refuses a column that is numeric on one side and categorical on the other', () => {
    expect(() =>
      detectDrift(
        profile('ref', { x: continuous(200, 0) }),
        profile('cur', { x: categorical([['a', 200]], 0) }),
        settings,
      ),
    ).toThrow('cannot compare "x": it is numeric in the reference but categorical in the current data');
  });
});
