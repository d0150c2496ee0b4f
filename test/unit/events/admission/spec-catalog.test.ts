import { SpecCatalog } from '../../../../lib/events/admission/spec-catalog';
import { createMemoryStateStore } from '../../../../lib/store/memory/memory-state-store';
import { registerModels, specFor, T0 } from '../../../helpers/admission';

const later = (ms: number) => new Date(T0.getTime() + ms);

describe('SpecCatalog', () => {
  it('reads the specs once for concurrent callers, and again once the ttl has passed', async () => {
    const store = createMemoryStateStore();
    await registerModels(store, [specFor('churn'), specFor('fraud')]);
    const reads = jest.spyOn(store.models, 'listModels');
    const catalog = new SpecCatalog(store.models, 30_000);

    const all = await Promise.all(Array.from({ length: 10 }, () => catalog.all(T0)));
    await catalog.get('churn', later(29_999));
    await catalog.get('churn', later(30_000));

    expect(all.every((specs) => [...specs.keys()].sort().join() === 'churn,fraud')).toBe(true);
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('reads the specs for every caller when the ttl is 0', async () => {
    const store = createMemoryStateStore();
    await registerModels(store, [specFor('churn')]);
    const reads = jest.spyOn(store.models, 'listModels');
    const catalog = new SpecCatalog(store.models, 0);

    await Promise.all(Array.from({ length: 3 }, () => catalog.all(T0)));

    expect(reads).toHaveBeenCalledTimes(3);
  });

  it('lets the callers sharing a failed read see the failure, and the next caller read again', async () => {
    const store = createMemoryStateStore();
    await registerModels(store, [specFor('churn')]);
    const reads = jest.spyOn(store.models, 'listModels').mockRejectedValueOnce(new Error('throttled'));
    const catalog = new SpecCatalog(store.models, 30_000);

    const results = await Promise.allSettled([catalog.all(T0), catalog.all(T0)]);

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((await catalog.get('churn', T0))?.model).toBe('churn');
    expect(reads).toHaveBeenCalledTimes(2);
  });
});
