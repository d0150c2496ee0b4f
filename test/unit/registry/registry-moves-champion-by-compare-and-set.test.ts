import { AliasConflictError } from '../../../lib/errors/alias-conflict-error';
import { InvalidInputError } from '../../../lib/errors/invalid-input-error';
import { NotFoundError } from '../../../lib/errors/not-found-error';
import { promoteChampion, rollbackChampion, setChallenger } from '../../../lib/registry/move-aliases';
import { registerModelVersion } from '../../../lib/registry/register-model-version';
import { createMemoryStateStore } from '../../../lib/store/memory/memory-state-store';
import type { StateStore } from '../../../lib/store/ports';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const sha = (n: number) => n.toString(16).padStart(64, '0');

const register = (store: StateStore, n: number) =>
  registerModelVersion(store, {
    model: 'churn',
    runId: `run-${n}`,
    commit: `c${n}`,
    dataHash: `d${n}`,
    parameters: { epochs: 10 * n },
    metrics: { auc: 0.7 + n / 100 },
    artifact: { uri: `file:///artifacts/sha256/${sha(n)}`, sha256: sha(n) },
    baselineProfileUri: `file:///profiles/${n}.json`,
    now: NOW,
  });

const move = (version: number, reason = 'gates passed') => ({
  model: 'churn',
  version,
  actor: 'pipeline',
  reason,
  now: NOW,
});

describe('the model registry', () => {
  let store: StateStore;

  beforeEach(async () => {
    store = createMemoryStateStore();
    for (const n of [1, 2, 3]) await register(store, n);
  });

  it('records versions with their lineage, and a retried registration returns the same version', async () => {
    const again = await register(store, 2);

    expect(again).toEqual({
      model: 'churn',
      version: 2,
      metrics: { auc: 0.72 },
      artifact: { uri: `file:///artifacts/sha256/${sha(2)}`, sha256: sha(2) },
      lineage: { runId: 'run-2', commit: 'c2', dataHash: 'd2', parameters: { epochs: 20 } },
      baselineProfileUri: 'file:///profiles/2.json',
      createdAt: NOW.toISOString(),
    });
    expect(await store.versions.listVersions('churn')).toHaveLength(3);
  });

  it('refuses an artifact without a sha256 digest', async () => {
    await expect(
      registerModelVersion(store, {
        model: 'churn',
        runId: 'run-x',
        parameters: {},
        metrics: {},
        artifact: { uri: 's3://b/k', sha256: 'abc' },
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('promotes champions with history, and rolls back one promotion at a time', async () => {
    await promoteChampion(store, move(1));
    await promoteChampion(store, move(2));
    await promoteChampion(store, move(3));
    await promoteChampion(store, move(3));

    const first = await rollbackChampion(store, {
      model: 'churn',
      actor: 'alice',
      reason: 'bad canary',
      now: NOW,
    });
    const second = await rollbackChampion(store, {
      model: 'churn',
      actor: 'alice',
      reason: 'still bad',
      now: NOW,
    });

    expect([first.version, second.version]).toEqual([2, 1]);
    expect(second.revision).toBe(5);
    expect(second.history.map((c) => [c.version, c.actor, c.reason])).toEqual([
      [1, 'pipeline', 'gates passed'],
      [2, 'pipeline', 'gates passed'],
      [3, 'pipeline', 'gates passed'],
      [2, 'alice', 'bad canary'],
      [1, 'alice', 'still bad'],
    ]);
    await expect(
      rollbackChampion(store, { model: 'churn', actor: 'a', reason: 'r', now: NOW }),
    ).rejects.toThrow(/no previous champion/);
  });

  it('lets only one of two concurrent promotions win', async () => {
    await promoteChampion(store, move(1));

    const results = await Promise.allSettled([
      promoteChampion(store, move(2)),
      promoteChampion(store, move(3)),
    ]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: expect.any(AliasConflictError),
    });
    expect((await store.aliases.getAlias('churn', 'champion'))?.revision).toBe(2);
  });

  it('refuses to point an alias at a version that does not exist', async () => {
    await expect(setChallenger(store, move(9))).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      rollbackChampion(store, { model: 'fraud', actor: 'a', reason: 'r', now: NOW }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
