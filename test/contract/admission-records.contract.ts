/**
 * The contract of the records admission and the event bus keep (decisions, dead letters), run on every
 * adapter beside the state store contract.
 */
import type { DeadLetter, TriggerDecision } from '../../lib/store/entities';
import type { StateStore } from '../../lib/store/ports';

const T0 = new Date('2026-11-26T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000).toISOString();

const decision = (eventId: string, overrides: Partial<TriggerDecision> = {}): TriggerDecision => ({
  model: 'churn',
  environment: 'prod',
  eventId,
  outcome: 'received',
  reason: 'received',
  trigger: { eventId, kind: 'data-arrival', reason: 'new file', receivedAt: T0.toISOString() },
  decidedAt: T0.toISOString(),
  ...overrides,
});

const letter = (id: string, failedAt: string): DeadLetter => ({
  id,
  rule: 'AdmitTriggers',
  target: 'admit-trigger',
  event: { id, source: 'aws.s3' },
  error: { name: 'Error', message: 'boom' },
  attempts: 3,
  firstAttemptAt: T0.toISOString(),
  failedAt,
});

export const describeAdmissionRecordsContract = (
  adapter: string,
  makeStore: () => Promise<StateStore>,
): void => {
  describe(`admission records contract: ${adapter}`, () => {
    let store: StateStore;

    beforeEach(async () => {
      store = await makeStore();
    });

    describe('decisions', () => {
      it('lets exactly one of many concurrent writers begin a decision', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, () => store.decisions.begin(decision('evt-1'))),
        );

        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.decisions.get('churn', 'prod', 'evt-1')).toEqual(decision('evt-1'));
      });

      it('lets exactly one of many concurrent writers begin a decision, and shows the others the first', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.decisions.beginOrGet(decision('evt-1', { decidedAt: at(i) })),
          ),
        );

        const first = await store.decisions.get('churn', 'prod', 'evt-1');
        expect(results.filter((r) => r === undefined)).toHaveLength(1);
        expect(results.filter(Boolean)).toEqual(Array.from({ length: 19 }, () => first));
        expect(first).toEqual(decision('evt-1', { decidedAt: first?.decidedAt }));
      });

      it('returns a moved decision to a later begin, unchanged', async () => {
        await store.decisions.beginOrGet(decision('evt-1'));
        await store.decisions.transition('churn', 'prod', 'evt-1', ['received'], {
          outcome: 'admitted',
          reason: 'started run r1',
          runId: 'r1',
          decidedAt: at(1),
        });

        const found = await store.decisions.beginOrGet(decision('evt-1', { decidedAt: at(2) }));

        expect(found).toMatchObject({ outcome: 'admitted', runId: 'r1', decidedAt: at(1) });
        expect(await store.decisions.get('churn', 'prod', 'evt-1')).toEqual(found);
        expect(await store.decisions.begin(decision('evt-1'))).toBe(false);
      });

      it('keeps decisions of one event for different environments apart', async () => {
        expect(await store.decisions.begin(decision('evt-1'))).toBe(true);
        expect(await store.decisions.begin(decision('evt-1', { environment: 'staging' }))).toBe(true);
      });

      it('moves a decision only from the outcomes given', async () => {
        await store.decisions.begin(decision('evt-1'));
        const change = {
          outcome: 'admitted' as const,
          reason: 'started run r1',
          runId: 'r1',
          decidedAt: at(1),
        };

        const moved = await store.decisions.transition(
          'churn',
          'prod',
          'evt-1',
          ['received', 'queued'],
          change,
        );
        const again = await store.decisions.transition('churn', 'prod', 'evt-1', ['received'], {
          outcome: 'queued',
          reason: 'late',
          decidedAt: at(2),
        });

        expect(moved).toMatchObject({ outcome: 'admitted', runId: 'r1', reason: 'started run r1' });
        expect(again).toBeUndefined();
        expect((await store.decisions.get('churn', 'prod', 'evt-1'))?.outcome).toBe('admitted');
      });

      it('does not create a decision by moving an absent one', async () => {
        const moved = await store.decisions.transition('churn', 'prod', 'missing', ['received'], {
          outcome: 'queued',
          reason: 'x',
          decidedAt: at(1),
        });

        expect(moved).toBeUndefined();
        expect(await store.decisions.get('churn', 'prod', 'missing')).toBeUndefined();
      });

      it('lists decisions and duplicates of a model newest first, and no other model', async () => {
        await store.decisions.begin(decision('evt-1'));
        await store.decisions.begin(decision('evt-2', { decidedAt: at(5) }));
        await store.decisions.recordDuplicate(decision('evt-1', { outcome: 'duplicate', decidedAt: at(9) }));
        await store.decisions.begin(decision('evt-3', { model: 'fraud' }));

        const listed = await store.decisions.list('churn');

        expect(listed.map((d) => [d.eventId, d.outcome])).toEqual([
          ['evt-1', 'duplicate'],
          ['evt-2', 'received'],
          ['evt-1', 'received'],
        ]);
        expect(await store.decisions.list('churn', { limit: 1 })).toHaveLength(1);
      });
    });

    describe('decisions in flight', () => {
      it('lists the decisions still received, and no longer once decided, even after a repeat', async () => {
        await store.decisions.beginOrGet(decision('e1'));
        await store.decisions.beginOrGet(decision('e2', { decidedAt: at(1) }));
        await store.decisions.transition('churn', 'prod', 'e1', ['received'], {
          outcome: 'queued',
          reason: 'queued for the next run',
          decidedAt: at(2),
        });
        // A repeated delivery of the decided event: its write-ahead update changes nothing.
        const repeat = await store.decisions.beginOrGet(decision('e1', { decidedAt: at(3) }));

        const listed = await store.decisions.listReceived('churn');
        const again = await store.decisions.listReceived('churn');

        expect(repeat).toMatchObject({ outcome: 'queued' });
        expect(listed.map((d) => d.eventId)).toEqual(['e2']);
        expect(again.map((d) => d.eventId)).toEqual(['e2']);
        expect(await store.decisions.listReceived('fraud')).toEqual([]);
      });

      it('keeps a decision listed when it moves to received again, marked recovered', async () => {
        await store.decisions.beginOrGet(decision('e1'));

        const marked = await store.decisions.transition('churn', 'prod', 'e1', ['received'], {
          outcome: 'received',
          reason: 'recovered after a crash: resumed by the sweep',
          decidedAt: T0.toISOString(),
          recovered: true,
        });

        expect(marked).toMatchObject({ outcome: 'received', recovered: true });
        expect((await store.decisions.listReceived('churn')).map((d) => d.eventId)).toEqual(['e1']);
      });
    });

    describe("a run's triggers", () => {
      const triggers = Array.from({ length: 3000 }, (_, i) => ({
        eventId: `s3-${i}`,
        kind: 'data-arrival' as const,
        reason: `new data s3://acme-data/churn/${'deep/'.repeat(20)}part-${i}.csv`,
        receivedAt: T0.toISOString(),
        dataVersion: `s3://acme-data/churn/part-${i}.csv#v${i}`,
      }));
      const run = (pages: number) => ({
        runId: 'r1',
        triggers: triggers.slice(0, 2),
        triggerSummary: { count: triggers.length, byKind: { 'data-arrival': triggers.length }, pages },
      });

      it('keeps a long list in pages that each fit an item, and reads it back in order', async () => {
        const pages = await store.runs.putTriggers('r1', triggers);
        const again = await store.runs.putTriggers('r1', triggers);

        expect(pages).toBeGreaterThan(1);
        expect(again).toBe(pages);
        expect(await store.runs.listTriggers(run(pages))).toEqual(triggers);
      });

      it("answers the record's own list for a run with no pages", async () => {
        expect(await store.runs.listTriggers(run(0))).toEqual(triggers.slice(0, 2));
      });
    });

    describe('queue window and sweep failures', () => {
      it('opens the debounce window once, and again after it closed', async () => {
        const first = await store.triggers.openWindow('churn', 'prod', at(0));
        const second = await store.triggers.openWindow('churn', 'prod', at(5));
        await store.triggers.closeWindow('churn', 'prod');
        const reopened = await store.triggers.openWindow('churn', 'prod', at(9));

        expect([first, second, reopened]).toEqual([at(0), at(0), at(9)]);
        expect(await store.triggers.list('churn', 'prod')).toEqual([]);
      });

      it('records, lists and clears sweep failures per model and environment', async () => {
        const failure = {
          model: 'churn',
          environment: 'prod',
          failures: 1,
          error: { name: 'Error', message: 'boom' },
          failedAt: at(0),
          retryAtMs: Date.parse(at(60)),
        };
        await store.sweeps.put(failure);
        await store.sweeps.put({ ...failure, environment: 'staging' });
        await store.sweeps.put({ ...failure, failures: 2 });
        await store.sweeps.clear('churn', 'staging');

        expect(await store.sweeps.list()).toEqual([{ ...failure, failures: 2 }]);
      });

      it('releases a lease as read, but not once its holder took it again', async () => {
        const request = { model: 'churn', environment: 'prod', holder: 'r1', ttlMs: 60_000, now: T0 };
        const read = await store.leases.acquire(request);
        await store.leases.acquire({ ...request, now: new Date(T0.getTime() + 1000) });

        await expect(store.leases.release('churn', 'prod', 'r1', read)).rejects.toThrow('does not hold');
        const current = await store.leases.get('churn', 'prod');
        await store.leases.release('churn', 'prod', 'r1', current);
        expect(await store.leases.get('churn', 'prod')).toBeUndefined();
      });
    });

    describe('dead letters', () => {
      it('lists letters oldest first, without redriven ones unless asked', async () => {
        await store.deadLetters.put(letter('b', at(2)));
        await store.deadLetters.put(letter('a', at(1)));

        await store.deadLetters.markRedriven('a', new Date(at(3)));

        expect((await store.deadLetters.list()).map((l) => l.id)).toEqual(['b']);
        expect(
          (await store.deadLetters.list({ includeRedriven: true })).map((l) => [l.id, l.redrivenAt]),
        ).toEqual([
          ['a', at(3)],
          ['b', undefined],
        ]);
      });

      it('lets one of many concurrent redrives claim a letter', async () => {
        await store.deadLetters.put(letter('a', at(1)));

        const claims = await Promise.all(
          Array.from({ length: 10 }, () => store.deadLetters.markRedriven('a', new Date(at(2)))),
        );

        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(await store.deadLetters.markRedriven('missing', new Date(at(2)))).toBe(false);
      });
    });
  });
};
