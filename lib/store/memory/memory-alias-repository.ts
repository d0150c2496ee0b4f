import { aliasConflict, nextAlias } from '../alias-moves';
import type { Alias, AliasName } from '../entities';
import type { AliasMove, AliasRepository } from '../ports';

export class MemoryAliasRepository implements AliasRepository {
  private readonly aliases = new Map<string, Alias>();

  async getAlias(model: string, alias: AliasName): Promise<Alias | undefined> {
    return structuredClone(this.aliases.get(aliasKey(model, alias)));
  }

  async listAliases(model: string): Promise<Alias[]> {
    return structuredClone(
      [...this.aliases.values()]
        .filter((a) => a.model === model)
        .sort((a, b) => a.alias.localeCompare(b.alias)),
    );
  }

  async moveAlias(move: AliasMove): Promise<Alias> {
    const current = this.aliases.get(aliasKey(move.model, move.alias));
    if ((current?.revision ?? 0) !== move.expectedRevision) throw aliasConflict(move, current?.revision ?? 0);
    const next = nextAlias(current, move);
    this.aliases.set(aliasKey(move.model, move.alias), structuredClone(next));
    return next;
  }
}

const aliasKey = (model: string, alias: AliasName) => `${model}\u0000${alias}`;
