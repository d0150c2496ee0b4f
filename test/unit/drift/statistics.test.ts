import {
  alignCategories,
  chiSquareHomogeneity,
  jensenShannonDistance,
  ksTwoSample,
  psiCategorical,
  psiNumeric,
  wassersteinDistance,
} from '../../../lib/drift/statistics';
import { type FrequencyTable, frequencyTable } from '../../../lib/profile/frequency-table';

const sample = (values: number[]): FrequencyTable =>
  frequencyTable(values.map((v): [number, number] => [v, 1]));
const reference = sample([1, 2, 2, 3, 4, 5, 5, 5, 6, 7]);
const current = sample([2, 3, 3, 4, 6, 6, 7, 8, 9, 9]);

// Expected values computed with scipy 1.10 / numpy 1.24 on the same samples:
//   ks_2samp(a, b).statistic, kstwobign.sf(sqrt(n m / (n + m)) D), wasserstein_distance(a, b),
//   PSI over bins cut at np.quantile(a, [.1 .. .9]) with searchsorted(side='right') and a 1e-4 floor.
describe('numeric drift statistics', () => {
  it('computes the two-sample KS statistic and its asymptotic p-value', () => {
    const ks = ksTwoSample(reference, current);

    expect(ks.statistic).toBeCloseTo(0.4, 15);
    expect(ks.pValue).toBeCloseTo(0.40047103620845764, 12);
  });

  it('computes the Wasserstein-1 distance', () => {
    expect(wassersteinDistance(reference, current)).toBeCloseTo(1.7, 14);
    expect(wassersteinDistance(reference, reference)).toBe(0);
  });

  it('computes PSI over bins cut at the reference deciles, as numpy does', () => {
    const psi = psiNumeric(reference, current);

    expect(psi.edges).toEqual([1.9, 2.0, 2.6999999999999997, 3.6, 4.5, 5.0, 5.0, 5.2, 6.1]);
    expect(psi.value).toBeCloseTo(3.7150268484125752, 12);
    expect(psiNumeric(reference, reference).value).toBe(0);
  });
});

describe('categorical drift statistics', () => {
  const comparison = alignCategories(
    [
      ['a', 50],
      ['b', 30],
      ['c', 20],
    ],
    [
      ['a', 40],
      ['b', 30],
      ['c', 20],
      ['d', 10],
    ],
  );

  it('aligns categories on their union', () => {
    expect(comparison).toEqual({
      categories: ['a', 'b', 'c', 'd'],
      referenceCounts: [50, 30, 20, 0],
      currentCounts: [40, 30, 20, 10],
    });
  });

  it('computes the Jensen-Shannon distance in base 2 (scipy: 0.23241293654355832)', () => {
    expect(jensenShannonDistance(comparison)).toBeCloseTo(0.23241293654355832, 14);
  });

  it('computes the chi-square test of homogeneity (scipy chi2_contingency, correction=False)', () => {
    const chi = chiSquareHomogeneity(comparison);

    expect(chi.statistic).toBeCloseTo(11.11111111111111, 12);
    expect(chi.dof).toBe(3);
    expect(chi.pValue).toBeCloseTo(0.011139980641667716, 12);
  });

  it('computes categorical PSI with a 1e-4 floor (numpy: 0.7123991075017365)', () => {
    expect(psiCategorical(comparison)).toBeCloseTo(0.7123991075017365, 12);
  });
});
