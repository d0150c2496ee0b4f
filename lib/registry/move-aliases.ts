/**
 * Champion and challenger moves. Each reads the alias and moves it by compare-and-set on the revision
 * it read, so two concurrent promotions cannot both win: the loser gets `AliasConflictError` and
 * nothing changes. Every move is recorded in the alias's history with its actor and reason.
 */
import { NotFoundError } from '../errors/not-found-error';
import type { Alias, AliasChange, AliasName } from '../store/entities';
import type { StateStore } from '../store/ports';

export interface AliasMoveRequest {
  model: string;
  version: number;
  actor: string;
  reason: string;
  now: Date;
}

type RegistryStore = Pick<StateStore, 'versions' | 'aliases'>;

/** Points `alias` at `version` (which must exist); pointing it where it already points changes nothing. */
export const moveAliasTo = async (store: RegistryStore, alias: AliasName, request: AliasMoveRequest) => {
  await store.versions.getVersion(request.model, request.version);
  const current = await store.aliases.getAlias(request.model, alias);
  if (current?.version === request.version) return current;
  return store.aliases.moveAlias({
    model: request.model,
    alias,
    version: request.version,
    expectedRevision: current?.revision ?? 0,
    actor: request.actor,
    reason: request.reason,
    now: request.now,
  });
};

export const promoteChampion = (store: RegistryStore, request: AliasMoveRequest): Promise<Alias> =>
  moveAliasTo(store, 'champion', request);

export const setChallenger = (store: RegistryStore, request: AliasMoveRequest): Promise<Alias> =>
  moveAliasTo(store, 'challenger', request);

/** Moves the champion back to the version it replaced; throws `NotFoundError` when there is none. */
export const rollbackChampion = async (
  store: RegistryStore,
  request: Omit<AliasMoveRequest, 'version'>,
): Promise<Alias> => {
  const champion = await store.aliases.getAlias(request.model, 'champion');
  if (!champion) throw new NotFoundError(`model ${request.model} has no champion to roll back`);
  const previous = previousChampion(champion.history);
  if (previous === undefined) {
    throw new NotFoundError(`model ${request.model} has no previous champion to roll back to`);
  }
  return store.aliases.moveAlias({
    model: request.model,
    alias: 'champion',
    version: previous,
    expectedRevision: champion.revision,
    actor: request.actor,
    reason: request.reason,
    now: request.now,
  });
};

/**
 * The champion before the current one. History is replayed as a stack: a move back to the version
 * below the top is a rollback (pop), any other move a promotion (push), so rolling back twice goes
 * two promotions back instead of flipping between the last two versions.
 */
export const previousChampion = (history: readonly AliasChange[]): number | undefined => {
  const stack: number[] = [];
  for (const change of history) {
    if (stack.length >= 2 && stack[stack.length - 2] === change.version) stack.pop();
    else stack.push(change.version);
  }
  return stack[stack.length - 2];
};
