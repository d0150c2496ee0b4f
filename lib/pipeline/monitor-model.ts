/**
 * One monitoring window of a model's champion:
 * 1. the window runs from the later of the last window's end and the champion's promotion, to now;
 * 2. the endpoint's captured requests of the window become rows and are profiled;
 * 3. drift is computed against the champion's baseline profile (the one its training data gave),
 *    with the k-of-n rule over the earlier windows' reports;
 * 4. the report is recorded, and the scores go to the metrics;
 * 5. when drift is confirmed, the Drift Detected detail is returned for the state machine to emit.
 * A model without a champion or a baseline, and a window without traffic, are named errors.
 */
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { ValueType } from '../data/decode';
import { rowsDataset } from '../data/rows-dataset';
import { appendToHistory, type DriftHistory, type DriftReport, detectDrift } from '../drift/detect-drift';
import { CaptureWindowEmptyError } from '../errors/capture-window-empty-error';
import { NotFoundError } from '../errors/not-found-error';
import { DriftDetected } from '../events/contracts';
import type { CaptureSource } from '../monitoring/capture-source';
import { capturedRows, type Row } from '../monitoring/captured-rows';
import { parseProfile, profileDataset } from '../profile/profile-data';
import type { StateStore } from '../store/ports';
import type { PipelineMetrics } from './pipeline-metrics';
import { runSpec } from './run-spec';

export interface MonitorModelDeps {
  store: Pick<StateStore, 'models' | 'aliases' | 'versions' | 'monitoring'>;
  captures: CaptureSource;
  artifacts: ArtifactStore;
  environment: string;
  clock: () => Date;
  metrics?: PipelineMetrics;
}

export interface MonitoringOutcome {
  model: string;
  windowStart: string;
  windowEnd: string;
  samples: number;
  verdict: DriftReport['verdict'];
  drifted: string[];
  /** The Drift Detected event's detail, when drift is confirmed. */
  driftEvent?: unknown;
}

const readStream = async (stream: AsyncIterable<unknown>): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

export const monitorModel = async (
  deps: MonitorModelDeps,
  input: { model: string },
): Promise<MonitoringOutcome> => {
  const { store } = deps;
  const { model } = input;
  const champion = await store.aliases.getAlias(model, 'champion');
  if (!champion) throw new NotFoundError(`model ${model} has no champion to monitor`);
  const version = await store.versions.getVersion(model, champion.version);
  const baselineSha = version.baselineProfileUri?.split('/').at(-1);
  if (!baselineSha)
    throw new NotFoundError(`${model} v${version.version} has no baseline profile to compare with`);
  const { spec } = await runSpec(store, { model, specVersion: undefined });
  const settings = spec.monitoring;
  const earlier = await store.monitoring.listReports(model, { limit: Math.max(settings.window.n - 1, 1) });
  const now = deps.clock();
  const since = [earlier[0]?.windowEnd, champion.updatedAt]
    .filter((t): t is string => Boolean(t))
    .sort()
    .at(-1);
  const from = new Date(since ?? now.getTime() - 86_400_000);

  const features =
    settings.features ?? Object.keys(spec.data.columns).filter((name) => name !== spec.data.label);
  const rows: Row[] = [];
  for await (const record of deps.captures.records(model, from, now)) {
    rows.push(...capturedRows(record, features, settings.predictionColumn));
  }
  const window = `${model} traffic ${from.toISOString()} to ${now.toISOString()}`;
  if (rows.length === 0) throw new CaptureWindowEmptyError(`no captured traffic for ${window}`);

  const baseline = parseProfile(
    await readStream(await deps.artifacts.get(baselineSha)),
    version.baselineProfileUri ?? '',
  );
  const types = Object.fromEntries(
    Object.entries(spec.data.columns).map(([name, rule]) => [name, rule.type as ValueType]),
  );
  const current = await profileDataset(rowsDataset(window, rows), { types });
  const history: DriftHistory = earlier
    .slice()
    .reverse()
    .reduce<DriftHistory>((h, r) => appendToHistory(h, r.report as DriftReport), {
      format: 'conveyor-drift-history/v1',
      windows: [],
    });
  const report = detectDrift(baseline, current, settings, {
    features: features.filter((name) => name in baseline.columns),
    ...(settings.predictionColumn && settings.predictionColumn in baseline.columns
      ? { predictionColumn: settings.predictionColumn }
      : {}),
    history,
  });
  await store.monitoring.putReport({
    model,
    windowStart: from.toISOString(),
    windowEnd: now.toISOString(),
    championVersion: version.version,
    samples: rows.length,
    verdict: report.verdict,
    drifted: report.drifted,
    windowDrifted: report.features.filter((f) => f.status === 'drift').map((f) => f.feature),
    report,
    createdAt: now.toISOString(),
  });
  for (const feature of report.features) {
    deps.metrics?.record('DriftScore', feature.metrics.psi, 'None', { model, feature: feature.feature });
  }
  const outcome: MonitoringOutcome = {
    model,
    windowStart: from.toISOString(),
    windowEnd: now.toISOString(),
    samples: rows.length,
    verdict: report.verdict,
    drifted: report.drifted,
  };
  if (report.verdict !== 'drift') return outcome;
  const driftEvent = DriftDetected.detail.parse({
    model,
    environment: deps.environment,
    features: report.features
      .filter((f) => f.confirmed)
      .flatMap((f) =>
        f.exceeded.map((e) => ({
          name: f.feature,
          metric: e.metric,
          value: e.value,
          threshold: e.threshold,
        })),
      ),
    windowEnd: now.toISOString(),
  });
  return { ...outcome, driftEvent };
};
