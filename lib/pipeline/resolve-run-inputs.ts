/**
 * The first step of a training run: what exactly it trains on.
 * 1. The spec: at the triggering commit when the spec source has it (registered as the model's next
 *    spec version if it changed; an invalid spec fails the run with its own messages), otherwise the
 *    spec the run was admitted with.
 * 2. The data version: a manifest of the files under `data.source`, one hash for the set.
 * 3. The run moves to RUNNING (if admission had not yet) and records both.
 * Returns what the state machine needs to choose its path.
 */

import type { DataLocator } from '../data/data-location';
import { DataValidationFailedError } from '../errors/data-validation-failed-error';
import { InvalidRunTransitionError } from '../errors/invalid-run-transition-error';
import { parseSpec } from '../spec/load-spec';
import type { SpecSource } from '../spec/spec-source';
import type { StateStore } from '../store/ports';
import { dataManifest } from './data-manifest';
import { runSpec } from './run-spec';
import { recordStep } from './run-steps';

export interface ResolveRunInputsDeps {
  store: Pick<StateStore, 'runs' | 'models'>;
  data: DataLocator;
  specs?: SpecSource;
  clock: () => Date;
  /** Seconds between two polls of a training job or a deployment. */
  pollSeconds: number;
}

export interface ResolvedRun {
  runId: string;
  model: string;
  specVersion: number;
  dataHash: string;
  approval: { required: boolean; timeoutSeconds: number };
  /** Training jobs the run may start (`training.attempts`). */
  trainingAttempts: number;
  pollSeconds: number;
  monitoring: boolean;
}

export const resolveRunInputs = (
  deps: ResolveRunInputsDeps,
  input: { runId: string },
): Promise<ResolvedRun> =>
  recordStep(deps, input.runId, 'ResolveInputs', async () => {
    const { store } = deps;
    const run = await store.runs.getRun(input.runId);
    const commit = run.inputs.commit;
    const atCommit = commit && deps.specs ? await deps.specs.readAt(run.model, commit) : undefined;
    const specVersion = atCommit
      ? (await store.models.registerSpec(run.model, parseSpec(atCommit.text, atCommit.file), deps.clock()))
          .specVersion
      : run.specVersion;
    const { spec, specVersion: resolvedVersion } = await runSpec(store, { model: run.model, specVersion });

    const manifest = await dataManifest(deps.data.locate(run.model, spec.data.source));
    if (manifest.objects.length === 0) {
      throw new DataValidationFailedError(`no data files (.csv, .jsonl, .parquet) under ${manifest.source}`);
    }
    if (run.status === 'PENDING') {
      try {
        await store.runs.transitionRun(run.runId, 'RUNNING', deps.clock());
      } catch (error) {
        if (!(error instanceof InvalidRunTransitionError)) throw error;
      }
    }
    await store.runs.updateRun(run.runId, {
      specVersion: resolvedVersion,
      inputs: { ...run.inputs, dataVersion: manifest.hash, dataHash: manifest.hash },
      data: {
        source: manifest.source,
        objects: manifest.objects.length,
        bytes: manifest.bytes,
        hash: manifest.hash,
        channels: manifest.channels,
      },
    });
    return {
      runId: run.runId,
      model: run.model,
      specVersion: resolvedVersion,
      dataHash: manifest.hash,
      approval: { required: spec.approval.mode === 'manual', timeoutSeconds: spec.approval.timeout },
      trainingAttempts: spec.training.attempts,
      pollSeconds: deps.pollSeconds,
      monitoring: spec.monitoring.enabled,
    };
  });
