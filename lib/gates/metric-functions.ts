/**
 * Metrics computed from holdout predictions, each with optional per-row weights (a bootstrap
 * resample is a weight per row: how often it was drawn). Classification metrics take class 1 as
 * positive and `score >= 0.5` as the predicted class unless `prediction` is given.
 */
import { InvalidInputError } from '../errors/invalid-input-error';
import type { Predictions } from './predictions';

export type MetricFunction = (p: Predictions, weights?: Float64Array, rows?: Int32Array) => number;

const LOG_LOSS_CLIP = 1e-15;

/** Iterates rows (all, or a subset such as a slice) with their weights. */
const each = (
  p: Predictions,
  weights: Float64Array | undefined,
  rows: Int32Array | undefined,
  visit: (i: number, w: number) => void,
) => {
  const n = rows ? rows.length : p.size;
  for (let k = 0; k < n; k++) {
    const i = rows ? (rows[k] as number) : k;
    const w = weights ? (weights[i] as number) : 1;
    if (w !== 0) visit(i, w);
  }
};

const predictedClass = (p: Predictions, i: number): number =>
  p.prediction ? (p.prediction[i] as number) : (p.score[i] as number) >= 0.5 ? 1 : 0;

const confusion = (p: Predictions, weights?: Float64Array, rows?: Int32Array) => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let total = 0;
  let correct = 0;
  each(p, weights, rows, (i, w) => {
    const actual = p.label[i] as number;
    const predicted = predictedClass(p, i);
    total += w;
    if (predicted === actual) correct += w;
    if (predicted === 1 && actual === 1) tp += w;
    else if (predicted === 1) fp += w;
    else if (actual === 1) fn += w;
  });
  return { tp, fp, fn, total, correct };
};

const mean = (
  p: Predictions,
  weights: Float64Array | undefined,
  rows: Int32Array | undefined,
  term: (i: number) => number,
) => {
  let sum = 0;
  let total = 0;
  each(p, weights, rows, (i, w) => {
    sum += w * term(i);
    total += w;
  });
  return sum / total;
};

/** Area under the ROC curve: the weighted Mann-Whitney statistic, ties counting one half. */
const auc: MetricFunction = (p, weights, rows) => {
  const order = rowsByScore(p, rows);
  let positives = 0;
  let negatives = 0;
  let area = 0;
  let k = 0;
  while (k < order.length) {
    const score = p.score[order[k] as number] as number;
    let groupPositives = 0;
    let groupNegatives = 0;
    while (k < order.length && p.score[order[k] as number] === score) {
      const i = order[k] as number;
      const w = weights ? (weights[i] as number) : 1;
      if (p.label[i] === 1) groupPositives += w;
      else groupNegatives += w;
      k++;
    }
    area += groupPositives * (negatives + groupNegatives / 2);
    positives += groupPositives;
    negatives += groupNegatives;
  }
  return area / (positives * negatives);
};

const sortedRows = new WeakMap<Predictions, Map<Int32Array | undefined, Int32Array>>();

/** Row indices by ascending score, computed once per predictions and subset. */
const rowsByScore = (p: Predictions, rows: Int32Array | undefined): Int32Array => {
  let cache = sortedRows.get(p);
  if (cache === undefined) {
    cache = new Map();
    sortedRows.set(p, cache);
  }
  let order = cache.get(rows);
  if (order === undefined) {
    order = (rows ? Int32Array.from(rows) : Int32Array.from({ length: p.size }, (_, i) => i)).sort(
      (a, b) => (p.score[a] as number) - (p.score[b] as number),
    );
    cache.set(rows, order);
  }
  return order;
};

export const METRICS: Record<string, MetricFunction> = {
  accuracy: (p, w, r) => {
    const c = confusion(p, w, r);
    return c.correct / c.total;
  },
  precision: (p, w, r) => {
    const c = confusion(p, w, r);
    return c.tp / (c.tp + c.fp);
  },
  recall: (p, w, r) => {
    const c = confusion(p, w, r);
    return c.tp / (c.tp + c.fn);
  },
  f1: (p, w, r) => {
    const c = confusion(p, w, r);
    return (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
  },
  auc,
  roc_auc: auc,
  log_loss: (p, w, r) =>
    mean(p, w, r, (i) => {
      const q = Math.min(Math.max(p.score[i] as number, LOG_LOSS_CLIP), 1 - LOG_LOSS_CLIP);
      return p.label[i] === 1 ? -Math.log(q) : -Math.log(1 - q);
    }),
  mse: (p, w, r) => mean(p, w, r, (i) => ((p.score[i] as number) - (p.label[i] as number)) ** 2),
  rmse: (p, w, r) => Math.sqrt(mean(p, w, r, (i) => ((p.score[i] as number) - (p.label[i] as number)) ** 2)),
  mae: (p, w, r) => mean(p, w, r, (i) => Math.abs((p.score[i] as number) - (p.label[i] as number))),
};

export const metricFunction = (name: string): MetricFunction => {
  const metric = METRICS[name];
  if (metric === undefined) {
    throw new InvalidInputError(
      `cannot compute "${name}" from predictions; known metrics: ${Object.keys(METRICS).join(', ')}`,
    );
  }
  return metric;
};
