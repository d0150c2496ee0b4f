import { createTaskResolver } from '../../../lib/engine/task-resolver';
import { runMachine } from '../../helpers/engine';

// Examples from the AWS Step Functions developer guide, "Processing input and output".
describe('JSONPath input and output processing', () => {
  it('applies InputPath, Parameters, ResultSelector, ResultPath and OutputPath in order', async () => {
    // Prepare
    const definition = {
      StartAt: 'Process',
      States: {
        Process: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:process',
          InputPath: '$.library',
          Parameters: { 'title.$': '$.book.title', static: 'value' },
          ResultSelector: { 'count.$': '$.count' },
          ResultPath: '$.library.result',
          OutputPath: '$.library',
          End: true,
        },
      },
    };
    const process = jest.fn(async () => ({ count: 3, noise: true }));

    // Act
    const result = await runMachine(
      definition,
      { library: { book: { title: 'Dune' } }, other: 1 },
      { resolver: createTaskResolver({ functions: { process } }) },
    );

    // Assess
    expect(process).toHaveBeenCalledWith({ title: 'Dune', static: 'value' }, expect.anything());
    expect(result).toMatchObject({
      status: 'SUCCEEDED',
      output: { book: { title: 'Dune' }, result: { count: 3 } },
    });
  });

  it('keeps the input and adds the result under ResultPath (guide: ResultPath example)', async () => {
    // Prepare: the guide's "Hello, AWS Step Functions!" comment example
    const definition = {
      StartAt: 'Greet',
      States: {
        Greet: { Type: 'Pass', Result: 'Hello, AWS Step Functions!', ResultPath: '$.taskresult', End: true },
      },
    };

    // Act
    const result = await runMachine(definition, {
      comment: 'This is a test of the input and output of a Task state.',
      details: 'Default example',
      who: 'AWS Step Functions',
    });

    // Assess
    expect(result.output).toEqual({
      comment: 'This is a test of the input and output of a Task state.',
      details: 'Default example',
      who: 'AWS Step Functions',
      taskresult: 'Hello, AWS Step Functions!',
    });
  });

  it('discards the result with ResultPath null and the input with InputPath null', async () => {
    // Prepare
    const definition = {
      StartAt: 'Discard',
      States: {
        Discard: { Type: 'Pass', Result: { ignored: true }, ResultPath: null, Next: 'Empty' },
        Empty: { Type: 'Pass', InputPath: null, End: true },
      },
    };

    // Act
    const result = await runMachine(definition, { keep: 1 });

    // Assess
    expect(result.events[2]).toMatchObject({ stateExitedEventDetails: { output: '{"keep":1}' } });
    expect(result.output).toEqual({});
  });

  it('reads the context object with $$', async () => {
    // Prepare
    const definition = {
      StartAt: 'Ctx',
      States: {
        Ctx: {
          Type: 'Pass',
          Parameters: { 'state.$': '$$.State.Name', 'input.$': '$$.Execution.Input.x' },
          End: true,
        },
      },
    };

    // Act
    const result = await runMachine(definition, { x: 42 });

    // Assess
    expect(result.output).toEqual({ state: 'Ctx', input: 42 });
  });

  it('selects with wildcards, filters and slices as an array', async () => {
    // Prepare: the guide's JSONPath filter examples over an array of items
    const definition = {
      StartAt: 'Select',
      States: {
        Select: {
          Type: 'Pass',
          Parameters: {
            'cheap.$': '$.items[?(@.price < 10)].name',
            'all.$': '$.items[*].name',
            'firstTwo.$': '$.items[0:2].price',
          },
          End: true,
        },
      },
    };

    // Act
    const result = await runMachine(definition, {
      items: [
        { name: 'a', price: 5 },
        { name: 'b', price: 15 },
        { name: 'c', price: 8 },
      ],
    });

    // Assess
    expect(result.output).toEqual({ cheap: ['a', 'c'], all: ['a', 'b', 'c'], firstTwo: [5, 15] });
  });

  it('fails with States.ResultPathMatchFailure when ResultPath runs into a non-object', async () => {
    // Prepare
    const definition = {
      StartAt: 'P',
      States: { P: { Type: 'Pass', Result: 1, ResultPath: '$.a.b', End: true } },
    };

    // Act
    const result = await runMachine(definition, { a: 'text' });

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ResultPathMatchFailure' });
  });

  it('fails with States.Runtime when InputPath selects nothing', async () => {
    // Prepare
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', InputPath: '$.missing', End: true } } };

    // Act
    const result = await runMachine(definition, {});

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('records GetExecutionHistory events with their AWS types and details', async () => {
    // Prepare
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };

    // Act
    const { events } = await runMachine(definition, { a: 1 });

    // Assess
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events[1]).toMatchObject({
      id: 2,
      previousEventId: 1,
      stateEnteredEventDetails: { name: 'P', input: '{"a":1}' },
    });
    expect(events[3]).toMatchObject({ executionSucceededEventDetails: { output: '{"a":1}' } });
  });

  it('follows the guide: InputPath $.dataset2 and the slice $.a[0:2]', async () => {
    // Prepare
    const definition = {
      StartAt: 'Filter',
      States: {
        Filter: { Type: 'Pass', InputPath: '$.dataset2', Next: 'Slice' },
        Slice: {
          Type: 'Pass',
          Parameters: { 'sliced.$': '$$.Execution.Input.a[0:2]', 'kept.$': '$' },
          End: true,
        },
      },
    };
    const input = {
      comment: 'Example for InputPath.',
      dataset1: { val1: 1, val2: 2, val3: 3 },
      dataset2: { val1: 'a', val2: 'b', val3: 'c' },
      a: [1, 2, 3, 4],
    };

    // Act
    const result = await runMachine(definition, input);

    // Assess
    expect(result.output).toEqual({ sliced: [1, 2], kept: { val1: 'a', val2: 'b', val3: 'c' } });
  });

  it('follows the guide: ResultSelector parses Payload.body of a lambda:invoke result', async () => {
    // Prepare: the "Configure output" tutorial's check-identity function
    const definition = {
      StartAt: 'Verify identity',
      States: {
        'Verify identity': {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'check-identity', 'Payload.$': '$.data.identity' },
          ResultSelector: { 'identity.$': 'States.StringToJson($.Payload.body)' },
          ResultPath: '$.results',
          End: true,
        },
      },
    };
    const checkIdentity = async () => ({
      statusCode: 200,
      body: JSON.stringify({ approved: true, message: 'identity validation passed' }),
    });

    // Act
    const result = await runMachine(
      definition,
      { data: { identity: { email: 'jdoe@example.com' } } },
      { resolver: createTaskResolver({ functions: { 'check-identity': checkIdentity } }) },
    );

    // Assess
    expect(result.output).toEqual({
      data: { identity: { email: 'jdoe@example.com' } },
      results: { identity: { approved: true, message: 'identity validation passed' } },
    });
  });
});
