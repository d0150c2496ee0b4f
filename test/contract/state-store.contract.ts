/**
 * The state store's contract: every adapter (memory, DynamoDB on dynalite) must pass it. Concurrency
 * is part of it: the races below are the ones admission, promotion and the engine run into.
 */

import { AliasConflictError } from '../../lib/errors/alias-conflict-error';
import { AlreadyExistsError } from '../../lib/errors/already-exists-error';
import { InvalidRunTransitionError } from '../../lib/errors/invalid-run-transition-error';
import { LeaseHeldError } from '../../lib/errors/lease-held-error';
import { LeaseLostError } from '../../lib/errors/lease-lost-error';
import { NotFoundError } from '../../lib/errors/not-found-error';
import { ALIAS_HISTORY_LIMIT, type NewModelVersion, type Run } from '../../lib/store/entities';
import type { StateStore } from '../../lib/store/ports';

const T0 = new Date('2026-11-26T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

const newRun = (runId: string, overrides: Partial<Run> = {}): Run => ({
  runId,
  model: 'churn',
  environment: 'prod',
  status: 'PENDING',
  triggers: [
    { eventId: `evt-${runId}`, kind: 'code-push', reason: 'push to main', receivedAt: T0.toISOString() },
  ],
  inputs: { commit: 'abc123', dataVersion: 's3://bucket/churn/2026-11-26/', dataHash: 'f00d' },
  createdAt: T0.toISOString(),
  ...overrides,
});

const newVersion = (runId: string): NewModelVersion => ({
  model: 'churn',
  metrics: { auc: 0.81 },
  artifact: { uri: `file:///artifacts/sha256/${runId}`, sha256: 'ab'.repeat(32) },
  lineage: { runId, commit: 'abc123', dataHash: 'f00d', parameters: { epochs: 20 } },
  createdAt: T0.toISOString(),
});

const settle = async <T>(promises: Promise<T>[]) => {
  const results = await Promise.allSettled(promises);
  const fulfilled = results.filter((r): r is PromiseFulfilledResult<Awaited<T>> => r.status === 'fulfilled');
  const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  return { values: fulfilled.map((r) => r.value), errors: rejected.map((r) => r.reason as Error) };
};

export const describeStateStoreContract = (adapter: string, makeStore: () => Promise<StateStore>): void => {
  describe(`state store contract: ${adapter}`, () => {
    let store: StateStore;

    beforeEach(async () => {
      store = await makeStore();
    });

    describe('models', () => {
      it('numbers spec versions and treats re-registering the same spec as a no-op', async () => {
        const first = await store.models.registerSpec('churn', { model: { name: 'churn' }, a: 1 }, T0);
        const same = await store.models.registerSpec('churn', { a: 1, model: { name: 'churn' } }, at(1));
        const changed = await store.models.registerSpec('churn', { model: { name: 'churn' }, a: 2 }, at(2));

        expect([first.specVersion, same.specVersion, changed.specVersion]).toEqual([1, 1, 2]);
        expect(same.registeredAt).toBe(T0.toISOString());
        expect((await store.models.getSpec('churn', 1))?.spec).toEqual({ model: { name: 'churn' }, a: 1 });
        expect((await store.models.getLatestSpec('churn'))?.specVersion).toBe(2);
        expect(await store.models.getLatestSpec('fraud')).toBeUndefined();
      });

      it('lists the latest registration of every model', async () => {
        await store.models.registerSpec('churn', { v: 1 }, T0);
        await store.models.registerSpec('churn', { v: 2 }, T0);
        await store.models.registerSpec('fraud', { v: 1 }, T0);

        const models = await store.models.listModels();

        expect(models.map((m) => [m.model, m.specVersion])).toEqual([
          ['churn', 2],
          ['fraud', 1],
        ]);
      });

      it('gives concurrent registrations of different specs distinct versions', async () => {
        const registrations = await Promise.all(
          Array.from({ length: 10 }, (_, i) => store.models.registerSpec('churn', { v: i }, T0)),
        );

        expect(registrations.map((r) => r.specVersion).sort((a, b) => a - b)).toEqual([
          1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
        ]);
      });
    });

    describe('runs', () => {
      it('creates a run once and reads it back', async () => {
        await store.runs.createRun(newRun('r1'));

        await expect(store.runs.createRun(newRun('r1'))).rejects.toBeInstanceOf(AlreadyExistsError);
        expect(await store.runs.getRun('r1')).toEqual(newRun('r1'));
        await expect(store.runs.getRun('nope')).rejects.toBeInstanceOf(NotFoundError);
      });

      it('stamps startedAt and endedAt as a run moves to RUNNING and to a terminal status', async () => {
        await store.runs.createRun(newRun('r1'));

        const running = await store.runs.transitionRun('r1', 'RUNNING', at(5), {
          executionArn: 'arn:exec:1',
        });
        const failed = await store.runs.transitionRun('r1', 'FAILED', at(9), {
          error: { name: 'QualityGateFailedError', message: 'auc 0.70 < 0.75' },
        });

        expect(running).toMatchObject({
          status: 'RUNNING',
          startedAt: at(5).toISOString(),
          executionArn: 'arn:exec:1',
        });
        expect(failed).toMatchObject({
          status: 'FAILED',
          startedAt: at(5).toISOString(),
          endedAt: at(9).toISOString(),
          executionArn: 'arn:exec:1',
          error: { name: 'QualityGateFailedError', message: 'auc 0.70 < 0.75' },
        });
        expect(await store.runs.getRun('r1')).toEqual(failed);
      });

      it('never moves a run out of a terminal status, and leaves it unchanged', async () => {
        await store.runs.createRun(newRun('r1'));
        await store.runs.transitionRun('r1', 'RUNNING', at(1));
        const succeeded = await store.runs.transitionRun('r1', 'SUCCEEDED', at(2));

        await expect(store.runs.transitionRun('r1', 'RUNNING', at(3))).rejects.toBeInstanceOf(
          InvalidRunTransitionError,
        );
        await expect(store.runs.transitionRun('r1', 'FAILED', at(3))).rejects.toThrow(
          'run r1 cannot move from SUCCEEDED to FAILED',
        );
        expect(await store.runs.getRun('r1')).toEqual(succeeded);
      });

      it('refuses to skip RUNNING on the way to SUCCEEDED', async () => {
        await store.runs.createRun(newRun('r1'));

        await expect(store.runs.transitionRun('r1', 'SUCCEEDED', at(1))).rejects.toBeInstanceOf(
          InvalidRunTransitionError,
        );
      });

      it('sets the details a pipeline learns and keeps the others', async () => {
        await store.runs.createRun(newRun('r1'));
        await store.runs.updateRun('r1', { metrics: { auc: 0.9 }, modelVersion: 3 });

        const run = await store.runs.updateRun('r1', { metrics: { auc: 0.92 }, failedStep: undefined });

        expect(run).toEqual({ ...newRun('r1'), metrics: { auc: 0.92 }, modelVersion: 3 });
        expect(await store.runs.getRun('r1')).toEqual(run);
        await expect(store.runs.updateRun('ghost', { modelVersion: 1 })).rejects.toBeInstanceOf(
          NotFoundError,
        );
      });

      it('reports a missing run when asked to move it', async () => {
        await expect(store.runs.transitionRun('ghost', 'RUNNING', T0)).rejects.toBeInstanceOf(NotFoundError);
      });

      it('lets exactly one of racing terminal transitions win', async () => {
        await store.runs.createRun(newRun('r1'));
        await store.runs.transitionRun('r1', 'RUNNING', at(1));

        const { values, errors } = await settle(
          Array.from({ length: 10 }, (_, i) =>
            store.runs.transitionRun('r1', i % 2 ? 'SUCCEEDED' : 'ABORTED', at(2 + i)),
          ),
        );

        expect(values).toHaveLength(1);
        expect(errors).toHaveLength(9);
        expect(errors.every((e) => e instanceof InvalidRunTransitionError)).toBe(true);
        expect((await store.runs.getRun('r1')).status).toBe(values[0]?.status);
      });

      it('lists the runs of one model newest first', async () => {
        await store.runs.createRun(newRun('r1', { createdAt: at(1).toISOString() }));
        await store.runs.createRun(newRun('r2', { createdAt: at(3).toISOString() }));
        await store.runs.createRun(newRun('r3', { createdAt: at(2).toISOString() }));
        await store.runs.createRun(newRun('other', { model: 'fraud' }));

        expect((await store.runs.listRuns('churn')).map((r) => r.runId)).toEqual(['r2', 'r3', 'r1']);
        expect((await store.runs.listRuns('churn', { limit: 2 })).map((r) => r.runId)).toEqual(['r2', 'r3']);
      });

      it('keeps every attempt of every step, in the order they started', async () => {
        await store.runs.createRun(newRun('r1'));
        await store.runs.putStep({
          runId: 'r1',
          name: 'Train',
          attempt: 1,
          status: 'RUNNING',
          startedAt: at(2).toISOString(),
        });
        await store.runs.putStep({
          runId: 'r1',
          name: 'ValidateData',
          attempt: 1,
          status: 'SUCCEEDED',
          startedAt: at(1).toISOString(),
          endedAt: at(2).toISOString(),
        });
        await store.runs.putStep({
          runId: 'r1',
          name: 'Train',
          attempt: 1,
          status: 'FAILED',
          startedAt: at(2).toISOString(),
          error: { name: 'TrainingFailedError', message: 'exit 1' },
        });
        await store.runs.putStep({
          runId: 'r1',
          name: 'Train',
          attempt: 2,
          status: 'SUCCEEDED',
          startedAt: at(4).toISOString(),
        });

        const steps = await store.runs.listSteps('r1');

        expect(steps.map((s) => [s.name, s.attempt, s.status])).toEqual([
          ['ValidateData', 1, 'SUCCEEDED'],
          ['Train', 1, 'FAILED'],
          ['Train', 2, 'SUCCEEDED'],
        ]);
      });
    });

    describe('trigger queue', () => {
      it('queues each event once and lists the queue oldest first', async () => {
        const queued = (eventId: string, seconds: number) => ({
          model: 'churn',
          environment: 'prod',
          queuedAt: at(seconds).toISOString(),
          trigger: {
            eventId,
            kind: 'data-arrival' as const,
            reason: 'new file',
            receivedAt: at(seconds).toISOString(),
          },
        });

        expect(await store.triggers.enqueue(queued('b', 2))).toBe(true);
        expect(await store.triggers.enqueue(queued('a', 1))).toBe(true);
        expect(await store.triggers.enqueue(queued('a', 5))).toBe(false);
        await store.triggers.enqueue({ ...queued('c', 3), environment: 'staging' });

        expect((await store.triggers.list('churn', 'prod')).map((q) => q.trigger.eventId)).toEqual([
          'a',
          'b',
        ]);
        await store.triggers.remove('churn', 'prod', ['a', 'missing']);
        expect((await store.triggers.list('churn', 'prod')).map((q) => q.trigger.eventId)).toEqual(['b']);
      });
    });

    describe('model versions', () => {
      it('numbers concurrent versions 1..n without gaps or repeats', async () => {
        const created = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.versions.createVersion(newVersion(`run-${i}`))),
        );

        expect(created.map((v) => v.version).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 20 }, (_, i) => i + 1),
        );
        const listed = await store.versions.listVersions('churn');
        expect(listed.map((v) => v.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(new Set(listed.map((v) => v.lineage.runId)).size).toBe(20);
      });

      it('keeps lineage, metrics and artifact with the version', async () => {
        const created = await store.versions.createVersion(newVersion('run-1'));

        expect(await store.versions.getVersion('churn', created.version)).toEqual({
          ...newVersion('run-1'),
          version: 1,
        });
        await expect(store.versions.getVersion('churn', 99)).rejects.toBeInstanceOf(NotFoundError);
      });
    });

    describe('aliases', () => {
      const move = (version: number, expectedRevision: number, seconds = 0) => ({
        model: 'churn',
        alias: 'champion' as const,
        version,
        expectedRevision,
        actor: 'pipeline',
        reason: `promote v${version}`,
        now: at(seconds),
      });

      it('moves by compare-and-set and records each move', async () => {
        await store.aliases.moveAlias(move(1, 0));
        const moved = await store.aliases.moveAlias(move(2, 1, 10));

        expect(moved).toMatchObject({ version: 2, revision: 2, updatedAt: at(10).toISOString() });
        expect(moved.history).toEqual([
          {
            revision: 1,
            version: 1,
            changedAt: at(0).toISOString(),
            actor: 'pipeline',
            reason: 'promote v1',
          },
          {
            revision: 2,
            version: 2,
            previousVersion: 1,
            changedAt: at(10).toISOString(),
            actor: 'pipeline',
            reason: 'promote v2',
          },
        ]);
        expect(await store.aliases.getAlias('churn', 'champion')).toEqual(moved);
      });

      it('fails a move with a stale expected revision and changes nothing', async () => {
        await store.aliases.moveAlias(move(1, 0));
        const current = await store.aliases.moveAlias(move(2, 1));

        await expect(store.aliases.moveAlias(move(3, 1))).rejects.toBeInstanceOf(AliasConflictError);
        await expect(store.aliases.moveAlias(move(3, 0))).rejects.toBeInstanceOf(AliasConflictError);
        expect(await store.aliases.getAlias('churn', 'champion')).toEqual(current);
      });

      it('lets exactly one of racing moves from the same revision win', async () => {
        await store.aliases.moveAlias(move(1, 0));

        const { values, errors } = await settle(
          Array.from({ length: 20 }, (_, i) => store.aliases.moveAlias(move(i + 2, 1))),
        );

        expect(values).toHaveLength(1);
        expect(errors.every((e) => e instanceof AliasConflictError)).toBe(true);
        const alias = await store.aliases.getAlias('churn', 'champion');
        expect(alias).toMatchObject({ revision: 2, version: values[0]?.version });
        expect(alias?.history).toHaveLength(2);
      });

      it('keeps champion and challenger apart, and caps the history', async () => {
        await store.aliases.moveAlias({ ...move(1, 0), alias: 'challenger' });
        let revision = 0;
        for (let i = 0; i < ALIAS_HISTORY_LIMIT + 5; i++)
          revision = (await store.aliases.moveAlias(move(i + 1, revision))).revision;

        const champion = await store.aliases.getAlias('churn', 'champion');
        expect(champion?.revision).toBe(ALIAS_HISTORY_LIMIT + 5);
        expect(champion?.history).toHaveLength(ALIAS_HISTORY_LIMIT);
        expect(champion?.history[0]?.revision).toBe(6);
        expect((await store.aliases.listAliases('churn')).map((a) => [a.alias, a.version])).toEqual([
          ['challenger', 1],
          ['champion', ALIAS_HISTORY_LIMIT + 5],
        ]);
      });
    });

    describe('leases', () => {
      const request = (holder: string, seconds = 0, ttlMs = 60_000) => ({
        model: 'churn',
        environment: 'prod',
        holder,
        ttlMs,
        now: at(seconds),
      });

      it('gives exactly one of 50 concurrent attempts the lease', async () => {
        const { values, errors } = await settle(
          Array.from({ length: 50 }, (_, i) => store.leases.acquire(request(`holder-${i}`))),
        );

        expect(values).toHaveLength(1);
        expect(errors).toHaveLength(49);
        expect(errors.every((e) => e instanceof LeaseHeldError)).toBe(true);
        expect((await store.leases.get('churn', 'prod'))?.holder).toBe(values[0]?.holder);
      });

      it('lets the holder take it again, extending it, and names the holder to others', async () => {
        await store.leases.acquire(request('run-1', 0));
        const again = await store.leases.acquire(request('run-1', 30));

        expect(again).toMatchObject({ acquiredAt: at(0).toISOString(), expiresAtMs: at(90).getTime() });
        await expect(store.leases.acquire(request('run-2', 60))).rejects.toThrow(/held by run-1/);
      });

      it('decides who gets the lease in the store, whatever lease the caller says it read', async () => {
        const first = await store.leases.acquire(request('run-1', 0));

        const again = await store.leases.acquire(request('run-1', 30), { lease: first });
        await expect(store.leases.acquire(request('run-2', 40), { lease: undefined })).rejects.toThrow(
          /held by run-1/,
        );

        expect(again).toMatchObject({ acquiredAt: at(0).toISOString(), expiresAtMs: at(90).getTime() });
        expect((await store.leases.get('churn', 'prod'))?.holder).toBe('run-1');
      });

      it('lets another holder take over an expired lease, and the old holder can no longer renew it', async () => {
        await store.leases.acquire(request('crashed-run', 0, 10_000));

        const taken = await store.leases.acquire(request('run-2', 11));

        expect(taken).toMatchObject({ holder: 'run-2', acquiredAt: at(11).toISOString() });
        await expect(store.leases.renew(request('crashed-run', 12))).rejects.toBeInstanceOf(LeaseLostError);
        await expect(store.leases.release('churn', 'prod', 'crashed-run')).rejects.toBeInstanceOf(
          LeaseLostError,
        );
        expect((await store.leases.get('churn', 'prod'))?.holder).toBe('run-2');
      });

      it('renews a held lease but not one that expired', async () => {
        await store.leases.acquire(request('run-1', 0, 10_000));

        const renewed = await store.leases.renew(request('run-1', 5, 10_000));

        expect(renewed).toMatchObject({ holder: 'run-1', expiresAtMs: at(15).getTime() });
        await expect(store.leases.renew(request('run-1', 16, 10_000))).rejects.toBeInstanceOf(LeaseLostError);
      });

      it('frees the lease on release, for the next holder', async () => {
        await store.leases.acquire(request('run-1'));

        await store.leases.release('churn', 'prod', 'run-1');

        expect(await store.leases.get('churn', 'prod')).toBeUndefined();
        expect((await store.leases.acquire(request('run-2'))).holder).toBe('run-2');
      });
    });

    describe('monitoring reports', () => {
      const report = (model: string, windowEnd: string, verdict: 'drift' | 'stable') => ({
        model,
        windowEnd,
        windowStart: T0.toISOString(),
        championVersion: 1,
        samples: 600,
        verdict,
        drifted: verdict === 'drift' ? ['distance'] : [],
        windowDrifted: verdict === 'drift' ? ['distance'] : [],
        report: { verdict },
        createdAt: windowEnd,
      });

      it("lists a model's windows newest first, a rerun window replacing its report", async () => {
        await store.monitoring.putReport(report('churn', at(60).toISOString(), 'stable'));
        await store.monitoring.putReport(report('churn', at(180).toISOString(), 'drift'));
        await store.monitoring.putReport(report('churn', at(120).toISOString(), 'stable'));
        await store.monitoring.putReport(report('churn', at(120).toISOString(), 'drift'));
        await store.monitoring.putReport(report('fraud', at(240).toISOString(), 'drift'));

        const reports = await store.monitoring.listReports('churn');
        const latest = await store.monitoring.listReports('churn', { limit: 1 });

        expect(reports.map((r) => [r.windowEnd, r.verdict])).toEqual([
          [at(180).toISOString(), 'drift'],
          [at(120).toISOString(), 'drift'],
          [at(60).toISOString(), 'stable'],
        ]);
        expect(latest).toEqual([report('churn', at(180).toISOString(), 'drift')]);
      });
    });

    describe('processed events', () => {
      it('reports the first delivery as new and the rest as duplicates, even when concurrent', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, () => store.events.markProcessed('evt-1', T0, 3_600_000)),
        );

        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.events.markProcessed('evt-2', T0, 3_600_000)).toBe(true);
      });

      it('treats an id as new again once its record has expired', async () => {
        await store.events.markProcessed('evt-1', T0, 60_000);

        expect(await store.events.markProcessed('evt-1', at(59), 60_000)).toBe(false);
        expect(await store.events.markProcessed('evt-1', at(60), 60_000)).toBe(true);
      });
    });
  });
};
