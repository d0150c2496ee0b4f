import { trafficSteps } from '../../../lib/deploy/deployment-target';
import { VariantHealth } from '../../../lib/deploy/variant-health';
import { deploymentSettings } from '../../helpers/model-router';

const rollback = { maxErrorRate: 0.05, maxLatencyP99Ms: 300, minRequests: 20 };

describe('variant health', () => {
  it('does not judge a variant before it has served minRequests requests', () => {
    const health = new VariantHealth();
    for (let i = 0; i < 19; i += 1) health.record(10, true);

    expect(health.breach(rollback)).toBeUndefined();
    health.record(10, true);
    expect(health.breach(rollback)).toMatch(/^error rate 1\.000 over 20 requests exceeds 0\.05$/);
  });

  it('breaches on the p99 latency of the recent requests', () => {
    const health = new VariantHealth();
    for (let i = 0; i < 98; i += 1) health.record(50, false);
    health.record(250, false);
    health.record(900, false);

    expect(health.latencyP99Ms).toBe(250);
    expect(health.breach(rollback)).toBeUndefined();
    health.record(900, false);
    expect(health.breach(rollback)).toBe('p99 latency 900ms exceeds 300ms');
  });
});

describe('traffic steps', () => {
  it.each([
    ['all-at-once', {}, [{ percent: 100, bakeSeconds: 0 }]],
    [
      'canary',
      { canary: { percent: 10, bake: 600 } },
      [
        { percent: 10, bakeSeconds: 600 },
        { percent: 100, bakeSeconds: 0 },
      ],
    ],
    [
      'linear',
      { linear: { stepPercent: 30, interval: 60 } },
      [
        { percent: 30, bakeSeconds: 60 },
        { percent: 60, bakeSeconds: 60 },
        { percent: 90, bakeSeconds: 60 },
        { percent: 100, bakeSeconds: 0 },
      ],
    ],
  ])('%s shifts traffic as the spec says', (strategy, settings, expected) => {
    expect(trafficSteps(deploymentSettings({ strategy, ...settings }))).toEqual(expected);
  });
});
