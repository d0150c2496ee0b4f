/**
 * The two distributions drift p-values need: the chi-square upper tail (through the regularized
 * incomplete gamma function, Numerical Recipes 6.2) and the Kolmogorov distribution's upper tail
 * (as scipy.stats.kstwobign.sf).
 */
const EPSILON = 1e-15;
const TINY = 1e-300;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7), accurate to about 1e-15. */
export const logGamma = (x: number): number => {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < 9; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
};

/** Q(a, x) = Γ(a, x) / Γ(a), the regularized upper incomplete gamma function. */
export const upperRegularizedGamma = (a: number, x: number): number => {
  if (x <= 0) return 1;
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    // Series for P(a, x).
    let ap = a;
    let term = 1 / a;
    let sum = term;
    for (let n = 0; n < 10_000; n++) {
      ap += 1;
      term *= x / ap;
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
    }
    return 1 - sum * front;
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPSILON) break;
  }
  return front * h;
};

/** P(X > statistic) for X chi-square distributed with `dof` degrees of freedom. */
export const chiSquareSurvival = (statistic: number, dof: number): number =>
  dof <= 0 ? Number.NaN : upperRegularizedGamma(dof / 2, statistic / 2);

/** P(K > x) for the Kolmogorov distribution, the limit of sqrt(n) * D_n. */
export const kolmogorovSurvival = (x: number): number => {
  if (x <= 0) return 1;
  if (x < 0.82) {
    // Jacobi theta form of the CDF, which converges fast for small x.
    const w = (Math.PI * Math.PI) / (8 * x * x);
    let cdf = 0;
    for (let k = 1; k < 100; k += 2) {
      const term = Math.exp(-k * k * w);
      cdf += term;
      if (term < EPSILON * cdf) break;
    }
    return 1 - (Math.sqrt(2 * Math.PI) / x) * cdf;
  }
  let sum = 0;
  let sign = 1;
  for (let k = 1; k < 100; k++) {
    const term = Math.exp(-2 * k * k * x * x);
    sum += sign * term;
    if (term <= EPSILON * Math.abs(sum)) break;
    sign = -sign;
  }
  return Math.min(1, Math.max(0, 2 * sum));
};
