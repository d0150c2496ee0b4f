/**
 * Quality gates on a candidate model, each decision stating the values, thresholds and interval that
 * produced it:
 * - absolute: the metric within [min, max];
 * - vs champion: no worse than the champion by more than the tolerance (absolute, or relative to the
 *   champion's value);
 * - comparison: the paired bootstrap interval of the improvement over the champion has its lower end
 *   at or above -tolerance;
 * - slices: every slice with at least minSamples rows within [min, max].
 * Without a champion (the project's first model) the champion checks pass by rule and say so. In
 * dry-run mode the verdict is reported but not enforced.
 */
import { InvalidInputError } from '../errors/invalid-input-error';
import type { PipelineSpec } from '../spec/schema';
import { metricFunction } from './metric-functions';
import type { ModelEvaluation } from './metrics-file';
import { pairedBootstrap } from './paired-bootstrap';
import { pairPredictions } from './predictions';

export interface GateDecision {
  name: string;
  kind: 'threshold' | 'vs-champion' | 'comparison' | 'slice';
  status: 'pass' | 'fail' | 'skipped';
  metric: string;
  value?: number;
  champion?: number;
  min?: number;
  max?: number;
  tolerance?: number;
  /** The bound the value had to meet (vs champion), or the interval's required lower end (comparison). */
  bound?: number;
  interval?: [number, number];
  confidence?: number;
  samples?: number;
  reason: string;
}

export interface GateReport {
  verdict: 'pass' | 'fail';
  mode: 'enforce' | 'dry-run';
  /** Whether a failing verdict stops the pipeline (false in dry-run). */
  enforced: boolean;
  firstModel: boolean;
  candidate: string;
  champion?: string;
  decisions: GateDecision[];
}

