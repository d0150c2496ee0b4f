import { checkRunTraining, type RunTrainingDeps } from '../lib/pipeline/run-training';
import { checkTrainingInput } from '../lib/pipeline/task-inputs';
import { lazyHandler } from './_shared/lazy-handler';
import { taskHandler } from './_shared/task-handler';
import { createTrainingDeps } from './_shared/training-deps';

export const createDeps = (env: NodeJS.ProcessEnv = process.env): RunTrainingDeps => createTrainingDeps(env);

export const makeHandler = (deps: RunTrainingDeps) =>
  taskHandler('CheckTraining', checkTrainingInput, (input) => checkRunTraining(deps, input));

export const handler = lazyHandler(() => makeHandler(createDeps()));
