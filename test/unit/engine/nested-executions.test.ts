import { StepFunctionsEngine } from '../../../lib/engine/engine';

const child = {
  StartAt: 'Check',
  States: {
    Check: {
      Type: 'Choice',
      Choices: [{ Variable: '$.ok', BooleanEquals: false, Next: 'Broken' }],
      Default: 'Double',
    },
    Double: { Type: 'Pass', Parameters: { 'value.$': 'States.MathAdd($.n, $.n)' }, End: true },
    Broken: { Type: 'Fail', Error: 'ChildFailed', Cause: 'asked to fail' },
  },
};

const parent = (childArn: string, resource: string) => ({
  StartAt: 'Run child',
  States: {
    'Run child': {
      Type: 'Task',
      Resource: resource,
      Parameters: { StateMachineArn: childArn, 'Input.$': '$' },
      End: true,
    },
  },
});

const run = async (resource: string, input: object) => {
  const engine = new StepFunctionsEngine();
  const { stateMachineArn: childArn } = engine.createStateMachine({ name: 'child', definition: child });
  const { stateMachineArn } = engine.createStateMachine({
    name: 'parent',
    definition: parent(childArn, resource),
  });
  const { executionArn } = await engine.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  return { engine, childArn, result: await engine.waitForExecution(executionArn) };
};

describe('states:startExecution, served by the engine itself', () => {
  it('.sync:2 waits for the child and returns its output as JSON', async () => {
    // Act
    const { result } = await run('arn:aws:states:::states:startExecution.sync:2', { n: 21, ok: true });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output as string)).toMatchObject({
      Status: 'SUCCEEDED',
      Output: { value: 42 },
      Input: { n: 21, ok: true },
    });
  });

  it('.sync returns the child output as a string and fails with States.TaskFailed when the child fails', async () => {
    // Act
    const success = await run('arn:aws:states:::states:startExecution.sync', { n: 1, ok: true });
    const failure = await run('arn:aws:states:::states:startExecution.sync', { n: 1, ok: false });

    // Assess
    expect(JSON.parse(success.result.output as string)).toMatchObject({ Output: '{"value":2}' });
    expect(failure.result).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(JSON.parse(failure.result.cause as string)).toMatchObject({
      Status: 'FAILED',
      Error: 'ChildFailed',
    });
  });

  it('without .sync returns the child ExecutionArn at once', async () => {
    // Act
    const { engine, childArn, result } = await run('arn:aws:states:::states:startExecution', {
      n: 2,
      ok: true,
    });

    // Assess
    const output = JSON.parse(result.output as string) as { ExecutionArn: string };
    expect(output.ExecutionArn).toMatch(/:execution:child:/);
    const { executions } = await engine.listExecutions({ stateMachineArn: childArn });
    expect(executions).toHaveLength(1);
  });
});
