import type { Alias, ModelVersion } from '../store/entities';
import type { StateStore } from '../store/ports';

export interface ModelSummary {
  model: string;
  champion?: number;
  challenger?: number;
  versions: number;
  latestVersion?: number;
}

export interface ModelDetail {
  model: string;
  champion?: Alias;
  challenger?: Alias;
  versions: ModelVersion[];
}

type RegistryStore = Pick<StateStore, 'models' | 'versions' | 'aliases'>;

export const describeModel = async (store: RegistryStore, model: string): Promise<ModelDetail> => {
  const [versions, aliases] = await Promise.all([
    store.versions.listVersions(model),
    store.aliases.listAliases(model),
  ]);
  const champion = aliases.find((a) => a.alias === 'champion');
  const challenger = aliases.find((a) => a.alias === 'challenger');
  return { model, ...(champion ? { champion } : {}), ...(challenger ? { challenger } : {}), versions };
};

/** Every model whose spec is registered, with its aliases and how many versions it has. */
export const listModelSummaries = async (store: RegistryStore): Promise<ModelSummary[]> => {
  const registrations = await store.models.listModels();
  return Promise.all(
    registrations.map(async ({ model }) => {
      const detail = await describeModel(store, model);
      const latest = detail.versions.at(-1)?.version;
      return {
        model,
        ...(detail.champion ? { champion: detail.champion.version } : {}),
        ...(detail.challenger ? { challenger: detail.challenger.version } : {}),
        versions: detail.versions.length,
        ...(latest !== undefined ? { latestVersion: latest } : {}),
      };
    }),
  );
};
