import { type FinishRunDeps, finishRun } from '../lib/pipeline/finish-run';
import { finishRunInput } from '../lib/pipeline/task-inputs';
import { eventBridgePublish } from './_shared/aws-clients';
import { lazyHandler } from './_shared/lazy-handler';
import { libLogger } from './_shared/logger';
import { cloudWatchMetrics } from './_shared/metrics';
import { createStateStoreFromEnv } from './_shared/state-store';
import { taskHandler } from './_shared/task-handler';

export const createDeps = (env: NodeJS.ProcessEnv = process.env): FinishRunDeps => ({
  store: createStateStoreFromEnv(env),
  publish: eventBridgePublish(),
  clock: () => new Date(),
  logger: libLogger,
  metrics: cloudWatchMetrics,
});

export const makeHandler = (deps: FinishRunDeps) =>
  taskHandler('FinishRun', finishRunInput, (input) => finishRun(deps, input));

export const handler = lazyHandler(() => makeHandler(createDeps()));
