/**
 * The metrics contract of a training job, the same locally and on SageMaker: the script writes a JSON
 * object of metric names to finite numbers to `output/data/<training.metricsFile>`. A job that writes
 * none, or writes something else, has failed.
 */
export type MetricsOutcome = { metrics: Record<string, number> } | { failureReason: string };

/** `text` is the file's content, or undefined when the job did not write it. */
export const readMetrics = (text: string | undefined, file: string): MetricsOutcome => {
  const fail = (why: string): MetricsOutcome => ({ failureReason: `AlgorithmError: ${why}` });
  if (text === undefined) return fail(`the job wrote no metrics (output/data/${file} is missing)`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(`output/data/${file} is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(`output/data/${file} must hold an object of metric names to numbers`);
  }
  const entries = Object.entries(value);
  const bad = entries.find(([, v]) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad) return fail(`metric ${bad[0]} in output/data/${file} is not a finite number`);
  if (entries.length === 0) return fail(`output/data/${file} holds no metrics`);
  return { metrics: value as Record<string, number> };
};
