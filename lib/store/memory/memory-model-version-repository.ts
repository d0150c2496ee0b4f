import { NotFoundError } from '../../errors/not-found-error';
import type { ModelVersion, NewModelVersion } from '../entities';
import type { ModelVersionRepository } from '../ports';

export class MemoryModelVersionRepository implements ModelVersionRepository {
  private readonly versions = new Map<string, ModelVersion[]>();

  async createVersion(input: NewModelVersion): Promise<ModelVersion> {
    const versions = this.versions.get(input.model) ?? [];
    const created: ModelVersion = { ...structuredClone(input), version: versions.length + 1 };
    this.versions.set(input.model, [...versions, created]);
    return structuredClone(created);
  }

  async getVersion(model: string, version: number): Promise<ModelVersion> {
    const found = this.versions.get(model)?.[version - 1];
    if (!found) throw new NotFoundError(`model ${model} has no version ${version}`);
    return structuredClone(found);
  }

  async listVersions(model: string): Promise<ModelVersion[]> {
    return structuredClone(this.versions.get(model) ?? []);
  }
}
