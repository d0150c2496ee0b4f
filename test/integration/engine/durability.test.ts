import { DynamoDbHistoryStore } from '../../../lib/engine/dynamodb-history-store';
import { StepFunctionsEngine } from '../../../lib/engine/engine';
import type { HistoryStore } from '../../../lib/engine/history-store';
import { MemoryHistoryStore } from '../../../lib/engine/memory-history-store';
import { createTaskResolver, type TaskHandler } from '../../../lib/engine/task-resolver';
import { createStateTable } from '../../helpers/dynalite';
import { eventually, ManualClock } from '../../helpers/engine';

const stores: [string, () => Promise<HistoryStore>][] = [
  ['memory', async () => new MemoryHistoryStore()],
  [
    'dynalite',
    async () => {
      const { documentClient: client, tableName } = await createStateTable();
      return new DynamoDbHistoryStore(client, tableName);
    },
  ],
];

const waitThenPass = {
  StartAt: 'Before',
  States: {
    Before: { Type: 'Pass', Result: { step: 1 }, ResultPath: '$.before', Next: 'Sleep' },
    Sleep: { Type: 'Wait', Seconds: 60, Next: 'After' },
    After: { Type: 'Pass', Result: 'done', ResultPath: '$.after', End: true },
  },
};

const taskMachine = (retry: object[] = []) => ({
  StartAt: 'Work',
  States: {
    Work: {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:work',
      Retry: retry,
      End: true,
    },
  },
});

