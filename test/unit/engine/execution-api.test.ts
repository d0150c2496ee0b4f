import { StepFunctionsEngine } from '../../../lib/engine/engine';

const definition = {
  StartAt: 'A',
  States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } },
};

describe('the execution API', () => {
  it('pages history and executions with maxResults and nextToken', async () => {
    // Prepare
    const engine = new StepFunctionsEngine();
    const { stateMachineArn } = engine.createStateMachine({ name: 'paged', definition });
    const arns: string[] = [];
    for (const name of ['one', 'two', 'three']) {
      const { executionArn } = await engine.startExecution({ stateMachineArn, name });
      await engine.waitForExecution(executionArn);
      arns.push(executionArn);
    }

    // Act
    const first = await engine.getExecutionHistory({ executionArn: arns[0] as string, maxResults: 4 });
    const rest = await engine.getExecutionHistory({
      executionArn: arns[0] as string,
      maxResults: 4,
      nextToken: first.nextToken,
    });
    const listed = await engine.listExecutions({ stateMachineArn, maxResults: 2 });
    const more = await engine.listExecutions({ stateMachineArn, maxResults: 2, nextToken: listed.nextToken });

    // Assess
    expect(first.events.map((e) => e.id)).toEqual([1, 2, 3, 4]);
    expect(rest).toEqual({
      events: [expect.objectContaining({ id: 5 }), expect.objectContaining({ id: 6 })],
    });
    expect([...listed.executions, ...more.executions].map((e) => e.name).sort()).toEqual([
      'one',
      'three',
      'two',
    ]);
    expect(more.nextToken).toBeUndefined();
  });

  it('rejects invalid definitions, unknown machines, bad names and unknown executions with AWS error names', async () => {
    // Prepare
    const engine = new StepFunctionsEngine();
    const { stateMachineArn } = engine.createStateMachine({ name: 'ok', definition });

    // Act and Assess
    expect(() =>
      engine.createStateMachine({ name: 'bad', definition: { StartAt: 'X', States: {} } }),
    ).toThrow(expect.objectContaining({ name: 'InvalidDefinition' }));
    await expect(engine.startExecution({ stateMachineArn: `${stateMachineArn}-nope` })).rejects.toMatchObject(
      {
        name: 'StateMachineDoesNotExist',
      },
    );
    await expect(engine.startExecution({ stateMachineArn, name: 'has space' })).rejects.toMatchObject({
      name: 'InvalidName',
    });
    await expect(engine.startExecution({ stateMachineArn, input: '{nope' })).rejects.toMatchObject({
      name: 'InvalidExecutionInput',
    });
    await expect(
      engine.startExecution({ stateMachineArn, input: JSON.stringify({ x: 'y'.repeat(262_144) }) }),
    ).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    await expect(engine.getExecutionHistory({ executionArn: 'x', nextToken: '!' })).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
    await expect(
      engine.describeExecution({ executionArn: 'arn:aws:states:us-east-1:1:execution:ok:none' }),
    ).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
  });

  it('describes a finished execution as describe-execution does', async () => {
    // Prepare
    const engine = new StepFunctionsEngine();
    const { stateMachineArn } = engine.createStateMachine({ name: 'desc', definition });

    // Act
    const { executionArn } = await engine.startExecution({
      stateMachineArn,
      name: 'run-1',
      input: '{"a":1}',
    });
    const described = await engine.waitForExecution(executionArn);

    // Assess
    expect(described).toMatchObject({
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:desc:run-1',
      stateMachineArn,
      name: 'run-1',
      status: 'SUCCEEDED',
      input: '{"a":1}',
      output: '{"a":1}',
      redriveCount: 0,
      redriveStatus: 'NOT_REDRIVABLE',
    });
    expect(described.stopDate).toBeInstanceOf(Date);
  });

  it('rejects reusing the name of a closed execution even with the same input, as AWS does', async () => {
    // Prepare
    const engine = new StepFunctionsEngine();
    const { stateMachineArn } = engine.createStateMachine({ name: 'once', definition });
    const { executionArn } = await engine.startExecution({ stateMachineArn, name: 'nightly', input: '{}' });
    await engine.waitForExecution(executionArn);

    // Act
    const again = engine.startExecution({ stateMachineArn, name: 'nightly', input: '{}' });

    // Assess
    await expect(again).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });
});
