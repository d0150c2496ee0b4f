import { DeploymentRolledBackError } from '../../../lib/errors/deployment-rolled-back-error';
import { createRouterHarness, deploymentSettings } from '../../helpers/model-router';

describe('a challenger that returns errors', () => {
  it('is rolled back by the router: traffic, registry aliases and the run record return to the champion', async () => {
    const harness = await createRouterHarness();
    const { store, router } = harness;
    const deployment = deploymentSettings({
      strategy: 'canary',
      canary: { percent: 50, bake: 3600 },
      rollback: { maxErrorRate: 0.05, minRequests: 10 },
    });
    const deployChallenger = await harness.withChampion(deployment, { fail: true });

    const rollout = deployChallenger();
    const rolledBack = expect(rollout).rejects.toThrow(DeploymentRolledBackError);
    await harness.until(() => router.status('churn')?.challenger?.weight === 50);
    const during = await harness.invokeMany(60, 1);
    await rolledBack;
    const after = await harness.invokeMany(50, 4);
    const status = router.status('churn');
    await harness.close();

    expect(during.filter((r) => r.variant === 'challenger').length).toBeGreaterThanOrEqual(10);
    expect(during.filter((r) => r.status === 500).every((r) => r.version === 2)).toBe(true);
    expect(after.every((r) => r.status === 200 && r.variant === 'champion' && r.version === 1)).toBe(true);
    expect(status).toMatchObject({ champion: { version: 1, weight: 100 } });
    expect(status?.challenger).toBeUndefined();
    expect(await store.aliases.getAlias('churn', 'champion')).toMatchObject({ version: 1, revision: 1 });
    const challenger = await store.aliases.getAlias('churn', 'challenger');
    expect(challenger?.version).toBe(1);
    expect(challenger?.history.at(-1)?.reason).toMatch(
      /^rolled back: churn v2 was rolled back: error rate 1\.000/,
    );
    expect(await store.runs.listSteps('run-2')).toEqual([
      expect.objectContaining({
        name: 'Deploy',
        attempt: 1,
        status: 'FAILED',
        error: {
          name: 'DeploymentRolledBackError',
          message: expect.stringMatching(/error rate .* exceeds 0\.05/),
        },
      }),
    ]);
  });
});
