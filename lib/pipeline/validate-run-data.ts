/**
 * Validates every data file of the run against the spec's column rules and, in the same pass over the
 * training channel, profiles it: that profile is the baseline monitoring later compares traffic with.
 * A failing rule fails the run with `DataValidationFailedError` naming the file and the checks.
 */
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { DataLocator } from '../data/data-location';
import { openDataset } from '../data/open-dataset';
import { DataValidationFailedError } from '../errors/data-validation-failed-error';
import { Profiler } from '../profile/profile-data';
import type { StateStore } from '../store/ports';
import { type ValidationReport, validateDataset } from '../validation/validate-data';
import { channelObjects, dataManifest } from './data-manifest';
import { runSpec } from './run-spec';
import { recordStep } from './run-steps';

export interface ValidateRunDataDeps {
  store: Pick<StateStore, 'runs' | 'models'>;
  data: DataLocator;
  artifacts: ArtifactStore;
  clock: () => Date;
}

export interface RunDataValidation {
  verdict: ValidationReport['verdict'];
  rows: number;
  files: { source: string; verdict: ValidationReport['verdict']; rows: number; failed: string[] }[];
  baselineProfile: { uri: string; sha256: string };
}

const TRAINING_CHANNEL = 'train';

export const validateRunData = (
  deps: ValidateRunDataDeps,
  input: { runId: string },
): Promise<RunDataValidation> =>
  recordStep(deps, input.runId, 'ValidateData', async () => {
    const run = await deps.store.runs.getRun(input.runId);
    const { spec } = await runSpec(deps.store, run);
    const location = deps.data.locate(run.model, spec.data.source);
    const manifest = await dataManifest(location);
    const training = new Set(channelObjects(manifest, TRAINING_CHANNEL).map((o) => o.key));
    const profiler = new Profiler();
    let profiledRows = 0;
    const files: RunDataValidation['files'] = [];
    for (const object of manifest.objects) {
      const dataset = openDataset(location.uri(object.key), { cwd: '/' });
      const profiles = training.has(object.key) ? [profiler] : [];
      const report = await validateDataset(dataset, spec.data, profiles);
      if (profiles.length) profiledRows += report.rows;
      files.push({
        source: object.key,
        verdict: report.verdict,
        rows: report.rows,
        failed: report.checks.filter((c) => c.status === 'fail').map((c) => `${c.name}: ${c.message}`),
      });
    }
    const verdict = files.some((f) => f.verdict === 'fail')
      ? 'fail'
      : files.some((f) => f.verdict === 'warn')
        ? 'warn'
        : 'pass';
    const rows = files.reduce((sum, f) => sum + f.rows, 0);
    const failed = files.flatMap((f) => f.failed.map((check) => `${f.source}: ${check}`));
    await deps.store.runs.updateRun(run.runId, { validation: { verdict, rows, failed } });
    if (verdict === 'fail') {
      throw new DataValidationFailedError(`data of ${run.model} failed validation:\n${failed.join('\n')}`);
    }
    const profile = profiler.result(
      `${manifest.source} (${TRAINING_CHANNEL})`,
      profiledRows,
      Object.keys(spec.data.columns),
    );
    const stored = await deps.artifacts.put(Buffer.from(JSON.stringify(profile)));
    const baselineProfile = { uri: stored.uri, sha256: stored.sha256 };
    await deps.store.runs.updateRun(run.runId, { baselineProfile });
    return { verdict, rows, files, baselineProfile };
  });
