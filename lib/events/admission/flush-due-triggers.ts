import type { SweepFailure } from '../../store/entities';
import type { AdmissionDeps } from './admission-deps';
import { STALE_RECEIVED_MS } from './admission-deps';
import { resumeAdmission } from './admit-event';
import { type NextRun, startNextRun } from './start-next-run';

export type SweepOutcome =
  | NextRun
  /** The sweep failed on this model this time: recorded, retried at `retryAt`. */
  | { status: 'failed'; error: string; retryAt: string }
  /** The model failed before and its backoff has not passed: left alone this time. */
  | { status: 'backing-off'; retryAt: string };

/** How long the sweep leaves a model alone after `failures` consecutive failures: 1, 2, 4... min, at most 1 h. */
export const sweepBackoffMs = (failures: number): number => Math.min(60_000 * 2 ** (failures - 1), 3_600_000);

/**
 * The every-minute sweep: per model, finishes admissions that crashed after their write-ahead
 * decision, then starts the next run when it may (closing debounce windows, finishing crashed starts,
 * freeing leases a crash or an unreported end left behind). Each model on its own: one that throws is
 * recorded (`store.sweeps`) and retried with backoff, and the others go on.
 */
export const flushDueTriggers = async (
  deps: AdmissionDeps,
  environments: readonly string[] = [deps.environment],
): Promise<{ model: string; environment: string; next: SweepOutcome }[]> => {
  const now = deps.clock();
  const specs = await deps.specs.all(now);
  const failures = new Map((await deps.store.sweeps.list()).map((f) => [keyOf(f), f]));
  const results = [];
  for (const model of specs.keys()) {
    for (const environment of environments) {
      const failure = failures.get(keyOf({ model, environment }));
      if (failure && failure.retryAtMs > now.getTime()) {
        results.push({
          model,
          environment,
          next: { status: 'backing-off' as const, retryAt: new Date(failure.retryAtMs).toISOString() },
        });
        continue;
      }
      results.push({ model, environment, next: await sweepModel(model, environment, deps, failure) });
    }
  }
  return results;
};

const sweepModel = async (
  model: string,
  environment: string,
  deps: AdmissionDeps,
  failure: SweepFailure | undefined,
): Promise<SweepOutcome> => {
  const now = deps.clock();
  try {
    const received = await deps.store.decisions.listReceived(model);
    for (const decision of received) {
      if (decision.environment !== environment) continue;
      if (now.getTime() - Date.parse(decision.decidedAt) <= STALE_RECEIVED_MS) continue;
      await resumeAdmission(decision, deps, 'the sweep');
    }
    const next = await startNextRun(model, environment, deps);
    if (failure) await deps.store.sweeps.clear(model, environment);
    return next;
  } catch (error) {
    const failures = (failure?.failures ?? 0) + 1;
    const retryAtMs = now.getTime() + sweepBackoffMs(failures);
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    deps.logger.warn('sweep failed on a model; retrying it with backoff', {
      model,
      environment,
      failures,
      error: `${name}: ${message}`,
    });
    try {
      await deps.store.sweeps.put({
        model,
        environment,
        failures,
        error: { name, message },
        failedAt: now.toISOString(),
        retryAtMs,
      });
    } catch (recordError) {
      // Not recorded: the next sweep simply tries the model again.
      deps.logger.warn('could not record a sweep failure', { model, error: (recordError as Error).message });
    }
    return { status: 'failed', error: `${name}: ${message}`, retryAt: new Date(retryAtMs).toISOString() };
  }
};

const keyOf = (f: { model: string; environment: string }) => `${f.model}\u0000${f.environment}`;
