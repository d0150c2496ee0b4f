/**
 * An approver approves or rejects a run waiting at its approval gate. The caller (an authenticated
 * identity: an IAM ARN on AWS, the local user locally) must be one of the spec's approvers; anyone
 * else is refused and the attempt is recorded. The decision is handed to the waiting execution first,
 * then recorded with who decided and when, so a record never claims a decision the run did not get.
 */

import { ApprovalNotPendingError } from '../errors/approval-not-pending-error';
import { ApprovalRejectedError } from '../errors/approval-rejected-error';
import { ApproverNotAllowedError } from '../errors/approver-not-allowed-error';
import type { StateStore } from '../store/ports';
import type { ApprovalCallbacks } from './approval-callbacks';
import { closeStep } from './run-steps';

export interface DecideApprovalDeps {
  store: Pick<StateStore, 'runs'>;
  callbacks: ApprovalCallbacks;
  clock: () => Date;
}

export interface ApprovalDecision {
  runId: string;
  /** Who asks: an IAM user or role ARN, or a plain name. */
  caller: string;
  decision: 'approve' | 'reject';
  comment?: string;
}

/**
 * Whether `caller` is `approver`: the same string, or an ARN whose last path segment (IAM user name,
 * role session name) is the approver's name.
 */
export const isApprover = (caller: string, approver: string): boolean =>
  caller === approver || (caller.startsWith('arn:') && caller.split('/').at(-1) === approver);

export const decideApproval = async (deps: DecideApprovalDeps, input: ApprovalDecision) => {
  const { store } = deps;
  const run = await store.runs.getRun(input.runId);
  const approval = run.approval;
  if (approval?.status !== 'PENDING' || !approval.taskToken) {
    throw new ApprovalNotPendingError(
      `run ${run.runId} is not waiting for an approval${approval ? ` (it was ${approval.status.toLowerCase()})` : ''}`,
    );
  }
  const now = deps.clock().toISOString();
  if (!approval.approvers.some((approver) => isApprover(input.caller, approver))) {
    await store.runs.updateRun(run.runId, {
      approval: { ...approval, refused: [...(approval.refused ?? []), { caller: input.caller, at: now }] },
    });
    throw new ApproverNotAllowedError(
      `${input.caller} is not an approver of ${run.model} (approvers: ${approval.approvers.join(', ')})`,
    );
  }
  const comment = input.comment ? `: ${input.comment}` : '';
  if (input.decision === 'approve') {
    await deps.callbacks.succeed(approval.taskToken, { approvedBy: input.caller, approvedAt: now });
  } else {
    await deps.callbacks.fail(
      approval.taskToken,
      'ApprovalRejectedError',
      `rejected by ${input.caller}${comment}`,
    );
  }
  const { taskToken: _spent, ...kept } = approval;
  const decided = {
    ...kept,
    status: input.decision === 'approve' ? ('APPROVED' as const) : ('REJECTED' as const),
    decidedBy: input.caller,
    decidedAt: now,
    ...(input.comment ? { comment: input.comment } : {}),
  };
  await store.runs.updateRun(run.runId, { approval: decided });
  await closeStep(
    deps,
    run.runId,
    'Approval',
    input.decision === 'approve'
      ? { output: { approvedBy: input.caller, approvedAt: now } }
      : { error: new ApprovalRejectedError(`rejected by ${input.caller}${comment}`) },
  );
  return decided;
};
