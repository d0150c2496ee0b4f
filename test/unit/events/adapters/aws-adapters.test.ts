import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { ExecutionAlreadyExistsError } from '../../../../lib/errors/execution-already-exists-error';
import { SfnPipelineStarter } from '../../../../lib/events/admission/sfn-pipeline-starter';
import { SecretsManagerWebhookSecret } from '../../../../lib/events/github/secrets-manager-webhook-secret';
import { SsmWebhookSecret } from '../../../../lib/events/github/ssm-webhook-secret';
import { publishAll } from '../../../../lib/events/publish/event-publisher';
import { EventBridgeEventPublisher } from '../../../../lib/events/publish/eventbridge-event-publisher';

const STATE_MACHINE = 'arn:aws:states:eu-west-1:123456789012:stateMachine:conveyor-dev-pipeline';
const EXECUTION =
  'arn:aws:states:eu-west-1:123456789012:execution:conveyor-dev-pipeline:churn-manual-none-0123456789abcdef';
const request = {
  stateMachine: STATE_MACHINE,
  name: 'churn-manual-none-0123456789abcdef',
  input: '{"runId":"r"}',
};

describe('the Step Functions pipeline starter', () => {
  const sfn = mockClient(SFNClient);
  beforeEach(() => sfn.reset());

  it('starts an execution with the state machine, name and input', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: new Date() });

    const started = await new SfnPipelineStarter(new SFNClient({})).startExecution(request);

    expect(started).toEqual({ executionArn: EXECUTION });
    expect(sfn).toHaveReceivedCommandWith(StartExecutionCommand, {
      stateMachineArn: STATE_MACHINE,
      name: request.name,
      input: request.input,
    });
  });

  it('treats ExecutionAlreadyExists with the same input as the execution already started', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    sfn
      .on(DescribeExecutionCommand, { executionArn: EXECUTION })
      .resolves({ executionArn: EXECUTION, input: request.input });

    const started = await new SfnPipelineStarter(new SFNClient({})).startExecution(request);

    expect(started).toEqual({ executionArn: EXECUTION });
  });

  it('refuses a name taken by an execution with another input', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    sfn.on(DescribeExecutionCommand).resolves({ executionArn: EXECUTION, input: '{"runId":"other"}' });

    await expect(new SfnPipelineStarter(new SFNClient({})).startExecution(request)).rejects.toThrow(
      ExecutionAlreadyExistsError,
    );
  });

  it('lets other errors through', async () => {
    sfn.on(StartExecutionCommand).rejects(new Error('ThrottlingException'));

    await expect(new SfnPipelineStarter(new SFNClient({})).startExecution(request)).rejects.toThrow(
      'ThrottlingException',
    );
  });

  it("describes an execution by the state machine and name: its ARN and Step Functions' status", async () => {
    sfn.on(DescribeExecutionCommand, { executionArn: EXECUTION }).resolves({
      executionArn: EXECUTION,
      status: 'TIMED_OUT',
      input: request.input,
    });

    const described = await new SfnPipelineStarter(new SFNClient({})).describeExecution(request);

    expect(described).toEqual({ executionArn: EXECUTION, status: 'TIMED_OUT' });
  });

  it('describes an execution that was never started as absent', async () => {
    sfn.on(DescribeExecutionCommand).rejects(new ExecutionDoesNotExist({ message: 'no', $metadata: {} }));

    await expect(
      new SfnPipelineStarter(new SFNClient({})).describeExecution(request),
    ).resolves.toBeUndefined();
  });
});

describe('the EventBridge publisher', () => {
  const eventBridge = mockClient(EventBridgeClient);
  beforeEach(() => eventBridge.reset());
  const entry = { Source: 'conveyor.github', DetailType: 'Code Pushed', Detail: '{}' };

  it('sends the entries and answers their event ids', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });

    const ids = await publishAll(new EventBridgeEventPublisher(new EventBridgeClient({})), [entry]);

    expect(ids).toEqual(['e-1']);
    expect(eventBridge).toHaveReceivedCommandWith(PutEventsCommand, { Entries: [entry] });
  });

  it('fails naming the ErrorCode of every entry EventBridge did not accept', async () => {
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ EventId: 'e-1' }, { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }],
    });

    await expect(
      publishAll(new EventBridgeEventPublisher(new EventBridgeClient({})), [entry, entry]),
    ).rejects.toThrow('PutEvents rejected 1 entry: #1 InternalFailure: try again');
  });
});

describe('the webhook secret adapters', () => {
  const secrets = mockClient(SecretsManagerClient);
  const ssm = mockClient(SSMClient);
  beforeEach(() => {
    secrets.reset();
    ssm.reset();
  });

  it('reads the secret string from Secrets Manager once and keeps it', async () => {
    secrets
      .on(GetSecretValueCommand, { SecretId: 'conveyor/dev/github' })
      .resolves({ SecretString: 's3cret' });
    const source = new SecretsManagerWebhookSecret('conveyor/dev/github', new SecretsManagerClient({}));

    const values = [await source.getSecret(), await source.getSecret()];

    expect(values).toEqual(['s3cret', 's3cret']);
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
  });

  it('fails clearly for a secret without a string value', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1]) });

    await expect(
      new SecretsManagerWebhookSecret('bin', new SecretsManagerClient({})).getSecret(),
    ).rejects.toThrow('secret bin has no string value');
  });

  it('reads a SecureString parameter from SSM with decryption', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Name: '/conveyor/github', Value: 'p4ram' } });

    const value = await new SsmWebhookSecret('/conveyor/github', new SSMClient({})).getSecret();

    expect(value).toBe('p4ram');
    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, {
      Name: '/conveyor/github',
      WithDecryption: true,
    });
  });
});
