/** Registers the run's trained model as the model's next version, with its lineage and baseline. */
import { InvalidInputError } from '../errors/invalid-input-error';
import { registerModelVersion } from '../registry/register-model-version';
import type { StateStore } from '../store/ports';
import { recordStep } from './run-steps';

export interface RegisterRunModelDeps {
  store: Pick<StateStore, 'runs' | 'versions'>;
  clock: () => Date;
}

export const registerRunModel = (
  deps: RegisterRunModelDeps,
  input: { runId: string },
): Promise<{ version: number }> =>
  recordStep(deps, input.runId, 'RegisterModel', async () => {
    const run = await deps.store.runs.getRun(input.runId);
    if (!run.artifact) throw new InvalidInputError(`run ${run.runId} has no trained artifact to register`);
    const version = await registerModelVersion(deps.store, {
      model: run.model,
      runId: run.runId,
      ...(run.inputs.commit ? { commit: run.inputs.commit } : {}),
      ...(run.inputs.dataHash ? { dataHash: run.inputs.dataHash } : {}),
      parameters: run.hyperparameters ?? {},
      metrics: run.metrics ?? {},
      artifact: run.artifact,
      ...(run.baselineProfile ? { baselineProfileUri: run.baselineProfile.uri } : {}),
      now: deps.clock(),
    });
    await deps.store.runs.updateRun(run.runId, { modelVersion: version.version });
    return { version: version.version };
  });
