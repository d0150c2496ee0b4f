/**
 * Drift decisions between a reference profile and the current window's profile. A p-value flags
 * every tiny shift on a large sample, so the decision rests on effect sizes against the spec's
 * thresholds (PSI, KS statistic, normalized Wasserstein for numbers; Jensen-Shannon and PSI for
 * categories), needs a minimum sample, and a feature only counts as drifted when it drifted in k of
 * the last n windows. p-values are reported alongside, for context.
 */
import { InvalidInputError } from '../errors/invalid-input-error';
import type {
  CategoricalColumnProfile,
  ColumnProfile,
  NumericColumnProfile,
} from '../profile/column-profiles';
import { type FrequencyTable, frequencyTable } from '../profile/frequency-table';
import type { DataProfile } from '../profile/profile-data';
import { QuantileSketch } from '../profile/quantile-sketch';
import type { PipelineSpec } from '../spec/schema';
import {
  alignCategories,
  chiSquareHomogeneity,
  jensenShannonDistance,
  ksTwoSample,
  psiCategorical,
  psiNumeric,
  wassersteinDistance,
} from './statistics';

export type DriftSettings = Pick<PipelineSpec['monitoring'], 'thresholds' | 'minSamples' | 'window'>;
export type FeatureStatus = 'drift' | 'stable' | 'insufficient-data';

export interface Exceedance {
  metric: 'psi' | 'ks' | 'wasserstein' | 'jensenShannon';
  value: number;
  threshold: number;
}

export interface FeatureDrift {
  feature: string;
  role: 'feature' | 'prediction';
  kind: 'numeric' | 'categorical';
  referenceCount: number;
  currentCount: number;
  /** This window's outcome. */
  status: FeatureStatus;
  metrics: {
    psi: number;
    ks?: number;
    ksPValue?: number;
    /** Wasserstein distance divided by the reference's standard deviation. */
    wasserstein?: number;
    wassersteinRaw?: number;
    jensenShannon?: number;
    chiSquare?: number;
    chiSquareDof?: number;
    chiSquarePValue?: number;
  };
  exceeded: Exceedance[];
  /** Current categories the reference never had, most frequent first (at most 10). */
  unseenCategories?: { value: string; count: number }[];
  /** True when a side had too many distinct values for exact counts and its sketch was used. */
  approximate: boolean;
  /** Windows among the last n (this one included) in which the feature drifted. */
  windowsDrifted: number;
  /** Drifted in at least k of the last n windows. */
  confirmed: boolean;
  reason: string;
}

export interface DriftReport {
  verdict: 'drift' | 'stable';
  reference: string;
  current: string;
  thresholds: DriftSettings['thresholds'];
  minSamples: number;
  window: DriftSettings['window'];
  features: FeatureDrift[];
  /** Features confirmed as drifted by the k-of-n rule. */
  drifted: string[];
}

export const DRIFT_HISTORY_FORMAT = 'conveyor-drift-history/v1';

/** The outcome of earlier windows, most recent last, for the k-of-n rule. */
export interface DriftHistory {
  format: typeof DRIFT_HISTORY_FORMAT;
  windows: { current: string; drifted: string[] }[];
}

export interface DriftOptions {
  /** Features to compare; every column both profiles have when absent. */
  features?: readonly string[];
  predictionColumn?: string;
  history?: DriftHistory;
}

export const detectDrift = (
  reference: DataProfile,
  current: DataProfile,
  settings: DriftSettings,
  options: DriftOptions = {},
): DriftReport => {
  const names = options.features ?? Object.keys(reference.columns).filter((name) => name in current.columns);
  const all =
    options.predictionColumn && !names.includes(options.predictionColumn)
      ? [...names, options.predictionColumn]
      : names;
  const missing = all.flatMap((name) => [
    ...(name in reference.columns ? [] : [`"${name}" is not in the reference ${reference.source}`]),
    ...(name in current.columns ? [] : [`"${name}" is not in the current data ${current.source}`]),
  ]);
  if (missing.length > 0) throw new InvalidInputError(`cannot compare: ${missing.join('; ')}`);

  const windows = (options.history?.windows ?? []).slice(-(settings.window.n - 1));
  const features = all.map((name) => {
    const drift = compareFeature(
      name,
      reference.columns[name] as ColumnProfile,
      current.columns[name] as ColumnProfile,
      settings,
    );
    const earlier = windows.filter((w) => w.drifted.includes(name)).length;
    const windowsDrifted = earlier + (drift.status === 'drift' ? 1 : 0);
    const confirmed = windowsDrifted >= settings.window.k;
    const seen = windows.length + 1;
    return {
      ...drift,
      role: name === options.predictionColumn ? ('prediction' as const) : ('feature' as const),
      windowsDrifted,
      confirmed,
      reason: `${drift.reason}; drifted in ${windowsDrifted} of the last ${seen} window${seen === 1 ? '' : 's'} (k = ${settings.window.k} of n = ${settings.window.n}): ${confirmed ? 'confirmed' : 'not confirmed'}`,
    };
  });
  const drifted = features.filter((f) => f.confirmed).map((f) => f.feature);
  return {
    verdict: drifted.length > 0 ? 'drift' : 'stable',
    reference: reference.source,
    current: current.source,
    thresholds: settings.thresholds,
    minSamples: settings.minSamples,
    window: settings.window,
    features,
    drifted,
  };
};

