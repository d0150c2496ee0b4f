import type { ModelRegistration } from '../entities';
import type { ModelRepository } from '../ports';
import { hashJson } from '../spec-hash';
import { type DynamoTable, pad } from './dynamo-table';
import { withNextNumber } from './next-number';

// PK MODEL#<model>  SK SPEC#<version>; GSI1PK MODELS  GSI1SK <model>#SPEC#<version> lists every model.
const specKey = (model: string, version: number) => ({ PK: `MODEL#${model}`, SK: `SPEC#${pad(version)}` });

export class DynamoDBModelRepository implements ModelRepository {
  constructor(private readonly table: DynamoTable) {}

  async registerSpec(model: string, spec: unknown, now: Date): Promise<ModelRegistration> {
    const specHash = hashJson(spec);
    return withNextNumber(
      () => this.getLatestSpec(model),
      (latest) => latest.specVersion,
      async (specVersion, latest) => {
        if (latest?.specHash === specHash) return latest;
        const registration: ModelRegistration = {
          model,
          specVersion,
          specHash,
          spec,
          registeredAt: now.toISOString(),
        };
        const written = await this.table.put(
          {
            ...specKey(model, specVersion),
            GSI1PK: 'MODELS',
            GSI1SK: `${model}#SPEC#${pad(specVersion)}`,
            ...registration,
          },
          { expression: 'attribute_not_exists(PK)' },
        );
        return written ? registration : undefined;
      },
    );
  }

  async getLatestSpec(model: string): Promise<ModelRegistration | undefined> {
    return this.table.last<ModelRegistration>(`MODEL#${model}`, 'SPEC#');
  }

  async getSpec(model: string, specVersion: number): Promise<ModelRegistration | undefined> {
    const { PK, SK } = specKey(model, specVersion);
    return this.table.get<ModelRegistration>(PK, SK);
  }

  async listModels(): Promise<ModelRegistration[]> {
    const all = await this.table.query<ModelRegistration>({ pk: 'MODELS', index: 'GSI1' });
    const latest = new Map<string, ModelRegistration>();
    for (const registration of all) latest.set(registration.model, registration);
    return [...latest.values()];
  }
}
