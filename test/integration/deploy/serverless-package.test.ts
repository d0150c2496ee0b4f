// `npm run package` builds the CloudFormation template offline; this checks that the one declaration
// in serverless.yml packages, and that what AWS gets is what the local platform builds.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readServerlessConfig } from '../../../lib/config/serverless-config';
import { stateTableDefinition } from '../../../lib/store/table-definition';

const root = join(__dirname, '../../..');

describe('serverless.yml packaged by osls', () => {
  let outDir: string;
  let template: { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'conveyor-package-'));
    await promisify(execFile)(
      process.execPath,
      [require.resolve('osls/bin/serverless.js'), 'package', '--package', outDir],
      {
        cwd: root,
        env: { ...process.env, AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', SLS_TELEMETRY_DISABLED: '1' },
      },
    );
    template = JSON.parse(await readFile(join(outDir, 'cloudformation-template-update-stack.json'), 'utf8'));
  }, 120_000);

  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it('declares the state table AWS creates with the keys the local platform creates', async () => {
    const table = template.Resources.StateTable;
    const local = stateTableDefinition(await readServerlessConfig(join(root, 'serverless.yml')));

    expect(table?.Type).toBe('AWS::DynamoDB::Table');
    expect(table?.Properties).toMatchObject({ ...local, TableName: 'conveyor-dev-state' });
    expect(table?.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it("sends admission's failed asynchronous invocations to a queue after two retries", async () => {
    const [, config] =
      Object.entries(template.Resources).find(([, r]) => r.Type === 'AWS::Lambda::EventInvokeConfig') ?? [];
    const policy = template.Resources.AdmitTriggerFailurePolicy;

    expect(config?.Properties).toMatchObject({
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': ['AdmitTriggerFailureQueue', 'Arn'] } },
      },
    });
    expect(template.Resources.AdmitTriggerFailureQueue?.Type).toBe('AWS::SQS::Queue');
    expect(policy?.Properties).toMatchObject({ Roles: [{ Ref: 'AdmitTriggerRole' }] });
    expect(JSON.stringify(policy?.Properties.PolicyDocument)).toContain('sqs:SendMessage');
    expect(JSON.stringify(template.Resources.AdmitTriggerBatchWritePolicy?.Properties)).toContain(
      'dynamodb:BatchWriteItem',
    );
  });

  it('bundles each function on its own, as JavaScript, with its own role', async () => {
    const functions = Object.entries(template.Resources).filter(
      ([, r]) => r.Type === 'AWS::Lambda::Function',
    );
    const roles = functions.map(([, f]) => JSON.stringify(f.Properties.Role));

    expect(functions.length).toBeGreaterThanOrEqual(2);
    expect(new Set(roles).size).toBe(functions.length);
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
      expect(String(fn.Properties.Handler)).toMatch(/^functions\/[a-z-]+\.handler$/);
    }
    const zips = (await readdir(outDir)).filter((file) => file.endsWith('.zip'));
    expect(zips).toHaveLength(functions.length);
  });

  it('declares both state machines from their files, each with its own role', async () => {
    const pipeline = template.Resources.PipelineStateMachine;
    const monitoring = template.Resources.MonitoringStateMachine;
    const file = await readFile(join(root, 'statemachines/training-pipeline.asl.json'), 'utf8');

    expect(pipeline?.Type).toBe('AWS::StepFunctions::StateMachine');
    expect(monitoring?.Type).toBe('AWS::StepFunctions::StateMachine');
    expect(pipeline?.Properties.StateMachineName).toBe('conveyor-dev-pipeline');
    const { 'Fn::Sub': definition } = (pipeline?.Properties.DefinitionString ?? {}) as { 'Fn::Sub': string };
    // serverless-step-functions turns the files' #{AWS::X} into the Fn::Sub's own placeholders.
    const substituted = file.replace(/#\{([^}]+)\}/g, (_, name) => `\${${name}}`);
    expect(JSON.parse(definition)).toEqual(JSON.parse(substituted));
    expect(pipeline?.Properties.RoleArn).toEqual({ 'Fn::GetAtt': ['PipelineStateMachineRole', 'Arn'] });
  });

  it('turns on EventBridge notifications for the data bucket, or S3 would never start a run', () => {
    expect(template.Resources.DataBucket?.Properties.NotificationConfiguration).toEqual({
      EventBridgeConfiguration: { EventBridgeEnabled: true },
    });
  });

  it('authorises the approval endpoint with IAM', () => {
    const route = Object.values(template.Resources).find(
      (r) => r.Type === 'AWS::ApiGatewayV2::Route' && String(r.Properties.RouteKey).includes('/approval'),
    );
    expect(route?.Properties).toMatchObject({
      RouteKey: 'POST /runs/{runId}/approval',
      AuthorizationType: 'AWS_IAM',
    });
  });

  it('grants no * action, and * resources only to the actions AWS scopes to no resource', () => {
    const RESOURCELESS = new Set(['ecr:GetAuthorizationToken', 'cloudwatch:PutMetricData']);
    const statements = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::IAM::Role')
      .flatMap(
        (r) =>
          (r.Properties.Policies as { PolicyDocument: { Statement: Record<string, unknown>[] } }[]) ?? [],
      )
      .flatMap((p) => p.PolicyDocument.Statement);
    expect(statements.length).toBeGreaterThan(30);
    for (const statement of statements) {
      const actions = [statement.Action].flat() as string[];
      const resources = [statement.Resource].flat();
      for (const action of actions) expect(action).not.toMatch(/(^\*$)|:\*$/);
      if (resources.includes('*')) expect(actions.filter((a) => !RESOURCELESS.has(a))).toEqual([]);
    }
  });
});
