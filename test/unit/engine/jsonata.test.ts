import { StepFunctionsEngine } from '../../../lib/engine/engine';
import { createTaskResolver } from '../../../lib/engine/task-resolver';
import { eventually, ManualClock, runMachine } from '../../helpers/engine';

describe('JSONata states', () => {
  it('evaluates Arguments and Output with $states.input and $states.result', async () => {
    // Prepare: the guide's "Transforming data with JSONata" pattern
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Price',
      States: {
        Price: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: 'price', Payload: { items: '{% $states.input.cart.price %}' } },
          Output: { total: '{% $sum($states.result.Payload.prices) %}', who: '{% $states.input.customer %}' },
          End: true,
        },
      },
    };
    const price = jest.fn(async (payload: unknown) => ({ prices: (payload as { items: number[] }).items }));

    // Act
    const result = await runMachine(
      definition,
      { customer: 'ada', cart: [{ price: 2 }, { price: 3 }] },
      {
        resolver: createTaskResolver({ functions: { price } }),
      },
    );

    // Assess
    expect(price).toHaveBeenCalledWith({ items: [2, 3] }, expect.anything());
    expect(result.output).toEqual({ total: 5, who: 'ada' });
  });

  it('provides the Step Functions functions $partition, $range, $hash, $parse and $uuid', async () => {
    // Prepare
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Fns',
      States: {
        Fns: {
          Type: 'Pass',
          Output: {
            partition: '{% $partition([1,2,3,4], 2) %}',
            range: '{% $range(0, 10, 2) %}',
            hash: "{% $hash('Hello World', 'SHA-256') %}",
            parse: `{% $parse('{"a":1}') %}`,
            uuid: '{% $length($uuid()) %}',
          },
          End: true,
        },
      },
    };

    // Act
    const result = await runMachine(definition);

    // Assess
    expect(result.output).toEqual({
      partition: [
        [1, 2],
        [3, 4],
      ],
      range: [0, 2, 4, 6, 8, 10],
      hash: 'a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e',
      parse: { a: 1 },
      uuid: 36,
    });
  });

  it('routes with Choice Conditions and reads $states.context', async () => {
    // Prepare
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Route',
      States: {
        Route: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $states.input.n > 10 %}', Next: 'Big', Assign: { size: 'big' } }],
          Default: 'Small',
          Output: { n: '{% $states.input.n %}' },
        },
        Big: {
          Type: 'Pass',
          Output: {
            size: '{% $size %}',
            n: '{% $states.input.n %}',
            state: '{% $states.context.State.Name %}',
          },
          End: true,
        },
        Small: { Type: 'Pass', Output: 'small', End: true },
      },
    };

    // Act
    const big = await runMachine(definition, { n: 11 });
    const small = await runMachine(definition, { n: 1 });

    // Assess
    expect(big.output).toEqual({ size: 'big', n: 11, state: 'Big' });
    expect(small.output).toBe('small');
  });

  it('exposes $states.errorOutput in a Catch Output', async () => {
    // Prepare
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Boom',
      States: {
        Boom: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:boom',
          Catch: [
            {
              ErrorEquals: ['States.ALL'],
              Output: { caught: '{% $states.errorOutput.Error %}' },
              Next: 'Done',
            },
          ],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    };
    const boom = async () => {
      throw Object.assign(new Error('no'), { name: 'ModelNotFoundError' });
    };

    // Act
    const result = await runMachine(
      definition,
      {},
      { resolver: createTaskResolver({ functions: { boom } }) },
    );

    // Assess
    expect(result.output).toEqual({ caught: 'ModelNotFoundError' });
  });

  it('fails with States.QueryEvaluationError when an expression errors at run time', async () => {
    // Prepare
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: { P: { Type: 'Pass', Output: "{% $number('x') + {} %}", End: true } },
    };

    // Act
    const result = await runMachine(definition);

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
  });

  it('lets one state use JSONata inside a JSONPath machine', async () => {
    // Prepare
    const definition = {
      StartAt: 'Old',
      States: {
        Old: { Type: 'Pass', Parameters: { 'x.$': '$.x' }, Next: 'New' },
        New: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input.x * 2 %}', End: true },
      },
    };

    // Act
    const result = await runMachine(definition, { x: 21 });

    // Assess
    expect(result.output).toBe(42);
  });

  it('maps Items through ItemSelector with $states.context.Map.Item and a computed MaxConcurrency', async () => {
    // Prepare
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          Items: '{% $states.input.orders %}',
          MaxConcurrency: '{% $states.input.parallelism %}',
          ItemSelector: {
            index: '{% $states.context.Map.Item.Index %}',
            sku: '{% $states.context.Map.Item.Value.sku %}',
            store: '{% $states.input.store %}',
          },
          ItemProcessor: { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
          Output: '{% $states.result[index > 0] %}',
          End: true,
        },
      },
    };

    // Act
    const result = await runMachine(definition, {
      store: 's1',
      parallelism: 1,
      orders: [{ sku: 'a' }, { sku: 'b' }, { sku: 'c' }],
    });

    // Assess
    expect(result.output).toEqual([
      { index: 1, sku: 'b', store: 's1' },
      { index: 2, sku: 'c', store: 's1' },
    ]);
  });

  it('waits for a computed number of Seconds', async () => {
    // Prepare
    const clock = new ManualClock();
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Pause',
      States: { Pause: { Type: 'Wait', Seconds: '{% $states.input.delay * 2 %}', End: true } },
    };
    const engine = new StepFunctionsEngine({ clock });
    const { stateMachineArn } = engine.createStateMachine({ name: 'w', definition });
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{"delay":5}' });
    await eventually(() => clock.waiting > 0);

    // Act
    await clock.advance(9_999);
    const before = await engine.describeExecution({ executionArn });
    await clock.advance(1);
    const after = await engine.waitForExecution(executionArn);

    // Assess
    expect(before.status).toBe('RUNNING');
    expect(after.status).toBe('SUCCEEDED');
  });
});
