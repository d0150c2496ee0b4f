/**
 * Profiles a dataset in one streaming pass: per column count, nulls, min, max, mean, standard
 * deviation, quantiles, a 20-bin histogram, and top categories. The JSON result is the baseline
 * stored with a model version and the reference of drift checks.
 *
 * @example
 *   const profile = await profileDataset(openDataset('train.csv', { cwd }), { types: { age: 'integer' } });
 */
import * as z from 'zod';
import type { DataBatch, Dataset } from '../data/batch';
import type { ValueType } from '../data/decode';
import { type ColumnConsumer, type DecodedColumn, scanColumns } from '../data/scan-columns';
import { parseJsonFile } from '../files/parse-json-file';
import { CategoricalAccumulator, type ColumnProfile, NumericAccumulator } from './column-profiles';

export const PROFILE_FORMAT = 'conveyor-profile/v1';

export interface DataProfile {
  format: typeof PROFILE_FORMAT;
  source: string;
  rows: number;
  columns: Record<string, ColumnProfile>;
}

export type ColumnAccumulator = NumericAccumulator | CategoricalAccumulator;

/** A scan consumer that accumulates a profile of every decoded column. */
export class Profiler implements ColumnConsumer {
  readonly accumulators = new Map<string, ColumnAccumulator>();

  consume(batch: DataBatch, columns: ReadonlyMap<string, DecodedColumn>, rowsBefore: number): void {
    for (const [name, column] of columns) {
      let accumulator = this.accumulators.get(name);
      if (accumulator === undefined) {
        accumulator =
          column.type === 'string' ? new CategoricalAccumulator() : new NumericAccumulator(column.type);
        // A column first seen in a later batch (JSON Lines) was null in every earlier row.
        accumulator.nulls += rowsBefore;
        this.accumulators.set(name, accumulator);
      }
      accumulator.add(column, batch.rowCount);
    }
  }

  result(source: string, rows: number, order: readonly string[]): DataProfile {
    const columns: Record<string, ColumnProfile> = {};
    const names = [...order.filter((name) => this.accumulators.has(name)), ...this.accumulators.keys()];
    for (const name of names) columns[name] ??= (this.accumulators.get(name) as ColumnAccumulator).result();
    return { format: PROFILE_FORMAT, source, rows, columns };
  }
}

export const profileDataset = async (
  dataset: Dataset,
  options: { types?: Readonly<Record<string, ValueType>> } = {},
): Promise<DataProfile> => {
  const profiler = new Profiler();
  const scan = await scanColumns(dataset, [profiler], options);
  return profiler.result(dataset.name, scan.rows, scan.columns);
};

const count = z.number().nonnegative();
const sketchSchema = z.strictObject({
  relativeAccuracy: z.number().gt(0).lt(1),
  zeroCount: count,
  positive: z.array(z.tuple([z.number().int(), count])),
  negative: z.array(z.tuple([z.number().int(), count])),
});
const profileSchema = z.object({
  format: z.literal(PROFILE_FORMAT),
  source: z.string(),
  rows: count,
  columns: z.record(
    z.string(),
    z.discriminatedUnion('kind', [
      z.looseObject({
        kind: z.literal('numeric'),
        type: z.enum(['integer', 'number', 'boolean', 'timestamp']),
        count,
        std: z.number().nullable(),
        exact: z.boolean(),
        values: z.array(z.tuple([z.number(), count])).optional(),
        sketch: sketchSchema,
      }),
      z.looseObject({
        kind: z.literal('categorical'),
        type: z.literal('string'),
        count,
        categories: z.array(z.tuple([z.string(), count])),
        otherCount: count,
      }),
    ]),
  ),
});

/** Parses a profile written by `conveyor profile`; names the first wrong field otherwise. */
export const parseProfile = (text: string, name: string): DataProfile => {
  return parseJsonFile(text, name, profileSchema, 'not a Conveyor profile') as unknown as DataProfile;
};
