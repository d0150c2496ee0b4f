/**
 * Captured requests as rows of features (and the prediction), whatever the inference contract's
 * content type: JSON (an object, an array of objects, or `{"instances": [...]}`) or CSV lines without
 * a header, whose fields are the features in the spec's order. Predictions come from the response:
 * a number or string, `{"predictions": [...]}`, an array, or CSV lines.
 */
import type { CapturedPayload, CaptureRecord } from '../deploy/data-capture';

export type Row = Record<string, unknown>;

const decode = (payload: CapturedPayload): string =>
  payload.encoding === 'BASE64' ? Buffer.from(payload.data, 'base64').toString('utf8') : payload.data;

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const isCsv = (payload: CapturedPayload) => /csv/i.test(payload.observedContentType);

/** A CSV cell as the number it spells, else its text (CSV carries no types). */
const csvCell = (cell: string): number | string => {
  const number = cell.trim() === '' ? Number.NaN : Number(cell);
  return Number.isFinite(number) ? number : cell;
};

const inputRows = (payload: CapturedPayload, featureOrder: readonly string[]): Row[] => {
  const text = decode(payload);
  if (isCsv(payload)) {
    return text
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line) =>
        Object.fromEntries(line.split(',').map((cell, i) => [featureOrder[i] ?? `_${i}`, csvCell(cell)])),
      );
  }
  const body = parseJson(text);
  const rows = Array.isArray(body) ? body : ((body as { instances?: unknown })?.instances ?? [body]);
  return (Array.isArray(rows) ? rows : []).filter(
    (row): row is Row => typeof row === 'object' && row !== null,
  );
};

const predictions = (payload: CapturedPayload): unknown[] => {
  const text = decode(payload);
  if (isCsv(payload))
    return text
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map(csvCell);
  const body = parseJson(text);
  const values = Array.isArray(body) ? body : ((body as { predictions?: unknown })?.predictions ?? [body]);
  return Array.isArray(values) ? values : [values];
};

/** The rows of one record; the prediction joins its row when `predictionColumn` is set. */
export const capturedRows = (
  record: CaptureRecord,
  featureOrder: readonly string[],
  predictionColumn?: string,
): Row[] => {
  const rows = inputRows(record.captureData.endpointInput, featureOrder);
  if (!predictionColumn) return rows;
  const predicted = predictions(record.captureData.endpointOutput);
  return rows.map((row, i) => ({ ...row, [predictionColumn]: predicted[i] ?? null }));
};
