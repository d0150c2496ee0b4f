import { createAdmissionDeps } from '../admission/create-admission-deps';
import { handleTriggerEvent } from '../admission/handle-trigger-event';
import type { Logger } from '../logger';
import type { Target } from './local-event-bus';

/** The functions the rules in serverless.yml target, by function name, wired from the environment. */
export const localTargets = (env: NodeJS.ProcessEnv, logger: Logger): Record<string, Target> => {
  let admission: ReturnType<typeof createAdmissionDeps> | undefined;
  return {
    admitTrigger: (event) => {
      admission ??= createAdmissionDeps(env, logger);
      return handleTriggerEvent(event, admission);
    },
  };
};
