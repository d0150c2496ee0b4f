import { admitEvent } from '../../../../lib/events/admission/admit-event';
import { flushDueTriggers } from '../../../../lib/events/admission/flush-due-triggers';
import { ObjectCreated } from '../../../../lib/events/contracts';
import { TRIGGERS_SHOWN } from '../../../../lib/store/entities';
import { createMemoryStateStore } from '../../../../lib/store/memory/memory-state-store';
import {
  admissionDeps,
  eventOf,
  registerModels,
  s3Detail,
  specFor,
  TestClock,
} from '../../../helpers/admission';

describe('10,000 arrivals for one model within its debounce window', () => {
  it('start one run that references them all, leave the queue empty, and decide every one', async () => {
    // Prepare
    const store = createMemoryStateStore();
    await registerModels(store, [specFor('churn', { retraining: { dataArrival: { debounce: 600 } } })]);
    const clock = new TestClock();
    const { deps, starter } = admissionDeps(store, clock);
    const files = Array.from({ length: 10_000 }, (_, i) =>
      eventOf(ObjectCreated, s3Detail('acme-data', `churn/2026-11-26/part-${i}.parquet`, `v${i}`), {
        id: `s3-${i}`,
        time: new Date(clock.now().getTime() + i),
      }),
    );

    // Act
    for (let i = 0; i < files.length; i += 500) {
      await Promise.all(files.slice(i, i + 500).map((file) => admitEvent(file, deps)));
    }
    clock.advance(600);
    const [swept] = await flushDueTriggers(deps);

    // Assess
    expect(swept?.next.status).toBe('started');
    const runs = await store.runs.listRuns('churn');
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run?.triggerSummary).toEqual({
      count: 10_000,
      byKind: { 'data-arrival': 10_000 },
      pages: expect.any(Number),
    });
    expect(run?.triggers).toHaveLength(2 * TRIGGERS_SHOWN);
    expect(run?.triggers[0]?.eventId).toBe('s3-0');
    expect(run?.triggers.at(-1)?.eventId).toBe('s3-9999');
    expect(Buffer.byteLength(JSON.stringify(run))).toBeLessThan(400 * 1024);
    const [execution] = [...starter.executions.values()];
    expect(Buffer.byteLength(execution?.input ?? '')).toBeLessThan(256 * 1024);
    expect(JSON.parse(execution?.input ?? '{}').triggerSummary.count).toBe(10_000);
    expect(await store.triggers.list('churn', 'prod')).toEqual([]);
    const triggers = await store.runs.listTriggers(run as NonNullable<typeof run>);
    expect(new Set(triggers.map((t) => t.eventId)).size).toBe(10_000);
    const decisions = await store.decisions.list('churn');
    expect(decisions).toHaveLength(10_000);
    expect(decisions.filter((d) => d.outcome === 'admitted' && d.runId === run?.runId)).toHaveLength(1);
    expect(decisions.filter((d) => d.outcome === 'merged' && d.runId === run?.runId)).toHaveLength(9_999);
  });
});
