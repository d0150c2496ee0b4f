import type { MonitoringReport } from '../entities';
import type { MonitoringReportRepository } from '../ports';
import type { DynamoTable } from './dynamo-table';

// PK MODEL#<model>  SK MONITOR#<windowEnd>: a model's windows in time order, newest read first.
export class DynamoDBMonitoringReportRepository implements MonitoringReportRepository {
  constructor(private readonly table: DynamoTable) {}

  async putReport(report: MonitoringReport): Promise<void> {
    await this.table.put({ PK: `MODEL#${report.model}`, SK: `MONITOR#${report.windowEnd}`, ...report });
  }

  listReports(model: string, options: { limit?: number } = {}): Promise<MonitoringReport[]> {
    return this.table.query<MonitoringReport>({
      pk: `MODEL#${model}`,
      skPrefix: 'MONITOR#',
      newestFirst: true,
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
    });
  }
}
