/**
 * Where the pipeline's numbers go: CloudWatch embedded metrics on AWS (Powertools Metrics), the
 * local platform's Prometheus registry locally. Units are CloudWatch's.
 */
export type MetricUnit = 'Seconds' | 'Milliseconds' | 'Count' | 'None';

export interface PipelineMetrics {
  record(name: string, value: number, unit: MetricUnit, dimensions: Record<string, string>): void;
}
