import { validateDefinition } from '../../../lib/engine/validate-definition';

const pointers = (definition: unknown) => validateDefinition(definition).map((p) => p.pointer);

describe('definition validation', () => {
  it('accepts a valid definition with nested branches in both query languages', () => {
    // Prepare
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemProcessor: {
            StartAt: 'Inner',
            States: {
              Inner: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input %}', End: true },
            },
          },
          Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    };

    // Act
    const problems = validateDefinition(definition);

    // Assess
    expect(problems).toEqual([]);
  });

  it('reports a missing StartAt state, a bad Next and an unreachable state', () => {
    // Act
    const missingStart = pointers({ StartAt: 'Nope', States: { A: { Type: 'Pass', End: true } } });
    const result = pointers({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'Missing' }, B: { Type: 'Pass', End: true } },
    });

    // Assess
    expect(missingStart).toEqual(['/StartAt']);
    expect(result).toEqual(['/States/A/Next', '/States/B']);
  });

  it('reports fields of the wrong state type or query language', () => {
    // Act
    const result = pointers({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Resource: 'x', Next: 'B' },
        B: {
          Type: 'Task',
          QueryLanguage: 'JSONata',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: {},
          Next: 'C',
        },
        C: { Type: 'Pass', Output: {}, End: true },
      },
    });

    // Assess
    expect(result).toEqual(['/States/A/Resource', '/States/B/Parameters', '/States/C/Output']);
  });

  it('reports invalid paths, intrinsics, JSONata and ResultPaths that are not reference paths', () => {
    // Act
    const result = pointers({
      StartAt: 'A',
      States: {
        A: {
          Type: 'Pass',
          InputPath: 'no-dollar',
          ResultPath: '$.items[*]',
          Parameters: { 'x.$': 'States.Format(', nested: { 'y.$': '$..' } },
          Next: 'B',
        },
        B: { Type: 'Pass', QueryLanguage: 'JSONata', Output: { a: '{% $states.input. %}' }, End: true },
      },
    });

    // Assess
    expect(result).toEqual([
      '/States/A/Parameters/x.$',
      '/States/A/Parameters/nested/y.$',
      '/States/A/InputPath',
      '/States/A/ResultPath',
      '/States/B/Output/a',
    ]);
  });

  it('reports malformed Choice rules, Retry fields and Catch targets, escaping pointer segments', () => {
    // Act
    const result = pointers({
      StartAt: 'a/b',
      States: {
        'a/b': {
          Type: 'Choice',
          Choices: [
            { Variable: '$.x', Next: 'T' },
            { Not: { Variable: '$.y', StringEquals: 'z', Extra: 1 }, Next: 'T' },
          ],
          Default: 'T',
        },
        T: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:1:function:f',
          Retry: [{ ErrorEquals: ['States.ALL', 'X'], BackoffRate: 0.5, JitterStrategy: 'SOME' }],
          Catch: [{ ErrorEquals: ['X'], Next: 'Nowhere' }],
          End: true,
        },
      },
    });

    // Assess
    expect(result).toEqual([
      '/States/a~1b/Choices/0',
      '/States/a~1b/Choices/1/Not/Extra',
      '/States/T/Retry/0/ErrorEquals',
      '/States/T/Retry/0/BackoffRate',
      '/States/T/Retry/0/JitterStrategy',
      '/States/T/Catch/0/Next',
    ]);
  });

  it('requires exactly one wait field, Next or End, and unique state names across branches', () => {
    // Act
    const result = pointers({
      StartAt: 'W',
      States: {
        W: { Type: 'Wait', Seconds: 1, Timestamp: '2026-01-01T00:00:00Z', Next: 'P' },
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'W', States: { W: { Type: 'Pass' } } }],
          End: true,
        },
      },
    });

    // Assess
    expect(result).toEqual(['/States/W', '/States/P/Branches/0/States/W', '/States/P/Branches/0/States/W']);
  });

  it('checks Task resources and their timeout fields', () => {
    // Act
    const result = pointers({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'my-function',
          TimeoutSeconds: 10,
          TimeoutSecondsPath: '$.t',
          HeartbeatSeconds: 10,
          End: true,
        },
      },
    });

    // Assess
    expect(result).toEqual([
      '/States/T/Resource',
      '/States/T/TimeoutSecondsPath',
      '/States/T/HeartbeatSeconds',
    ]);
  });

  it('rejects variable names that are not identifiers or are reserved', () => {
    // Act
    const result = pointers({
      StartAt: 'A',
      States: {
        A: {
          Type: 'Pass',
          Assign: { ok: 1, 'fine.$': '$.x', '1bad': 2, states: 3, 'has-dash': 4 },
          End: true,
        },
      },
    });

    // Assess
    expect(result).toEqual(['/States/A/Assign/1bad', '/States/A/Assign/states', '/States/A/Assign/has-dash']);
  });
});
