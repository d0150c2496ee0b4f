import { admitEvent } from '../../../../lib/events/admission/admit-event';
import { onRunEnded } from '../../../../lib/events/admission/on-run-ended';
import { CodePushed, RetrainingRequested } from '../../../../lib/events/contracts';
import { createMemoryStateStore } from '../../../../lib/store/memory/memory-state-store';
import { admissionDeps, eventOf, registerModels, specFor, TestClock } from '../../../helpers/admission';

const setup = async () => {
  const store = createMemoryStateStore();
  await registerModels(store, [specFor('churn'), specFor('fraud')]);
  const clock = new TestClock();
  return { store, clock, ...admissionDeps(store, clock) };
};

const manual = (id: string, model = 'churn') =>
  eventOf(RetrainingRequested, { model, reason: 'manual', requestedBy: 'alice' }, { id });

describe('admission starts one run per model and queues the rest', () => {
  it('starts a run for a model with no active run, with an execution named by its content', async () => {
    const { store, deps, starter } = await setup();

    const [decision] = await admitEvent(manual('evt-1'), deps);

    expect(decision).toMatchObject({ outcome: 'admitted', model: 'churn', environment: 'prod' });
    const run = await store.runs.getRun(decision?.runId as string);
    expect(run).toMatchObject({ status: 'RUNNING', triggers: [{ eventId: 'evt-1', kind: 'manual' }] });
    expect([...starter.executions.values()].map((e) => e.name)).toEqual([run.runId]);
    expect(run.runId).toMatch(/^churn-manual-none-[0-9a-f]{16}$/);
    expect((await store.leases.get('churn', 'prod'))?.holder).toBe(run.runId);
  });

  it('changes nothing on a repeated delivery and records it as a duplicate', async () => {
    const { store, deps, starter } = await setup();
    await admitEvent(manual('evt-1'), deps);

    const [again] = await admitEvent(manual('evt-1'), deps);

    expect(again?.outcome).toBe('duplicate');
    expect(starter.executions.size).toBe(1);
    expect(await store.runs.listRuns('churn')).toHaveLength(1);
    expect((await store.decisions.list('churn')).map((d) => d.outcome).sort()).toEqual([
      'admitted',
      'duplicate',
    ]);
  });

  it('queues triggers while a run is active and starts exactly one follow-up run that merges them', async () => {
    const { store, deps, clock, starter } = await setup();
    const [first] = await admitEvent(manual('evt-1'), deps);
    clock.advance(60);
    const pushes = ['c1', 'c2'].map((commit, i) =>
      eventOf(
        CodePushed,
        {
          repository: 'acme/ml',
          ref: 'refs/heads/main',
          commit: `${commit}000000`,
          changedFiles: ['models/churn/train.py'],
        },
        { id: `push-${i}`, time: new Date(clock.now().getTime() + i * 1000) },
      ),
    );

    const queued = [
      (await admitEvent(pushes[0] as never, deps))[0],
      (await admitEvent(pushes[1] as never, deps))[0],
    ];
    await store.runs.transitionRun(first?.runId as string, 'SUCCEEDED', clock.now());
    const next = await onRunEnded(
      { runId: first?.runId as string, model: 'churn', environment: 'prod' },
      deps,
    );
    const again = await onRunEnded(
      { runId: first?.runId as string, model: 'churn', environment: 'prod' },
      deps,
    );

    expect(queued.map((d) => d?.outcome)).toEqual(['queued', 'queued']);
    expect(queued[0]?.reason).toContain(`run ${first?.runId} is active`);
    expect(next.status).toBe('started');
    expect(again.status).toBe('blocked');
    expect(starter.executions.size).toBe(2);
    const followUp = await store.runs.getRun(next.status === 'started' ? next.runId : '');
    expect(followUp.triggers.map((t) => t.eventId)).toEqual(['push-0', 'push-1']);
    expect(followUp.inputs.commit).toBe('c2000000');
    const decisions = Object.fromEntries(
      (await store.decisions.list('churn')).map((d) => [d.eventId, d.outcome]),
    );
    expect(decisions).toEqual({ 'evt-1': 'admitted', 'push-0': 'admitted', 'push-1': 'merged' });
    expect(await store.triggers.list('churn', 'prod')).toEqual([]);
  });

  it('keeps models independent of each other', async () => {
    const { deps, starter } = await setup();

    const decisions = [
      ...(await admitEvent(manual('a', 'churn'), deps)),
      ...(await admitEvent(manual('b', 'fraud'), deps)),
    ];

    expect(decisions.map((d) => d.outcome)).toEqual(['admitted', 'admitted']);
    expect(starter.executions.size).toBe(2);
  });

  it('records a request for a model with no registered spec as skipped', async () => {
    const { deps, starter } = await setup();

    const [decision] = await admitEvent(manual('x', 'unknown'), deps);

    expect(decision).toMatchObject({ outcome: 'skipped', reason: 'no spec is registered for this model' });
    expect(starter.executions.size).toBe(0);
  });
});

