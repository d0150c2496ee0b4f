/**
 * What Conveyor keeps about models, runs and triggers. Timestamps are ISO-8601 strings, except lease
 * and idempotency expiries, which are epoch milliseconds because conditions compare them.
 */

export type TriggerKind = 'code-push' | 'data-arrival' | 'drift' | 'schedule' | 'manual';

/** One event that asked for a run, as admission recorded it. */
export interface TriggerRef {
  eventId: string;
  kind: TriggerKind;
  reason: string;
  receivedAt: string;
  commit?: string;
  dataVersion?: string;
}

export interface ModelRegistration {
  model: string;
  specVersion: number;
  /** sha256 of the normalized spec: registering the same spec twice is a no-op. */
  specHash: string;
  spec: unknown;
  registeredAt: string;
}

export const RUN_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'ABORTED', 'TIMED_OUT'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface RunInputs {
  commit?: string;
  dataVersion?: string;
  /** sha256 of the training data's content. */
  dataHash?: string;
}

/** What a pipeline learns about its run as it goes: the experiment record a team queries. */
export interface RunDetails {
  /** The data the run trained on: a manifest of the objects under `data.source`, one hash for the set. */
  data?: { source: string; objects: number; bytes: number; hash: string; channels: Record<string, string> };
  validation?: { verdict: 'pass' | 'warn' | 'fail'; rows: number; failed: string[] };
  baselineProfile?: { uri: string; sha256: string };
  training?: { jobName: string; attempt: number; status: string; failureReason?: string };
  hyperparameters?: Record<string, string>;
  metrics?: Record<string, number>;
  artifact?: { uri: string; sha256: string };
  gateReport?: unknown;
  approval?: RunApproval;
  modelVersion?: number;
  deployment?: { state: string; percent: number; previousVersion?: number; reason?: string };
  monitoring?: { schedule: string; expression: string };
  /** The state that failed, when the run failed. */
  failedStep?: string;
}

export interface RunApproval {
  /** EXPIRED: the run ended (timed out, stopped) before anyone decided. */
  status: 'PENDING' | 'APPROVED' | 'REJECTED' | 'EXPIRED';
  requestedAt: string;
  /** The Step Functions task token; never shown by describe commands or the read API. */
  taskToken?: string;
  approvers: string[];
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
  /** Callers who tried to decide without being approvers. */
  refused?: { caller: string; at: string }[];
}

/** What `updateRun` may set: the details, and the spec version and inputs the run resolved. */
export interface RunPatch extends RunDetails {
  specVersion?: number;
  inputs?: RunInputs;
}

/**
 * How many triggers a run merged, by kind, and where they all are: a run references its triggers
 * rather than copying them, so a burst of any size fits a 400 KB item and a 256 KB execution input.
 */
export interface TriggerSummary {
  count: number;
  byKind: Partial<Record<TriggerKind, number>>;
  /**
   * Pages of the run's full trigger list (`runs.listTriggers`), oldest first; 0 when the record's
   * `triggers` holds them all (at most 2 x TRIGGERS_SHOWN).
   */
  pages: number;
}

/** How many of a run's first and of its last triggers the run record (and execution input) carries. */
export const TRIGGERS_SHOWN = 5;

export interface Run extends RunDetails {
  runId: string;
  model: string;
  environment: string;
  status: RunStatus;
  /**
   * Oldest first: every trigger of a run that merged at most 2 x TRIGGERS_SHOWN, otherwise the first
   * and the last TRIGGERS_SHOWN (the first admitted the run). The full list: `runs.listTriggers`.
   */
  triggers: TriggerRef[];
  /** Absent on runs recorded before triggers were referenced: then `triggers` is the full list. */
  triggerSummary?: TriggerSummary;
  inputs: RunInputs;
  specVersion?: number;
  executionArn?: string;
  createdAt: string;
  startedAt?: string;
  endedAt?: string;
  error?: { name: string; message: string };
}

export type StepStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED';

export interface Step {
  runId: string;
  name: string;
  attempt: number;
  status: StepStatus;
  startedAt: string;
  endedAt?: string;
  output?: unknown;
  error?: { name: string; message: string };
}

