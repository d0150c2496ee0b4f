/**
 * Per-column accumulators of a profile. Numeric columns keep exact value counts while they have few
 * distinct values, and a quantile sketch beyond; string columns count dictionary codes.
 */
import { CELL_NULL, CELL_OK, type NumericType } from '../data/decode';
import type { DecodedColumn } from '../data/scan-columns';
import type { StringDictionary } from '../data/string-dictionary';
import { type FrequencyTable, type Histogram, histogram, quantiles } from './frequency-table';
import { QuantileSketch, type SketchJson } from './quantile-sketch';
import { ValueCounter } from './value-counter';

export const PROFILE_QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;
const HISTOGRAM_BINS = 20;
const TOP = 20;
/** Categories a profile keeps with their counts (the rest are summed), enough to compare against. */
const KEPT_CATEGORIES = 1000;

export interface NumericColumnProfile {
  kind: 'numeric';
  type: NumericType;
  count: number;
  nulls: number;
  invalid: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Sample standard deviation (n - 1), as pandas reports it. */
  std: number | null;
  quantiles: Record<string, number>;
  histogram: Histogram;
  /** Whether quantiles, histogram and `values` are exact (few distinct values) or from the sketch. */
  exact: boolean;
  /** [value, count] of every distinct value, when exact. */
  values?: [number, number][];
  sketch: SketchJson;
}

export interface CategoricalColumnProfile {
  kind: 'categorical';
  type: 'string';
  count: number;
  nulls: number;
  invalid: number;
  distinct: number;
  /** False when there were more distinct values than the profile tracks. */
  distinctExact: boolean;
  top: { value: string; count: number; frequency: number }[];
  /** The most frequent categories with counts; `otherCount` sums the rest. */
  categories: [string, number][];
  otherCount: number;
}

export type ColumnProfile = NumericColumnProfile | CategoricalColumnProfile;

export class NumericAccumulator {
  nulls = 0;
  invalid = 0;
  /** Moments of the values not held in the counter (those after it overflowed). */
  private moments = {
    count: 0,
    mean: 0,
    m2: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
  };
  private readonly counter = new ValueCounter();
  private sketch: QuantileSketch | undefined;

  constructor(readonly type: NumericType) {}

  /** Adds rows [start, end) of a decoded column. */
  add(column: Pick<DecodedColumn, 'values' | 'state'>, end: number, start = 0): void {
    const { values, state } = column;
    for (let i = start; i < end; i++) {
      const s = state[i];
      if (s === CELL_NULL) this.nulls++;
      else if (s !== CELL_OK) this.invalid++;
    }
    let from = start;
    if (!this.sketch) {
      // While the values are few, their exact counts are all we keep: moments come from them at the end.
      from = this.counter.addBatch(values, state, end, start);
      if (from === end) return;
      const table = this.counter.table();
      this.moments = momentsOf(table);
      this.sketch = sketchOf(table);
      this.counter.release();
    }
    this.addMoments(values, state, end, from);
    // Runs of equal values (sorted or clustered data, such as timestamps) go into the sketch at once.
    const sketch = this.sketch;
    let last = Number.NaN;
    let run = 0;
    for (let i = from; i < end; i++) {
      if (state[i] !== CELL_OK) continue;
      const value = values[i] as number;
      if (value === last) run++;
      else {
        if (run > 0) sketch.add(last, run);
        last = value;
        run = 1;
      }
    }
    if (run > 0) sketch.add(last, run);
  }

  /** The distribution seen: exact counts when possible, the sketch's buckets otherwise. */
  distribution(): { table: FrequencyTable; exact: boolean } {
    return this.sketch
      ? { table: this.sketch.toFrequencyTable(), exact: false }
      : { table: this.counter.table(), exact: true };
  }

  result(): NumericColumnProfile {
    const { table, exact } = this.distribution();
    const { count, mean, m2, min, max } = exact ? momentsOf(table) : this.moments;
    const empty = count === 0;
    const sketch = this.sketch ?? sketchOf(table);
    return {
      kind: 'numeric',
      type: this.type,
      count,
      nulls: this.nulls,
      invalid: this.invalid,
      min: empty ? null : min,
      max: empty ? null : max,
      mean: empty ? null : mean,
      std: count > 1 ? Math.sqrt(m2 / (count - 1)) : null,
      quantiles: empty
        ? {}
        : Object.fromEntries(
            quantiles(table, PROFILE_QUANTILES).map((value, i) => [
              `p${(PROFILE_QUANTILES[i] as number) * 100}`,
              value,
            ]),
          ),
      histogram: histogram(table, HISTOGRAM_BINS),
      exact,
      ...(exact
        ? {
            values: Array.from(table.values, (value, i): [number, number] => [
              value,
              table.counts[i] as number,
            ]),
          }
        : {}),
      sketch: sketch.toJson(),
    };
  }

