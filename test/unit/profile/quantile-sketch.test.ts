import { quantiles } from '../../../lib/profile/frequency-table';
import { QuantileSketch } from '../../../lib/profile/quantile-sketch';

describe('the quantile sketch', () => {
  it('answers every quantile within its relative accuracy', () => {
    const sketch = new QuantileSketch(0.01);
    // 10,001 values, so each quantile below is an order statistic rather than an interpolation.
    const values = Array.from({ length: 10_001 }, (_, i) => (i % 2 === 0 ? 1 : 1000) * (i + 1) ** 1.5);
    for (const value of values) sketch.add(value);
    values.sort((a, b) => a - b);

    for (const q of [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) {
      const exact = values[Math.round(q * 10_000)] as number;
      const [estimate] = quantiles(sketch.toFrequencyTable(), [q]) as [number];
      expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(exact * 0.01 * (1 + 1e-9));
    }
  });

  it('merges: two halves give the same buckets as the whole', () => {
    const whole = new QuantileSketch();
    const left = new QuantileSketch();
    const right = new QuantileSketch();
    for (let i = 0; i < 1000; i++) {
      const value = Math.sin(i) * 1000;
      whole.add(value);
      (i < 500 ? left : right).add(value);
    }

    left.merge(right);

    expect(left.toJson()).toEqual(whole.toJson());
    expect(left.count).toBe(1000);
  });

  it('round-trips through JSON, zeros included', () => {
    const sketch = new QuantileSketch();
    for (const value of [0, 0, 1.5, -2, 1e9]) sketch.add(value);

    const copy = QuantileSketch.fromJson(JSON.parse(JSON.stringify(sketch.toJson())));

    expect(copy.toJson()).toEqual(sketch.toJson());
    expect(copy.toJson().zeroCount).toBe(2);
  });
});
