import { admitEvent } from '../../../../lib/events/admission/admit-event';
import { flushDueTriggers } from '../../../../lib/events/admission/flush-due-triggers';
import { ObjectCreated } from '../../../../lib/events/contracts';
import { createMemoryStateStore } from '../../../../lib/store/memory/memory-state-store';
import {
  admissionDeps,
  eventOf,
  registerModels,
  s3Detail,
  specFor,
  TestClock,
} from '../../../helpers/admission';

describe('the sweep, when one model fails', () => {
  it('starts the other models whose debounce closed, and retries the failing one with backoff', async () => {
    // Prepare: alpha's queue cannot be read; beta has an arrival whose window closes
    const store = createMemoryStateStore();
    const debounced = { retraining: { dataArrival: { debounce: 60 } } };
    await registerModels(store, [specFor('alpha', debounced), specFor('beta', debounced)]);
    const clock = new TestClock();
    let alphaBroken = true;
    const list = store.triggers.list.bind(store.triggers);
    store.triggers.list = async (model, environment) => {
      if (model === 'alpha' && alphaBroken) throw new Error('ProvisionedThroughputExceededException');
      return list(model, environment);
    };
    const { deps, starter } = admissionDeps(store, clock);
    await admitEvent(
      eventOf(ObjectCreated, s3Detail('acme-data', 'beta/part-1.csv', 'v1'), { id: 'b1' }),
      deps,
    );
    clock.advance(60);

    // Act
    const first = await flushDueTriggers(deps);
    clock.advance(30);
    const soon = await flushDueTriggers(deps);
    alphaBroken = false;
    clock.advance(60);
    const later = await flushDueTriggers(deps);

    // Assess
    expect(first.map((r) => [r.model, r.next.status])).toEqual([
      ['alpha', 'failed'],
      ['beta', 'started'],
    ]);
    expect(starter.executions.size).toBe(1);
    expect(soon.find((r) => r.model === 'alpha')?.next.status).toBe('backing-off');
    expect(later.find((r) => r.model === 'alpha')?.next.status).toBe('idle');
    expect(await store.sweeps.list()).toEqual([]);
  });

  it('records the failure of the model, and backs off longer after each one', async () => {
    const store = createMemoryStateStore();
    await registerModels(store, [specFor('alpha')]);
    const clock = new TestClock();
    store.triggers.list = async () => {
      throw new Error('boom');
    };
    const { deps } = admissionDeps(store, clock);

    await flushDueTriggers(deps);
    const [once] = await store.sweeps.list();
    clock.advance(61);
    await flushDueTriggers(deps);
    const [twice] = await store.sweeps.list();

    expect(once).toMatchObject({ model: 'alpha', failures: 1, error: { name: 'Error', message: 'boom' } });
    expect((once?.retryAtMs ?? 0) - clock.now().getTime()).toBeLessThan(0);
    expect(twice).toMatchObject({ failures: 2 });
    expect((twice?.retryAtMs ?? 0) - Date.parse(twice?.failedAt ?? '')).toBe(120_000);
  });
});
