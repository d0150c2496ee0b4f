import type { CaptureRecord } from '../../../lib/deploy/data-capture';
import { DeploymentFailedError } from '../../../lib/errors/deployment-failed-error';
import { createRouterHarness, deploymentSettings } from '../../helpers/model-router';

const REQUESTS = 2000;
const CANARY = 0.1;
// Binomial(2000, 0.1): mean 200, standard deviation sqrt(2000 * 0.1 * 0.9) ≈ 13.4; 4 sigma ≈ 54.
const SIGMA = Math.sqrt(REQUESTS * CANARY * (1 - CANARY));
const [LOW, HIGH] = [REQUESTS * CANARY - 4 * SIGMA, REQUESTS * CANARY + 4 * SIGMA];

describe('a 10% canary on the local router', () => {
  it('sends the challenger 10% of 2,000 requests, within 4 binomial sigmas, and captures every one', async () => {
    const harness = await createRouterHarness();
    const v1 = await harness.addVersion({ label: 'v1' });
    const v2 = await harness.addVersion({ label: 'v2' });
    const deployment = deploymentSettings({ strategy: 'canary', canary: { percent: 10, bake: 3600 } });
    await harness.deploy(v1, deployment);
    const canary = harness.deploy(v2, deployment);
    const closed = expect(canary).rejects.toBeInstanceOf(DeploymentFailedError);
    await harness.until(() => harness.router.status('churn')?.challenger?.weight === 10);

    const results = await harness.invokeMany(REQUESTS);
    const status = harness.router.status('churn');
    await harness.close();
    await closed;

    const toChallenger = results.filter((r) => r.variant === 'challenger');
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(toChallenger.length).toBeGreaterThanOrEqual(LOW);
    expect(toChallenger.length).toBeLessThanOrEqual(HIGH);
    expect(toChallenger.every((r) => r.version === 2 && r.body.startsWith('v2,'))).toBe(true);
    expect(status?.challenger?.health).toMatchObject({ requests: toChallenger.length, errors: 0 });
    expect(status?.champion).toMatchObject({ version: 1, weight: 90 });

    const lines = await harness.capturedLines('churn');
    expect(lines).toHaveLength(REQUESTS);
    const record = JSON.parse(lines[0] as string) as CaptureRecord;
    expect(record).toEqual({
      captureData: {
        endpointInput: {
          observedContentType: 'text/csv',
          mode: 'INPUT',
          data: '42,pro,20.5,12,1',
          encoding: 'CSV',
        },
        endpointOutput: {
          observedContentType: 'text/csv',
          mode: 'OUTPUT',
          data: expect.stringMatching(/^v[12],16\n$/),
          encoding: 'CSV',
        },
      },
      eventMetadata: { eventId: expect.stringMatching(/^[0-9a-f-]{36}$/), inferenceTime: expect.any(String) },
      eventVersion: '0',
    });
    expect(new Date(record.eventMetadata.inferenceTime).toISOString()).toBe(
      record.eventMetadata.inferenceTime,
    );
    // 2,000 round trips through two HTTP hops: a generous limit for a shared machine, not a timing assertion.
  }, 30_000);
});
