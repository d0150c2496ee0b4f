import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { PipelineMetrics } from '../../lib/pipeline/pipeline-metrics';

const metrics = new Metrics({ namespace: 'Conveyor' });

/**
 * The pipeline's numbers as CloudWatch embedded metrics: each value with its own dimensions, written
 * to the log at once (a single metric), so no flush at the end of the invocation can be missed.
 */
export const cloudWatchMetrics: PipelineMetrics = {
  record(name, value, unit, dimensions) {
    const single = metrics.singleMetric();
    single.addDimensions(dimensions);
    single.addMetric(name, unit === 'None' ? MetricUnit.NoUnit : MetricUnit[unit], value);
  },
};
