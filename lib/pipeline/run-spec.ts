/** The spec a run follows: the version it resolved (or the model's latest before it resolved one). */
import { NotFoundError } from '../errors/not-found-error';
import { type PipelineSpec, pipelineSpecSchema } from '../spec/schema';
import type { Run } from '../store/entities';
import type { StateStore } from '../store/ports';

export const runSpec = async (
  store: Pick<StateStore, 'models'>,
  run: Pick<Run, 'model' | 'specVersion'>,
): Promise<{ spec: PipelineSpec; specVersion: number }> => {
  const registration =
    run.specVersion === undefined
      ? await store.models.getLatestSpec(run.model)
      : await store.models.getSpec(run.model, run.specVersion);
  if (!registration) {
    throw new NotFoundError(
      `model ${run.model} has no registered spec${run.specVersion ? ` v${run.specVersion}` : ''}`,
    );
  }
  return { spec: pipelineSpecSchema.parse(registration.spec), specVersion: registration.specVersion };
};
