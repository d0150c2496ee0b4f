import { StepFunctionsEngine } from '../../../lib/engine/engine';
import { createTaskResolver, type TaskHandler } from '../../../lib/engine/task-resolver';
import { eventually, ManualClock, runMachine } from '../../helpers/engine';

const task = (extra: object, resource = 'arn:aws:lambda:us-east-1:123456789012:function:work') => ({
  StartAt: 'Work',
  States: { Work: { Type: 'Task', Resource: resource, ...extra, End: true } },
});

const start = async (definition: object, functions: Record<string, TaskHandler>, clock: ManualClock) => {
  const engine = new StepFunctionsEngine({ clock, resolver: createTaskResolver({ functions }) });
  const { stateMachineArn } = engine.createStateMachine({ name: 'm', definition });
  const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{"keep":true}' });
  return { engine, executionArn };
};

class ModelNotReadyError extends Error {
  override name = 'ModelNotReadyError';
}

describe('Retry, Catch, timeouts and heartbeats', () => {
  it('retries with IntervalSeconds and BackoffRate, then succeeds', async () => {
    // Prepare
    const clock = new ManualClock();
    let calls = 0;
    const work = async () => {
      calls++;
      if (calls < 3) throw new ModelNotReadyError('not yet');
      return 'ready';
    };
    const retry = [
      { ErrorEquals: ['ModelNotReadyError'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3 },
    ];
    const { engine, executionArn } = await start(task({ Retry: retry }), { work }, clock);

    // Act: the first retry comes after 2 s, the second after 6 s more
    await eventually(() => clock.waiting > 0);
    await clock.advance(1_999);
    const beforeFirstRetry = calls;
    await clock.advance(1);
    await eventually(() => clock.waiting > 0);
    await clock.advance(6_000);
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(beforeFirstRetry).toBe(1);
    expect(calls).toBe(3);
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: '"ready"' });
  });

  it('caps retry delays at MaxDelaySeconds and scales them down with FULL jitter', async () => {
    // Prepare: delays 10 s then min(100, 15) = 15 s; with FULL jitter and random 0.5, half of each
    const run = async (jitter: 'NONE' | 'FULL') => {
      const clock = new ManualClock();
      let calls = 0;
      const work = async () => {
        calls++;
        if (calls < 3) throw new ModelNotReadyError('not yet');
        return 'ready';
      };
      const retry = [
        {
          ErrorEquals: ['States.ALL'],
          IntervalSeconds: 10,
          BackoffRate: 10,
          MaxDelaySeconds: 15,
          JitterStrategy: jitter,
        },
      ];
      const { engine, executionArn } = await start(task({ Retry: retry }), { work }, clock);
      const waits: number[] = [];
      for (const step of [1, 2]) {
        await eventually(() => clock.waiting > 0);
        let waited = 0;
        while (calls === step) {
          await clock.advance(500);
          waited += 500;
        }
        waits.push(waited);
      }
      await engine.waitForExecution(executionArn);
      return waits;
    };
    const random = jest.spyOn(Math, 'random').mockReturnValue(0.5);

    // Act
    const plain = await run('NONE');
    const jittered = await run('FULL');
    random.mockRestore();

    // Assess
    expect(plain).toEqual([10_000, 15_000]);
    expect(jittered).toEqual([5_000, 7_500]);
  });

  it('catches into ResultPath after MaxAttempts, keeping the input', async () => {
    // Prepare
    const work = async () => {
      throw new ModelNotReadyError('never');
    };
    const definition = {
      StartAt: 'Work',
      States: {
        Work: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:work',
          Retry: [{ ErrorEquals: ['ModelNotReadyError'], MaxAttempts: 0 }],
          Catch: [{ ErrorEquals: ['ModelNotReadyError'], ResultPath: '$.error', Next: 'Recorded' }],
          End: true,
        },
        Recorded: { Type: 'Pass', End: true },
      },
    };

    // Act
    const result = await runMachine(
      definition,
      { keep: true },
      { resolver: createTaskResolver({ functions: { work } }) },
    );

    // Assess
    const output = result.output as { keep: boolean; error: { Error: string; Cause: string } };
    expect(output.keep).toBe(true);
    expect(output.error.Error).toBe('ModelNotReadyError');
    expect(JSON.parse(output.error.Cause)).toMatchObject({
      errorType: 'ModelNotReadyError',
      errorMessage: 'never',
    });
  });

  it('wraps lambda:invoke results in Payload and reports the thrown error name', async () => {
    // Prepare
    const ok = async (event: unknown) => ({ echoed: event });
    const bad = async () => {
      throw new ModelNotReadyError('bad');
    };
    const invoke = (name: string) =>
      task({ Parameters: { FunctionName: name, 'Payload.$': '$' } }, 'arn:aws:states:::lambda:invoke');
    const resolver = createTaskResolver({ functions: { ok, bad } });

    // Act
    const success = await runMachine(invoke('ok'), { a: 1 }, { resolver });
    const failure = await runMachine(invoke('bad'), {}, { resolver });
    const missing = await runMachine(invoke('nope'), {}, { resolver });

    // Assess
    expect(success.output).toMatchObject({
      Payload: { echoed: { a: 1 } },
      StatusCode: 200,
      ExecutedVersion: '$LATEST',
    });
    expect(success.events.map((e) => e.type)).toContain('TaskScheduled');
    expect(failure).toMatchObject({ status: 'FAILED', error: 'ModelNotReadyError' });
    expect(missing).toMatchObject({ status: 'FAILED', error: 'Lambda.ResourceNotFoundException' });
  });

  it('times a task out with States.Timeout after TimeoutSeconds', async () => {
    // Prepare
    const clock = new ManualClock();
    const { engine, executionArn } = await start(
      task({ TimeoutSeconds: 5 }),
      { work: () => new Promise(() => undefined) },
      clock,
    );
    await eventually(() => clock.waiting > 0);

    // Act
    await clock.advance(5_000);
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    const { events } = await engine.getExecutionHistory({ executionArn });
    expect(events.map((e) => e.type)).toContain('LambdaFunctionTimedOut');
  });

  it('fails a callback task with States.HeartbeatTimeout unless heartbeats keep it alive', async () => {
    // Prepare
    const clock = new ManualClock();
    let token = '';
    const ask: TaskHandler = (_input, context) => {
      token = context.taskToken as string;
      return null;
    };
    const definition = task(
      { HeartbeatSeconds: 10, Parameters: { FunctionName: 'ask', Payload: { 'token.$': '$$.Task.Token' } } },
      'arn:aws:states:::lambda:invoke.waitForTaskToken',
    );
    const { engine, executionArn } = await start(definition, { ask }, clock);
    await eventually(() => token !== '' && clock.waiting > 0);

    // Act
    await clock.advance(9_000);
    await engine.sendTaskHeartbeat({ taskToken: token });
    await clock.advance(9_000);
    const alive = await engine.describeExecution({ executionArn });
    await clock.advance(1_000);
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(alive.status).toBe('RUNNING');
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    await expect(engine.sendTaskSuccess({ taskToken: token, output: '{}' })).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
    await expect(engine.sendTaskSuccess({ taskToken: 'unknown', output: '{}' })).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
    });
  });

  it('fails a callback task with the error of SendTaskFailure', async () => {
    // Prepare
    const clock = new ManualClock();
    let token = '';
    const definition = task(
      { Parameters: { 'token.$': '$$.Task.Token' } },
      'arn:aws:states:::events:putEvents.waitForTaskToken',
    );
    const engine = new StepFunctionsEngine({
      clock,
      resolver: createTaskResolver({
        integrations: {
          'arn:aws:states:::events:putEvents': (input) => {
            token = (input as { token: string }).token;
            return { Entries: [] };
          },
        },
      }),
    });
    const { stateMachineArn } = engine.createStateMachine({ name: 'm', definition });
    const { executionArn } = await engine.startExecution({ stateMachineArn });
    await eventually(() => token !== '');

    // Act
    await engine.sendTaskFailure({ taskToken: token, error: 'ApprovalRejectedError', cause: 'no' });
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'ApprovalRejectedError', cause: 'no' });
  });

  it('uses ErrorPath and CausePath in a Fail state and NoChoiceMatched in a Choice', async () => {
    // Prepare
    const fail = {
      StartAt: 'F',
      States: { F: { Type: 'Fail', ErrorPath: '$.e', CausePath: "States.Format('bad {}', $.c)" } },
    };
    const choice = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', StringEquals: 'y', Next: 'D' }] },
        D: { Type: 'Succeed' },
      },
    };

    // Act
    const failed = await runMachine(fail, { e: 'Custom', c: 'thing' });
    const unmatched = await runMachine(choice, { x: 'z' });

    // Assess
    expect(failed).toMatchObject({ status: 'FAILED', error: 'Custom', cause: 'bad thing' });
    expect(unmatched).toMatchObject({ status: 'FAILED', error: 'States.NoChoiceMatched' });
  });

  it('fails with States.DataLimitExceeded over 256 KB, which States.ALL does not catch', async () => {
    // Prepare
    const definition = {
      StartAt: 'Big',
      States: {
        Big: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:big',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Succeed' },
      },
    };
    const big = async () => 'x'.repeat(300 * 1024);

    // Act
    const result = await runMachine(definition, {}, { resolver: createTaskResolver({ functions: { big } }) });

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('times the whole execution out after the machine TimeoutSeconds', async () => {
    // Prepare
    const clock = new ManualClock();
    const definition = {
      TimeoutSeconds: 10,
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 60, End: true } },
    };
    const { engine, executionArn } = await start(definition, {}, clock);
    await eventually(() => clock.waiting > 1);

    // Act
    await clock.advance(10_000);
    const result = await engine.waitForExecution(executionArn);

    // Assess
    expect(result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
  });
});
