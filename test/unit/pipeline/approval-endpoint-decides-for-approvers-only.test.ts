import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEventV2WithIAMAuthorizer } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { makeHandler } from '../../../functions/decide-approval';
import { SfnApprovalCallbacks } from '../../../lib/pipeline/sfn-approval-callbacks';
import type { Run } from '../../../lib/store/entities';
import { createMemoryStateStore } from '../../../lib/store/memory/memory-state-store';

const sfn = mockClient(SFNClient);
const NOW = new Date('2026-12-01T10:00:00Z');

const waitingRun = (): Run => ({
  runId: 'run-1',
  model: 'churn',
  environment: 'prod',
  status: 'RUNNING',
  triggers: [],
  inputs: {},
  createdAt: NOW.toISOString(),
  approval: { status: 'PENDING', requestedAt: NOW.toISOString(), taskToken: 'token-1', approvers: ['alice'] },
});

const request = (caller: string | undefined, body: string, runId = 'run-1') =>
  ({
    pathParameters: { runId },
    body,
    isBase64Encoded: false,
    requestContext: { authorizer: caller ? { iam: { userArn: caller } } : undefined },
  }) as unknown as APIGatewayProxyEventV2WithIAMAuthorizer;

const setUp = async () => {
  sfn.reset();
  const store = createMemoryStateStore();
  await store.runs.createRun(waitingRun());
  const handler = makeHandler({
    store,
    callbacks: new SfnApprovalCallbacks(new SFNClient({})),
    clock: () => NOW,
  });
  return { store, call: (event: APIGatewayProxyEventV2WithIAMAuthorizer) => handler(event, {} as never) };
};

describe('POST /runs/{runId}/approval', () => {
  it("hands an approver's approval to Step Functions and records who decided", async () => {
    const { store, call } = await setUp();

    const response = await call(request('arn:aws:iam::123456789012:user/alice', '{"decision":"approve"}'));

    expect(response.statusCode).toBe(200);
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input).toEqual({
      taskToken: 'token-1',
      output: JSON.stringify({
        approvedBy: 'arn:aws:iam::123456789012:user/alice',
        approvedAt: NOW.toISOString(),
      }),
    });
    expect((await store.runs.getRun('run-1')).approval).toMatchObject({
      status: 'APPROVED',
      decidedBy: 'arn:aws:iam::123456789012:user/alice',
      decidedAt: NOW.toISOString(),
    });
  });

  it('refuses a caller who is not an approver with 403, records the attempt and tells Step Functions nothing', async () => {
    const { store, call } = await setUp();

    const response = await call(request('arn:aws:iam::123456789012:user/mallory', '{"decision":"approve"}'));

    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body as string).message).toContain('not an approver');
    expect(sfn.calls()).toHaveLength(0);
    expect((await store.runs.getRun('run-1')).approval?.refused).toEqual([
      { caller: 'arn:aws:iam::123456789012:user/mallory', at: NOW.toISOString() },
    ]);
  });

  it('sends a rejection as ApprovalRejectedError with the approver and comment', async () => {
    const { call } = await setUp();

    await call(
      request('arn:aws:iam::123456789012:user/alice', '{"decision":"reject","comment":"AUC too low"}'),
    );

    expect(sfn.commandCalls(SendTaskFailureCommand)[0]?.args[0].input).toEqual({
      taskToken: 'token-1',
      error: 'ApprovalRejectedError',
      cause: 'rejected by arn:aws:iam::123456789012:user/alice: AUC too low',
    });
  });

  it('answers 400 naming the field of a malformed body, 404 for an unknown run, 409 once decided', async () => {
    const { call } = await setUp();
    const alice = 'arn:aws:iam::123456789012:user/alice';

    const malformed = await call(request(alice, '{"decision":"maybe"}'));
    const notJson = await call(request(alice, 'decision=approve'));
    const unknown = await call(request(alice, '{"decision":"approve"}', 'ghost'));
    await call(request(alice, '{"decision":"approve"}'));
    const again = await call(request(alice, '{"decision":"approve"}'));

    expect([malformed.statusCode, notJson.statusCode, unknown.statusCode, again.statusCode]).toEqual([
      400, 400, 404, 409,
    ]);
    expect(JSON.parse(malformed.body as string).message).toMatch(/^decision: /);
    expect(JSON.parse(notJson.body as string).message).toContain('not JSON');
  });

  it('hides what went wrong inside behind a bare 500', async () => {
    const { call } = await setUp();
    sfn.on(SendTaskSuccessCommand).rejects(new Error('socket hang up at 10.0.0.1'));

    const response = await call(request('arn:aws:iam::123456789012:user/alice', '{"decision":"approve"}'));

    expect(response).toMatchObject({
      statusCode: 500,
      body: JSON.stringify({ message: 'Internal Server Error' }),
    });
  });
});
