import { AliasConflictError } from '../errors/alias-conflict-error';
import { ALIAS_HISTORY_LIMIT, type Alias } from './entities';
import type { AliasMove } from './ports';

/** The alias after `move`, its change appended to a history capped at `ALIAS_HISTORY_LIMIT`. */
export const nextAlias = (current: Alias | undefined, move: AliasMove): Alias => {
  const revision = (current?.revision ?? 0) + 1;
  const change = {
    revision,
    version: move.version,
    ...(current ? { previousVersion: current.version } : {}),
    changedAt: move.now.toISOString(),
    actor: move.actor,
    reason: move.reason,
  };
  return {
    model: move.model,
    alias: move.alias,
    version: move.version,
    revision,
    updatedAt: move.now.toISOString(),
    history: [...(current?.history ?? []), change].slice(-ALIAS_HISTORY_LIMIT),
  };
};

export const aliasConflict = (move: AliasMove, actualRevision: number | undefined): AliasConflictError =>
  new AliasConflictError(
    `alias ${move.alias} of ${move.model} is at revision ${actualRevision ?? 'unknown'}, not ${move.expectedRevision}`,
  );
