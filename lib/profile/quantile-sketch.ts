/**
 * A mergeable quantile sketch with relative accuracy (DDSketch, Masson et al., VLDB 2019): values
 * fall into logarithmic buckets, so any quantile is returned within `relativeAccuracy` of the true
 * value, merging two sketches adds their buckets, and the size is bounded by the range of doubles.
 */
import type { FrequencyTable } from './frequency-table';

/** Magnitudes below this count as zero. */
const MIN_MAGNITUDE = 1e-12;

export interface SketchJson {
  relativeAccuracy: number;
  zeroCount: number;
  /** [bucket index, count] pairs for positive and negative values. */
  positive: [number, number][];
  negative: [number, number][];
}

export class QuantileSketch {
  private readonly gamma: number;
  private readonly logGamma: number;
  private zeroCount = 0;
  private readonly positive = new Buckets();
  private readonly negative = new Buckets();

  constructor(readonly relativeAccuracy = 0.01) {
    this.gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
    this.logGamma = Math.log(this.gamma);
  }

  static fromJson(json: SketchJson): QuantileSketch {
    const sketch = new QuantileSketch(json.relativeAccuracy);
    sketch.zeroCount = json.zeroCount;
    for (const [index, count] of json.positive) sketch.positive.add(index, count);
    for (const [index, count] of json.negative) sketch.negative.add(index, count);
    return sketch;
  }

  get count(): number {
    return this.zeroCount + this.positive.total() + this.negative.total();
  }

  add(value: number, count = 1): void {
    if (value > MIN_MAGNITUDE) this.positive.add(this.index(value), count);
    else if (value < -MIN_MAGNITUDE) this.negative.add(this.index(-value), count);
    else this.zeroCount += count;
  }

  merge(other: QuantileSketch): void {
    if (other.relativeAccuracy !== this.relativeAccuracy) {
      throw new Error('cannot merge sketches of different accuracy');
    }
    this.zeroCount += other.zeroCount;
    for (const [index, count] of other.positive.entries()) this.positive.add(index, count);
    for (const [index, count] of other.negative.entries()) this.negative.add(index, count);
  }

  /** The buckets as a distribution: each bucket's count at its representative value. */
  toFrequencyTable(): FrequencyTable {
    const entries: [number, number][] = [
      ...this.negative.entries().map(([index, count]): [number, number] => [-this.value(index), count]),
      ...(this.zeroCount > 0 ? [[0, this.zeroCount] as [number, number]] : []),
      ...this.positive.entries().map(([index, count]): [number, number] => [this.value(index), count]),
    ].sort((a, b) => a[0] - b[0]);
    const values = Float64Array.from(entries, (e) => e[0]);
    const counts = Float64Array.from(entries, (e) => e[1]);
    return { values, counts, total: counts.reduce((a, b) => a + b, 0) };
  }

  toJson(): SketchJson {
    return {
      relativeAccuracy: this.relativeAccuracy,
      zeroCount: this.zeroCount,
      positive: this.positive.entries(),
      negative: this.negative.entries(),
    };
  }

  private index(magnitude: number): number {
    return Math.ceil(Math.log(magnitude) / this.logGamma);
  }

  /** The value at relative distance `relativeAccuracy` from both ends of the bucket. */
  private value(index: number): number {
    return (2 * this.gamma ** index) / (this.gamma + 1);
  }
}

/** Bucket counts in a dense array indexed from `offset`, grown on demand. */
class Buckets {
  private counts = new Float64Array(0);
  private offset = 0;

  add(index: number, count: number): void {
    let slot = index - this.offset;
    if (slot < 0 || slot >= this.counts.length) {
      this.include(index);
      slot = index - this.offset;
    }
    this.counts[slot] = (this.counts[slot] as number) + count;
  }

  total(): number {
    return this.counts.reduce((a, b) => a + b, 0);
  }

  /** [index, count] of the non-empty buckets, ascending. */
  entries(): [number, number][] {
    const result: [number, number][] = [];
    this.counts.forEach((count, slot) => {
      if (count > 0) result.push([slot + this.offset, count]);
    });
    return result;
  }

  private include(index: number): void {
    if (this.counts.length === 0) {
      this.offset = index - 64;
      this.counts = new Float64Array(128);
      return;
    }
    const lo = Math.min(this.offset, index);
    const hi = Math.max(this.offset + this.counts.length, index + 1);
    const size = Math.max(hi - lo, this.counts.length * 2);
    const offset = index < this.offset ? hi - size : lo;
    const next = new Float64Array(size);
    next.set(this.counts, this.offset - offset);
    this.counts = next;
    this.offset = offset;
  }
}
