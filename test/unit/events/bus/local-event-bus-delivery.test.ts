import { LocalEventBus } from '../../../../lib/events/bus/local-event-bus';
import type { BusRule } from '../../../../lib/events/bus/rules-from-config';
import type { EventEnvelope } from '../../../../lib/events/contracts';
import { compilePattern } from '../../../../lib/events/pattern/compile-pattern';
import { createMemoryStateStore } from '../../../../lib/store/memory/memory-state-store';
import { TestClock } from '../../../helpers/admission';

const rule = (overrides: Partial<BusRule> = {}): BusRule => ({
  name: 'requests',
  pattern: compilePattern({ source: ['conveyor'], 'detail-type': ['Retraining Requested'] }),
  target: 'admit',
  retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
  ...overrides,
});

const request = {
  Source: 'conveyor',
  DetailType: 'Retraining Requested',
  Detail: '{"model":"churn","reason":"manual"}',
};

const setup = (target: (event: EventEnvelope) => Promise<unknown>, rules = [rule()]) => {
  const store = createMemoryStateStore();
  const clock = new TestClock();
  const sleeps: number[] = [];
  const bus = new LocalEventBus({
    rules,
    targets: { admit: target },
    deadLetters: store.deadLetters,
    clock: clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms / 1000);
    },
    account: '123456789012',
    region: 'eu-west-1',
  });
  return { bus, store, clock, sleeps };
};

describe('the local bus delivers matching events to rule targets', () => {
  it('delivers an EventBridge envelope to the targets of matching rules only', async () => {
    const received: EventEnvelope[] = [];
    const { bus } = setup(
      async (e) => received.push(e),
      [rule(), rule({ name: 'other', pattern: compilePattern({ source: ['x'] }) })],
    );

    const { Entries } = await bus.putEvents([request]);
    await bus.drain();

    expect(received).toEqual([
      {
        version: '0',
        id: (Entries[0] as { EventId: string }).EventId,
        'detail-type': 'Retraining Requested',
        source: 'conveyor',
        account: '123456789012',
        time: '2026-11-26T10:00:00Z',
        region: 'eu-west-1',
        resources: [],
        detail: { model: 'churn', reason: 'manual' },
      },
    ]);
  });

  it('retries a failing target with backoff and succeeds within the policy', async () => {
    const target = jest.fn().mockRejectedValueOnce(new Error('throttled')).mockResolvedValue(undefined);
    const { bus, store, sleeps } = setup(target);

    await bus.putEvents([request]);
    await bus.drain();

    expect(target).toHaveBeenCalledTimes(2);
    expect(sleeps).toEqual([100]);
    expect(await store.deadLetters.list()).toEqual([]);
  });

  it('keeps the event as a dead letter once the retry attempts are spent', async () => {
    const target = jest.fn().mockRejectedValue(new TypeError('boom'));
    const { bus, store, sleeps } = setup(target);

    await bus.putEvents([request]);
    await bus.drain();

    expect(target).toHaveBeenCalledTimes(3);
    expect(sleeps).toEqual([100, 200]);
    const [letter] = await store.deadLetters.list();
    expect(letter).toMatchObject({
      rule: 'requests',
      target: 'admit',
      attempts: 3,
      error: { name: 'TypeError', message: 'boom' },
    });
    expect((letter as { event: EventEnvelope }).event.detail).toEqual({ model: 'churn', reason: 'manual' });
  });

  it('stops retrying when the event is older than the maximum event age', async () => {
    const target = jest.fn().mockRejectedValue(new Error('down'));
    const { bus, store } = setup(target, [
      rule({ retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 60 } }),
    ]);

    await bus.putEvents([{ ...request, Time: new Date('2026-11-26T09:59:30.000Z') }]);
    await bus.drain();

    // 30 s old at the first attempt; backoff 0.1 s, 0.2 s, ... passes 60 s after the 10th attempt.
    const [letter] = await store.deadLetters.list();
    expect(letter?.attempts).toBe(10);
    expect(target).toHaveBeenCalledTimes(10);
  });

  it('redrives dead letters to their target once, and keeps them as redriven', async () => {
    let healthy = false;
    const target = jest.fn(async () => {
      if (!healthy) throw new Error('down');
    });
    const { bus, store } = setup(target, [
      rule({ retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 } }),
    ]);
    await bus.putEvents([request, request]);
    await bus.drain();
    healthy = true;

    const result = await bus.redrive();
    const again = await bus.redrive();

    expect(result).toEqual({ redriven: 2, failed: 0 });
    expect(again).toEqual({ redriven: 0, failed: 0 });
    expect(await store.deadLetters.list()).toEqual([]);
    expect(await store.deadLetters.list({ includeRedriven: true })).toHaveLength(2);
  });

  it('dead-letters again an event whose redrive fails', async () => {
    const { bus, store } = setup(jest.fn().mockRejectedValue(new Error('still down')), [
      rule({ retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 } }),
    ]);
    await bus.putEvents([request]);
    await bus.drain();

    const result = await bus.redrive();

    expect(result).toEqual({ redriven: 0, failed: 1 });
    expect(await store.deadLetters.list()).toHaveLength(1);
    expect(await store.deadLetters.list({ includeRedriven: true })).toHaveLength(2);
  });

  it('routes an AWS service event emitted by a local twin, which PutEvents would refuse', async () => {
    const received: EventEnvelope[] = [];
    const s3Rule = rule({
      name: 's3',
      pattern: compilePattern({ source: ['aws.s3'], 'detail-type': ['Object Created'] }),
    });
    const { bus } = setup(async (e) => received.push(e), [s3Rule]);
    const event = {
      version: '0',
      id: 's3-1',
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: '123456789012',
      time: '2026-11-26T10:00:00Z',
      region: 'eu-west-1',
      resources: ['arn:aws:s3:::acme-data'],
      detail: { bucket: { name: 'acme-data' }, object: { key: 'churn/a.csv' } },
    };

    bus.emitServiceEvent(event);
    await bus.drain();

    expect(received).toEqual([event]);
  });
});
