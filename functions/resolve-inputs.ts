import { S3DataLocator } from '../lib/data/s3-data-location';
import { type ResolveRunInputsDeps, resolveRunInputs } from '../lib/pipeline/resolve-run-inputs';
import { runTaskInput } from '../lib/pipeline/task-inputs';
import { s3Client } from './_shared/aws-clients';
import { requireEnv, secondsFromEnv } from './_shared/env';
import { lazyHandler } from './_shared/lazy-handler';
import { createStateStoreFromEnv } from './_shared/state-store';
import { taskHandler } from './_shared/task-handler';

export const createDeps = (env: NodeJS.ProcessEnv = process.env): ResolveRunInputsDeps => {
  const { CONVEYOR_POLL_SECONDS } = requireEnv(env, ['CONVEYOR_POLL_SECONDS']);
  return {
    store: createStateStoreFromEnv(env),
    data: new S3DataLocator(s3Client()),
    clock: () => new Date(),
    pollSeconds: secondsFromEnv('CONVEYOR_POLL_SECONDS', CONVEYOR_POLL_SECONDS),
  };
};

export const makeHandler = (deps: ResolveRunInputsDeps) =>
  taskHandler('ResolveInputs', runTaskInput, (input) => resolveRunInputs(deps, input));

export const handler = lazyHandler(() => makeHandler(createDeps()));
