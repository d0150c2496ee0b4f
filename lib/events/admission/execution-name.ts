import { createHash } from 'node:crypto';
import type { TriggerRef } from '../../store/entities';

export interface RunPlan {
  model: string;
  environment: string;
  /** Oldest first; the first is the trigger that admitted the run, the rest merged into it. */
  triggers: TriggerRef[];
  commit?: string;
  dataVersion?: string;
}

/**
 * The run id and Step Functions execution name of a plan, derived from its content only (model,
 * environment, trigger kind, commit, data version and the trigger event ids): a retry of the same
 * admission derives the same name, and Step Functions refuses a second execution with it. At most 80
 * characters of [a-z0-9-], as execution names allow.
 */
export const executionNameOf = (plan: RunPlan): string => {
  const kind = plan.triggers[0]?.kind ?? 'manual';
  const digest = createHash('sha256')
    .update(
      JSON.stringify({
        model: plan.model,
        environment: plan.environment,
        kind,
        commit: plan.commit ?? null,
        dataVersion: plan.dataVersion ?? null,
        events: plan.triggers.map((t) => t.eventId).sort(),
      }),
    )
    .digest('hex')
    .slice(0, 16);
  const commit = (plan.commit ?? 'none').replace(/[^a-zA-Z0-9]/g, '').slice(0, 7) || 'none';
  return `${plan.model.slice(0, 40)}-${kind}-${commit}-${digest}`;
};

/** Merges queued triggers into one plan: the latest commit and the latest data version win. */
export const planRun = (model: string, environment: string, triggers: readonly TriggerRef[]): RunPlan => {
  const ordered = [...triggers].sort(
    (a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.eventId.localeCompare(b.eventId),
  );
  const latest = (field: 'commit' | 'dataVersion') =>
    ordered.findLast((t) => t[field] !== undefined)?.[field];
  return {
    model,
    environment,
    triggers: ordered,
    ...(latest('commit') ? { commit: latest('commit') } : {}),
    ...(latest('dataVersion') ? { dataVersion: latest('dataVersion') } : {}),
  };
};
