/**
 * Judges the run's model against the spec's gates and the champion's recorded metrics, records the
 * report on the run, and throws `QualityGateFailedError` (with each failed gate and its margin) when an
 * enforced gate fails. In dry-run mode the report is recorded and the run goes on.
 */
import { QualityGateFailedError } from '../errors/quality-gate-failed-error';
import { evaluateGates, type GateDecision, type GateReport } from '../gates/evaluate-gates';
import type { StateStore } from '../store/ports';
import type { PipelineMetrics } from './pipeline-metrics';
import { runSpec } from './run-spec';
import { recordStep } from './run-steps';

export interface ApplyQualityGatesDeps {
  store: Pick<StateStore, 'runs' | 'models' | 'aliases' | 'versions'>;
  clock: () => Date;
  metrics?: PipelineMetrics;
}

/** How far a decision's value is from the bound it had to meet: positive when it passed, negative when not. */
export const gateMargin = (decision: GateDecision): number | undefined => {
  const value = decision.kind === 'comparison' ? decision.interval?.[0] : decision.value;
  const bound = decision.bound ?? decision.min ?? decision.max;
  if (value === undefined || bound === undefined || decision.status === 'skipped') return undefined;
  return (decision.status === 'pass' ? 1 : -1) * Math.abs(value - bound);
};

export const applyQualityGates = (
  deps: ApplyQualityGatesDeps,
  input: { runId: string },
): Promise<GateReport> =>
  recordStep(deps, input.runId, 'EvaluateGates', async () => {
    const { store } = deps;
    const run = await store.runs.getRun(input.runId);
    const { spec } = await runSpec(store, run);
    const champion = await store.aliases.getAlias(run.model, 'champion');
    const championVersion = champion
      ? await store.versions.getVersion(run.model, champion.version)
      : undefined;
    const report = evaluateGates(
      spec.gates,
      { source: `run ${run.runId}`, metrics: run.metrics ?? {}, predictions: undefined },
      championVersion
        ? {
            source: `${run.model} v${championVersion.version}`,
            metrics: championVersion.metrics,
            predictions: undefined,
          }
        : undefined,
    );
    await store.runs.updateRun(run.runId, { gateReport: report });
    for (const decision of report.decisions) {
      const margin = gateMargin(decision);
      if (margin !== undefined)
        deps.metrics?.record('GateMargin', margin, 'None', { model: run.model, gate: decision.name });
    }
    if (report.verdict === 'fail' && report.enforced) {
      const failed = report.decisions
        .filter((d) => d.status === 'fail')
        .map((d) => `${d.name}: ${d.reason}`)
        .join('; ');
      throw new QualityGateFailedError(`${run.model} failed its quality gates: ${failed}`);
    }
    return report;
  });
