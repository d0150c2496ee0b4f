import type { PipelineSpec } from '../../spec/schema';
import type { Run } from '../../store/entities';

/**
 * Why a drift trigger may not retrain now, or undefined when it may: the spec's cooldown since the
 * last drift-triggered run and its budget of drift-triggered runs per period. Runs are newest first.
 */
export const driftSuppression = (
  runs: readonly Run[],
  environment: string,
  drift: PipelineSpec['retraining']['drift'],
  now: Date,
): string | undefined => {
  const driftRuns = runs.filter(
    (r) =>
      r.environment === environment &&
      (r.triggerSummary
        ? (r.triggerSummary.byKind.drift ?? 0) > 0
        : r.triggers.some((t) => t.kind === 'drift')),
  );
  const last = driftRuns[0];
  if (last) {
    const allowedAt = Date.parse(last.createdAt) + drift.cooldown * 1000;
    if (now.getTime() < allowedAt) {
      return `drift cooldown: run ${last.runId} retrained on drift at ${last.createdAt}; the next drift retrain may start at ${new Date(allowedAt).toISOString()}`;
    }
  }
  const periodStart = now.getTime() - drift.budget.period * 1000;
  const inPeriod = driftRuns.filter((r) => Date.parse(r.createdAt) > periodStart).length;
  if (inPeriod >= drift.budget.maxRuns) {
    return `drift budget exhausted: ${inPeriod} of ${drift.budget.maxRuns} drift retrains in the last ${drift.budget.period}s`;
  }
  return undefined;
};
