import type { AdmissionDeps } from './admission-deps';
import { type NextRun, releaseQuietly, startNextRun } from './start-next-run';

/**
 * A run ended (whatever its status): free its model and start exactly one follow-up run from the
 * triggers that queued meanwhile, merged.
 */
export const onRunEnded = async (
  ended: { runId: string; model: string; environment: string },
  deps: AdmissionDeps,
): Promise<NextRun> => {
  await releaseQuietly(deps, ended.model, ended.environment, ended.runId);
  deps.logger.info('run ended; model released', { ...ended });
  return startNextRun(ended.model, ended.environment, deps);
};
