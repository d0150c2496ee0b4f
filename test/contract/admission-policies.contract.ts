import { admitEvent } from '../../lib/events/admission/admit-event';
import { flushDueTriggers } from '../../lib/events/admission/flush-due-triggers';
import { MemoryPipelineStarter } from '../../lib/events/admission/memory-pipeline-starter';
import { onRunEnded } from '../../lib/events/admission/on-run-ended';
import { CodePushed, DriftDetected, ObjectCreated, RetrainingRequested } from '../../lib/events/contracts';
import type { StateStore } from '../../lib/store/ports';
import { admissionDeps, eventOf, registerModels, s3Detail, specFor, TestClock } from '../helpers/admission';

const push = (id: string, changedFiles: string[]) =>
  eventOf(
    CodePushed,
    { repository: 'acme/ml', ref: 'refs/heads/main', commit: 'abcdef1234', changedFiles },
    { id },
  );

const drift = (id: string) =>
  eventOf(
    DriftDetected,
    { model: 'churn', features: [{ name: 'age', metric: 'psi', value: 0.4, threshold: 0.2 }] },
    { id },
  );

/** Admission's policies, run on every state store adapter (memory in unit, DynamoDB on dynalite in integration). */
export const describeAdmissionPolicies = (adapter: string, makeStore: () => Promise<StateStore>): void => {
  const setup = async (spec = specFor('churn')) => {
    const store = await makeStore();
    await registerModels(store, [spec]);
    const clock = new TestClock();
    return { store, clock, ...admissionDeps(store, clock) };
  };

  describe(`admission applies the spec retraining policies: ${adapter}`, () => {
    it('skips a code push that touches none of the model paths, naming them', async () => {
      const { deps, starter } = await setup();

      const [decision] = await admitEvent(push('p1', ['docs/README.md', 'models/fraud/train.py']), deps);

      expect(decision).toMatchObject({ outcome: 'skipped' });
      expect(decision?.reason).toContain('models/churn/**');
      expect(starter.executions.size).toBe(0);
    });

    it('starts training for a push that touches a model path (glob)', async () => {
      const { deps } = await setup();

      const [decision] = await admitEvent(push('p1', ['README.md', 'lib/features/age/bucket.py']), deps);

      expect(decision?.outcome).toBe('admitted');
    });

    it('skips code pushes when the spec turns retraining on push off', async () => {
      const { deps } = await setup(specFor('churn', { retraining: { onCodePush: false } }));

      const [decision] = await admitEvent(push('p1', ['models/churn/train.py']), deps);

      expect(decision).toMatchObject({
        outcome: 'skipped',
        reason: 'retraining on code push is off in the spec',
      });
    });

    it('debounces data arrival: files within the window start one run covering all of them', async () => {
      const { store, deps, clock, starter } = await setup(
        specFor('churn', { retraining: { dataArrival: { debounce: 600 } } }),
      );
      const files = ['a', 'b', 'c'].map((name, i) =>
        eventOf(ObjectCreated, s3Detail('acme-data', `churn/2026-11-26/${name}.csv`, `v${i}`), {
          id: `s3-${name}`,
          time: new Date(clock.now().getTime() + i * 60_000),
        }),
      );

      const decisions = [];
      for (const file of files) {
        decisions.push(...(await admitEvent(file, deps)));
        clock.advance(60);
      }
      const early = await flushDueTriggers(deps);
      clock.advance(600);
      const due = await flushDueTriggers(deps);

      expect(decisions.map((d) => d.outcome)).toEqual(['queued', 'queued', 'queued']);
      expect(decisions[0]?.reason).toBe('debouncing data arrival until 2026-11-26T10:10:00.000Z');
      expect(early[0]?.next.status).toBe('debouncing');
      expect(due[0]?.next.status).toBe('started');
      expect(starter.executions.size).toBe(1);
      const [run] = await store.runs.listRuns('churn');
      expect(run?.triggers.map((t) => t.eventId)).toEqual(['s3-a', 's3-b', 's3-c']);
      expect(run?.inputs.dataVersion).toBe('s3://acme-data/churn/2026-11-26/c.csv#v2');
    });

    it('ignores objects outside every model data source', async () => {
      const { deps } = await setup();

      const decisions = await admitEvent(
        eventOf(ObjectCreated, s3Detail('acme-data', 'fraud/x.csv', 'v1')),
        deps,
      );

      expect(decisions).toEqual([]);
    });

    it('suppresses drift retraining within the cooldown, and allows it after', async () => {
      const { store, deps, clock } = await setup(
        specFor('churn', {
          retraining: { drift: { cooldown: 86_400, budget: { maxRuns: 5, period: 604_800 } } },
        }),
      );
      const [first] = await admitEvent(drift('d1'), deps);
      await onRunEnded({ runId: first?.runId as string, model: 'churn', environment: 'prod' }, deps);
      clock.advance(3600);

      const published: { DetailType: string; Detail: string }[] = [];
      const [during] = await admitEvent(drift('d2'), {
        ...deps,
        publish: async (entry) => void published.push(entry),
      });
      clock.advance(86_400);
      const [after] = await admitEvent(drift('d3'), deps);

      expect(first?.outcome).toBe('admitted');
      expect(during?.outcome).toBe('suppressed');
      expect(during?.reason).toContain('drift cooldown');
      expect(published.map((e) => [e.DetailType, JSON.parse(e.Detail).eventId])).toEqual([
        ['Trigger Suppressed', 'd2'],
      ]);
      expect(after?.outcome).toBe('admitted');
      expect(await store.runs.listRuns('churn')).toHaveLength(2);
    });

    it('suppresses drift retraining once the budget of the period is spent', async () => {
      const { deps, clock } = await setup(
        specFor('churn', { retraining: { drift: { cooldown: 0, budget: { maxRuns: 2, period: 604_800 } } } }),
      );
      const outcomes = [];
      for (const id of ['d1', 'd2', 'd3']) {
        const [decision] = await admitEvent(drift(id), deps);
        outcomes.push(decision);
        if (decision?.runId)
          await onRunEnded({ runId: decision.runId, model: 'churn', environment: 'prod' }, deps);
        clock.advance(3600);
      }
      clock.advance(604_800);
      const [nextWeek] = await admitEvent(drift('d4'), deps);

      expect(outcomes.map((d) => d?.outcome)).toEqual(['admitted', 'admitted', 'suppressed']);
      expect(outcomes[2]?.reason).toBe('drift budget exhausted: 2 of 2 drift retrains in the last 604800s');
      expect(nextWeek?.outcome).toBe('admitted');
    });

    it('frees a model whose execution timed out unreported once the lease expires, and times the old run out', async () => {
      const { store, deps, clock, starter } = await setup();
      const [first] = await admitEvent(
        eventOf(RetrainingRequested, { model: 'churn', reason: 'manual' }, { id: 'm1' }),
        deps,
      );
      clock.advance(1800);
      const [blocked] = await admitEvent(
        eventOf(RetrainingRequested, { model: 'churn', reason: 'schedule' }, { id: 'm2' }),
        deps,
      );

      clock.advance(2 * 3600); // past training timeout + 1h
      starter.end('conveyor-pipeline', first?.runId as string, 'TIMED_OUT');
      const [after] = await flushDueTriggers(deps);

      expect(blocked?.outcome).toBe('queued');
      expect(after?.next.status).toBe('started');
      expect((await store.runs.getRun(first?.runId as string)).status).toBe('TIMED_OUT');
      expect((await store.decisions.get('churn', 'prod', 'm2'))?.outcome).toBe('admitted');
    });

    it('loses nothing when starting the execution fails: the queued trigger starts on the next sweep', async () => {
      const store = await makeStore();
      await registerModels(store, [specFor('churn')]);
      const clock = new TestClock();
      const starter = new MemoryPipelineStarter();
      const failing = {
        startExecution: jest.fn().mockRejectedValueOnce(new Error('throttled')),
        describeExecution: (request: { stateMachine: string; name: string }) =>
          starter.describeExecution(request),
      };
      failing.startExecution.mockImplementation((request) => starter.startExecution(request));
      const { deps } = admissionDeps(store, clock, failing as unknown as MemoryPipelineStarter);

      await expect(
        admitEvent(eventOf(RetrainingRequested, { model: 'churn', reason: 'manual' }, { id: 'm1' }), deps),
      ).rejects.toThrow('throttled');
      const [swept] = await flushDueTriggers(deps);

      expect(swept?.next.status).toBe('started');
      expect((await store.decisions.get('churn', 'prod', 'm1'))?.outcome).toBe('admitted');
      expect(starter.executions.size).toBe(1);
    });
  });
};
