import { DeploymentFailedError } from '../../../lib/errors/deployment-failed-error';
import { createRouterHarness, deploymentSettings } from '../../helpers/model-router';

describe('an inference server that never becomes healthy', () => {
  it('fails the deployment and leaves all traffic on the champion', async () => {
    const harness = await createRouterHarness();
    const { store, router } = harness;
    const deployment = deploymentSettings({ strategy: 'all-at-once', healthCheckTimeout: 0.4 });
    const deployChallenger = await harness.withChampion(deployment, { healthy: false });

    const failed = deployChallenger();

    await expect(failed).rejects.toThrow(DeploymentFailedError);
    await expect(failed).rejects.toThrow(/churn v2 did not answer GET \/ping with 200 within 400ms/);
    const after = await harness.invokeMany(20, 4);
    const status = router.status('churn');
    await harness.close();
    expect(after.every((r) => r.status === 200 && r.version === 1)).toBe(true);
    expect(status).toEqual({
      model: 'churn',
      champion: expect.objectContaining({ version: 1, weight: 100 }),
    });
    expect((await store.aliases.getAlias('churn', 'champion'))?.version).toBe(1);
    expect((await store.runs.listSteps('run-2'))[0]).toMatchObject({
      status: 'FAILED',
      error: { name: 'DeploymentFailedError' },
    });
  });
});