export interface QueuedTrigger {
  model: string;
  environment: string;
  trigger: TriggerRef;
  queuedAt: string;
}

export interface ModelVersion {
  model: string;
  version: number;
  metrics: Record<string, number>;
  artifact: { uri: string; sha256: string };
  lineage: {
    runId: string;
    commit?: string;
    dataHash?: string;
    parameters: Record<string, unknown>;
  };
  baselineProfileUri?: string;
  createdAt: string;
}

export type NewModelVersion = Omit<ModelVersion, 'version'>;

export type AliasName = 'champion' | 'challenger';

export interface AliasChange {
  revision: number;
  version: number;
  previousVersion?: number;
  changedAt: string;
  actor: string;
  reason: string;
}

export interface Alias {
  model: string;
  alias: AliasName;
  version: number;
  /** Starts at 1 and grows by one with each move; compare-and-set names the revision it read. */
  revision: number;
  updatedAt: string;
  /** Newest last; the store keeps the most recent `ALIAS_HISTORY_LIMIT` changes. */
  history: AliasChange[];
}

export const ALIAS_HISTORY_LIMIT = 100;

export interface Lease {
  model: string;
  environment: string;
  holder: string;
  acquiredAt: string;
  /** When the holder last took or renewed it: a lease nobody touched lately and no run holds is abandoned. */
  renewedAt?: string;
  expiresAtMs: number;
}

/** What admission decided about one trigger for one model; `received` until it is decided. */
export const DECISION_OUTCOMES = [
  'received',
  'admitted',
  'queued',
  'merged',
  'duplicate',
  'suppressed',
  'skipped',
] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export interface TriggerDecision {
  model: string;
  environment: string;
  eventId: string;
  outcome: DecisionOutcome;
  reason: string;
  trigger: TriggerRef;
  /** The run the trigger started or joined. */
  runId?: string;
  decidedAt: string;
  /**
   * Why the trigger is to be skipped, written with the write-ahead `received` record, so that an
   * admission recovered after a crash decides what the crashed one would have.
   */
  skip?: string;
  /** Set when a sweep or redelivery finished this admission after the first one crashed. */
  recovered?: boolean;
}

/** A model the sweep failed on: retried with backoff, while the sweep goes on with the others. */
export interface SweepFailure {
  model: string;
  environment: string;
  /** Consecutive failures. */
  failures: number;
  error: { name: string; message: string };
  failedAt: string;
  /** The sweep leaves the model alone until then. */
  retryAtMs: number;
}

/** An event a target could not take within its retry policy, kept until it is redriven. */
export interface DeadLetter {
  id: string;
  rule: string;
  target: string;
  event: unknown;
  error: { name: string; message: string };
  attempts: number;
  firstAttemptAt: string;
  failedAt: string;
  redrivenAt?: string;
}

/** A schedule the local scheduler keeps (EventBridge Scheduler keeps them on AWS). */
export interface StoredSchedule {
  name: string;
  /** `rate(...)`, `cron(...)` or `at(...)`, as EventBridge Scheduler writes them. */
  expression: string;
  state: 'ENABLED' | 'DISABLED';
  /** What the target receives when the schedule fires. */
  input: Record<string, unknown>;
  /** Where a rate counts from: when the schedule was created or its expression last changed. */
  anchorAt: string;
  createdAt: string;
  updatedAt: string;
}

/** One monitoring window of a model: its drift report, kept for the k-of-n rule and for people. */
export interface MonitoringReport {
  model: string;
  /** The window's end (ISO-8601): reports of a model sort by it. */
  windowEnd: string;
  windowStart: string;
  championVersion: number;
  /** Captured requests the window held. */
  samples: number;
  verdict: 'drift' | 'stable';
  /** Features confirmed as drifted. */
  drifted: string[];
  /** Features that drifted in this window alone, before the k-of-n rule. */
  windowDrifted: string[];
  /** The full drift report (`detectDrift`). */
  report: unknown;
  createdAt: string;
}
