/**
 * Holdout predictions, the input of paired bootstrap and slice gates: CSV or JSON Lines with one row
 * per holdout example and the columns
 * - `label`: the true value (a number; true/false count as 1/0),
 * - `score`: the predicted probability of class 1, or the predicted value of a regression,
 * - `prediction` (optional): the predicted class, when it is not `score >= 0.5`,
 * - `id` (optional): pairs a candidate's rows with the champion's (by row order otherwise),
 * - any other column: a slice key, such as `plan` or `region`.
 */
import { cellText } from '../data/batch';
import { openDataset } from '../data/open-dataset';
import { InvalidInputError } from '../errors/invalid-input-error';

export interface Predictions {
  source: string;
  size: number;
  label: Float64Array;
  score: Float64Array;
  /** Predicted classes, when given. */
  prediction: Float64Array | undefined;
  ids: string[] | undefined;
  slices: Map<string, (string | null)[]>;
}

const RESERVED = new Set(['id', 'label', 'score', 'prediction']);

export const loadPredictions = async (location: string, cwd: string): Promise<Predictions> => {
  const dataset = openDataset(location, { cwd });
  const label: number[] = [];
  const score: number[] = [];
  const prediction: number[] = [];
  const ids: string[] = [];
  const slices = new Map<string, (string | null)[]>();
  let hasPrediction = false;
  let hasId = false;
  for await (const batch of dataset.batches()) {
    const index = (name: string) => batch.columns.indexOf(name);
    const [labelAt, scoreAt, predictionAt, idAt] = ['label', 'score', 'prediction', 'id'].map(
      index,
    ) as number[];
    if (labelAt === -1) throw new InvalidInputError(`${location}: predictions need a "label" column`);
    if (scoreAt === -1 && predictionAt === -1) {
      throw new InvalidInputError(`${location}: predictions need a "score" or "prediction" column`);
    }
    hasPrediction ||= predictionAt !== -1;
    hasId ||= idAt !== -1;
    for (let i = 0; i < batch.rowCount; i++) {
      const at = `${location}:${batch.location(i)}`;
      label.push(numberCell(cellText(batch.column(labelAt as number), i), at, 'label'));
      score.push(
        scoreAt === -1 ? Number.NaN : numberCell(cellText(batch.column(scoreAt as number), i), at, 'score'),
      );
      if (predictionAt !== -1)
        prediction.push(numberCell(cellText(batch.column(predictionAt as number), i), at, 'prediction'));
      if (idAt !== -1) ids.push(cellText(batch.column(idAt as number), i) ?? '');
      batch.columns.forEach((name, c) => {
        if (RESERVED.has(name)) return;
        let values = slices.get(name);
        if (values === undefined) {
          values = new Array<string | null>(label.length - 1).fill(null);
          slices.set(name, values);
        }
        values.push(cellText(batch.column(c), i));
      });
    }
  }
  return {
    source: location,
    size: label.length,
    label: Float64Array.from(label),
    score: Float64Array.from(score),
    prediction: hasPrediction ? Float64Array.from(prediction) : undefined,
    ids: hasId ? ids : undefined,
    slices,
  };
};

const numberCell = (text: string | null, at: string, column: string): number => {
  if (text === 'true') return 1;
  if (text === 'false') return 0;
  const value = text === null || text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value))
    throw new InvalidInputError(`${at}: "${column}" must be a number, got ${JSON.stringify(text)}`);
  return value;
};

/** The rows of `champion` in the order of `candidate`'s rows, matched by id or by position. */
export const pairPredictions = (candidate: Predictions, champion: Predictions): Predictions => {
  if (candidate.ids && champion.ids) {
    const position = new Map(champion.ids.map((id, i) => [id, i]));
    const order = candidate.ids.map((id) => {
      const i = position.get(id);
      if (i === undefined) {
        throw new InvalidInputError(
          `${champion.source}: has no row with id ${JSON.stringify(id)} of ${candidate.source}`,
        );
      }
      return i;
    });
    if (order.length !== champion.size) {
      throw new InvalidInputError(`${candidate.source} and ${champion.source} cover different holdout rows`);
    }
    return reorder(champion, order);
  }
  if (candidate.size !== champion.size) {
    throw new InvalidInputError(
      `${candidate.source} has ${candidate.size} rows but ${champion.source} has ${champion.size}; add an "id" column to pair them`,
    );
  }
  candidate.label.forEach((value, i) => {
    if (champion.label[i] !== value) {
      throw new InvalidInputError(
        `${candidate.source} and ${champion.source} have different labels in row ${i + 1}; add an "id" column to pair them`,
      );
    }
  });
  return champion;
};

const reorder = (p: Predictions, order: number[]): Predictions => ({
  ...p,
  label: Float64Array.from(order, (i) => p.label[i] as number),
  score: Float64Array.from(order, (i) => p.score[i] as number),
  prediction: p.prediction
    ? Float64Array.from(order, (i) => (p.prediction as Float64Array)[i] as number)
    : undefined,
  ids: order.map((i) => (p.ids as string[])[i] as string),
  slices: new Map([...p.slices].map(([name, values]) => [name, order.map((i) => values[i] ?? null)])),
});
