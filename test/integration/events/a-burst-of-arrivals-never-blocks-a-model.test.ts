import { StepFunctionsEngine } from '../../../lib/engine/engine';
import { admitEvent } from '../../../lib/events/admission/admit-event';
import { EnginePipelineStarter } from '../../../lib/events/admission/engine-pipeline-starter';
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
import { ManualClock } from '../../helpers/engine';

jest.setTimeout(180_000);

describe('2,000 S3 arrivals for one model on DynamoDB, started on the engine', () => {
  it('start one run that references them all, and leave the queue empty', async () => {
    // Prepare: a pipeline that stays running, so the run holds the model
    const { documentClient, tableName } = await createStateTable();
    const store = createDynamoDBStateStore(documentClient, tableName);
    await registerModels(store, [specFor('churn', { retraining: { dataArrival: { debounce: 300 } } })]);
    const engine = new StepFunctionsEngine({ clock: new ManualClock() });
    const { stateMachineArn } = engine.createStateMachine({
      name: 'conveyor-pipeline',
      definition: { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 86_400, End: true } } },
    });
    const clock = new TestClock();
    const { deps } = admissionDeps(store, clock, new EnginePipelineStarter(engine) as never);
    const admission = { ...deps, stateMachine: stateMachineArn };
    const files = Array.from({ length: 2000 }, (_, i) =>
      eventOf(ObjectCreated, s3Detail('acme-data', `churn/batch-2026-11-26/part-${i}.csv`, `v${i}`), {
        id: `s3-${i}`,
        time: new Date(clock.now().getTime() + i),
      }),
    );

    // Act: the files in bursts of 100, then the sweep once the window closed, and once more
    for (let i = 0; i < files.length; i += 100) {
      await Promise.all(files.slice(i, i + 100).map((file) => admitEvent(file, admission)));
    }
    clock.advance(300);
    const [swept] = await flushDueTriggers(admission);
    const [again] = await flushDueTriggers(admission);

    // Assess
    expect(swept?.next.status).toBe('started');
    expect(again?.next.status).toBe('blocked');
    const [run] = await store.runs.listRuns('churn');
    expect(run?.triggerSummary).toMatchObject({ count: 2000, byKind: { 'data-arrival': 2000 } });
    expect(run?.triggers.length).toBeLessThanOrEqual(10);
    expect(run?.inputs.dataVersion).toBe('s3://acme-data/churn/batch-2026-11-26/part-1999.csv#v1999');
    expect(new Set((await store.runs.listTriggers(run as Run)).map((t) => t.eventId)).size).toBe(2000);
    expect(await store.triggers.list('churn', 'prod')).toEqual([]);
    const decisions = await store.decisions.list('churn');
    expect(decisions.filter((d) => d.outcome === 'admitted')).toHaveLength(1);
    expect(decisions.filter((d) => d.outcome === 'merged' && d.runId === run?.runId)).toHaveLength(1999);
    const execution = await engine.describeExecution({ executionArn: run?.executionArn as string });
    expect(execution.status).toBe('RUNNING');
    expect(Buffer.byteLength(execution.input)).toBeLessThan(256 * 1024);
    await engine.shutdown();
  });
});
