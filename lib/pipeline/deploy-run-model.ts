/**
 * Rolls the run's registered version out with the spec's strategy (see `deployModelVersion`: the
 * challenger alias, each traffic step baked and watched, then promotion or rollback) and records the
 * deployment on the run, so a rolled-back run says why and which version kept serving.
 */

import { deployModelVersion } from '../deploy/deploy-model-version';
import type { DeploymentOutcome, DeploymentTarget } from '../deploy/deployment-target';
import { DeploymentRolledBackError } from '../errors/deployment-rolled-back-error';
import { InvalidInputError } from '../errors/invalid-input-error';
import type { StateStore } from '../store/ports';
import type { PipelineMetrics } from './pipeline-metrics';
import { runSpec } from './run-spec';

export interface DeployRunModelDeps {
  store: Pick<StateStore, 'runs' | 'models' | 'versions' | 'aliases'>;
  target: DeploymentTarget;
  clock: () => Date;
  /** Where a model's project lives, for the local inference server. */
  projectDir?: (model: string) => string | undefined;
  metrics?: PipelineMetrics;
}

export const deployRunModel = async (
  deps: DeployRunModelDeps,
  input: { runId: string },
): Promise<DeploymentOutcome> => {
  const { store } = deps;
  const run = await store.runs.getRun(input.runId);
  if (run.modelVersion === undefined) {
    throw new InvalidInputError(`run ${run.runId} has registered no model version to deploy`);
  }
  const { spec } = await runSpec(store, run);
  const previousVersion = (await store.aliases.getAlias(run.model, 'champion'))?.version;
  const previous = previousVersion !== undefined ? { previousVersion } : {};
  const projectDir = deps.projectDir?.(run.model);
  try {
    const outcome = await deployModelVersion(deps, {
      runId: run.runId,
      model: run.model,
      version: run.modelVersion,
      deployment: spec.deployment,
      ...(projectDir ? { projectDir } : {}),
      ...(spec.training.sagemaker ? { image: spec.training.sagemaker.image } : {}),
    });
    await store.runs.updateRun(run.runId, { deployment: { state: 'Succeeded', percent: 100, ...previous } });
    return outcome;
  } catch (error) {
    const rolledBack = error instanceof DeploymentRolledBackError;
    await store.runs.updateRun(run.runId, {
      deployment: {
        state: rolledBack ? 'RolledBack' : 'Failed',
        percent: 0,
        ...previous,
        reason: (error as Error).message,
      },
    });
    throw error;
  }
};
