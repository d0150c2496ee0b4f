/**
 * Deploys a registered version and keeps the endpoint, the registry and the run in step:
 * 1. the version becomes the challenger and the run records a RUNNING Deploy step;
 * 2. the target rolls it out (traffic shifts, health watched during each bake);
 * 3. promoted: the version becomes the champion, the step SUCCEEDED;
 *    rolled back or failed: traffic is already back on the champion, the challenger alias moves back
 *    to the champion and the step records the error, which propagates for the state machine to Catch.
 */
import { ConveyorError } from '../errors/conveyor-error';
import { moveAliasTo, promoteChampion } from '../registry/move-aliases';
import type { StateStore } from '../store/ports';
import type { DeploymentOutcome, DeploymentSettings, DeploymentTarget } from './deployment-target';

export interface DeployModelVersionInput {
  runId: string;
  model: string;
  version: number;
  deployment: DeploymentSettings;
  projectDir?: string;
  image?: string;
}

export interface DeployModelVersionDeps {
  store: Pick<StateStore, 'versions' | 'aliases' | 'runs'>;
  target: DeploymentTarget;
  clock?: () => Date;
}

const ACTOR = 'conveyor-deploy';
const STEP = 'Deploy';

export const deployModelVersion = async (
  deps: DeployModelVersionDeps,
  input: DeployModelVersionInput,
): Promise<DeploymentOutcome> => {
  const now = deps.clock ?? (() => new Date());
  const { store } = deps;
  const { runId, model, version } = input;
  const registered = await store.versions.getVersion(model, version);
  const champion = await store.aliases.getAlias(model, 'champion');
  const attempt = (await store.runs.listSteps(runId)).filter((s) => s.name === STEP).length + 1;
  const startedAt = now().toISOString();
  await store.runs.putStep({ runId, name: STEP, attempt, status: 'RUNNING', startedAt });
  if (champion) {
    await moveAliasTo(store, 'challenger', {
      model,
      version,
      actor: ACTOR,
      reason: `deploying run ${runId}`,
      now: now(),
    });
  }
  let outcome: DeploymentOutcome;
  try {
    outcome = await deps.target.deploy({
      model,
      version,
      artifact: registered.artifact,
      deployment: input.deployment,
      ...(input.projectDir ? { projectDir: input.projectDir } : {}),
      ...(input.image ? { image: input.image } : {}),
    });
  } catch (error) {
    const reason = `rolled back: ${(error as Error).message}`;
    if (champion) {
      await moveAliasTo(store, 'challenger', {
        model,
        version: champion.version,
        actor: ACTOR,
        reason,
        now: now(),
      });
    }
    await store.runs.putStep({
      runId,
      name: STEP,
      attempt,
      status: 'FAILED',
      startedAt,
      endedAt: now().toISOString(),
      error: {
        name: error instanceof ConveyorError ? error.name : 'Error',
        message: (error as Error).message,
      },
    });
    throw error;
  }
  await promoteChampion(store, {
    model,
    version,
    actor: ACTOR,
    reason: `deployed by run ${runId}`,
    now: now(),
  });
  await store.runs.putStep({
    runId,
    name: STEP,
    attempt,
    status: 'SUCCEEDED',
    startedAt,
    endedAt: now().toISOString(),
    output: outcome,
  });
  return outcome;
};
