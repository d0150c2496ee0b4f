import { admitEvent } from '../../../lib/events/admission/admit-event';
import { flushDueTriggers } from '../../../lib/events/admission/flush-due-triggers';
import { ObjectCreated } from '../../../lib/events/contracts';
import { createDynamoDBStateStore } from '../../../lib/store/dynamodb/dynamodb-state-store';
import type { Run } from '../../../lib/store/entities';
import {
  admissionDeps,
  eventOf,
  registerModels,
  s3Detail,
  specFor,
  TestClock,
} from '../../helpers/admission';
import { createStateTable } from '../../helpers/dynalite';

describe('a burst of files on DynamoDB within the debounce window', () => {
  it('starts exactly one run covering every file once the window closes, whatever the delivery order', async () => {
    // Prepare
    const { documentClient, tableName } = await createStateTable();
    const store = createDynamoDBStateStore(documentClient, tableName);
    await registerModels(store, [specFor('churn', { retraining: { dataArrival: { debounce: 300 } } })]);
    const clock = new TestClock();
    const { deps, starter } = admissionDeps(store, clock);
    const files = Array.from({ length: 50 }, (_, i) =>
      eventOf(ObjectCreated, s3Detail('acme-data', `churn/batch/part-${i}.csv`, `v${i}`), {
        id: `file-${i}`,
        time: new Date(clock.now().getTime() + i * 1000),
      }),
    );

    // Act: every file (and a repeat of each tenth) delivered concurrently, then sweeps
    const outcomes = (
      await Promise.all([...files, ...files.filter((_, i) => i % 10 === 0)].map((f) => admitEvent(f, deps)))
    ).flat();
    clock.advance(299);
    const early = await flushDueTriggers(deps);
    clock.advance(1);
    const [due, again] = [await flushDueTriggers(deps), await flushDueTriggers(deps)];

    // Assess
    expect(outcomes.filter((o) => o.outcome === 'queued')).toHaveLength(50);
    expect(outcomes.filter((o) => o.outcome === 'duplicate')).toHaveLength(5);
    expect(early[0]?.next.status).toBe('debouncing');
    expect(due[0]?.next.status).toBe('started');
    expect(again[0]?.next.status).toBe('blocked');
    expect(starter.executions.size).toBe(1);
    const [run] = await store.runs.listRuns('churn');
    const triggers = await store.runs.listTriggers(run as Run);
    expect(new Set(triggers.map((t) => t.eventId))).toEqual(new Set(files.map((f) => f.event.id)));
    expect(run?.triggerSummary).toMatchObject({ count: 50, byKind: { 'data-arrival': 50 }, pages: 1 });
    expect(run?.inputs.dataVersion).toBe('s3://acme-data/churn/batch/part-49.csv#v49');
  });
});
