/**
 * Buffers an execution's history events and writes them to the store in order, one writer per
 * execution. Durability contract: `flush()` runs before every effect outside the engine (a task
 * invocation, a Wait's sleep, a callback token handed out, a terminal status) and after each task
 * outcome (so a finished task is never called again), so what a crash can lose
 * is only a run of pure states (Pass, Choice, Succeed, Fail, Map/Parallel bookkeeping) after the last
 * flush; recovery re-runs them from the last durable event with the same result.
 */
import type { Clock } from './clock';
import type { HistoryEvent, HistoryEventType, HistoryRecord } from './history';
import { detailsKey } from './history';
import type { HistoryStore } from './history-store';

// Big batches are written early to bound memory; the store splits them into items.
const AUTO_FLUSH_EVENTS = 2000;

export class Journal {
  private pending: HistoryRecord[] = [];
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown;
  private lastId: number;

  constructor(
    private readonly store: HistoryStore,
    private readonly executionArn: string,
    private readonly clock: Clock,
    readonly records: HistoryRecord[],
  ) {
    this.lastId = records.at(-1)?.event.id ?? 0;
  }

  get lastEventId(): number {
    return this.lastId;
  }

  add(
    type: HistoryEventType,
    details: Record<string, unknown> | undefined,
    scope: string,
    previousEventId: number,
    extra: { next?: string | null; token?: string } = {},
  ): number {
    const id = ++this.lastId;
    const event: HistoryEvent = { timestamp: new Date(this.clock.now()), type, id, previousEventId };
    const key = detailsKey(type);
    if (key && details) event[key] = details;
    const record: HistoryRecord = { event, scope, ...extra };
    this.records.push(record);
    this.pending.push(record);
    if (this.pending.length >= AUTO_FLUSH_EVENTS) void this.flush().catch(() => undefined);
    return id;
  }

  /** Writes everything added so far; rejects if any write failed (e.g. another writer won). */
  flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) {
      this.writing = this.writing.then(async () => {
        if (this.failure) return;
        try {
          await this.store.appendHistory(this.executionArn, batch);
        } catch (error) {
          this.failure = error;
        }
      });
    }
    return this.writing.then(() => {
      if (this.failure) throw this.failure;
    });
  }
}
