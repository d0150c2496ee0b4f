/**
 * The approval gate, asked by a `.waitForTaskToken` task: the token is kept on the run (never shown),
 * an Approval Requested event says what to judge (gate report, metrics beside the champion's) and
 * until when, and the execution waits until an approver decides or the spec's timeout passes.
 */
import { ApprovalRequested, entryFor } from '../events/contracts';
import type { StateStore } from '../store/ports';
import type { PublishEvent } from './publish-event';
import { runSpec } from './run-spec';
import { openStep } from './run-steps';

export interface RequestApprovalDeps {
  store: Pick<StateStore, 'runs' | 'models' | 'aliases' | 'versions'>;
  publish: PublishEvent;
  clock: () => Date;
}

export const requestApproval = async (
  deps: RequestApprovalDeps,
  input: { runId: string; taskToken: string },
): Promise<{ approvers: string[]; expiresAt: string }> => {
  const { store } = deps;
  const run = await store.runs.getRun(input.runId);
  const { spec } = await runSpec(store, run);
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + spec.approval.timeout * 1000).toISOString();
  await store.runs.updateRun(run.runId, {
    approval: {
      status: 'PENDING',
      requestedAt: now.toISOString(),
      taskToken: input.taskToken,
      approvers: spec.approval.approvers,
    },
  });
  await openStep(deps, run.runId, 'Approval');
  const champion = await store.aliases.getAlias(run.model, 'champion');
  const championVersion = champion ? await store.versions.getVersion(run.model, champion.version) : undefined;
  await deps.publish(
    entryFor(ApprovalRequested, {
      model: run.model,
      environment: run.environment,
      runId: run.runId,
      ...(run.executionArn ? { executionArn: run.executionArn } : {}),
      approvers: spec.approval.approvers,
      expiresAt,
      metrics: run.metrics ?? {},
      ...(championVersion
        ? { championVersion: championVersion.version, championMetrics: championVersion.metrics }
        : {}),
      gateReport: run.gateReport ?? null,
    }),
  );
  return { approvers: spec.approval.approvers, expiresAt };
};
