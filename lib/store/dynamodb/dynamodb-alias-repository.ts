import { aliasConflict, nextAlias } from '../alias-moves';
import type { Alias, AliasName } from '../entities';
import type { AliasMove, AliasRepository } from '../ports';
import type { DynamoTable } from './dynamo-table';

// PK MODEL#<model>  SK ALIAS#<alias>; the history lives in the item, so a move and its record of it
// are one conditional write.
export class DynamoDBAliasRepository implements AliasRepository {
  constructor(private readonly table: DynamoTable) {}

  async getAlias(model: string, alias: AliasName): Promise<Alias | undefined> {
    return this.table.get<Alias>(`MODEL#${model}`, `ALIAS#${alias}`);
  }

  async listAliases(model: string): Promise<Alias[]> {
    return this.table.query<Alias>({ pk: `MODEL#${model}`, skPrefix: 'ALIAS#' });
  }

  async moveAlias(move: AliasMove): Promise<Alias> {
    const current = await this.getAlias(move.model, move.alias);
    if ((current?.revision ?? 0) !== move.expectedRevision) throw aliasConflict(move, current?.revision ?? 0);
    const next = nextAlias(current, move);
    const written = await this.table.put(
      { PK: `MODEL#${move.model}`, SK: `ALIAS#${move.alias}`, ...next },
      move.expectedRevision === 0
        ? { expression: 'attribute_not_exists(PK)' }
        : { expression: 'revision = :expected', values: { ':expected': move.expectedRevision } },
    );
    if (!written) throw aliasConflict(move, (await this.getAlias(move.model, move.alias))?.revision);
    return next;
  }
}
