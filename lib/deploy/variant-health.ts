import type { DeploymentSettings } from './deployment-target';

const LATENCY_WINDOW = 1000;

/** Requests, errors and recent latencies of one variant, judged against the spec's rollback thresholds. */
export class VariantHealth {
  requests = 0;
  errors = 0;
  private readonly latencies: number[] = [];

  record(latencyMs: number, failed: boolean): void {
    this.requests += 1;
    if (failed) this.errors += 1;
    this.latencies.push(latencyMs);
    if (this.latencies.length > LATENCY_WINDOW) this.latencies.shift();
  }

  get errorRate(): number {
    return this.requests === 0 ? 0 : this.errors / this.requests;
  }

  /** The 99th percentile of the last 1,000 latencies (nearest rank). */
  get latencyP99Ms(): number {
    if (this.latencies.length === 0) return 0;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return sorted[Math.ceil(0.99 * sorted.length) - 1] as number;
  }

  /** Why the variant should be rolled back, or undefined while it is healthy or has too few requests. */
  breach(rollback: DeploymentSettings['rollback']): string | undefined {
    if (this.requests < rollback.minRequests) return undefined;
    if (this.errorRate > rollback.maxErrorRate) {
      return `error rate ${this.errorRate.toFixed(3)} over ${this.requests} requests exceeds ${rollback.maxErrorRate}`;
    }
    if (rollback.maxLatencyP99Ms !== undefined && this.latencyP99Ms > rollback.maxLatencyP99Ms) {
      return `p99 latency ${this.latencyP99Ms.toFixed(0)}ms exceeds ${rollback.maxLatencyP99Ms}ms`;
    }
    return undefined;
  }

  summary() {
    return {
      requests: this.requests,
      errors: this.errors,
      errorRate: this.errorRate,
      latencyP99Ms: this.latencyP99Ms,
    };
  }
}
