import { admitEvent } from '../../../../lib/events/admission/admit-event';
import { flushDueTriggers } from '../../../../lib/events/admission/flush-due-triggers';
import { CodePushed, RetrainingRequested } from '../../../../lib/events/contracts';
import { createMemoryStateStore } from '../../../../lib/store/memory/memory-state-store';
import { admissionDeps, eventOf, registerModels, specFor, TestClock } from '../../../helpers/admission';

const request = (id: string) => eventOf(RetrainingRequested, { model: 'churn', reason: 'manual' }, { id });

const setup = async () => {
  const store = createMemoryStateStore();
  await registerModels(store, [specFor('churn')]);
  const clock = new TestClock();
  return { store, clock, ...admissionDeps(store, clock) };
};

describe('an admission that crashed midway', () => {
  const crashBetweenLeaseAndRun = async () => {
    const setUp = await setup();
    const { store, deps } = setUp;
    const createRun = store.runs.createRun.bind(store.runs);
    store.runs.createRun = async () => {
      store.runs.createRun = createRun;
      throw new Error('crashed');
    };
    await expect(admitEvent(request('m1'), deps)).rejects.toThrow('crashed');
    return setUp;
  };

  it("between taking the lease and creating the run: Lambda's retry a minute later starts the run", async () => {
    // Prepare
    const { store, clock, deps, starter } = await crashBetweenLeaseAndRun();

    // Act
    clock.advance(60);
    const [retried] = await admitEvent(request('m1'), deps);

    // Assess
    expect(retried?.outcome).toBe('admitted');
    expect(starter.executions.size).toBe(1);
    expect(await store.decisions.get('churn', 'prod', 'm1')).toMatchObject({
      outcome: 'admitted',
      recovered: true,
    });
  });

  it('between taking the lease and creating the run: without a retry, the next sweep starts the run', async () => {
    const { store, clock, deps, starter } = await crashBetweenLeaseAndRun();

    clock.advance(60);
    const [swept] = await flushDueTriggers(deps);

    // The sweep finished the admission, which started the run: the model is now busy with it.
    const decision = await store.decisions.get('churn', 'prod', 'm1');
    expect(decision).toMatchObject({ outcome: 'admitted', recovered: true });
    expect(swept?.next).toEqual({ status: 'blocked', runId: decision?.runId });
    expect(starter.executions.size).toBe(1);
  });

  it('between the write-ahead decision and the queue: a redelivery inside the window does not lose it', async () => {
    const { store, clock, deps, starter } = await setup();
    const enqueue = store.triggers.enqueue.bind(store.triggers);
    store.triggers.enqueue = async () => {
      store.triggers.enqueue = enqueue;
      throw new Error('crashed');
    };
    await expect(admitEvent(request('m1'), deps)).rejects.toThrow('crashed');

    clock.advance(5);
    const [redelivered] = await admitEvent(request('m1'), deps);
    clock.advance(60);
    const [swept] = (await flushDueTriggers(deps)) as { next: { runId?: string } }[];

    expect(redelivered?.outcome).toBe('duplicate');
    expect(redelivered?.reason).toContain('if that admission crashed, the sweep finishes it');
    expect(starter.executions.size).toBe(1);
    const decision = await store.decisions.get('churn', 'prod', 'm1');
    expect(decision).toMatchObject({ outcome: 'admitted', recovered: true, runId: swept?.next.runId });
  });
});

describe('a GitHub delivery replayed', () => {
  it('is a duplicate of the first delivery, though EventBridge gave it a new event id', async () => {
    const { store, deps } = await setup();
    const push = (id: string) =>
      eventOf(
        CodePushed,
        {
          repository: 'acme/ml',
          ref: 'refs/heads/main',
          commit: 'abcdef1234',
          changedFiles: ['models/churn/train.py'],
          deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
        },
        { id },
      );

    const [first] = await admitEvent(push('eb-1'), deps);
    const [replayed] = await admitEvent(push('eb-2'), deps);

    expect(first?.outcome).toBe('admitted');
    expect(replayed?.outcome).toBe('duplicate');
    expect(await store.runs.listRuns('churn')).toHaveLength(1);
  });
});
