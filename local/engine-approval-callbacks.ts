import type { StepFunctionsEngine } from '../lib/engine/engine';
import type { ApprovalCallbacks } from '../lib/pipeline/approval-callbacks';

/** Approval decisions handed to the local engine, as SendTaskSuccess/SendTaskFailure do on AWS. */
export const engineApprovalCallbacks = (engine: StepFunctionsEngine): ApprovalCallbacks => ({
  succeed: (taskToken, output) => engine.sendTaskSuccess({ taskToken, output: JSON.stringify(output) }),
  fail: (taskToken, error, cause) => engine.sendTaskFailure({ taskToken, error, cause }),
});
