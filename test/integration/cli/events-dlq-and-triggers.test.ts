import { admitEvent } from '../../../lib/events/admission/admit-event';
import { flushDueTriggers } from '../../../lib/events/admission/flush-due-triggers';
import { triggersFromEvent } from '../../../lib/events/admission/triggers-from-event';
import { RetrainingRequested } from '../../../lib/events/contracts';
import { createDynamoDBStateStore } from '../../../lib/store/dynamodb/dynamodb-state-store';
import type { TriggerRef } from '../../../lib/store/entities';
import { admissionDeps, eventOf, registerModels, specFor, T0, TestClock } from '../../helpers/admission';
import { runConveyor } from '../../helpers/cli';
import { createStateTable } from '../../helpers/dynalite';

const setup = async () => {
  const { documentClient, tableName } = await createStateTable();
  const store = createDynamoDBStateStore(documentClient, tableName);
  const env = {
    CONVEYOR_TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT,
    CONVEYOR_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:123456789012:stateMachine:conveyor-test-pipeline',
    CONVEYOR_ENVIRONMENT: 'prod',
  };
  return { store, env };
};

const deadLetter = (id: string, detail: Record<string, unknown>) => ({
  id,
  rule: 'conveyor-local-retraining-asked',
  target: 'admitTrigger',
  event: {
    version: '0',
    id: `evt-${id}`,
    'detail-type': 'Retraining Requested',
    source: 'conveyor',
    account: '000000000000',
    time: T0.toISOString(),
    region: 'local',
    resources: [],
    detail,
  },
  error: { name: 'Error', message: 'table unavailable' },
  attempts: 9,
  firstAttemptAt: T0.toISOString(),
  failedAt: T0.toISOString(),
});

describe('conveyor events dlq and conveyor triggers on the local state table', () => {
  it('lists dead letters, redrives them to admitTrigger, and lists them as redriven', async () => {
    const { store, env } = await setup();
    await store.deadLetters.put(deadLetter('dl-1', { model: 'ghost', reason: 'manual' }));

    const listed = await runConveyor(['events', 'dlq', 'list', '--json'], { env });
    const redrive = await runConveyor(['events', 'dlq', 'redrive'], { env });
    const after = await runConveyor(['events', 'dlq', 'list'], { env });

    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { id: 'dl-1', attempts: 9, error: { message: 'table unavailable' } },
    ]);
    expect(redrive).toMatchObject({ code: 0, stdout: 'redriven 1, failed again 0\n' });
    expect(after.stdout).toBe('no dead letters\n');
    expect((await store.decisions.list('ghost'))[0]).toMatchObject({
      eventId: 'evt-dl-1',
      outcome: 'skipped',
    });
  });

  it('exits 1 when a redriven letter fails again, keeping it', async () => {
    const { store, env } = await setup();
    await store.deadLetters.put(deadLetter('dl-2', { model: 'ghost', reason: 'whim' }));

    const redrive = await runConveyor(['events', 'dlq', 'redrive'], { env });

    expect(redrive).toMatchObject({ code: 1, stdout: 'redriven 0, failed again 1\n' });
    expect(await store.deadLetters.list()).toHaveLength(1);
  });

  it('lists the decisions about a model with their reasons, newest first', async () => {
    const { store, env } = await setup();
    await registerModels(store, [specFor('churn')]);
    const clock = new TestClock();
    const { deps } = admissionDeps(store, clock);
    await admitEvent(
      eventOf(RetrainingRequested, { model: 'churn', reason: 'manual', requestedBy: 'alice' }, { id: 'm-1' }),
      deps,
    );
    clock.advance(10);
    await admitEvent(
      eventOf(RetrainingRequested, { model: 'churn', reason: 'schedule' }, { id: 's-1' }),
      deps,
    );

    const human = await runConveyor(['triggers', '--model', 'churn'], { env });
    const json = await runConveyor(['triggers', '--model', 'churn', '--json'], { env });

    expect(human.code).toBe(0);
    expect(human.stdout).toContain('queued     schedule     s-1  prod');
    expect(human.stdout).toContain('admitted   manual       m-1  prod  run churn-manual-none-');
    expect(human.stdout.indexOf('s-1')).toBeLessThan(human.stdout.indexOf('m-1'));
    expect(
      JSON.parse(json.stdout).map((d: { eventId: string; outcome: string }) => [d.eventId, d.outcome]),
    ).toEqual([
      ['s-1', 'queued'],
      ['m-1', 'admitted'],
    ]);
  });

  it('explains a decision a crashed admission left, and the one the sweep then made', async () => {
    const { store, env } = await setup();
    await registerModels(store, [specFor('churn')]);
    const clock = new TestClock();
    const { deps } = admissionDeps(store, clock);
    const [trigger] = triggersFromEvent(
      eventOf(RetrainingRequested, { model: 'churn', reason: 'manual' }, { id: 'm-1' }),
      await deps.specs.all(clock.now()),
      'prod',
    );
    // The write-ahead decision, and then the crash.
    await store.decisions.beginOrGet({
      model: 'churn',
      environment: 'prod',
      eventId: 'm-1',
      outcome: 'received',
      reason: 'received',
      trigger: trigger?.trigger as TriggerRef,
      decidedAt: clock.now().toISOString(),
    });

    const during = await runConveyor(['triggers', '--model', 'churn'], { env });
    clock.advance(60);
    await flushDueTriggers(deps);
    const after = await runConveyor(['triggers', '--model', 'churn'], { env });

    expect(during.stdout).toContain('the sweep finishes it once it is 45 s old');
    expect(after.stdout).toContain('admitted   manual       m-1  prod  run churn-manual-none-');
    expect(after.stdout).toContain('recovered after a crash');
  });

  it('says when the sweep is backing off a model that failed', async () => {
    const { store, env } = await setup();
    await store.sweeps.put({
      model: 'churn',
      environment: 'prod',
      failures: 2,
      error: { name: 'ProvisionedThroughputExceededException', message: 'slow down' },
      failedAt: '2026-11-26T10:00:00.000Z',
      retryAtMs: Date.parse('2026-11-26T10:02:00.000Z'),
    });

    const run = await runConveyor(['triggers', '--model', 'churn'], { env });

    expect(run.stdout).toContain(
      'the sweep failed on churn/prod 2 time(s) in a row (ProvisionedThroughputExceededException: slow down); it tries again at 2026-11-26T10:02:00.000Z',
    );
  });

  it('exits 2 naming the variable when no state table is configured', async () => {
    const run = await runConveyor(['triggers', '--model', 'churn'], { env: {} });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('CONVEYOR_TABLE_NAME');
  });
});
