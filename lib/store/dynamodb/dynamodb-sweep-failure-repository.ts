import type { SweepFailure } from '../entities';
import type { SweepFailureRepository } from '../ports';
import type { DynamoTable } from './dynamo-table';

// PK SWEEPS  SK FAILURE#<model>#<environment>. One partition: failures are few, and the sweep reads them all.
const PARTITION = 'SWEEPS';
const key = (model: string, environment: string) => `FAILURE#${model}#${environment}`;

export class DynamoDBSweepFailureRepository implements SweepFailureRepository {
  constructor(private readonly table: DynamoTable) {}

  async put(failure: SweepFailure): Promise<void> {
    await this.table.put({ PK: PARTITION, SK: key(failure.model, failure.environment), ...failure });
  }

  async list(): Promise<SweepFailure[]> {
    return this.table.query<SweepFailure>({ pk: PARTITION, skPrefix: 'FAILURE#' });
  }

  async clear(model: string, environment: string): Promise<void> {
    await this.table.delete(PARTITION, key(model, environment));
  }
}
