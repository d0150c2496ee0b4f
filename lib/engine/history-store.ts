/**
 * Where executions live: one record per execution (what DescribeExecution shows) and its append-only
 * history. The history is the source of truth; the record is a projection the engine keeps current.
 */
import type { HistoryRecord } from './history';

export type ExecutionStatus =
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'TIMED_OUT'
  | 'ABORTED'
  | 'PENDING_REDRIVE';

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  /** JSON text, as AWS returns it. */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  redriveCount: number;
  redriveDate?: Date;
  /** The definition the execution runs, so it can resume after a restart. */
  definition: string;
}

export interface HistoryStore {
  /** Creates the record unless the ARN exists; returns the existing record then. */
  createExecution(record: ExecutionRecord): Promise<ExecutionRecord | undefined>;
  getExecution(executionArn: string): Promise<ExecutionRecord | undefined>;
  putExecution(record: ExecutionRecord): Promise<void>;
  /** Executions of a state machine, newest first. */
  listExecutions(stateMachineArn: string): Promise<ExecutionRecord[]>;
  /** Executions that were running when the engine last stopped (to resume them). */
  listRunningExecutions(): Promise<ExecutionRecord[]>;
  /**
   * Appends records whose event ids continue the history exactly (the first is `firstId`). Throws
   * HistoryConflictError when another writer appended first, so histories never interleave.
   */
  appendHistory(executionArn: string, records: HistoryRecord[]): Promise<void>;
  readHistory(executionArn: string): Promise<HistoryRecord[]>;
}
