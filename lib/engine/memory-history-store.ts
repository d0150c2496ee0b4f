/** In-process history store: for `conveyor states run`, tests, and the bench's in-memory runs. */
import { HistoryConflictError } from '../errors/history-conflict-error';
import type { HistoryRecord } from './history';
import type { ExecutionRecord, HistoryStore } from './history-store';

export class MemoryHistoryStore implements HistoryStore {
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly histories = new Map<string, HistoryRecord[]>();

  async createExecution(record: ExecutionRecord): Promise<ExecutionRecord | undefined> {
    const existing = this.executions.get(record.executionArn);
    if (existing) return { ...existing };
    this.executions.set(record.executionArn, { ...record });
    return undefined;
  }

  async getExecution(executionArn: string): Promise<ExecutionRecord | undefined> {
    const record = this.executions.get(executionArn);
    return record && { ...record };
  }

  async putExecution(record: ExecutionRecord): Promise<void> {
    this.executions.set(record.executionArn, { ...record });
  }

  async listExecutions(stateMachineArn: string): Promise<ExecutionRecord[]> {
    return [...this.executions.values()]
      .filter((r) => r.stateMachineArn === stateMachineArn)
      .sort((a, b) => b.startDate.getTime() - a.startDate.getTime())
      .map((r) => ({ ...r }));
  }

  async listRunningExecutions(): Promise<ExecutionRecord[]> {
    return [...this.executions.values()].filter((r) => r.status === 'RUNNING').map((r) => ({ ...r }));
  }

  async appendHistory(executionArn: string, records: HistoryRecord[]): Promise<void> {
    const history = this.histories.get(executionArn) ?? [];
    const first = records[0];
    if (!first) return;
    if (first.event.id !== history.length + 1) {
      throw new HistoryConflictError(`history of ${executionArn} already has event ${first.event.id}`);
    }
    history.push(...records);
    this.histories.set(executionArn, history);
  }

  async readHistory(executionArn: string): Promise<HistoryRecord[]> {
    return [...(this.histories.get(executionArn) ?? [])];
  }
}
