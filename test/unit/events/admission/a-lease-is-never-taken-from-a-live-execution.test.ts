import { admitEvent } from '../../../../lib/events/admission/admit-event';
import { flushDueTriggers } from '../../../../lib/events/admission/flush-due-triggers';
import { RetrainingRequested } from '../../../../lib/events/contracts';
import { createMemoryStateStore } from '../../../../lib/store/memory/memory-state-store';
import { admissionDeps, eventOf, registerModels, specFor, TestClock } from '../../../helpers/admission';

const request = (id: string) => eventOf(RetrainingRequested, { model: 'churn', reason: 'manual' }, { id });

const setup = async () => {
  const store = createMemoryStateStore();
  await registerModels(store, [specFor('churn')]); // lease: 1 h training + 1 h
  const clock = new TestClock();
  return { store, clock, ...admissionDeps(store, clock) };
};

describe('a run that outlives its lease', () => {
  it('keeps the model while its execution runs, and frees it when the execution times out', async () => {
    // Prepare: a run whose execution is still going three hours later (a long approval, say)
    const { store, clock, deps, starter } = await setup();
    const [first] = await admitEvent(request('m1'), deps);
    clock.advance(3 * 3600);

    // Act
    const [second] = await admitEvent(request('m2'), deps);
    const [swept] = await flushDueTriggers(deps);
    const lease = await store.leases.get('churn', 'prod');
    starter.end('conveyor-pipeline', first?.runId as string, 'TIMED_OUT');
    const [afterTimeout] = await flushDueTriggers(deps);

    // Assess
    expect(second).toMatchObject({ outcome: 'queued' });
    expect(swept?.next).toEqual({ status: 'blocked', runId: first?.runId });
    expect(lease).toMatchObject({ holder: first?.runId });
    expect(lease?.expiresAtMs).toBeGreaterThan(clock.now().getTime());
    expect(afterTimeout?.next.status).toBe('started');
    expect(starter.executions.size).toBe(2);
    expect(await store.runs.getRun(first?.runId as string)).toMatchObject({
      status: 'TIMED_OUT',
      error: { name: 'States.Timeout' },
    });
    expect((await store.decisions.get('churn', 'prod', 'm2'))?.outcome).toBe('admitted');
  });

  it('frees the model at the next sweep when the execution was aborted, before the lease expires', async () => {
    const { store, deps, starter } = await setup();
    const [first] = await admitEvent(request('m1'), deps);
    await admitEvent(request('m2'), deps);

    starter.end('conveyor-pipeline', first?.runId as string, 'ABORTED');
    const [swept] = await flushDueTriggers(deps);

    expect(swept?.next.status).toBe('started');
    expect((await store.runs.getRun(first?.runId as string)).status).toBe('ABORTED');
    expect((await store.leases.get('churn', 'prod'))?.holder).not.toBe(first?.runId);
  });
});
