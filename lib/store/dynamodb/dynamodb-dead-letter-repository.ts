import type { DeadLetter } from '../entities';
import { byFailedAt } from '../ordering';
import type { DeadLetterRepository } from '../ports';
import type { DynamoTable } from './dynamo-table';

// PK DEADLETTERS  SK LETTER#<id>. One partition: dead letters are rare, and listing them all is the use.
const PARTITION = 'DEADLETTERS';

export class DynamoDBDeadLetterRepository implements DeadLetterRepository {
  constructor(private readonly table: DynamoTable) {}

  async put(letter: DeadLetter): Promise<void> {
    await this.table.put({ PK: PARTITION, SK: `LETTER#${letter.id}`, ...letter });
  }

  async list(options: { includeRedriven?: boolean } = {}): Promise<DeadLetter[]> {
    const letters = await this.table.query<DeadLetter>({ pk: PARTITION, skPrefix: 'LETTER#' });
    return letters.filter((l) => options.includeRedriven || !l.redrivenAt).sort(byFailedAt);
  }

  async markRedriven(id: string, now: Date): Promise<boolean> {
    const updated = await this.table.update(
      PARTITION,
      `LETTER#${id}`,
      { redrivenAt: now.toISOString() },
      { expression: 'attribute_exists(PK) AND attribute_not_exists(redrivenAt)' },
    );
    return updated !== undefined;
  }
}
