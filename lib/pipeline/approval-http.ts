/**
 * The approval endpoint's contract: `POST /runs/{runId}/approval` with `{"decision": "approve" |
 * "reject", "comment"?}`, by an authenticated caller. Errors become statuses a client can act on;
 * anything unexpected is a bare 500, its message kept for the log.
 */
import * as z from 'zod';
import { ApprovalNotPendingError } from '../errors/approval-not-pending-error';
import { ApproverNotAllowedError } from '../errors/approver-not-allowed-error';
import { InvalidInputError } from '../errors/invalid-input-error';
import { NotFoundError } from '../errors/not-found-error';
import type { ApprovalDecision } from './decide-approval';

const body = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().max(1000).optional(),
});

export const parseApprovalRequest = (
  runId: string | undefined,
  caller: string | undefined,
  text: string | undefined,
): ApprovalDecision => {
  if (!runId) throw new InvalidInputError('the path names no run');
  if (!caller) throw new InvalidInputError('the request carries no caller identity');
  let json: unknown;
  try {
    json = JSON.parse(text ?? '');
  } catch {
    throw new InvalidInputError('the body is not JSON: send {"decision": "approve" | "reject", "comment"?}');
  }
  const parsed = body.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInputError(`${issue?.path.join('.') || 'body'}: ${issue?.message}`);
  }
  return { runId, caller, ...parsed.data };
};

// Step Functions answers these for a token that is no longer waiting (decided, or timed out).
const CLOSED_TOKEN = new Set(['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist']);

export const approvalErrorStatus = (error: unknown): { status: number; message: string } => {
  const message = (error as Error)?.message ?? String(error);
  if (error instanceof InvalidInputError) return { status: 400, message };
  if (error instanceof ApproverNotAllowedError) return { status: 403, message };
  if (error instanceof NotFoundError) return { status: 404, message };
  if (error instanceof ApprovalNotPendingError) return { status: 409, message };
  if (CLOSED_TOKEN.has((error as Error)?.name))
    return { status: 409, message: 'the approval is no longer waiting' };
  return { status: 500, message: 'Internal Server Error' };
};
