import { type RunTrainingDeps, startRunTraining } from '../lib/pipeline/run-training';
import { startTrainingInput } from '../lib/pipeline/task-inputs';
import { lazyHandler } from './_shared/lazy-handler';
import { taskHandler } from './_shared/task-handler';
import { createTrainingDeps } from './_shared/training-deps';

export const createDeps = (env: NodeJS.ProcessEnv = process.env): RunTrainingDeps => createTrainingDeps(env);

export const makeHandler = (deps: RunTrainingDeps) =>
  taskHandler('StartTraining', startTrainingInput, (input) => startRunTraining(deps, input));

export const handler = lazyHandler(() => makeHandler(createDeps()));
