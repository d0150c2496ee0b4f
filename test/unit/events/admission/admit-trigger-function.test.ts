import type { Context, EventBridgeEvent } from 'aws-lambda';
import { RetrainingRequested, RunSucceeded } from '../../../../lib/events/contracts';
import { createMemoryStateStore } from '../../../../lib/store/memory/memory-state-store';
import { admissionDeps, registerModels, specFor, TestClock } from '../../../helpers/admission';

const envelope = (source: string, detailType: string, detail: unknown, id = 'e-1') =>
  ({
    version: '0',
    id,
    'detail-type': detailType,
    source,
    account: '123456789012',
    time: '2026-11-26T10:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail,
  }) as EventBridgeEvent<string, unknown>;

const setup = async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.CONVEYOR_TABLE_NAME = 'conveyor-test-state';
  process.env.CONVEYOR_STATE_MACHINE_ARN =
    'arn:aws:states:eu-west-1:123456789012:stateMachine:conveyor-test-pipeline';
  process.env.CONVEYOR_ENVIRONMENT = 'prod';
  const { makeHandler } = await import('../../../../functions/admit-trigger');
  const store = createMemoryStateStore();
  await registerModels(store, [specFor('churn')]);
  const { deps, starter } = admissionDeps(store, new TestClock());
  const handler = makeHandler(deps);
  return {
    invoke: (event: EventBridgeEvent<string, unknown>) => handler(event, {} as Context),
    store,
    starter,
  };
};

describe('the admit-trigger function', () => {
  it('admits a trigger event and frees the model when the run-ended event arrives', async () => {
    const { invoke, starter } = await setup();
    const first = await invoke(
      envelope(RetrainingRequested.source, RetrainingRequested.detailType, {
        model: 'churn',
        reason: 'manual',
      }),
    );
    await invoke(
      envelope(
        RetrainingRequested.source,
        RetrainingRequested.detailType,
        { model: 'churn', reason: 'schedule' },
        'e-2',
      ),
    );
    const runId = first.handled === 'admission' ? (first.decisions[0]?.runId as string) : '';

    const ended = await invoke(
      envelope(
        RunSucceeded.source,
        RunSucceeded.detailType,
        { model: 'churn', environment: 'prod', runId },
        'e-3',
      ),
    );

    expect(first).toMatchObject({ handled: 'admission', decisions: [{ outcome: 'admitted' }] });
    expect(ended).toMatchObject({ handled: 'run-ended', next: { status: 'started', eventIds: ['e-2'] } });
    expect(starter.executions.size).toBe(2);
  });

  it('sweeps on the schedule tick', async () => {
    const { invoke } = await setup();

    const result = await invoke(envelope('aws.events', 'Scheduled Event', {}));

    expect(result).toEqual({ handled: 'sweep', started: 0 });
  });

  it('ignores events no contract covers', async () => {
    const { invoke } = await setup();

    const result = await invoke(envelope('aws.ec2', 'EC2 Instance State-change Notification', {}));

    expect(result).toEqual({
      handled: 'ignored',
      reason: 'no contract for aws.ec2 / EC2 Instance State-change Notification',
    });
  });

  it('throws, naming the field, for an event that breaks its contract, so EventBridge retries and dead-letters it', async () => {
    const { invoke } = await setup();

    await expect(
      invoke(
        envelope(RetrainingRequested.source, RetrainingRequested.detailType, {
          model: 'churn',
          reason: 'whim',
        }),
      ),
    ).rejects.toThrow('event does not fit its contract: reason:');
  });

  it('fails at cold start naming every missing environment variable', async () => {
    const { createDeps } = await import('../../../../functions/admit-trigger');

    expect(() => createDeps({})).toThrow(
      'missing environment variable(s): CONVEYOR_TABLE_NAME, CONVEYOR_STATE_MACHINE_ARN, CONVEYOR_ENVIRONMENT',
    );
  });
});
