import { StepFunctionsEngine } from '../../../lib/engine/engine';
import { eventually, ManualClock, runMachine } from '../../helpers/engine';

const choose = (rule: object) => ({
  StartAt: 'C',
  States: {
    C: { Type: 'Choice', Choices: [{ ...rule, Next: 'Yes' }], Default: 'No' },
    Yes: { Type: 'Pass', Result: 'yes', End: true },
    No: { Type: 'Pass', Result: 'no', End: true },
  },
});

describe('Choice rules and Wait', () => {
  const input = {
    name: 'model-v2',
    score: 0.92,
    min: 0.9,
    ok: true,
    at: '2026-01-01T00:00:00Z',
    nothing: null,
  };

  it.each([
    [{ Variable: '$.name', StringEquals: 'model-v2' }, 'yes'],
    [{ Variable: '$.name', StringMatches: 'model-*' }, 'yes'],
    [{ Variable: '$.name', StringLessThan: 'a' }, 'no'],
    [{ Variable: '$.score', NumericGreaterThanEqualsPath: '$.min' }, 'yes'],
    [{ Variable: '$.score', NumericLessThan: 0.5 }, 'no'],
    [{ Variable: '$.ok', BooleanEquals: true }, 'yes'],
    [{ Variable: '$.at', TimestampLessThan: '2026-06-01T00:00:00Z' }, 'yes'],
    [{ Variable: '$.nothing', IsNull: true }, 'yes'],
    [{ Variable: '$.missing', IsPresent: false }, 'yes'],
    [{ Variable: '$.score', IsNumeric: true }, 'yes'],
    [{ Variable: '$.at', IsTimestamp: true }, 'yes'],
    [{ Variable: '$.name', NumericEquals: 1 }, 'no'],
    [
      {
        And: [
          { Variable: '$.ok', BooleanEquals: true },
          { Not: { Variable: '$.score', NumericLessThan: 0.9 } },
        ],
      },
      'yes',
    ],
    [
      {
        Or: [
          { Variable: '$.ok', BooleanEquals: false },
          { Variable: '$.name', IsString: true },
        ],
      },
      'yes',
    ],
  ])('%j -> %s', async (rule, expected) => {
    // Act
    const result = await runMachine(choose(rule), input);

    // Assess
    expect(result.output).toBe(expected);
  });

  it('fails with States.Runtime when a Variable path is missing', async () => {
    // Act
    const result = await runMachine(choose({ Variable: '$.missing', StringEquals: 'x' }), input);

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('waits until a past Timestamp immediately and passes the input through', async () => {
    // Prepare
    const definition = { StartAt: 'W', States: { W: { Type: 'Wait', TimestampPath: '$.at', End: true } } };

    // Act
    const result = await runMachine(definition, { at: '2020-01-01T00:00:00Z' });

    // Assess
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { at: '2020-01-01T00:00:00Z' } });
  });

  it('waits SecondsPath seconds from the state input', async () => {
    // Prepare
    const clock = new ManualClock();
    const engine = new StepFunctionsEngine({ clock });
    const definition = { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.delay', End: true } } };
    const { stateMachineArn } = engine.createStateMachine({ name: 'w', definition });
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{"delay":30}' });
    await eventually(() => clock.waiting > 0);

    // Act
    await clock.advance(29_000);
    const before = await engine.describeExecution({ executionArn });
    await clock.advance(1_000);
    const after = await engine.waitForExecution(executionArn);

    // Assess
    expect(before.status).toBe('RUNNING');
    expect(after).toMatchObject({ status: 'SUCCEEDED', output: '{"delay":30}' });
  });

  it('fails with States.Runtime when SecondsPath is not a non-negative integer', async () => {
    // Act
    const result = await runMachine(
      { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.delay', End: true } } },
      { delay: 'soon' },
    );

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});
