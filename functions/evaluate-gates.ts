import { type ApplyQualityGatesDeps, applyQualityGates } from '../lib/pipeline/apply-quality-gates';
import { runTaskInput } from '../lib/pipeline/task-inputs';
import { lazyHandler } from './_shared/lazy-handler';
import { cloudWatchMetrics } from './_shared/metrics';
import { createStateStoreFromEnv } from './_shared/state-store';
import { taskHandler } from './_shared/task-handler';

export const createDeps = (env: NodeJS.ProcessEnv = process.env): ApplyQualityGatesDeps => ({
  store: createStateStoreFromEnv(env),
  clock: () => new Date(),
  metrics: cloudWatchMetrics,
});

export const makeHandler = (deps: ApplyQualityGatesDeps) =>
  taskHandler('EvaluateGates', runTaskInput, (input) => applyQualityGates(deps, input));

export const handler = lazyHandler(() => makeHandler(createDeps()));
