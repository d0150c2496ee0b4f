/**
 * Paired bootstrap of a metric difference: both models are scored on the same resamples of the
 * holdout rows, so the interval reflects the models' difference rather than the holdout's noise.
 * Seeded, so a rerun gives the same interval.
 */
import { quantiles } from '../profile/frequency-table';
import type { MetricFunction } from './metric-functions';
import type { Predictions } from './predictions';

export interface BootstrapResult {
  /** improvement = candidate - champion (higher is better) or champion - candidate (lower is better). */
  improvement: number;
  interval: [number, number];
  confidence: number;
  resamples: number;
}

export const pairedBootstrap = (
  metric: MetricFunction,
  candidate: Predictions,
  champion: Predictions,
  options: { resamples: number; confidence: number; lowerIsBetter: boolean; seed?: number },
): BootstrapResult => {
  const sign = options.lowerIsBetter ? -1 : 1;
  const improvement = sign * (metric(candidate) - metric(champion));
  const random = mulberry32(options.seed ?? 1);
  const n = candidate.size;
  const weights = new Float64Array(n);
  const differences: [number, number][] = [];
  for (let b = 0; b < options.resamples; b++) {
    weights.fill(0);
    for (let k = 0; k < n; k++) {
      const i = Math.floor(random() * n);
      weights[i] = (weights[i] as number) + 1;
    }
    const difference = sign * (metric(candidate, weights) - metric(champion, weights));
    // A resample without both classes has no AUC; it is left out, as scikit-learn's examples do.
    if (Number.isFinite(difference)) differences.push([difference, 1]);
  }
  const alpha = 1 - options.confidence;
  const table = {
    values: Float64Array.from(differences.map(([d]) => d).sort((a, b) => a - b)),
    counts: new Float64Array(differences.length).fill(1),
    total: differences.length,
  };
  const [low, high] = quantiles(table, [alpha / 2, 1 - alpha / 2]) as [number, number];
  return {
    improvement,
    interval: [low, high],
    confidence: options.confidence,
    resamples: differences.length,
  };
};

/** A small, fast, seedable PRNG (mulberry32); statistical quality is ample for resampling. */
const mulberry32 = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
