import { chiSquareSurvival, kolmogorovSurvival, logGamma } from '../../../lib/drift/special-functions';

// Expected values from scipy 1.10 (scipy.stats.chi2.sf, scipy.stats.kstwobign.sf, scipy.special.gammaln).
describe('special functions', () => {
  it.each([
    [3.84, 1, 0.05004352124870519],
    [10, 4, 0.04042768199451279],
    [0.5, 2, 0.7788007830714049],
    [100, 50, 3.454931382984871e-5],
    [1, 10, 0.9998278843700441],
    [25, 3, 1.5440498291101365e-5],
    [1e4, 228, 0],
  ])('chi-square survival of %d with %d degrees of freedom is %d', (statistic, dof, expected) => {
    expect(chiSquareSurvival(statistic, dof)).toBeCloseTo(expected, 12);
    if (expected > 0) expect(Math.abs(chiSquareSurvival(statistic, dof) / expected - 1)).toBeLessThan(1e-9);
  });

  it.each([
    [0.3, 0.9999906941986655],
    [0.5, 0.9639452436648751],
    [0.82, 0.5119717052984973],
    [1.0, 0.26999967167735456],
    [1.36, 0.049485876755377876],
    [2.0, 0.0006709252557796953],
    [3.0, 3.045995948942526e-8],
  ])('Kolmogorov survival at %d is %d', (x, expected) => {
    expect(Math.abs(kolmogorovSurvival(x) / expected - 1)).toBeLessThan(1e-9);
  });

  it('computes ln Gamma', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5723649429247, 12);
    expect(logGamma(10.3)).toBeCloseTo(13.482036786138359, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
  });
});
