import type { MonitoringReport } from '../entities';
import type { MonitoringReportRepository } from '../ports';

export class MemoryMonitoringReportRepository implements MonitoringReportRepository {
  private readonly reports = new Map<string, MonitoringReport>();

  async putReport(report: MonitoringReport): Promise<void> {
    this.reports.set(`${report.model}\n${report.windowEnd}`, structuredClone(report));
  }

  async listReports(model: string, options: { limit?: number } = {}): Promise<MonitoringReport[]> {
    const reports = [...this.reports.values()]
      .filter((r) => r.model === model)
      .sort((a, b) => b.windowEnd.localeCompare(a.windowEnd));
    return structuredClone(reports.slice(0, options.limit));
  }
}
