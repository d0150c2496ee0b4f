import { createRouterHarness, deploymentSettings } from '../../helpers/model-router';

const REQUESTS = 400;
const SAMPLING = 0.25;
const SIGMA = Math.sqrt(REQUESTS * SAMPLING * (1 - SAMPLING));

describe('data capture on the local router', () => {
  it('captures the sampling percentage of the spec, within 4 binomial sigmas', async () => {
    const harness = await createRouterHarness();
    const v1 = await harness.addVersion({ label: 'v1' });
    const deployment = deploymentSettings({ dataCapture: { samplingPercent: SAMPLING * 100 } });
    await harness.deploy(v1, deployment);

    await harness.invokeMany(REQUESTS);
    await harness.close();

    const lines = await harness.capturedLines('churn/v1');
    expect(lines.length).toBeGreaterThanOrEqual(REQUESTS * SAMPLING - 4 * SIGMA);
    expect(lines.length).toBeLessThanOrEqual(REQUESTS * SAMPLING + 4 * SIGMA);
  });
});
