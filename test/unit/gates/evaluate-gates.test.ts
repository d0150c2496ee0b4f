import { evaluateGates } from '../../../lib/gates/evaluate-gates';
import type { ModelEvaluation } from '../../../lib/gates/metrics-file';
import type { Predictions } from '../../../lib/gates/predictions';
import type { PipelineSpec } from '../../../lib/spec/schema';

type Gates = PipelineSpec['gates'];
const gates = (overrides: Partial<Gates>): Gates => ({
  mode: 'enforce',
  metrics: [],
  slices: [],
  ...overrides,
});
const evaluation = (metrics: Record<string, number>, predictions?: Predictions): ModelEvaluation => ({
  source: 'metrics.json',
  metrics,
  predictions,
});

/** n rows, label alternating; the score is right with probability `skill` (deterministic pattern). */
const holdout = (
  n: number,
  rightEvery: number,
  plan: (i: number) => string = (i) => (i % 4 === 0 ? 'team' : 'pro'),
): Predictions => {
  const label = Float64Array.from({ length: n }, (_, i) => i % 2);
  const score = Float64Array.from(label, (y, i) => (i % rightEvery === 0 ? 1 - y : y) * 0.8 + 0.1);
  return {
    source: 'holdout.jsonl',
    size: n,
    label,
    score,
    prediction: undefined,
    ids: undefined,
    slices: new Map([['plan', Array.from({ length: n }, (_, i) => plan(i))]]),
  };
};

