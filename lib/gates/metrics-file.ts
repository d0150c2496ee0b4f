/**
 * A model's evaluation, as `conveyor gate` reads it (for the candidate and the champion):
 *
 *   { "metrics": { "auc": 0.91, "log_loss": 0.28 }, "predictions": "holdout-predictions.jsonl" }
 *
 * `predictions` (optional, relative to the metrics file) points at holdout predictions (see
 * predictions.ts); the paired bootstrap and slice gates need them, and metrics missing from
 * `metrics` are computed from them.
 */
import { dirname, resolve } from 'node:path';
import * as z from 'zod';
import { parseJsonFile } from '../files/parse-json-file';
import { readInputFile } from '../files/read-input-file';
import { loadPredictions, type Predictions } from './predictions';

const metricsFileSchema = z.strictObject({
  metrics: z.record(z.string(), z.number()).default({}),
  predictions: z.string().min(1).optional(),
});

export interface ModelEvaluation {
  source: string;
  metrics: Record<string, number>;
  predictions: Predictions | undefined;
}

export const loadEvaluation = async (file: string, cwd: string): Promise<ModelEvaluation> => {
  const path = resolve(cwd, file);
  const parsed = parseJsonFile(await readInputFile(path, file, 'metrics'), file, metricsFileSchema);
  const predictions = parsed.predictions
    ? await loadPredictions(parsed.predictions, dirname(path))
    : undefined;
  return { source: file, metrics: parsed.metrics, predictions };
};
