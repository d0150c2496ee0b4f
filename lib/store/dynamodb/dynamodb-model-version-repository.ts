import { NotFoundError } from '../../errors/not-found-error';
import type { ModelVersion, NewModelVersion } from '../entities';
import type { ModelVersionRepository } from '../ports';
import { type DynamoTable, pad } from './dynamo-table';
import { withNextNumber } from './next-number';

// PK MODEL#<model>  SK VERSION#<version>
export class DynamoDBModelVersionRepository implements ModelVersionRepository {
  constructor(private readonly table: DynamoTable) {}

  async createVersion(input: NewModelVersion): Promise<ModelVersion> {
    return withNextNumber(
      () => this.latest(input.model),
      (latest) => latest.version,
      async (version) => {
        const created: ModelVersion = { ...input, version };
        const written = await this.table.put(
          { PK: `MODEL#${input.model}`, SK: `VERSION#${pad(version)}`, ...created },
          { expression: 'attribute_not_exists(PK)' },
        );
        return written ? created : undefined;
      },
    );
  }

  async getVersion(model: string, version: number): Promise<ModelVersion> {
    const found = await this.table.get<ModelVersion>(`MODEL#${model}`, `VERSION#${pad(version)}`);
    if (!found) throw new NotFoundError(`model ${model} has no version ${version}`);
    return found;
  }

  async listVersions(model: string): Promise<ModelVersion[]> {
    return this.table.query<ModelVersion>({ pk: `MODEL#${model}`, skPrefix: 'VERSION#' });
  }

  private async latest(model: string): Promise<ModelVersion | undefined> {
    return this.table.last<ModelVersion>(`MODEL#${model}`, 'VERSION#');
  }
}
