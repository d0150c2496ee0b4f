import type { ModelRegistration } from '../entities';
import type { ModelRepository } from '../ports';
import { hashJson } from '../spec-hash';

export class MemoryModelRepository implements ModelRepository {
  private readonly specs = new Map<string, ModelRegistration[]>();

  async registerSpec(model: string, spec: unknown, now: Date): Promise<ModelRegistration> {
    const versions = this.specs.get(model) ?? [];
    const latest = versions.at(-1);
    const specHash = hashJson(spec);
    if (latest?.specHash === specHash) return structuredClone(latest);
    const registration: ModelRegistration = {
      model,
      specVersion: versions.length + 1,
      specHash,
      spec: structuredClone(spec),
      registeredAt: now.toISOString(),
    };
    this.specs.set(model, [...versions, registration]);
    return structuredClone(registration);
  }

  async getLatestSpec(model: string): Promise<ModelRegistration | undefined> {
    return structuredClone(this.specs.get(model)?.at(-1));
  }

  async getSpec(model: string, specVersion: number): Promise<ModelRegistration | undefined> {
    return structuredClone(this.specs.get(model)?.[specVersion - 1]);
  }

  async listModels(): Promise<ModelRegistration[]> {
    return [...this.specs.keys()]
      .sort()
      .map((model) => structuredClone(this.specs.get(model)?.at(-1) as ModelRegistration));
  }
}
