import { createTaskResolver } from '../../../lib/engine/task-resolver';
import { runMachine } from '../../helpers/engine';

describe('Map and Parallel states', () => {
  it('maps ItemsPath items through ItemSelector with $$.Map.Item (guide example)', async () => {
    // Prepare
    const definition = {
      StartAt: 'Ship',
      States: {
        Ship: {
          Type: 'Map',
          ItemsPath: '$.detail.shipped',
          ItemSelector: {
            'parcel.$': '$$.Map.Item.Value',
            'index.$': '$$.Map.Item.Index',
            'courier.$': '$.delivery-partner',
          },
          MaxConcurrency: 2,
          ItemProcessor: { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
          ResultPath: '$.detail.shipped',
          End: true,
        },
      },
    };

    // Act
    const result = await runMachine(definition, {
      'delivery-partner': 'UQS',
      detail: { shipped: [{ prod: 'R31' }, { prod: 'S39' }] },
    });

    // Assess
    expect(result.output).toEqual({
      'delivery-partner': 'UQS',
      detail: {
        shipped: [
          { parcel: { prod: 'R31' }, index: 0, courier: 'UQS' },
          { parcel: { prod: 'S39' }, index: 1, courier: 'UQS' },
        ],
      },
    });
    expect(result.events.filter((e) => e.type === 'MapIterationSucceeded')).toHaveLength(2);
    expect(result.events.find((e) => e.type === 'MapStateStarted')).toMatchObject({
      mapStateStartedEventDetails: { length: 2 },
    });
  });

  it('follows the guide: ItemSelector with a static size and $$.Map.Item.Value over imageData', async () => {
    // Prepare
    const definition = {
      StartAt: 'Resize',
      States: {
        Resize: {
          Type: 'Map',
          ItemsPath: '$.imageData',
          ItemSelector: { size: 10, 'value.$': '$$.Map.Item.Value' },
          ItemProcessor: { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    };
    const imageData = [
      { resize: 'true', format: 'jpg' },
      { resize: 'false', format: 'png' },
      { resize: 'true', format: 'jpg' },
    ];

    // Act
    const result = await runMachine(definition, { imageData });

    // Assess: the guide shows one iteration's input, { size: 10, value: { resize: 'true', format: 'jpg' } }
    expect(result.output).toEqual(imageData.map((value) => ({ size: 10, value })));
  });

  it('fails the Map with the iteration error, or tolerates failures up to ToleratedFailureCount', async () => {
    // Prepare
    const machine = (extra: object) => ({
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ...extra,
          ItemProcessor: {
            StartAt: 'Check',
            States: {
              Check: {
                Type: 'Choice',
                Choices: [{ Variable: '$', NumericEquals: 2, Next: 'Bad' }],
                Default: 'Good',
              },
              Bad: { Type: 'Fail', Error: 'ItemFailed', Cause: 'two' },
              Good: { Type: 'Pass', End: true },
            },
          },
          End: true,
        },
      },
    });

    // Act
    const strict = await runMachine(machine({}), [1, 2, 3]);
    const tolerant = await runMachine(machine({ ToleratedFailureCount: 1 }), [1, 2, 3]);
    const exceeded = await runMachine(machine({ ToleratedFailurePercentage: 10 }), [1, 2, 3]);

    // Assess
    expect(strict).toMatchObject({ status: 'FAILED', error: 'ItemFailed', cause: 'two' });
    expect(tolerant).toMatchObject({
      status: 'SUCCEEDED',
      output: [1, { Error: 'ItemFailed', Cause: 'two' }, 3],
    });
    expect(exceeded).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
  });

  it('runs Parallel branches on the same input and returns their outputs in order (guide example)', async () => {
    // Prepare
    const definition = {
      StartAt: 'LookupCustomerInfo',
      States: {
        LookupCustomerInfo: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Name',
              States: {
                Name: {
                  Type: 'Pass',
                  Result: { fname: 'Jack', lname: 'Johnson' },
                  ResultPath: '$.Name',
                  End: true,
                },
              },
            },
            {
              StartAt: 'Address',
              States: {
                Address: { Type: 'Pass', Result: { Zip: '90210' }, ResultPath: '$.Address', End: true },
              },
            },
          ],
          Next: 'Combine',
        },
        Combine: {
          Type: 'Pass',
          Parameters: { 'Name.$': '$[0].Name', 'Address.$': '$[1].Address' },
          End: true,
        },
      },
    };

    // Act
    const result = await runMachine(definition, {});

    // Assess
    expect(result.output).toEqual({ Name: { fname: 'Jack', lname: 'Johnson' }, Address: { Zip: '90210' } });
  });

  it('fails a Parallel with a branch error, which a Catch can handle', async () => {
    // Prepare
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Ok',
              States: {
                Ok: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:slow', End: true },
              },
            },
            { StartAt: 'No', States: { No: { Type: 'Fail', Error: 'BranchBroke' } } },
          ],
          Catch: [{ ErrorEquals: ['BranchBroke'], ResultPath: '$.error', Next: 'Handled' }],
          End: true,
        },
        Handled: { Type: 'Pass', End: true },
      },
    };
    const slow = () => new Promise(() => undefined);

    // Act
    const result = await runMachine(
      definition,
      { in: 1 },
      { resolver: createTaskResolver({ functions: { slow } }) },
    );

    // Assess
    expect(result).toMatchObject({
      status: 'SUCCEEDED',
      output: { in: 1, error: { Error: 'BranchBroke', Cause: '' } },
    });
    expect(result.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['ParallelStateFailed', 'ParallelStateExited', 'PassStateExited']),
    );
  });
});
