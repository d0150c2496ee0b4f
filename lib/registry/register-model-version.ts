import { InvalidInputError } from '../errors/invalid-input-error';
import type { ModelVersion } from '../store/entities';
import type { StateStore } from '../store/ports';

export interface ModelVersionRegistration {
  model: string;
  runId: string;
  commit?: string;
  dataHash?: string;
  parameters: Record<string, unknown>;
  metrics: Record<string, number>;
  artifact: { uri: string; sha256: string };
  baselineProfileUri?: string;
  now: Date;
}

/**
 * Records a trained model as the model's next version, with its lineage. Registering the same run's
 * artifact again (a retried task) returns the version recorded the first time.
 */
export const registerModelVersion = async (
  store: Pick<StateStore, 'versions'>,
  registration: ModelVersionRegistration,
): Promise<ModelVersion> => {
  const { model, runId, artifact } = registration;
  if (!/^[0-9a-f]{64}$/.test(artifact.sha256)) {
    throw new InvalidInputError(`artifact.sha256 of run ${runId} is not a sha256 hex digest`);
  }
  const existing = (await store.versions.listVersions(model)).find(
    (v) => v.lineage.runId === runId && v.artifact.sha256 === artifact.sha256,
  );
  if (existing) return existing;
  return store.versions.createVersion({
    model,
    metrics: registration.metrics,
    artifact: { uri: artifact.uri, sha256: artifact.sha256 },
    lineage: {
      runId,
      ...(registration.commit ? { commit: registration.commit } : {}),
      ...(registration.dataHash ? { dataHash: registration.dataHash } : {}),
      parameters: registration.parameters,
    },
    ...(registration.baselineProfileUri ? { baselineProfileUri: registration.baselineProfileUri } : {}),
    createdAt: registration.now.toISOString(),
  });
};
