import { type RequestApprovalDeps, requestApproval } from '../lib/pipeline/request-approval';
import { requestApprovalInput } from '../lib/pipeline/task-inputs';
import { eventBridgePublish } from './_shared/aws-clients';
import { lazyHandler } from './_shared/lazy-handler';
import { createStateStoreFromEnv } from './_shared/state-store';
import { taskHandler } from './_shared/task-handler';

export const createDeps = (env: NodeJS.ProcessEnv = process.env): RequestApprovalDeps => ({
  store: createStateStoreFromEnv(env),
  publish: eventBridgePublish(),
  clock: () => new Date(),
});

export const makeHandler = (deps: RequestApprovalDeps) =>
  taskHandler('RequestApproval', requestApprovalInput, (input) => requestApproval(deps, input));

export const handler = lazyHandler(() => makeHandler(createDeps()));
