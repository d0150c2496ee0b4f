/**
 * A numeric distribution as sorted distinct values with their counts. Exact when built from a
 * value counter, approximate when built from a sketch's buckets. Quantiles follow numpy's default
 * ('linear') method so that reports match what data scientists compute.
 */
export interface FrequencyTable {
  /** Distinct values, ascending. */
  values: Float64Array;
  counts: Float64Array;
  total: number;
}

export const frequencyTable = (pairs: ReadonlyArray<readonly [number, number]>): FrequencyTable => {
  const sorted = pairs.filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
  const values: number[] = [];
  const counts: number[] = [];
  let total = 0;
  for (const [value, count] of sorted) {
    if (values.length > 0 && values[values.length - 1] === value)
      counts[counts.length - 1] = (counts[counts.length - 1] as number) + count;
    else {
      values.push(value);
      counts.push(count);
    }
    total += count;
  }
  return { values: Float64Array.from(values), counts: Float64Array.from(counts), total };
};

/** The value of order statistic `rank` (0-based) of the table's expanded sample. */
const orderStatistic = (
  table: FrequencyTable,
  rank: number,
  from: { index: number; below: number },
): number => {
  while (from.index < table.values.length - 1 && from.below + (table.counts[from.index] as number) <= rank) {
    from.below += table.counts[from.index] as number;
    from.index++;
  }
  return table.values[from.index] as number;
};

/** Quantiles at `qs` (ascending), exactly as numpy.quantile(sample, qs) with the linear method. */
export const quantiles = (table: FrequencyTable, qs: readonly number[]): number[] => {
  const n = table.total;
  if (n === 0) return qs.map(() => Number.NaN);
  const cursor = { index: 0, below: 0 };
  return qs.map((q) => {
    // numpy's virtual index for the linear method.
    const virtual = (n - 1) * q;
    const lower = Math.min(Math.max(Math.floor(virtual), 0), n - 1);
    const upper = Math.min(lower + 1, n - 1);
    const gamma = virtual - Math.floor(virtual);
    const a = orderStatistic(table, lower, cursor);
    const b = orderStatistic(table, upper, { ...cursor });
    const diff = b - a;
    // numpy's _lerp, which is exact at both ends.
    return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
  });
};

export interface Histogram {
  /** bins + 1 edges from min to max. */
  edges: number[];
  counts: number[];
}

/** Equal-width histogram over [min, max], last bin closed, as numpy.histogram(sample, bins). */
export const histogram = (table: FrequencyTable, bins: number): Histogram => {
  const counts = new Array<number>(bins).fill(0);
  if (table.total === 0) return { edges: [], counts: [] };
  const min = table.values[0] as number;
  const max = table.values[table.values.length - 1] as number;
  const lo = min === max ? min - 0.5 : min;
  const hi = min === max ? max + 0.5 : max;
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + i * width);
  for (let i = 0; i < table.values.length; i++) {
    const value = table.values[i] as number;
    let bin = Math.min(Math.floor(((value - lo) / (hi - lo)) * bins), bins - 1);
    // Keep numpy's convention when rounding puts a value on the wrong side of an edge.
    if (bin > 0 && value < (edges[bin] as number)) bin--;
    else if (bin < bins - 1 && value >= (edges[bin + 1] as number)) bin++;
    counts[bin] = (counts[bin] as number) + (table.counts[i] as number);
  }
  return { edges, counts };
};