  /**
   * Chan et al.'s parallel update: the rows' mean and squared deviations, merged in. One pass, with
   * sums shifted by the rows' first value so that large values (timestamps) keep their precision.
   */
  private addMoments(values: Float64Array, state: Uint8Array, end: number, start: number): void {
    let n = 0;
    let sum = 0;
    let squares = 0;
    let shift = Number.NaN;
    let { min, max } = this.moments;
    for (let i = start; i < end; i++) {
      if (state[i] !== CELL_OK) continue;
      const value = values[i] as number;
      if (n === 0) shift = value;
      const d = value - shift;
      sum += d;
      squares += d * d;
      n++;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    if (n === 0) return;
    const batchMean = shift + sum / n;
    const m2 = Math.max(0, squares - (sum * sum) / n);
    const m = this.moments;
    const total = m.count + n;
    const delta = batchMean - m.mean;
    this.moments = {
      count: total,
      mean: m.mean + (delta * n) / total,
      m2: m.m2 + m2 + (delta * delta * m.count * n) / total,
      min,
      max,
    };
  }
}

/** Count, mean, squared deviations, min and max of a frequency table, in two exact passes. */
const momentsOf = (table: FrequencyTable) => {
  const { values, counts, total } = table;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] as number) * (counts[i] as number);
  const mean = total === 0 ? 0 : sum / total;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) m2 += (counts[i] as number) * ((values[i] as number) - mean) ** 2;
  return {
    count: total,
    mean,
    m2,
    min: values.length > 0 ? (values[0] as number) : Number.POSITIVE_INFINITY,
    max: values.length > 0 ? (values[values.length - 1] as number) : Number.NEGATIVE_INFINITY,
  };
};

const sketchOf = (table: FrequencyTable): QuantileSketch => {
  const sketch = new QuantileSketch();
  for (let i = 0; i < table.values.length; i++)
    sketch.add(table.values[i] as number, table.counts[i] as number);
  return sketch;
};

export class CategoricalAccumulator {
  count = 0;
  nulls = 0;
  invalid = 0;
  private counts = new Float64Array(256);
  /** Values beyond the dictionary's capacity. */
  private overflow = 0;
  private dictionary: StringDictionary | undefined;

  /** Adds rows [start, end) of a decoded column. */
  add(column: Pick<DecodedColumn, 'codes' | 'state' | 'dictionary'>, end: number, start = 0): void {
    this.dictionary = column.dictionary;
    const { codes, state } = column;
    let counts = this.counts;
    let ok = 0;
    for (let i = start; i < end; i++) {
      const s = state[i];
      if (s === CELL_OK) {
        ok++;
        const code = codes[i] as number;
        if (code < 0) this.overflow++;
        else {
          if (code >= counts.length) {
            const next = new Float64Array(Math.max(code + 1, counts.length * 2));
            next.set(counts);
            counts = next;
            this.counts = next;
          }
          counts[code] = (counts[code] as number) + 1;
        }
      } else if (s === CELL_NULL) this.nulls++;
      else this.invalid++;
    }
    this.count += ok;
  }

  /** Counts per category, most frequent first, plus the count of values not tracked. */
  distribution(): { categories: [string, number][]; otherCount: number } {
    const values = this.dictionary?.values ?? [];
    const categories = values
      .map((value, code): [string, number] => [value, this.counts[code] ?? 0])
      .filter(([, count]) => count > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return { categories, otherCount: this.overflow };
  }

  result(): CategoricalColumnProfile {
    const { categories, otherCount } = this.distribution();
    const kept = categories.slice(0, KEPT_CATEGORIES);
    const dropped = categories.slice(KEPT_CATEGORIES).reduce((sum, [, count]) => sum + count, 0);
    return {
      kind: 'categorical',
      type: 'string',
      count: this.count,
      nulls: this.nulls,
      invalid: this.invalid,
      distinct: categories.length,
      distinctExact: otherCount === 0,
      top: categories
        .slice(0, TOP)
        .map(([value, count]) => ({ value, count, frequency: count / this.count })),
      categories: kept,
      otherCount: otherCount + dropped,
    };
  }
}
