import { InvalidEventError } from '../../../../lib/errors/invalid-event-error';
import { LocalEventBus } from '../../../../lib/events/bus/local-event-bus';
import { entrySize, MAX_REQUEST_BYTES } from '../../../../lib/events/bus/put-events';
import { createMemoryStateStore } from '../../../../lib/store/memory/memory-state-store';

const bus = () =>
  new LocalEventBus({ rules: [], targets: {}, deadLetters: createMemoryStateStore().deadLetters });
const ok = { Source: 'conveyor', DetailType: 'Retraining Requested', Detail: '{"model":"churn"}' };

describe('the local bus applies PutEvents rules as EventBridge does', () => {
  it('computes entry size as AWS documents it: Time is 14 bytes, the rest UTF-8 bytes', () => {
    const size = entrySize({ ...ok, Detail: '{"é":1}', Resources: ['arn:a', 'arn:b'], Time: new Date() });

    expect(size).toBe(14 + 'conveyor'.length + 'Retraining Requested'.length + 8 + 10);
  });

  it('accepts entries and answers an event id for each', async () => {
    const response = await bus().putEvents([ok, ok]);

    expect(response.FailedEntryCount).toBe(0);
    expect(response.Entries).toEqual([{ EventId: expect.any(String) }, { EventId: expect.any(String) }]);
  });

  it('reports bad entries one by one with ErrorCode and ErrorMessage, accepting the others', async () => {
    const response = await bus().putEvents([
      ok,
      { DetailType: 'x', Detail: '{}' },
      { Source: 'conveyor', Detail: '{}' },
      { Source: 'conveyor', DetailType: 'x' },
      { Source: 'conveyor', DetailType: 'x', Detail: '{not json' },
      { Source: 'conveyor', DetailType: 'x', Detail: '[1]' },
      { Source: 'aws.s3', DetailType: 'Object Created', Detail: '{}' },
    ]);

    expect(response.FailedEntryCount).toBe(6);
    expect(response.Entries).toEqual([
      { EventId: expect.any(String) },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
      },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
      },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.',
      },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
    ]);
  });

  it('rejects a request of more than 10 entries, or none', async () => {
    await expect(bus().putEvents(Array(11).fill(ok))).rejects.toThrow(InvalidEventError);
    await expect(bus().putEvents([])).rejects.toThrow('Member must have length less than or equal to 10');
  });

  it('rejects a request whose total entry size is over 256 KB, and accepts one exactly at it', async () => {
    const overhead = entrySize({ ...ok, Detail: '{"p":""}' });
    const padded = (bytes: number) => ({ ...ok, Detail: `{"p":"${'x'.repeat(bytes - overhead)}"}` });

    await expect(bus().putEvents([padded(MAX_REQUEST_BYTES)])).resolves.toMatchObject({
      FailedEntryCount: 0,
    });
    await expect(bus().putEvents([padded(MAX_REQUEST_BYTES + 1)])).rejects.toThrow(
      'Total size of the entries in the request is over the limit',
    );
  });
});