/** Adds this report's window to the history, keeping the last n windows. */
export const appendToHistory = (history: DriftHistory | undefined, report: DriftReport): DriftHistory => ({
  format: DRIFT_HISTORY_FORMAT,
  windows: [
    ...(history?.windows ?? []),
    {
      current: report.current,
      drifted: report.features.filter((f) => f.status === 'drift').map((f) => f.feature),
    },
  ].slice(-report.window.n),
});

type WindowDrift = Omit<FeatureDrift, 'role' | 'windowsDrifted' | 'confirmed'>;

const compareFeature = (
  name: string,
  reference: ColumnProfile,
  current: ColumnProfile,
  settings: DriftSettings,
): WindowDrift => {
  if (reference.kind !== current.kind) {
    throw new InvalidInputError(
      `cannot compare "${name}": it is ${reference.kind} in the reference but ${current.kind} in the current data`,
    );
  }
  const base = {
    feature: name,
    kind: reference.kind,
    referenceCount: reference.count,
    currentCount: current.count,
  };
  const smallest = Math.min(reference.count, current.count);
  const { metrics, exceeded, approximate, unseenCategories } =
    reference.kind === 'numeric'
      ? compareNumeric(reference, current as NumericColumnProfile, settings.thresholds)
      : compareCategorical(reference, current as CategoricalColumnProfile, settings.thresholds);
  if (smallest < settings.minSamples) {
    return {
      ...base,
      status: 'insufficient-data',
      metrics,
      exceeded: [],
      approximate,
      ...(unseenCategories ? { unseenCategories } : {}),
      reason: `only ${smallest} values on one side, fewer than minSamples ${settings.minSamples}: no decision`,
    };
  }
  const status: FeatureStatus = exceeded.length > 0 ? 'drift' : 'stable';
  const describe = (e: Exceedance) => `${e.metric} ${round(e.value)} > ${e.threshold}`;
  const unseen =
    unseenCategories && unseenCategories.length > 0
      ? `; unseen categories: ${unseenCategories.map((u) => `${u.value} (${u.count})`).join(', ')}`
      : '';
  return {
    ...base,
    status,
    metrics,
    exceeded,
    approximate,
    ...(unseenCategories ? { unseenCategories } : {}),
    reason: `${status === 'drift' ? `drift: ${exceeded.map(describe).join(', ')}` : 'within thresholds'}${unseen}`,
  };
};

type Measured = Pick<WindowDrift, 'metrics' | 'exceeded' | 'approximate' | 'unseenCategories'>;

const compareNumeric = (
  reference: NumericColumnProfile,
  current: NumericColumnProfile,
  t: DriftSettings['thresholds'],
): Measured => {
  const ref = distributionOf(reference);
  const cur = distributionOf(current);
  const ks = ksTwoSample(ref.table, cur.table);
  const raw = wassersteinDistance(ref.table, cur.table);
  const wasserstein = raw / (reference.std && reference.std > 0 ? reference.std : 1);
  const psi = psiNumeric(ref.table, cur.table).value;
  return {
    metrics: { psi, ks: ks.statistic, ksPValue: ks.pValue, wasserstein, wassersteinRaw: raw },
    exceeded: over([
      ['psi', psi, t.psi],
      ['ks', ks.statistic, t.ks],
      ['wasserstein', wasserstein, t.wasserstein],
    ]),
    approximate: !(ref.exact && cur.exact),
  };
};

const OTHER = '(other)';

const compareCategorical = (
  reference: CategoricalColumnProfile,
  current: CategoricalColumnProfile,
  t: DriftSettings['thresholds'],
): Measured => {
  const truncated = reference.otherCount > 0;
  const known = new Set(reference.categories.map(([value]) => value));
  // When the reference kept only its top categories, the rest are one bucket on both sides.
  const currentCategories: [string, number][] = [
    ...current.categories.map(([v, c]): [string, number] =>
      truncated && !known.has(v) ? [OTHER, c] : [v, c],
    ),
    ...(current.otherCount > 0 ? [[OTHER, current.otherCount] as [string, number]] : []),
  ];
  const referenceCategories: [string, number][] = truncated
    ? [...reference.categories, [OTHER, reference.otherCount]]
    : reference.categories;
  const comparison = alignCategories(referenceCategories, currentCategories);
  const chi = chiSquareHomogeneity(comparison);
  const psi = psiCategorical(comparison);
  const jensenShannon = jensenShannonDistance(comparison);
  return {
    metrics: {
      psi,
      jensenShannon,
      chiSquare: chi.statistic,
      chiSquareDof: chi.dof,
      chiSquarePValue: chi.pValue,
    },
    exceeded: over([
      ['psi', psi, t.psi],
      ['jensenShannon', jensenShannon, t.jensenShannon],
    ]),
    approximate: truncated || current.otherCount > 0,
    // Categories the reference did not keep cannot be told apart from unseen ones.
    unseenCategories: truncated
      ? []
      : current.categories
          .filter(([value]) => !known.has(value))
          .slice(0, 10)
          .map(([value, count]) => ({ value, count })),
  };
};

const over = (checks: [Exceedance['metric'], number, number][]): Exceedance[] =>
  checks
    .filter(([, value, threshold]) => value > threshold)
    .map(([metric, value, threshold]) => ({ metric, value, threshold }));

const distributionOf = (column: NumericColumnProfile): { table: FrequencyTable; exact: boolean } =>
  column.exact && column.values
    ? { table: frequencyTable(column.values), exact: true }
    : { table: QuantileSketch.fromJson(column.sketch).toFrequencyTable(), exact: false };

const round = (value: number): number => Math.round(value * 1e4) / 1e4;
