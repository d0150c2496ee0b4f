import type { AdmissionDeps } from './admission-deps';
import { type NextRun, startNextRun } from './start-next-run';

/**
 * Starts the runs whose debounce window has closed: the delayed re-check behind data-arrival debouncing.
 * A scheduled rule (every minute) invokes it, so a window closes at most a minute late.
 */
export const flushDueTriggers = async (
  deps: AdmissionDeps,
  environments: readonly string[] = [deps.environment],
): Promise<{ model: string; environment: string; next: NextRun }[]> => {
  const specs = await deps.specs.all(deps.clock());
  const results = [];
  for (const model of specs.keys()) {
    for (const environment of environments) {
      results.push({ model, environment, next: await startNextRun(model, environment, deps) });
    }
  }
  return results;
};
