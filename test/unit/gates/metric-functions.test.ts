import { METRICS } from '../../../lib/gates/metric-functions';
import type { Predictions } from '../../../lib/gates/predictions';

const predictions = (label: number[], score: number[]): Predictions => ({
  source: 'p.jsonl',
  size: label.length,
  label: Float64Array.from(label),
  score: Float64Array.from(score),
  prediction: undefined,
  ids: undefined,
  slices: new Map(),
});

// y = [0,0,1,1,1,0,1,0]; predicted classes at 0.5 = [0,0,0,1,1,1,1,0]: tp 3, fp 1, fn 1, 6 of 8 right.
const p = predictions([0, 0, 1, 1, 1, 0, 1, 0], [0.1, 0.4, 0.35, 0.8, 0.7, 0.6, 0.9, 0.2]);

describe('metrics from predictions', () => {
  it.each([
    ['accuracy', 0.75],
    ['precision', 0.75],
    ['recall', 0.75],
    ['f1', 0.75],
    // 14 of the 16 positive-negative pairs are ordered right (sklearn.metrics.roc_auc_score: 0.875).
    ['auc', 0.875],
    ['log_loss', 0.4363276947527035],
  ])('computes %s', (name, expected) => {
    expect(METRICS[name]?.(p)).toBeCloseTo(expected, 14);
  });

  it('counts tied scores as half right in AUC', () => {
    expect(METRICS.auc?.(predictions([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]))).toBeCloseTo(0.875, 14);
  });

  it('computes regression errors from scores', () => {
    const r = predictions([1, 2, 3], [1.5, 2, 2]);

    expect(METRICS.mae?.(r)).toBeCloseTo(0.5, 14);
    expect(METRICS.mse?.(r)).toBeCloseTo(1.25 / 3, 14);
    expect(METRICS.rmse?.(r)).toBeCloseTo(Math.sqrt(1.25 / 3), 14);
  });

  it('weights rows, as a bootstrap resample does', () => {
    const weights = Float64Array.from([2, 0, 0, 1, 0, 0, 0, 0]);

    // Rows 0 (twice, right) and 3 (right): accuracy 1; mae 2*0.1 + 0.2 over 3.
    expect(METRICS.accuracy?.(p, weights)).toBe(1);
    expect(METRICS.mae?.(p, weights)).toBeCloseTo(0.4 / 3, 14);
  });
});
