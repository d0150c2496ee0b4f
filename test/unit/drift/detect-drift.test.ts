import { openDataset } from '../../../lib/data/open-dataset';
import { appendToHistory, type DriftSettings, detectDrift } from '../../../lib/drift/detect-drift';
import { profileDataset } from '../../../lib/profile/profile-data';
import { folderWith } from '../../helpers/datasets';

const csv = (rows: [number, string, number][]) =>
  `amount,country,score\n${rows.map((r) => r.join(',')).join('\n')}\n`;
const referenceRows = Array.from({ length: 200 }, (_, i): [number, string, number] => [
  i % 50,
  ['fr', 'de', 'es'][i % 3] as string,
  (i % 10) / 10,
]);
const shiftedRows = Array.from({ length: 200 }, (_, i): [number, string, number] => [
  (i % 50) + 25,
  ['fr', 'de', 'it'][i % 3] as string,
  (i % 10) / 10,
]);

const profiles = async () => {
  const dir = folderWith({
    'ref.csv': csv(referenceRows),
    'same.csv': csv(referenceRows),
    'shifted.csv': csv(shiftedRows),
  });
  const profile = (name: string) => profileDataset(openDataset(name, { cwd: dir }));
  return {
    reference: await profile('ref.csv'),
    same: await profile('same.csv'),
    shifted: await profile('shifted.csv'),
  };
};

const settings = (overrides: Partial<DriftSettings> = {}): DriftSettings => ({
  thresholds: { psi: 0.2, ks: 0.1, wasserstein: 0.1, jensenShannon: 0.1 },
  minSamples: 100,
  window: { k: 1, n: 1 },
  ...overrides,
});

describe('drift decisions', () => {
  it('finds no drift between identical distributions', async () => {
    const { reference, same } = await profiles();

    const report = detectDrift(reference, same, settings());

    expect(report.verdict).toBe('stable');
    expect(report.features.map((f) => [f.feature, f.status, f.metrics.psi])).toEqual([
      ['amount', 'stable', 0],
      ['country', 'stable', 0],
      ['score', 'stable', 0],
    ]);
  });

  it('names the drifted features and the thresholds they exceeded', async () => {
    const { reference, shifted } = await profiles();

    const report = detectDrift(reference, shifted, settings());

    expect(report.verdict).toBe('drift');
    expect(report.drifted).toEqual(['amount', 'country']);
    const amount = report.features[0];
    // Shifting 0..49 by 25 moves half the mass: KS D = 0.5, Wasserstein 25 over a std of 14.4.
    expect(amount?.metrics.ks).toBeCloseTo(0.5, 12);
    expect(amount?.metrics.wassersteinRaw).toBeCloseTo(25, 12);
    expect(amount?.exceeded.map((e) => e.metric)).toEqual(['psi', 'ks', 'wasserstein']);
    expect(amount?.reason).toMatch(
      /^drift: psi [\d.]+ > 0\.2, ks 0\.5 > 0\.1, wasserstein [\d.]+ > 0\.1; drifted in 1 of the last 1 window/,
    );
    const country = report.features[1];
    expect(country?.unseenCategories).toEqual([{ value: 'it', count: 66 }]);
    expect(country?.reason).toContain('unseen categories: it (66)');
  });

  it('makes no decision below the minimum sample size', async () => {
    const { reference, shifted } = await profiles();

    const report = detectDrift(reference, shifted, settings({ minSamples: 1000 }));

    expect(report.verdict).toBe('stable');
    expect(report.features[0]).toMatchObject({
      status: 'insufficient-data',
      exceeded: [],
      reason: expect.stringMatching(/^only 200 values on one side, fewer than minSamples 1000: no decision/),
    });
  });

  it('confirms drift only in k of the last n windows', async () => {
    const { reference, shifted, same } = await profiles();
    const window = { k: 2, n: 3 };

    const first = detectDrift(reference, shifted, settings({ window }));
    const history = appendToHistory(undefined, first);
    const calm = detectDrift(reference, same, settings({ window }), { history });
    const second = detectDrift(reference, shifted, settings({ window }), {
      history: appendToHistory(history, calm),
    });

    expect(first.verdict).toBe('stable');
    expect(first.features[0]).toMatchObject({ status: 'drift', windowsDrifted: 1, confirmed: false });
    expect(second.verdict).toBe('drift');
    expect(second.features[0]).toMatchObject({ windowsDrifted: 2, confirmed: true });
    expect(second.features[0]?.reason).toContain(
      'drifted in 2 of the last 3 windows (k = 2 of n = 3): confirmed',
    );
  });

  it('checks the prediction column with the role prediction', async () => {
    const { reference, same } = await profiles();

    const report = detectDrift(reference, same, settings(), {
      features: ['amount'],
      predictionColumn: 'score',
    });

    expect(report.features.map((f) => [f.feature, f.role])).toEqual([
      ['amount', 'feature'],
      ['score', 'prediction'],
    ]);
  });

  it('refuses features missing from a side', async () => {
    const { reference, same } = await profiles();

    expect(() => detectDrift(reference, same, settings(), { features: ['amount', 'age'] })).toThrow(
      'cannot compare: "age" is not in the reference ref.csv; "age" is not in the current data same.csv',
    );
  });
});
