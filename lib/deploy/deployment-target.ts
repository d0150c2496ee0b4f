/**
 * Where model versions are served: a SageMaker endpoint, or the local model router. A target rolls a
 * version out with the spec's strategy (all-at-once, canary, linear), watching the new version's
 * health while traffic shifts, and either promotes it or rolls traffic back to the champion.
 */
import type { PipelineSpec } from '../spec/schema';

export type DeploymentSettings = PipelineSpec['deployment'];

export interface DeployRequest {
  model: string;
  version: number;
  /** The packed model (`model.tar.gz`): `s3://` for SageMaker, content-addressed locally. */
  artifact: { uri: string; sha256: string };
  deployment: DeploymentSettings;
  /** Where the model project's code lives, for the local inference server. */
  projectDir?: string;
  /** The inference image, for SageMaker. */
  image?: string;
}

export interface TrafficStep {
  /** Share of traffic the new version gets at this step. */
  percent: number;
  /** How long to watch its health at this share before the next step. */
  bakeSeconds: number;
}

export interface DeploymentOutcome {
  model: string;
  version: number;
  /** The version that served before, when there was one. */
  previousVersion?: number;
  steps: TrafficStep[];
}

export interface DeploymentTarget {
  /**
   * Rolls the version out and resolves once it serves all traffic. Rejects with
   * `DeploymentFailedError` when it never became healthy, or `DeploymentRolledBackError` when its
   * health crossed a rollback threshold; either way the champion keeps (or gets back) all traffic.
   */
  deploy(request: DeployRequest): Promise<DeploymentOutcome>;
}

/**
 * The traffic shifts of a strategy: all-at-once moves everything at once; canary moves
 * `canary.percent`, bakes, then moves the rest; linear moves `linear.stepPercent` per step, baking
 * `linear.interval` after each.
 */
export const trafficSteps = (deployment: DeploymentSettings): TrafficStep[] => {
  if (deployment.strategy === 'all-at-once') return [{ percent: 100, bakeSeconds: 0 }];
  if (deployment.strategy === 'canary') {
    const { percent, bake } = deployment.canary;
    return percent >= 100
      ? [{ percent: 100, bakeSeconds: 0 }]
      : [
          { percent, bakeSeconds: bake },
          { percent: 100, bakeSeconds: 0 },
        ];
  }
  const { stepPercent, interval } = deployment.linear;
  const steps: TrafficStep[] = [];
  for (let percent = stepPercent; percent < 100; percent += stepPercent) {
    steps.push({ percent, bakeSeconds: interval });
  }
  return [...steps, { percent: 100, bakeSeconds: 0 }];
};