describe.each(stores)('durable executions on %s', (_name, makeStore) => {
  let store: HistoryStore;
  const engines: StepFunctionsEngine[] = [];
  const engine = (clock: ManualClock, functions: Record<string, TaskHandler> = {}) => {
    const created = new StepFunctionsEngine({ store, clock, resolver: createTaskResolver({ functions }) });
    engines.push(created);
    return created;
  };

  beforeEach(async () => {
    store = await makeStore();
  });

  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.shutdown()));
  });

  it('resumes a Wait at its original deadline after a restart', async () => {
    // Prepare
    const clock = new ManualClock();
    const first = engine(clock);
    const { stateMachineArn } = first.createStateMachine({ name: 'wait', definition: waitThenPass });
    const { executionArn } = await first.startExecution({ stateMachineArn, name: 'w1', input: '{"x":1}' });
    await eventually(() => clock.waiting > 0);
    await clock.advance(30_000);

    // Act: kill the first engine mid-wait, restart, and let the remaining 30 s pass
    await first.shutdown();
    const second = engine(clock);
    second.createStateMachine({ name: 'wait', definition: waitThenPass });
    const resumed = await second.recover();
    await eventually(() => clock.waiting > 0);
    await clock.advance(29_000);
    const stillWaiting = await second.describeExecution({ executionArn });
    await clock.advance(1_000);
    const result = await second.waitForExecution(executionArn);

    // Assess
    expect(resumed).toEqual([executionArn]);
    expect(stillWaiting.status).toBe('RUNNING');
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output as string)).toEqual({ x: 1, before: { step: 1 }, after: 'done' });
    const { events } = await second.getExecutionHistory({ executionArn });
    expect(events.filter((e) => e.type === 'WaitStateEntered')).toHaveLength(1);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
  });

  it('fails a task that was in flight at the crash into its Retry policy, which runs it again', async () => {
    // Prepare: the first engine's handler never returns, as if the process died during the call
    const clock = new ManualClock();
    const first = engine(clock, { work: () => new Promise(() => undefined) });
    const definition = taskMachine([
      { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 2 },
    ]);
    const { stateMachineArn } = first.createStateMachine({ name: 'task', definition });
    const { executionArn } = await first.startExecution({ stateMachineArn, name: 't1' });
    await eventually(async () => (await store.readHistory(executionArn)).length >= 4);

    // Act
    await first.shutdown();
    const second = engine(clock, { work: async () => ({ ok: true }) });
    await second.recover();
    await eventually(() => clock.waiting > 0);
    await clock.advance(1_000);
    const result = await second.waitForExecution(executionArn);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const types = (await second.getExecutionHistory({ executionArn })).events.map((e) => e.type);
    expect(types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('fails an in-flight task without Retry with a clear States.TaskFailed cause', async () => {
    // Prepare
    const clock = new ManualClock();
    const first = engine(clock, { work: () => new Promise(() => undefined) });
    const { stateMachineArn } = first.createStateMachine({ name: 'task', definition: taskMachine() });
    const { executionArn } = await first.startExecution({ stateMachineArn, name: 't2' });
    await eventually(async () => (await store.readHistory(executionArn)).length >= 4);

    // Act
    await first.shutdown();
    const second = engine(clock);
    await second.recover();
    const result = await second.waitForExecution(executionArn);

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(result.cause).toMatch(/in flight when the engine stopped/);
  });

  it('keeps a callback task waiting on the same token across a restart', async () => {
    // Prepare
    const clock = new ManualClock();
    let token = '';
    const first = engine(clock, {
      ask: (_input, context) => {
        token = context.taskToken as string;
        return {};
      },
    });
    const definition = {
      StartAt: 'Approve',
      States: {
        Approve: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'ask', Payload: { 'token.$': '$$.Task.Token' } },
          End: true,
        },
      },
    };
    const { stateMachineArn } = first.createStateMachine({ name: 'cb', definition });
    const { executionArn } = await first.startExecution({ stateMachineArn, name: 'c1' });
    await eventually(async () =>
      (await store.readHistory(executionArn)).some((r) => r.event.type === 'TaskSubmitted'),
    );

    // Act
    await first.shutdown();
    const second = engine(clock);
    await second.recover();
    await eventually(async () => {
      try {
        await second.sendTaskSuccess({ taskToken: token, output: '{"approved":true}' });
        return true;
      } catch {
        return false;
      }
    });
    const result = await second.waitForExecution(executionArn);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output as string)).toEqual({ approved: true });
  });

  it('redrives a failed execution from the failed state, keeping the successful part', async () => {
    // Prepare
    const clock = new ManualClock();
    let healthy = false;
    const prepare = jest.fn(async () => 'prepared');
    const work = jest.fn(async () => {
      if (!healthy) throw Object.assign(new Error('disk full'), { name: 'DiskFullError' });
      return 'worked';
    });
    const definition = {
      StartAt: 'Prepare',
      States: {
        Prepare: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:prepare',
          ResultPath: '$.p',
          Next: 'Work',
        },
        Work: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:work',
          ResultPath: '$.w',
          End: true,
        },
      },
    };
    const subject = engine(clock, { prepare, work });
    const { stateMachineArn } = subject.createStateMachine({ name: 'redrive', definition });
    const { executionArn } = await subject.startExecution({ stateMachineArn, name: 'r1' });
    const failed = await subject.waitForExecution(executionArn);

    // Act
    healthy = true;
    await subject.redriveExecution({ executionArn });
    const result = await subject.waitForExecution(executionArn);

    // Assess
    expect(failed).toMatchObject({ status: 'FAILED', error: 'DiskFullError', redriveStatus: 'REDRIVABLE' });
    expect(result).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
    expect(JSON.parse(result.output as string)).toEqual({ p: 'prepared', w: 'worked' });
    expect(prepare).toHaveBeenCalledTimes(1);
    const types = (await subject.getExecutionHistory({ executionArn })).events.map((e) => e.type);
    expect(types).toContain('ExecutionRedriven');
    await expect(subject.redriveExecution({ executionArn })).rejects.toMatchObject({
      name: 'ExecutionNotRedrivable',
    });
  });

  it('redrives only the failed iterations of a Map', async () => {
    // Prepare
    const clock = new ManualClock();
    const calls: number[] = [];
    let healthy = false;
    const item = jest.fn(async (n: unknown) => {
      calls.push(n as number);
      if (n === 2 && !healthy) throw new Error('flaky');
      return (n as number) * 10;
    });
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          // One at a time, so item 1 has surely succeeded when item 2 fails.
          MaxConcurrency: 1,
          ItemProcessor: {
            StartAt: 'Item',
            States: {
              Item: {
                Type: 'Task',
                Resource: 'arn:aws:lambda:us-east-1:123456789012:function:item',
                End: true,
              },
            },
          },
          End: true,
        },
      },
    };
    const subject = engine(clock, { item });
    const { stateMachineArn } = subject.createStateMachine({ name: 'map', definition });
    const { executionArn } = await subject.startExecution({ stateMachineArn, name: 'm1', input: '[1,2,3]' });
    await subject.waitForExecution(executionArn);
    calls.length = 0;

    // Act
    healthy = true;
    await subject.redriveExecution({ executionArn });
    const result = await subject.waitForExecution(executionArn);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output as string)).toEqual([10, 20, 30]);
    expect(calls).toEqual([2, 3]);
  });

  it('redrives only the failed branch of a Parallel', async () => {
    // Prepare
    const clock = new ManualClock();
    let healthy = false;
    const left = jest.fn(async () => 'left');
    const right = jest.fn(async () => {
      if (!healthy) throw new Error('right is down');
      return 'right';
    });
    const task = (fn: string) => ({
      Type: 'Task',
      Resource: `arn:aws:lambda:us-east-1:123456789012:function:${fn}`,
      End: true,
    });
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'left', States: { left: task('left') } },
            // The right branch fails only after the left one has finished, so the outcome is certain.
            {
              StartAt: 'Pause',
              States: { Pause: { Type: 'Wait', Seconds: 1, Next: 'right' }, right: task('right') },
            },
          ],
          End: true,
        },
      },
    };
    const subject = engine(clock, { left, right });
    const { stateMachineArn } = subject.createStateMachine({ name: 'par-redrive', definition });
    const { executionArn } = await subject.startExecution({ stateMachineArn, name: 'pr1' });
    await eventually(async () =>
      (await subject.getExecutionHistory({ executionArn })).events.some(
        (e) => e.type === 'LambdaFunctionSucceeded',
      ),
    );
    await eventually(() => clock.waiting > 0);
    await clock.advance(1_000);
    const failed = await subject.waitForExecution(executionArn);

    // Act
    healthy = true;
    await subject.redriveExecution({ executionArn });
    const result = await subject.waitForExecution(executionArn);

    // Assess
    expect(failed.status).toBe('FAILED');
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output as string)).toEqual(['left', 'right']);
    expect(left).toHaveBeenCalledTimes(1);
    expect(right).toHaveBeenCalledTimes(2);
  });

  it('returns the running execution for a duplicate StartExecution and rejects a different input', async () => {
    // Prepare
    const clock = new ManualClock();
    const subject = engine(clock);
    const { stateMachineArn } = subject.createStateMachine({ name: 'dup', definition: waitThenPass });
    const first = await subject.startExecution({ stateMachineArn, name: 'same', input: '{"a":1}' });

    // Act
    const again = await subject.startExecution({ stateMachineArn, name: 'same', input: '{"a":1}' });
    const different = subject.startExecution({ stateMachineArn, name: 'same', input: '{"a":2}' });

    // Assess
    expect(again).toEqual(first);
    await expect(different).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    const { executions } = await subject.listExecutions({ stateMachineArn });
    expect(executions).toHaveLength(1);
  });

  it('stops a running execution with ExecutionAborted', async () => {
    // Prepare
    const clock = new ManualClock();
    const subject = engine(clock);
    const { stateMachineArn } = subject.createStateMachine({ name: 'stop', definition: waitThenPass });
    const { executionArn } = await subject.startExecution({ stateMachineArn, name: 's1' });
    await eventually(() => clock.waiting > 0);

    // Act
    await subject.stopExecution({ executionArn, error: 'Manual', cause: 'operator' });

    // Assess
    const result = await subject.describeExecution({ executionArn });
    expect(result).toMatchObject({ status: 'ABORTED', error: 'Manual', cause: 'operator' });
    const { events } = await subject.getExecutionHistory({ executionArn, reverseOrder: true });
    expect(events[0]).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Manual' },
    });
  });

  it('restores variables and finished Parallel branches when resuming mid-wait', async () => {
    // Prepare
    const clock = new ManualClock();
    const once = jest.fn(async () => 'fast');
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Remember',
      States: {
        Remember: { Type: 'Pass', Assign: { runId: '{% $states.input.run %}' }, Next: 'Both' },
        Both: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Fast',
              States: {
                Fast: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:once', End: true },
              },
            },
            {
              StartAt: 'Slow',
              States: { Slow: { Type: 'Wait', Seconds: 60, Output: '{% $runId %}', End: true } },
            },
          ],
          Output: { branches: '{% $states.result %}', runId: '{% $runId %}' },
          End: true,
        },
      },
    };
    const first = engine(clock, { once });
    const { stateMachineArn } = first.createStateMachine({ name: 'par', definition });
    const { executionArn } = await first.startExecution({
      stateMachineArn,
      name: 'p1',
      input: '{"run":"r-7"}',
    });
    await eventually(async () => once.mock.calls.length === 1 && clock.waiting > 0);
    await eventually(async () =>
      (await store.readHistory(executionArn)).some((r) => r.event.type === 'LambdaFunctionSucceeded'),
    );

    // Act
    await first.shutdown();
    const second = engine(clock, { once });
    await second.recover();
    await eventually(() => clock.waiting > 0);
    await clock.advance(60_000);
    const result = await second.waitForExecution(executionArn);

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output as string)).toEqual({ branches: ['fast', 'r-7'], runId: 'r-7' });
    expect(once).toHaveBeenCalledTimes(1);
  });

  it('waits out the rest of a retry delay that a restart interrupted', async () => {
    // Prepare
    const clock = new ManualClock();
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls === 1) throw new Error('first time');
      return 'ok';
    };
    const definition = taskMachine([{ ErrorEquals: ['Error'], IntervalSeconds: 10, MaxAttempts: 1 }]);
    const first = engine(clock, { work: flaky });
    const { stateMachineArn } = first.createStateMachine({ name: 'retry', definition });
    const { executionArn } = await first.startExecution({ stateMachineArn, name: 'rt1' });
    await eventually(() => clock.waiting > 0);
    await clock.advance(4_000);

    // Act
    await first.shutdown();
    const second = engine(clock, { work: flaky });
    await second.recover();
    await eventually(() => clock.waiting > 0);
    await clock.advance(5_999);
    const early = calls;
    await clock.advance(1);
    const result = await second.waitForExecution(executionArn);

    // Assess
    expect(early).toBe(1);
    expect(result.status).toBe('SUCCEEDED');
  });

  it('lets only one of two engines drive an execution: the second writer stops on a conflict', async () => {
    // Prepare: two engines resume the same execution from the same store, as two processes would
    const clock = new ManualClock();
    const first = engine(clock);
    const { stateMachineArn } = first.createStateMachine({ name: 'two', definition: waitThenPass });
    const { executionArn } = await first.startExecution({ stateMachineArn, name: 'two1' });
    await eventually(() => clock.waiting > 0);
    await first.shutdown();
    const errors: unknown[] = [];
    const a = new StepFunctionsEngine({ store, clock, onError: (e) => errors.push(e) });
    const b = new StepFunctionsEngine({ store, clock, onError: (e) => errors.push(e) });
    engines.push(a, b);

    // Act
    await a.recover();
    await b.recover();
    await eventually(() => clock.waiting >= 2);
    await clock.advance(60_000);
    await a.waitForExecution(executionArn);
    await b.waitForExecution(executionArn);

    // Assess
    expect(errors).toEqual([expect.objectContaining({ name: 'HistoryConflictError' })]);
    const { events } = await a.getExecutionHistory({ executionArn });
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'ExecutionSucceeded')).toHaveLength(1);
  });

  it('keeps a 200 KB input and a 200 KB output of one execution', async () => {
    // Prepare
    const subject = engine(new ManualClock());
    const definition = {
      StartAt: 'Grow',
      States: {
        Grow: { Type: 'Pass', Parameters: { other: 'y'.repeat(200_000) }, End: true },
      },
    };
    const { stateMachineArn } = subject.createStateMachine({ name: 'large', definition });

    // Act
    const { executionArn } = await subject.startExecution({
      stateMachineArn,
      input: JSON.stringify({ data: 'x'.repeat(200_000) }),
    });
    await subject.waitForExecution(executionArn);
    const restarted = new StepFunctionsEngine({ store });
    const described = await restarted.describeExecution({ executionArn });

    // Assess
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.input).data.length).toBe(200_000);
    expect(JSON.parse(described.output as string).other.length).toBe(200_000);
  });
});