describe('quality gates', () => {
  it('checks absolute thresholds and states value and bound', () => {
    const report = evaluateGates(
      gates({
        metrics: [
          { metric: 'auc', min: 0.8 },
          { metric: 'log_loss', max: 0.3 },
        ],
      }),
      evaluation({ auc: 0.85, log_loss: 0.35 }),
      undefined,
    );

    expect(report.verdict).toBe('fail');
    expect(report.decisions).toEqual([
      expect.objectContaining({
        name: 'metrics.auc.min',
        status: 'pass',
        value: 0.85,
        min: 0.8,
        reason: 'auc 0.85 >= min 0.8',
      }),
      expect.objectContaining({
        name: 'metrics.log_loss.max',
        status: 'fail',
        value: 0.35,
        max: 0.3,
        reason: 'log_loss 0.35 > max 0.3',
      }),
    ]);
  });

  it('compares with the champion under an absolute or a relative tolerance', () => {
    const report = evaluateGates(
      gates({
        metrics: [
          { metric: 'auc', vsChampion: { direction: 'higher-is-better', tolerance: 0.01, relative: false } },
          {
            metric: 'log_loss',
            vsChampion: { direction: 'lower-is-better', tolerance: 0.05, relative: true },
          },
        ],
      }),
      evaluation({ auc: 0.795, log_loss: 0.43 }),
      evaluation({ auc: 0.8, log_loss: 0.4 }),
    );

    // auc must be >= 0.8 - 0.01 = 0.79; log_loss <= 0.4 * 1.05 = 0.42.
    expect(report.decisions[0]).toMatchObject({ status: 'pass', champion: 0.8, bound: 0.79 });
    expect(report.decisions[1]).toMatchObject({ status: 'fail', champion: 0.4 });
    expect(report.decisions[1]?.bound).toBeCloseTo(0.42, 15);
    expect(report.decisions[1]?.reason).toBe(
      'log_loss 0.43 vs champion 0.4: must be <= 0.42 (lower-is-better, tolerance 0.05 relative = 0.02)',
    );
  });

  it('passes champion checks by rule for the first model, and says so', () => {
    const report = evaluateGates(
      gates({
        metrics: [
          { metric: 'auc', vsChampion: { direction: 'higher-is-better', tolerance: 0, relative: false } },
        ],
        comparison: {
          metric: 'auc',
          method: 'paired-bootstrap',
          resamples: 100,
          confidence: 0.95,
          direction: 'higher-is-better',
          tolerance: 0,
        },
      }),
      evaluation({ auc: 0.5 }),
      undefined,
    );

    expect(report).toMatchObject({ verdict: 'pass', firstModel: true });
    expect(report.decisions.map((d) => d.reason)).toEqual([
      'first model: no champion to compare against, passes by rule',
      'first model: no champion to compare against, passes by rule',
    ]);
  });

  it('passes a paired bootstrap when the candidate is clearly better, and fails it when clearly worse', () => {
    const comparison = {
      metric: 'accuracy',
      method: 'paired-bootstrap' as const,
      resamples: 500,
      confidence: 0.95,
      direction: 'higher-is-better' as const,
      tolerance: 0,
    };
    const good = holdout(400, 10); // 90% right
    const poor = holdout(400, 3); // about 67% right

    const better = evaluateGates(gates({ comparison }), evaluation({}, good), evaluation({}, poor));
    const worse = evaluateGates(gates({ comparison }), evaluation({}, poor), evaluation({}, good));

    expect(better.decisions[0]).toMatchObject({ status: 'pass', confidence: 0.95, bound: -0, samples: 400 });
    expect(better.decisions[0]?.value).toBeCloseTo(0.9 - 266 / 400, 12);
    expect(better.decisions[0]?.interval?.[0]).toBeGreaterThan(0);
    expect(worse.decisions[0]?.status).toBe('fail');
    expect(worse.decisions[0]?.interval?.[1]).toBeLessThan(0);
  });

  it('gives an interval of exactly zero for identical models, and the same interval for the same seed', () => {
    const comparison = {
      metric: 'auc',
      method: 'paired-bootstrap' as const,
      resamples: 200,
      confidence: 0.9,
      direction: 'higher-is-better' as const,
      tolerance: 0,
    };
    const p = holdout(100, 4);

    const same = evaluateGates(gates({ comparison }), evaluation({}, p), evaluation({}, p));
    const again = evaluateGates(gates({ comparison }), evaluation({}, holdout(100, 3)), evaluation({}, p), {
      seed: 7,
    });
    const repeat = evaluateGates(gates({ comparison }), evaluation({}, holdout(100, 3)), evaluation({}, p), {
      seed: 7,
    });

    expect(same.decisions[0]).toMatchObject({ status: 'pass', value: 0, interval: [0, 0] });
    expect(again.decisions[0]?.interval).toEqual(repeat.decisions[0]?.interval);
  });

  it('bounds every slice with enough rows and skips smaller ones', () => {
    const plan = (i: number) => (i < 150 ? (i % 2 === 0 ? 'pro' : 'team') : i < 190 ? 'free' : 'rare');
    const p = holdout(200, 1000, plan);
    // Make a third of the team rows (i = 1, 7, 13, ...) wrong: team accuracy 50 / 75.
    p.score.forEach((s, i) => {
      if (plan(i) === 'team' && i % 6 === 1) p.score[i] = 1 - s;
    });

    const report = evaluateGates(
      gates({ slices: [{ column: 'plan', metric: 'accuracy', min: 0.85, minSamples: 30 }] }),
      evaluation({}, p),
      undefined,
    );

    expect(report.decisions.map((d) => [d.name, d.status, d.samples])).toEqual([
      ['slices.plan=free.accuracy', 'pass', 40],
      ['slices.plan=pro.accuracy', 'pass', 75],
      ['slices.plan=rare.accuracy', 'skipped', 10],
      ['slices.plan=team.accuracy', 'fail', 75],
    ]);
    expect(report.decisions[3]?.value).toBeCloseTo(50 / 75, 14);
    expect(report.verdict).toBe('fail');
  });

  it('reports but does not enforce in dry-run mode', () => {
    const report = evaluateGates(
      gates({ mode: 'dry-run', metrics: [{ metric: 'auc', min: 0.9 }] }),
      evaluation({ auc: 0.7 }),
      undefined,
    );

    expect(report).toMatchObject({ verdict: 'fail', mode: 'dry-run', enforced: false });
  });

  it('computes a metric missing from the metrics from the predictions', () => {
    const report = evaluateGates(
      gates({ metrics: [{ metric: 'accuracy', min: 0.85 }] }),
      evaluation({}, holdout(100, 10)),
      undefined,
    );

    expect(report.decisions[0]).toMatchObject({ status: 'pass', value: 0.9 });
  });
});

describe('quality gates on degenerate predictions', () => {
  const oneClass = (): Predictions => ({
    source: 'holdout.jsonl',
    size: 40,
    label: new Float64Array(40).fill(1),
    score: Float64Array.from({ length: 40 }, (_, i) => i / 40),
    prediction: undefined,
    ids: undefined,
    slices: new Map([['plan', Array.from({ length: 40 }, () => 'pro')]]),
  });

  it('refuses a metric that is undefined on the predictions', () => {
    expect(() =>
      evaluateGates(gates({ metrics: [{ metric: 'auc', min: 0.5 }] }), evaluation({}, oneClass()), undefined),
    ).toThrow('holdout.jsonl: auc is undefined on these predictions (a class or a denominator is missing)');
  });

  it('skips a slice on which the metric is undefined', () => {
    const report = evaluateGates(
      gates({ slices: [{ column: 'plan', metric: 'auc', min: 0.5, minSamples: 10 }] }),
      evaluation({}, oneClass()),
      undefined,
    );

    expect(report.decisions[0]).toMatchObject({ status: 'skipped', samples: 40 });
    expect(report.verdict).toBe('pass');
  });
});
