import type { HistoryRecord } from '../../../lib/engine/history';
import { Journal } from '../../../lib/engine/journal';
import { MemoryHistoryStore } from '../../../lib/engine/memory-history-store';
import { ManualClock } from '../../helpers/engine';

const arn = 'arn:aws:states:us-east-1:123456789012:execution:m:e';

describe('the history journal', () => {
  it('writes events in order, once, and numbers them with previous event ids', async () => {
    // Prepare
    const store = new MemoryHistoryStore();
    const journal = new Journal(store, arn, new ManualClock(), []);

    // Act
    const first = journal.add('ExecutionStarted', { input: '{}' }, '', 0);
    const second = journal.add('PassStateEntered', { name: 'P', input: '{}' }, '', first);
    await journal.flush();
    journal.add('PassStateExited', { name: 'P', output: '{}' }, '', second, { next: null });
    await Promise.all([journal.flush(), journal.flush()]);

    // Assess
    const history = await store.readHistory(arn);
    expect(history.map((r) => [r.event.id, r.event.previousEventId, r.event.type])).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 1, 'PassStateEntered'],
      [3, 2, 'PassStateExited'],
    ]);
    expect(history[2]).toMatchObject({
      scope: '',
      next: null,
      event: { stateExitedEventDetails: { name: 'P' } },
    });
  });

  it('rejects every later flush once another writer has appended first', async () => {
    // Prepare: a second writer takes event 1
    const store = new MemoryHistoryStore();
    const other: HistoryRecord = {
      event: { id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: new Date() },
      scope: '',
    };
    await store.appendHistory(arn, [other]);
    const journal = new Journal(store, arn, new ManualClock(), []);

    // Act
    journal.add('ExecutionStarted', { input: '{}' }, '', 0);
    const firstFlush = journal.flush();
    journal.add('PassStateEntered', { name: 'P', input: '{}' }, '', 1);
    const secondFlush = journal.flush();

    // Assess
    await expect(firstFlush).rejects.toMatchObject({ name: 'HistoryConflictError' });
    await expect(secondFlush).rejects.toMatchObject({ name: 'HistoryConflictError' });
    expect(await store.readHistory(arn)).toEqual([other]);
  });
});