describe('admission resumes an admission that crashed after its write-ahead record', () => {
  it('counts a quick redelivery as a duplicate and lets a retry after the stale window admit the trigger', async () => {
    const { store, deps, clock } = await setup();
    const enqueue = store.triggers.enqueue.bind(store.triggers);
    jest
      .spyOn(store.triggers, 'enqueue')
      .mockRejectedValueOnce(new Error('crash'))
      .mockImplementation(enqueue);

    await expect(admitEvent(manual('evt-1'), deps)).rejects.toThrow('crash');
    const [quick] = await admitEvent(manual('evt-1'), deps);
    clock.advance(60);
    const [retry] = await admitEvent(manual('evt-1'), deps);

    expect(quick?.outcome).toBe('duplicate');
    expect(retry?.outcome).toBe('admitted');
    expect(await store.runs.listRuns('churn')).toHaveLength(1);
  });
});

describe('admission announces the runs it starts', () => {
  it('publishes Run Started with the run and its triggers', async () => {
    const { deps } = await setup();
    const published: { DetailType: string; Detail: string }[] = [];

    const [decision] = await admitEvent(manual('evt-1'), {
      ...deps,
      publish: async (entry) => void published.push(entry),
    });

    expect(published.map((e) => [e.DetailType, JSON.parse(e.Detail)])).toEqual([
      [
        'Run Started',
        expect.objectContaining({
          runId: decision?.runId,
          model: 'churn',
          triggers: [{ eventId: 'evt-1', kind: 'manual' }],
        }),
      ],
    ]);
  });

  it('still admits the trigger when the announcement cannot be published, and logs it', async () => {
    const { deps } = await setup();
    const warnings: unknown[] = [];

    const [decision] = await admitEvent(manual('evt-1'), {
      ...deps,
      publish: async () => Promise.reject(new Error('AccessDenied')),
      logger: { info: () => {}, warn: (...args: unknown[]) => warnings.push(args) },
    });

    expect(decision?.outcome).toBe('admitted');
    expect(warnings).toEqual([
      ['could not publish event', { detailType: 'Run Started', error: 'AccessDenied' }],
    ]);
  });
});

describe('admission under concurrent deliveries', () => {
  it('starts a run once when concurrent admissions plan the same run, and reports each trigger taken', async () => {
    const { store, deps, starter } = await setup();
    const starts = jest.spyOn(starter, 'startExecution');
    const transitions = jest.spyOn(store.runs, 'transitionRun');

    const decisions = (
      await Promise.all(['evt-1', 'evt-2'].map((id) => admitEvent(manual(id), deps)))
    ).flat();

    const runs = await store.runs.listRuns('churn');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'RUNNING' });
    expect(runs[0]?.triggers.map((t) => t.eventId)).toEqual(['evt-1', 'evt-2']);
    expect(starts).toHaveBeenCalledTimes(1);
    expect(transitions).toHaveBeenCalledTimes(1);
    expect(decisions.map((d) => [d.eventId, d.outcome, d.runId])).toEqual([
      ['evt-1', 'admitted', runs[0]?.runId],
      ['evt-2', 'merged', runs[0]?.runId],
    ]);
    expect((await store.decisions.list('churn')).map((d) => [d.eventId, d.outcome]).sort()).toEqual([
      ['evt-1', 'admitted'],
      ['evt-2', 'merged'],
    ]);
    expect(await store.triggers.list('churn', 'prod')).toEqual([]);
  });
});