export const evaluateGates = (
  gates: PipelineSpec['gates'],
  candidate: ModelEvaluation,
  champion: ModelEvaluation | undefined,
  options: { seed?: number } = {},
): GateReport => {
  const decisions: GateDecision[] = [];
  const metricValue = (evaluation: ModelEvaluation, metric: string): number => {
    const given = evaluation.metrics[metric];
    if (given !== undefined) return given;
    if (evaluation.predictions) {
      const value = metricFunction(metric)(evaluation.predictions);
      if (Number.isNaN(value)) {
        throw new InvalidInputError(
          `${evaluation.predictions.source}: ${metric} is undefined on these predictions (a class or a denominator is missing)`,
        );
      }
      return value;
    }
    throw new InvalidInputError(
      `${evaluation.source}: no "${metric}" in metrics and no predictions to compute it from`,
    );
  };

  for (const gate of gates.metrics) {
    const value = metricValue(candidate, gate.metric);
    const at = `metrics.${gate.metric}`;
    if (gate.min !== undefined) decisions.push(thresholdDecision(at, gate.metric, value, 'min', gate.min));
    if (gate.max !== undefined) decisions.push(thresholdDecision(at, gate.metric, value, 'max', gate.max));
    if (gate.vsChampion) {
      const { direction, tolerance, relative } = gate.vsChampion;
      if (!champion) {
        decisions.push({
          name: `${at}.vsChampion`,
          kind: 'vs-champion',
          status: 'pass',
          metric: gate.metric,
          value,
          reason: 'first model: no champion to compare against, passes by rule',
        });
        continue;
      }
      const reference = metricValue(champion, gate.metric);
      const allowed = relative ? tolerance * Math.abs(reference) : tolerance;
      const higher = direction === 'higher-is-better';
      const bound = higher ? reference - allowed : reference + allowed;
      const pass = higher ? value >= bound : value <= bound;
      decisions.push({
        name: `${at}.vsChampion`,
        kind: 'vs-champion',
        status: pass ? 'pass' : 'fail',
        metric: gate.metric,
        value,
        champion: reference,
        tolerance,
        bound,
        reason: `${gate.metric} ${fmt(value)} vs champion ${fmt(reference)}: must be ${higher ? '>=' : '<='} ${fmt(bound)} (${direction}, tolerance ${tolerance}${relative ? ` relative = ${fmt(allowed)}` : ''})`,
      });
    }
  }

  if (gates.comparison) {
    const c = gates.comparison;
    const name = `comparison.${c.metric}`;
    if (!champion) {
      decisions.push({
        name,
        kind: 'comparison',
        status: 'pass',
        metric: c.metric,
        reason: 'first model: no champion to compare against, passes by rule',
      });
    } else {
      if (!candidate.predictions || !champion.predictions) {
        throw new InvalidInputError(
          `the paired bootstrap on ${c.metric} needs holdout predictions in both ${candidate.source} and ${champion.source}`,
        );
      }
      const paired = pairPredictions(candidate.predictions, champion.predictions);
      const result = pairedBootstrap(metricFunction(c.metric), candidate.predictions, paired, {
        resamples: c.resamples,
        confidence: c.confidence,
        lowerIsBetter: c.direction === 'lower-is-better',
        ...(options.seed === undefined ? {} : { seed: options.seed }),
      });
      const bound = -c.tolerance;
      const pass = result.interval[0] >= bound;
      decisions.push({
        name,
        kind: 'comparison',
        status: pass ? 'pass' : 'fail',
        metric: c.metric,
        value: result.improvement,
        tolerance: c.tolerance,
        bound,
        interval: result.interval,
        confidence: c.confidence,
        samples: candidate.predictions.size,
        reason: `improvement in ${c.metric} over the champion ${fmt(result.improvement)}, ${c.confidence * 100}% paired bootstrap interval [${fmt(result.interval[0])}, ${fmt(result.interval[1])}] (${result.resamples} resamples of ${candidate.predictions.size} rows); lower end must be >= ${fmt(bound)}`,
      });
    }
  }

  for (const slice of gates.slices) {
    const predictions = candidate.predictions;
    if (!predictions) {
      throw new InvalidInputError(`slice gates need holdout predictions in ${candidate.source}`);
    }
    const keys = predictions.slices.get(slice.column);
    if (!keys) throw new InvalidInputError(`${predictions.source}: no column "${slice.column}" to slice by`);
    const groups = new Map<string, number[]>();
    keys.forEach((key, i) => {
      const group = groups.get(key ?? '(null)') ?? [];
      group.push(i);
      groups.set(key ?? '(null)', group);
    });
    const metric = metricFunction(slice.metric);
    for (const [key, rows] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const name = `slices.${slice.column}=${key}.${slice.metric}`;
      const notJudged = (reason: string): GateDecision => ({
        name,
        kind: 'slice',
        status: 'skipped',
        metric: slice.metric,
        samples: rows.length,
        reason: `${reason}: not judged`,
      });
      if (rows.length < slice.minSamples) {
        decisions.push(notJudged(`${rows.length} rows, fewer than minSamples ${slice.minSamples}`));
        continue;
      }
      const value = metric(predictions, undefined, Int32Array.from(rows));
      if (Number.isNaN(value)) {
        decisions.push(
          notJudged(
            `${slice.metric} is undefined on the ${rows.length} rows where ${slice.column} = ${key} (a class is missing)`,
          ),
        );
        continue;
      }
      const low = slice.min === undefined || value >= slice.min;
      const high = slice.max === undefined || value <= slice.max;
      decisions.push({
        name,
        kind: 'slice',
        status: low && high ? 'pass' : 'fail',
        metric: slice.metric,
        value,
        ...(slice.min === undefined ? {} : { min: slice.min }),
        ...(slice.max === undefined ? {} : { max: slice.max }),
        samples: rows.length,
        reason: `${slice.metric} ${fmt(value)} on ${rows.length} rows where ${slice.column} = ${key}; bounds [${slice.min ?? '-inf'}, ${slice.max ?? 'inf'}]`,
      });
    }
  }

  const failed = decisions.some((d) => d.status === 'fail');
  return {
    verdict: failed ? 'fail' : 'pass',
    mode: gates.mode,
    enforced: gates.mode === 'enforce',
    firstModel: champion === undefined,
    candidate: candidate.source,
    ...(champion ? { champion: champion.source } : {}),
    decisions,
  };
};

/** The metric's value judged against one end of its [min, max] range. */
const thresholdDecision = (
  at: string,
  metric: string,
  value: number,
  end: 'min' | 'max',
  limit: number,
): GateDecision => {
  const pass = end === 'min' ? value >= limit : value <= limit;
  const [holds, breaks] = end === 'min' ? ['>=', '<'] : ['<=', '>'];
  return {
    name: `${at}.${end}`,
    kind: 'threshold',
    status: pass ? 'pass' : 'fail',
    metric,
    value,
    ...(end === 'min' ? { min: limit } : { max: limit }),
    reason: `${metric} ${fmt(value)} ${pass ? holds : breaks} ${end} ${limit}`,
  };
};

const fmt = (value: number): string => String(Math.round(value * 1e6) / 1e6);
