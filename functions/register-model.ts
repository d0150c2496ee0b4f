import { type RegisterRunModelDeps, registerRunModel } from '../lib/pipeline/register-run-model';
import { runTaskInput } from '../lib/pipeline/task-inputs';
import { lazyHandler } from './_shared/lazy-handler';
import { createStateStoreFromEnv } from './_shared/state-store';
import { taskHandler } from './_shared/task-handler';

export const createDeps = (env: NodeJS.ProcessEnv = process.env): RegisterRunModelDeps => ({
  store: createStateStoreFromEnv(env),
  clock: () => new Date(),
});

export const makeHandler = (deps: RegisterRunModelDeps) =>
  taskHandler('RegisterModel', runTaskInput, (input) => registerRunModel(deps, input));

export const handler = lazyHandler(() => makeHandler(createDeps()));
