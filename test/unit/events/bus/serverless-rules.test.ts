import { join } from 'node:path';
import { parseServerlessConfig, readServerlessConfig } from '../../../../lib/config/serverless-config';
import { rulesFromConfig } from '../../../../lib/events/bus/rules-from-config';
import {
  CodeCommitRepositoryStateChange,
  CodePushed,
  DriftDetected,
  type EventContract,
  ObjectCreated,
  RetrainingRequested,
  RunFailed,
  RunStarted,
  RunSucceeded,
  TriggerSuppressed,
} from '../../../../lib/events/contracts';

const envelope = (contract: EventContract, detail: Record<string, unknown> = {}) => ({
  version: '0',
  id: 'e1',
  'detail-type': contract.detailType,
  source: contract.source,
  account: '123456789012',
  time: '2026-11-26T10:00:00Z',
  region: 'eu-west-1',
  resources: [],
  detail,
});

describe('the EventBridge rules declared in serverless.yml', () => {
  const rules = async () =>
    rulesFromConfig(await readServerlessConfig(join(__dirname, '../../../../serverless.yml')));
  const targetsOf = async (event: unknown) =>
    (await rules())
      .filter((r) => r.pattern.matches(event))
      // Names are conveyor-<stage>-<what>; the stage stays a Serverless variable locally.
      .map(
        (r) =>
          `${r.target}:${r.name.startsWith('conveyor-') ? r.name.split('-').slice(-2).join('-') : r.name}`,
      );

  it('route every consumed trigger, and run ends, to admitTrigger', async () => {
    const routed = await Promise.all([
      targetsOf(envelope(CodePushed)),
      targetsOf(
        envelope(CodeCommitRepositoryStateChange, { event: 'referenceUpdated', referenceType: 'branch' }),
      ),
      targetsOf(envelope(ObjectCreated, { object: { key: 'churn/a.csv', size: 10 } })),
      targetsOf(envelope(DriftDetected)),
      targetsOf(envelope(RetrainingRequested)),
      targetsOf(envelope(RunSucceeded)),
      targetsOf(envelope(RunFailed)),
    ]);

    expect(routed).toEqual([
      ['admitTrigger:code-pushed'],
      ['admitTrigger:code-pushed'],
      ['admitTrigger:data-arrived'],
      ['admitTrigger:retraining-asked'],
      ['admitTrigger:retraining-asked'],
      ['admitTrigger:run-ended'],
      ['admitTrigger:run-ended'],
    ]);
  });

  it('leave out tag pushes, deleted branches, empty objects and events Conveyor only emits', async () => {
    const routed = await Promise.all([
      targetsOf(
        envelope(CodeCommitRepositoryStateChange, { event: 'referenceUpdated', referenceType: 'tag' }),
      ),
      targetsOf(
        envelope(CodeCommitRepositoryStateChange, { event: 'referenceDeleted', referenceType: 'branch' }),
      ),
      targetsOf(envelope(ObjectCreated, { object: { key: 'churn/', size: 0 } })),
      targetsOf(envelope(RunStarted)),
      targetsOf(envelope(TriggerSuppressed)),
    ]);

    expect(routed).toEqual([[], [], [], [], []]);
  });

  it('carry the retry policy declared for trigger delivery', async () => {
    expect((await rules()).map((r) => r.retryPolicy)).toEqual(
      Array(4).fill({ maximumRetryAttempts: 8, maximumEventAgeInSeconds: 3600 }),
    );
  });

  it('reject an invalid pattern naming the function and event', () => {
    const config = parseServerlessConfig(
      'service: x\nfunctions:\n  f:\n    events:\n      - eventBridge:\n          pattern: { source: [] }\n',
      'serverless.yml',
    );

    expect(() => rulesFromConfig(config)).toThrow(
      'serverless.yml functions.f.events[0].eventBridge.pattern: Event pattern is not valid. Reason: Empty arrays are not allowed',
    );
  });

  it('use EventBridge default retry policy when none is declared', () => {
    const config = parseServerlessConfig(
      'service: x\nfunctions:\n  f:\n    events:\n      - eventBridge:\n          pattern: { source: [a] }\n',
      'serverless.yml',
    );

    expect(rulesFromConfig(config)[0]).toMatchObject({
      name: 'f-rule-1',
      retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86_400 },
    });
  });
});
