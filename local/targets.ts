import { createAdmissionDeps } from '../functions/_shared/admission-deps';
import { handleTriggerEvent } from '../lib/events/admission/handle-trigger-event';
import type { Target } from '../lib/events/bus/local-event-bus';
import type { Logger } from '../lib/events/logger';

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
