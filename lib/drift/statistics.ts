/**
 * Drift statistics between a reference and a current distribution. Numeric ones work on frequency
 * tables (sorted distinct values with counts), so they are exact whenever the tables are, and give
 * the same numbers as scipy/numpy on the raw samples:
 * - KS: D = max |F_ref(x) - F_cur(x)|, p = kstwobign.sf(sqrt(n m / (n + m)) D) (asymptotic).
 * - Wasserstein-1: the integral of |F_ref - F_cur| (scipy.stats.wasserstein_distance).
 * - PSI: sum (c - r) ln(c / r) over 10 bins cut at the reference's deciles (numpy's linear
 *   quantiles, bins closed on the left), with empty proportions floored at 1e-4.
 * Categorical ones work on category counts: Jensen-Shannon distance (base 2, in [0, 1]), the
 * chi-square test of homogeneity of the 2 x k table (no continuity correction), and PSI.
 */
import { type FrequencyTable, quantiles } from '../profile/frequency-table';
import { chiSquareSurvival, kolmogorovSurvival } from './special-functions';

export const PSI_BINS = 10;
export const PSI_EPSILON = 1e-4;

export interface KsResult {
  statistic: number;
  pValue: number;
}

export const ksTwoSample = (reference: FrequencyTable, current: FrequencyTable): KsResult => {
  let statistic = 0;
  walkCdfs(reference, current, (_x, referenceCdf, currentCdf) => {
    statistic = Math.max(statistic, Math.abs(referenceCdf - currentCdf));
  });
  const n = reference.total;
  const m = current.total;
  const effective = (n * m) / (n + m);
  return { statistic, pValue: kolmogorovSurvival(Math.sqrt(effective) * statistic) };
};

/** The first Wasserstein distance between the two samples (in the data's unit). */
export const wassersteinDistance = (reference: FrequencyTable, current: FrequencyTable): number => {
  let distance = 0;
  let previous = Number.NaN;
  let gap = 0;
  walkCdfs(reference, current, (x, referenceCdf, currentCdf) => {
    if (!Number.isNaN(previous)) distance += gap * (x - previous);
    gap = Math.abs(referenceCdf - currentCdf);
    previous = x;
  });
  return distance;
};

/**
 * Visits the distinct values of both tables in ascending order, each with both empirical CDFs just
 * after it (the step functions KS and Wasserstein compare).
 */
const walkCdfs = (
  reference: FrequencyTable,
  current: FrequencyTable,
  visit: (x: number, referenceCdf: number, currentCdf: number) => void,
): void => {
  const n = reference.total;
  const m = current.total;
  let i = 0;
  let j = 0;
  let below = 0;
  let belowCurrent = 0;
  while (i < reference.values.length || j < current.values.length) {
    const x = Math.min(
      reference.values[i] ?? Number.POSITIVE_INFINITY,
      current.values[j] ?? Number.POSITIVE_INFINITY,
    );
    while (i < reference.values.length && reference.values[i] === x) below += reference.counts[i++] as number;
    while (j < current.values.length && current.values[j] === x)
      belowCurrent += current.counts[j++] as number;
    visit(x, below / n, belowCurrent / m);
  }
};

export interface PsiResult {
  value: number;
  /** The inner bin edges (reference deciles). */
  edges: number[];
  referenceShares: number[];
  currentShares: number[];
}

/** Population stability index over bins cut at the reference's quantiles. */
export const psiNumeric = (
  reference: FrequencyTable,
  current: FrequencyTable,
  bins = PSI_BINS,
): PsiResult => {
  const edges = quantiles(
    reference,
    Array.from({ length: bins - 1 }, (_, i) => (i + 1) / bins),
  );
  const shares = (table: FrequencyTable): number[] => {
    const counts = new Array<number>(bins).fill(0);
    let bin = 0;
    for (let i = 0; i < table.values.length; i++) {
      const value = table.values[i] as number;
      // Bin k holds edges[k-1] <= x < edges[k] (numpy.searchsorted(edges, x, side='right')).
      while (bin < edges.length && value >= (edges[bin] as number)) bin++;
      counts[bin] = (counts[bin] as number) + (table.counts[i] as number);
    }
    return counts.map((count) => count / table.total);
  };
  const referenceShares = shares(reference);
  const currentShares = shares(current);
  return { value: psi(referenceShares, currentShares), edges, referenceShares, currentShares };
};

