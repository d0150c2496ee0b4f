import { createRouterHarness, deploymentSettings } from '../../helpers/model-router';

describe('a healthy challenger deployed linearly', () => {
  it('takes traffic step by step, becomes the champion, and the old version stops serving', async () => {
    const harness = await createRouterHarness();
    const { store, router } = harness;
    const deployment = deploymentSettings({ strategy: 'linear', linear: { stepPercent: 50, interval: 0.2 } });
    const deployChallenger = await harness.withChampion(deployment, {});

    const outcome = await deployChallenger();
    const after = await harness.invokeMany(20, 4);
    const status = router.status('churn');
    const described = await fetch(`http://127.0.0.1:${harness.port}/models/churn`).then((r) => r.json());
    await harness.close();

    expect(outcome).toEqual({
      model: 'churn',
      version: 2,
      previousVersion: 1,
      steps: [
        { percent: 50, bakeSeconds: 0.2 },
        { percent: 100, bakeSeconds: 0 },
      ],
    });
    expect(after.every((r) => r.status === 200 && r.version === 2 && r.variant === 'champion')).toBe(true);
    expect(status).toEqual({
      model: 'churn',
      champion: expect.objectContaining({ version: 2, weight: 100 }),
    });
    expect(described).toEqual(status);
    expect(await store.aliases.getAlias('churn', 'champion')).toMatchObject({ version: 2, revision: 2 });
    expect((await store.runs.listSteps('run-2'))[0]).toMatchObject({ status: 'SUCCEEDED', output: outcome });
  });
});
