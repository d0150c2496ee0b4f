import { runMachine } from '../../helpers/engine';

describe('workflow variables', () => {
  it('assigns in one state and reads in a later one (JSONPath)', async () => {
    // Prepare
    const definition = {
      StartAt: 'Store',
      States: {
        Store: { Type: 'Pass', Assign: { 'productName.$': '$.product', count: 42 }, Next: 'Other' },
        Other: { Type: 'Pass', Result: 'unrelated', Next: 'Use' },
        Use: { Type: 'Pass', Parameters: { 'name.$': '$productName', 'count.$': '$count' }, End: true },
      },
    };

    // Act
    const result = await runMachine(definition, { product: 'widget' });

    // Assess
    expect(result.output).toEqual({ name: 'widget', count: 42 });
    expect(result.events[2]).toMatchObject({
      stateExitedEventDetails: { assignedVariables: { productName: '"widget"', count: '42' } },
    });
  });

  it('evaluates Assign and Output of one state with the values from before the state', async () => {
    // Prepare
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'First',
      States: {
        First: { Type: 'Pass', Assign: { x: 1 }, Next: 'Second' },
        Second: { Type: 'Pass', Assign: { x: 2 }, Output: { seen: '{% $x %}' }, Next: 'Third' },
        Third: { Type: 'Pass', Output: { seen: '{% $states.input.seen %}', now: '{% $x %}' }, End: true },
      },
    };

    // Act
    const result = await runMachine(definition);

    // Assess
    expect(result.output).toEqual({ seen: 1, now: 2 });
  });

  it('lets Map iterations read outer variables while their own assignments stay inside', async () => {
    // Prepare
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { factor: 10 }, Next: 'Each' },
        Each: {
          Type: 'Map',
          Items: '{% $states.input.items %}',
          ItemProcessor: {
            StartAt: 'Scale',
            States: {
              Scale: { Type: 'Pass', Assign: { inner: '{% $states.input * $factor %}' }, Next: 'Emit' },
              Emit: { Type: 'Pass', Output: '{% $inner %}', End: true },
            },
          },
          Assign: { results: '{% $states.result %}' },
          Next: 'After',
        },
        After: {
          Type: 'Pass',
          Output: { results: '{% $results %}', inner: '{% $exists($inner) %}' },
          End: true,
        },
      },
    };

    // Act
    const result = await runMachine(definition, { items: [1, 2, 3] });

    // Assess
    expect(result.output).toEqual({ results: [10, 20, 30], inner: false });
  });

  it('scopes Parallel branches the same way', async () => {
    // Prepare
    const definition = {
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { base: 'outer' }, Next: 'Both' },
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'from.$': '$base' }, End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', Assign: { local: 1 }, Result: 'b', End: true } } },
          ],
          Next: 'Check',
        },
        Check: {
          Type: 'Choice',
          Choices: [{ Variable: '$local', IsPresent: true, Next: 'Leaked' }],
          Default: 'Fine',
        },
        Leaked: { Type: 'Fail', Error: 'Leaked' },
        Fine: { Type: 'Succeed' },
      },
    };

    // Act
    const result = await runMachine(definition);

    // Assess
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: [{ from: 'outer' }, 'b'] });
  });
});
