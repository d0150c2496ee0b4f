/**
 * Crash injection: the whole admission of a short story (a manual request that starts a run, a
 * scheduled request and a data arrival that queue behind it, the run's end that starts the follow-up)
 * is run once per write, crashing right after that write. The crashed delivery is then redelivered a
 * minute later (as Lambda retries) or left to the sweep alone, and the outcome must be the one without
 * a crash: no trigger lost, no run doubled, no model blocked beyond a sweep.
 */
import { admitEvent } from '../../lib/events/admission/admit-event';
import { flushDueTriggers } from '../../lib/events/admission/flush-due-triggers';
import { MemoryPipelineStarter } from '../../lib/events/admission/memory-pipeline-starter';
import { onRunEnded } from '../../lib/events/admission/on-run-ended';
import { ObjectCreated, RetrainingRequested } from '../../lib/events/contracts';
import type { StateStore } from '../../lib/store/ports';
import {
  admissionDeps,
  eventOf,
  registerModels,
  s3Detail,
  specFor,
  T0,
  TestClock,
} from '../helpers/admission';
import { crashing, InjectedCrash } from '../helpers/crashing-store';

type Mode = 'redelivered a minute later' | 'left to the sweep';

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const story = () => [
  eventOf(RetrainingRequested, { model: 'churn', reason: 'manual' }, { id: 'm1', time: at(0) }),
  eventOf(RetrainingRequested, { model: 'churn', reason: 'schedule' }, { id: 'm2', time: at(1) }),
  eventOf(ObjectCreated, s3Detail('acme-data', 'churn/part-1.csv', 'v1'), { id: 'd1', time: at(2) }),
];

const play = async (makeStore: () => Promise<StateStore>, crashAfter: number, mode: Mode) => {
  const store = await makeStore();
  await registerModels(store, [specFor('churn', { retraining: { dataArrival: { debounce: 0 } } })]);
  const clock = new TestClock();
  const starter = new MemoryPipelineStarter();
  const crash = crashing(store, starter, crashAfter);
  const { deps } = admissionDeps(crash.store, clock, crash.starter as MemoryPipelineStarter);
  let crashed = 0;
  const deliver = async (act: () => Promise<unknown>) => {
    try {
      await act();
    } catch (error) {
      if (!(error instanceof InjectedCrash)) throw error;
      crashed++;
      clock.advance(60);
      if (mode === 'redelivered a minute later') await act();
      else await flushDueTriggers(deps);
    }
  };

  for (const event of story()) {
    await deliver(() => admitEvent(event, deps));
    clock.advance(1);
  }
  // The first run ends as finish-run ends it: recorded, lease freed, Run Succeeded consumed.
  const [first] = await store.runs.listRuns('churn');
  if (first) {
    await store.runs.transitionRun(first.runId, 'SUCCEEDED', clock.now());
    await store.leases.release('churn', 'prod', first.runId).catch(() => undefined);
    starter.end('conveyor-pipeline', first.runId, 'SUCCEEDED');
    await deliver(() => onRunEnded({ runId: first.runId, model: 'churn', environment: 'prod' }, deps));
  }
  clock.advance(60);
  await flushDueTriggers(deps);
  await flushDueTriggers(deps);

  const runs = await store.runs.listRuns('churn');
  const outcome = {
    runs: await Promise.all(
      runs
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map(async (r) => ({
          runId: r.runId,
          status: r.status,
          triggers: (await store.runs.listTriggers(r)).map((t) => t.eventId),
        })),
    ),
    executions: [...starter.executions.values()].map((e) => e.name).sort(),
    decisions: Object.fromEntries(
      (await store.decisions.list('churn'))
        .filter((d) => d.outcome !== 'duplicate')
        .map((d) => [d.eventId, { outcome: d.outcome, runId: d.runId }]),
    ),
    queued: (await store.triggers.list('churn', 'prod')).map((q) => q.trigger.eventId),
    lease: (await store.leases.get('churn', 'prod'))?.holder,
  };
  return { outcome, writes: crash.crash.writes, log: crash.crash.log, crashed };
};

export const describeAdmissionCrashes = (adapter: string, makeStore: () => Promise<StateStore>): void => {
  describe(`admission crashed after any single write: ${adapter}`, () => {
    it('ends as it does without a crash, whether the delivery is retried or left to the sweep', async () => {
      // Prepare: the outcome without a crash, and how many writes it takes
      const baseline = await play(makeStore, 0, 'left to the sweep');
      expect(baseline.outcome).toMatchObject({
        runs: [
          { status: 'SUCCEEDED', triggers: ['m1'] },
          { status: 'RUNNING', triggers: ['m2', 'd1'] },
        ],
        decisions: { m1: { outcome: 'admitted' }, m2: { outcome: 'admitted' }, d1: { outcome: 'merged' } },
        queued: [],
      });
      expect(baseline.writes).toBeGreaterThan(15);

      // Act and assess: a crash after each write, in both recoveries
      for (const mode of ['redelivered a minute later', 'left to the sweep'] as const) {
        for (let n = 1; n <= baseline.writes; n++) {
          const crashed = await play(makeStore, n, mode);
          expect({ crashAfter: `${n} (${baseline.log[n - 1]})`, mode, ...crashed.outcome }).toEqual({
            crashAfter: `${n} (${baseline.log[n - 1]})`,
            mode,
            ...baseline.outcome,
          });
          expect(crashed.crashed).toBe(1);
        }
      }
    });
  });
};
