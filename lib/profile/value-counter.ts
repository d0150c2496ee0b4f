/**
 * Exact counts of a numeric column's distinct values while there are at most `capacity` of them:
 * a dense array for integers in a moderate range (the common case: counts, minutes, categories as
 * numbers), a map otherwise. Beyond the capacity it gives up, and the caller uses a sketch.
 */
import { type FrequencyTable, frequencyTable } from './frequency-table';

// 512 KB of counts at most per column: wide enough for minutes, years, ages and most codes.
const MAX_DENSE_SPAN = 1 << 16;

export class ValueCounter {
  private dense = new Float64Array(0);
  private lo = 0;
  private readonly sparse = new Map<number, number>();
  private distinct = 0;
  overflowed = false;

  constructor(readonly capacity = 20_000) {}

  /**
   * Counts `values[i]` for i in [start, end) where `state[i]` is 0. Returns the index it stopped at:
   * before `end` when it overflowed, after which `table()` holds what was counted until `release()`.
   */
  addBatch(values: Float64Array, state: Uint8Array, end: number, start = 0): number {
    if (this.overflowed) return start;
    let dense = this.dense;
    let lo = this.lo;
    for (let i = start; i < end; i++) {
      if (state[i] !== 0) continue;
      const value = values[i] as number;
      const slot = value - lo;
      if (slot >= 0 && slot < dense.length && slot === Math.floor(slot)) {
        if (dense[slot] === 0) this.distinct++;
        dense[slot] = (dense[slot] as number) + 1;
      } else if (Number.isInteger(value) && this.growDense(value)) {
        dense = this.dense;
        lo = this.lo;
        i--; // retry in the grown array
        continue;
      } else {
        const count = this.sparse.get(value);
        if (count === undefined) this.distinct++;
        this.sparse.set(value, (count ?? 0) + 1);
      }
      if (this.distinct > this.capacity) {
        this.overflowed = true;
        return i + 1;
      }
    }
    return end;
  }

  release(): void {
    this.dense = new Float64Array(0);
    this.sparse.clear();
  }

  table(): FrequencyTable {
    const pairs: [number, number][] = [...this.sparse];
    for (let slot = 0; slot < this.dense.length; slot++) {
      const count = this.dense[slot] as number;
      if (count > 0) pairs.push([this.lo + slot, count]);
    }
    return frequencyTable(pairs);
  }

  /** Widens the dense range to hold `value`, unless the range would get too wide. */
  private growDense(value: number): boolean {
    if (this.dense.length === 0) {
      this.lo = value - 512;
      this.dense = new Float64Array(2048);
      return true;
    }
    const lo = Math.min(this.lo, value);
    const hi = Math.max(this.lo + this.dense.length, value + 1);
    if (hi - lo > MAX_DENSE_SPAN) return false;
    const span = Math.min(MAX_DENSE_SPAN, Math.max(this.dense.length * 2, hi - lo));
    const newLo = value < this.lo ? hi - span : lo;
    const next = new Float64Array(span);
    next.set(this.dense, this.lo - newLo);
    this.dense = next;
    this.lo = newLo;
    return true;
  }
}
