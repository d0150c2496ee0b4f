import { createHash } from 'node:crypto';
import { InvalidInputError } from '../errors/invalid-input-error';

/** SageMaker's pattern for training job, model and endpoint names. */
export const SAGEMAKER_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const MAX_LENGTH = 63;

/**
 * A SageMaker-valid name derived from its parts only, so that a retry computes the same name. When
 * the parts had to be shortened or cleaned, a hash of the original parts keeps distinct inputs apart.
 *
 * @example sageMakerName('churn', 'run-2026-11-26-0001') // 'churn-run-2026-11-26-0001'
 */
export const sageMakerName = (...parts: string[]): string => {
  const raw = parts.join('-');
  const clean = raw
    .replace(/[^a-zA-Z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (clean === raw && clean.length <= MAX_LENGTH && clean !== '') return clean;
  const hash = createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 8);
  const head = clean.slice(0, MAX_LENGTH - hash.length - 1).replace(/-+$/, '');
  return head ? `${head}-${hash}` : hash;
};

export const trainingJobName = (model: string, runId: string): string => sageMakerName(model, runId);

/** Refuses names that are not SageMaker names: they also name local directories. */
export const assertJobName = (jobName: string): void => {
  if (!SAGEMAKER_NAME.test(jobName)) {
    throw new InvalidInputError(
      `training job name ${JSON.stringify(jobName)} does not match ${SAGEMAKER_NAME}`,
    );
  }
};
