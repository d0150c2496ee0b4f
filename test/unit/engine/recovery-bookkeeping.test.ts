import { StepFunctionsEngine } from '../../../lib/engine/engine';
import { MemoryHistoryStore } from '../../../lib/engine/memory-history-store';
import { eventually, ManualClock } from '../../helpers/engine';

const waitMachine = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } };

describe('recovery bookkeeping', () => {
  it('closes the record of an execution whose terminal event was written just before a crash', async () => {
    // Prepare: an execution finishes, then its record is put back to RUNNING as if the crash came first
    const store = new MemoryHistoryStore();
    const first = new StepFunctionsEngine({ store });
    const { stateMachineArn } = first.createStateMachine({
      name: 'm',
      definition: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
    });
    const { executionArn } = await first.startExecution({ stateMachineArn, input: '{"a":1}' });
    const finished = await first.waitForExecution(executionArn);
    const record = await store.getExecution(executionArn);
    await store.putExecution({
      ...(record as NonNullable<typeof record>),
      status: 'RUNNING',
      output: undefined,
    });

    // Act
    const second = new StepFunctionsEngine({ store });
    const resumed = await second.recover();

    // Assess
    expect(finished.status).toBe('SUCCEEDED');
    expect(resumed).toEqual([]);
    expect(await second.describeExecution({ executionArn })).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"a":1}',
    });
  });

  it('stops an execution that the store shows running but no engine drives yet', async () => {
    // Prepare
    const store = new MemoryHistoryStore();
    const clock = new ManualClock();
    const first = new StepFunctionsEngine({ store, clock });
    const { stateMachineArn } = first.createStateMachine({ name: 'm', definition: waitMachine });
    const { executionArn } = await first.startExecution({ stateMachineArn });
    await eventually(() => clock.waiting > 0);
    await first.shutdown();

    // Act
    const second = new StepFunctionsEngine({ store, clock });
    await second.stopExecution({ executionArn, cause: 'cleanup' });
    const resumed = await second.recover();

    // Assess
    expect(resumed).toEqual([]);
    expect(await second.describeExecution({ executionArn })).toMatchObject({
      status: 'ABORTED',
      cause: 'cleanup',
    });
  });

  it('starts an execution whose process stopped before any event was written', async () => {
    // Prepare: only the record exists, as after a crash right after StartExecution returned
    const store = new MemoryHistoryStore();
    const definition = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    const executionArn = 'arn:aws:states:us-east-1:123456789012:execution:m:early';
    await store.createExecution({
      executionArn,
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m',
      name: 'early',
      status: 'RUNNING',
      startDate: new Date('2026-01-01T00:00:00Z'),
      input: '{"b":2}',
      redriveCount: 0,
      definition,
    });

    // Act
    const engine = new StepFunctionsEngine({ store });
    await engine.recover();
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: '{"b":2}' });
    const { events } = await engine.getExecutionHistory({ executionArn });
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });
});