const psi = (reference: readonly number[], current: readonly number[]): number => {
  let value = 0;
  for (let k = 0; k < reference.length; k++) {
    const r = Math.max(reference[k] as number, PSI_EPSILON);
    const c = Math.max(current[k] as number, PSI_EPSILON);
    value += (c - r) * Math.log(c / r);
  }
  return value;
};

export interface CategoricalComparison {
  categories: string[];
  referenceCounts: number[];
  currentCounts: number[];
}

/** Aligns two category count lists on the union of their categories. */
export const alignCategories = (
  reference: ReadonlyArray<readonly [string, number]>,
  current: ReadonlyArray<readonly [string, number]>,
): CategoricalComparison => {
  const index = new Map<string, number>();
  const categories: string[] = [];
  const referenceCounts: number[] = [];
  const currentCounts: number[] = [];
  const slot = (category: string): number => {
    let k = index.get(category);
    if (k === undefined) {
      k = categories.length;
      index.set(category, k);
      categories.push(category);
      referenceCounts.push(0);
      currentCounts.push(0);
    }
    return k;
  };
  for (const [category, count] of reference) {
    const k = slot(category);
    referenceCounts[k] = (referenceCounts[k] as number) + count;
  }
  for (const [category, count] of current) {
    const k = slot(category);
    currentCounts[k] = (currentCounts[k] as number) + count;
  }
  return { categories, referenceCounts, currentCounts };
};

const shares = (counts: readonly number[]): number[] => {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((count) => count / total);
};

/** Jensen-Shannon distance with base-2 logarithms (scipy.spatial.distance.jensenshannon(p, q, base=2)). */
export const jensenShannonDistance = (comparison: CategoricalComparison): number => {
  const p = shares(comparison.referenceCounts);
  const q = shares(comparison.currentCounts);
  let divergence = 0;
  for (let k = 0; k < p.length; k++) {
    const pk = p[k] as number;
    const qk = q[k] as number;
    const mk = (pk + qk) / 2;
    if (pk > 0) divergence += pk * Math.log(pk / mk);
    if (qk > 0) divergence += qk * Math.log(qk / mk);
  }
  return Math.sqrt(Math.max(0, divergence / 2 / Math.LN2));
};

export interface ChiSquareResult {
  statistic: number;
  dof: number;
  pValue: number;
}

/** Chi-square test that both samples come from one categorical distribution (scipy chi2_contingency, correction=False). */
export const chiSquareHomogeneity = (comparison: CategoricalComparison): ChiSquareResult => {
  const { referenceCounts, currentCounts } = comparison;
  const n = referenceCounts.reduce((a, b) => a + b, 0);
  const m = currentCounts.reduce((a, b) => a + b, 0);
  const total = n + m;
  let statistic = 0;
  let used = 0;
  for (let k = 0; k < referenceCounts.length; k++) {
    const column = (referenceCounts[k] as number) + (currentCounts[k] as number);
    if (column === 0) continue;
    used++;
    const expectedReference = (n * column) / total;
    const expectedCurrent = (m * column) / total;
    statistic += ((referenceCounts[k] as number) - expectedReference) ** 2 / expectedReference;
    statistic += ((currentCounts[k] as number) - expectedCurrent) ** 2 / expectedCurrent;
  }
  const dof = used - 1;
  return { statistic, dof, pValue: dof > 0 ? chiSquareSurvival(statistic, dof) : 1 };
};

/** PSI over categories, each category a bin. */
export const psiCategorical = (comparison: CategoricalComparison): number =>
  psi(shares(comparison.referenceCounts), shares(comparison.currentCounts));
