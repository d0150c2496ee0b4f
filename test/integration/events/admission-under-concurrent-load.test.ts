import { admitEvent } from '../../../lib/events/admission/admit-event';
import { onRunEnded } from '../../../lib/events/admission/on-run-ended';
import { createDynamoDBStateStore } from '../../../lib/store/dynamodb/dynamodb-state-store';
import { admissionDeps, registerModels, specFor, TestClock } from '../../helpers/admission';
import { admissionLoad } from '../../helpers/admission-load';
import { createStateTable } from '../../helpers/dynalite';

jest.setTimeout(120_000);

describe('admission on DynamoDB under 1,000 concurrent deliveries over 20 models', () => {
  it('starts, queues, merges and rejects duplicates exactly', async () => {
    // Prepare
    const { documentClient, tableName } = await createStateTable();
    const store = createDynamoDBStateStore(documentClient, tableName);
    const load = admissionLoad(1000, 20, 0.3);
    await registerModels(
      store,
      load.models.map((m) => specFor(m, { retraining: { dataArrival: { debounce: 0 } } })),
    );
    const clock = new TestClock();
    const { deps, starter } = admissionDeps(store, clock);

    // Act: deliver burst after burst, each burst concurrently
    const outcomes = [];
    for (const burst of load.bursts) {
      outcomes.push(...(await Promise.all(burst.map((event) => admitEvent(event, deps)))).flat());
    }
    const firstRuns = (await Promise.all(load.models.map((m) => store.runs.listRuns(m)))).flat();
    clock.advance(60);
    const followUps = await Promise.all(
      firstRuns.map((run) =>
        onRunEnded({ runId: run.runId, model: run.model, environment: run.environment }, deps),
      ),
    );

    // Assess
    expect(outcomes).toHaveLength(1000);
    expect(outcomes.filter((o) => o.outcome === 'duplicate')).toHaveLength(load.duplicates);
    expect(firstRuns).toHaveLength(20);
    expect(new Set(firstRuns.map((r) => r.model)).size).toBe(20);
    expect(followUps.map((f) => f.status)).toEqual(Array(20).fill('started'));
    expect(starter.executions.size).toBe(40);

    const allRuns = (await Promise.all(load.models.map((m) => store.runs.listRuns(m)))).flat();
    const eventIds = (await Promise.all(allRuns.map((r) => store.runs.listTriggers(r))))
      .flat()
      .map((t) => t.eventId);
    expect(eventIds).toHaveLength(load.distinct);
    expect(new Set(eventIds).size).toBe(load.distinct);
    for (const model of load.models) expect(await store.triggers.list(model, 'prod')).toEqual([]);

    const decisions = (await Promise.all(load.models.map((m) => store.decisions.list(m)))).flat();
    const count = (outcome: string) => decisions.filter((d) => d.outcome === outcome).length;
    expect(count('admitted')).toBe(40);
    expect(count('merged')).toBe(load.distinct - 40);
    expect(count('duplicate')).toBe(load.duplicates);
    expect(count('queued') + count('received')).toBe(0);
  });
});
