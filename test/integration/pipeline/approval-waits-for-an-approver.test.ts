import { ApproverNotAllowedError } from '../../../lib/errors/approver-not-allowed-error';
import { decideApproval } from '../../../lib/pipeline/decide-approval';
import { engineApprovalCallbacks } from '../../../local/engine-approval-callbacks';
import { churnSpec, createPipelineHarness, type PipelineHarness } from '../../helpers/pipeline';

const manual = (timeout = 600) =>
  churnSpec({ approval: { mode: 'manual', approvers: ['alice', 'bob'], timeout } });

const pendingRun = async (h: PipelineHarness) => {
  for (let i = 0; i < 300; i++) {
    const [run] = await h.store.runs.listRuns('churn');
    // The request is recorded first, then announced: wait for both.
    if (run?.approval?.status === 'PENDING' && h.eventsOf('Approval Requested').length > 0) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no run came to its approval');
};

const decide = (h: PipelineHarness, runId: string, caller: string, decision: 'approve' | 'reject') =>
  decideApproval(
    { store: h.store, callbacks: engineApprovalCallbacks(h.pipelines.engine), clock: () => new Date() },
    { runId, caller, decision, comment: `${caller} looked` },
  );

describe('manual approval', () => {
  it('asks with the gate report, refuses a non-approver, and deploys once an approver approves', async () => {
    const h = await createPipelineHarness();
    await h.register(manual());
    await h.requestRun();
    const waiting = await pendingRun(h);
    expect(waiting.approval?.taskToken).toBeTruthy();
    expect(h.eventsOf('Approval Requested')).toEqual([
      expect.objectContaining({
        runId: waiting.runId,
        approvers: ['alice', 'bob'],
        metrics: expect.objectContaining({ auc: expect.any(Number) }),
        gateReport: expect.objectContaining({ verdict: 'pass' }),
      }),
    ]);

    await expect(decide(h, waiting.runId, 'mallory', 'approve')).rejects.toBeInstanceOf(
      ApproverNotAllowedError,
    );
    await decide(h, waiting.runId, 'arn:aws:iam::123456789012:user/alice', 'approve');
    const [run] = await h.endedRuns(1);

    expect(run).toMatchObject({ status: 'SUCCEEDED', modelVersion: 1 });
    expect(run?.approval).toMatchObject({
      status: 'APPROVED',
      decidedBy: 'arn:aws:iam::123456789012:user/alice',
      decidedAt: expect.any(String),
      refused: [expect.objectContaining({ caller: 'mallory' })],
    });
    expect(run?.approval?.taskToken).toBeUndefined();
    const approval = (await h.store.runs.listSteps(run?.runId as string)).find((s) => s.name === 'Approval');
    expect(approval?.status).toBe('SUCCEEDED');
  });

  it('fails the run when an approver rejects it, registering nothing', async () => {
    const h = await createPipelineHarness();
    await h.register(manual());
    await h.requestRun();
    const waiting = await pendingRun(h);

    await decide(h, waiting.runId, 'bob', 'reject');
    const [run] = await h.endedRuns(1);

    expect(run).toMatchObject({ status: 'FAILED', failedStep: 'Approval' });
    expect(run?.error).toEqual({ name: 'ApprovalRejectedError', message: 'rejected by bob: bob looked' });
    expect(run?.approval).toMatchObject({ status: 'REJECTED', decidedBy: 'bob' });
    expect(run?.modelVersion).toBeUndefined();
    expect(await h.store.leases.get('churn', 'local')).toBeUndefined();
  });

  it('fails the run when no approver answers within the spec timeout', async () => {
    const h = await createPipelineHarness();
    await h.register(manual(2));
    await h.requestRun();

    const [run] = await h.endedRuns(1);

    expect(run).toMatchObject({ status: 'FAILED', failedStep: 'Approval' });
    expect(run?.error?.name).toBe('States.Timeout');
    const approval = (await h.store.runs.listSteps(run?.runId as string)).find((s) => s.name === 'Approval');
    expect(approval).toMatchObject({
      status: 'FAILED',
      error: expect.objectContaining({ name: 'States.Timeout' }),
    });
    await expect(decide(h, run?.runId as string, 'alice', 'approve')).rejects.toMatchObject({
      name: 'ApprovalNotPendingError',
    });
  });
});
