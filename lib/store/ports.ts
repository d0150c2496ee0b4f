/**
 * The state store's ports: one repository per entity. Each has a DynamoDB adapter (AWS, and the local
 * platform on dynalite) and a memory adapter (tests, `conveyor states run`); one contract suite
 * (test/contract/state-store.contract.ts) holds both to the same behaviour, concurrency included.
 */
import type {
  Alias,
  AliasName,
  DeadLetter,
  DecisionOutcome,
  Lease,
  ModelRegistration,
  ModelVersion,
  MonitoringReport,
  NewModelVersion,
  QueuedTrigger,
  Run,
  RunPatch,
  RunStatus,
  Step,
  StoredSchedule,
  SweepFailure,
  TriggerDecision,
  TriggerRef,
} from './entities';

export interface ModelRepository {
  /** Stores the spec as the model's next spec version; the same spec (by hash) returns the latest. */
  registerSpec(model: string, spec: unknown, now: Date): Promise<ModelRegistration>;
  getLatestSpec(model: string): Promise<ModelRegistration | undefined>;
  getSpec(model: string, specVersion: number): Promise<ModelRegistration | undefined>;
  /** Latest registration of every model, by name. */
  listModels(): Promise<ModelRegistration[]>;
}

export interface RunUpdate {
  executionArn?: string;
  specVersion?: number;
  error?: { name: string; message: string };
}

export interface RunRepository {
  /** Creates a run; a run with the same id that exists already throws `AlreadyExistsError`. */
  createRun(run: Run): Promise<Run>;
  /** Throws `NotFoundError`. */
  getRun(runId: string): Promise<Run>;
  /** Newest first. */
  listRuns(model: string, options?: { limit?: number }): Promise<Run[]>;
  /**
   * Moves a run to `status` when its current status allows it (see run-transitions.ts), stamping
   * startedAt/endedAt; otherwise throws `InvalidRunTransitionError` and changes nothing.
   */
  transitionRun(runId: string, status: RunStatus, now: Date, update?: RunUpdate): Promise<Run>;
  /** Sets the given details of a run (others are kept); throws `NotFoundError`. */
  updateRun(runId: string, patch: RunPatch): Promise<Run>;
  /**
   * Stores the full trigger list of a run in pages that each fit an item, replacing any written
   * before (the same plan writes the same pages); the number of pages.
   */
  putTriggers(runId: string, triggers: readonly TriggerRef[]): Promise<number>;
  /** A run's full trigger list, oldest first: its pages, or the record itself when it holds them all. */
  listTriggers(run: Pick<Run, 'runId' | 'triggers' | 'triggerSummary'>): Promise<TriggerRef[]>;
  /** Creates or replaces one attempt of a step. */
  putStep(step: Step): Promise<void>;
  /** In the order they started. */
  listSteps(runId: string): Promise<Step[]>;
}

export interface TriggerQueueRepository {
  /** Queues a trigger; queuing the same event id again changes nothing and returns false. */
  enqueue(trigger: QueuedTrigger): Promise<boolean>;
  /** Oldest first. */
  list(model: string, environment: string): Promise<QueuedTrigger[]>;
  /** Removes the given event ids (absent ones are ignored), in batches. */
  remove(model: string, environment: string, eventIds: readonly string[]): Promise<void>;
  /**
   * Opens the queue's data-arrival debounce window at `at` unless one is open; when the window opened,
   * in one request, so an arrival need not read the whole queue to know whether it may start a run.
   */
  openWindow(model: string, environment: string, at: string): Promise<string>;
  /** Closes the window (a run took the queue); the next arrival opens a new one. */
  closeWindow(model: string, environment: string): Promise<void>;
}

export interface ModelVersionRepository {
  /** Allocates the next version number (1, 2, ...) without gaps, even under concurrent writers. */
  createVersion(version: NewModelVersion): Promise<ModelVersion>;
  /** Throws `NotFoundError`. */
  getVersion(model: string, version: number): Promise<ModelVersion>;
  /** Oldest first. */
  listVersions(model: string): Promise<ModelVersion[]>;
}

export interface AliasMove {
  model: string;
  alias: AliasName;
  version: number;
  /** The revision the caller read; 0 when the alias does not exist yet. */
  expectedRevision: number;
  actor: string;
  reason: string;
  now: Date;
}

export interface AliasRepository {
  getAlias(model: string, alias: AliasName): Promise<Alias | undefined>;
  listAliases(model: string): Promise<Alias[]>;
  /** Compare-and-set: throws `AliasConflictError` when the alias is not at `expectedRevision`. */
  moveAlias(move: AliasMove): Promise<Alias>;
}

export interface LeaseRequest {
  model: string;
  environment: string;
  holder: string;
  ttlMs: number;
  now: Date;
}

export interface LeaseRepository {
  /**
   * Takes the lease when it is free, expired, or already held by `holder` (then it is extended);
   * otherwise throws `LeaseHeldError` naming the holder. `read` is the lease as the caller has just
   * read it, which spares an adapter reading it again: only the `acquiredAt` a holder taking its own
   * lease again keeps depends on it; who gets the lease is decided by the store alone.
   */
  acquire(request: LeaseRequest, read?: { lease: Lease | undefined }): Promise<Lease>;
  /** Extends a lease the caller holds; throws `LeaseLostError` when it does not hold it any more. */
  renew(request: LeaseRequest): Promise<Lease>;
  /**
   * Frees the lease if the caller holds it; throws `LeaseLostError` otherwise. With `unchanged`, only
   * if the lease is still exactly as read (nobody took, extended or renewed it since): how a sweep
   * frees a lease it judged abandoned without racing the holder's own retry.
   */
  release(model: string, environment: string, holder: string, unchanged?: Lease): Promise<void>;
  /** The lease as stored, expired or not. */
  get(model: string, environment: string): Promise<Lease | undefined>;
}

export interface ProcessedEventRepository {
  /**
   * Records that an event id was processed. True the first time; false for a duplicate delivery
   * while the record lives (`ttlMs`), after which the id counts as new again.
   */
  markProcessed(eventId: string, now: Date, ttlMs: number): Promise<boolean>;
}

export interface DecisionChange {
  outcome: DecisionOutcome;
  reason: string;
  runId?: string;
  decidedAt: string;
  recovered?: boolean;
}

export interface DecisionRepository {
  /**
   * Records the first decision about an event for a model and environment (usually `received`);
   * false, changing nothing, when one exists already: the write-ahead record admission is idempotent on.
   */
  begin(decision: TriggerDecision): Promise<boolean>;
  /**
   * `begin` that reports what it found: undefined when it recorded the decision, otherwise the
   * decision that exists already (unchanged), read in the same request.
   */
  beginOrGet(decision: TriggerDecision): Promise<TriggerDecision | undefined>;
  get(model: string, environment: string, eventId: string): Promise<TriggerDecision | undefined>;
  /** Moves the decision to a new outcome when its outcome is one of `from`; undefined otherwise. */
  transition(
    model: string,
    environment: string,
    eventId: string,
    from: readonly DecisionOutcome[],
    change: DecisionChange,
  ): Promise<TriggerDecision | undefined>;
  /** Records a repeated delivery of an event, beside the first decision (which it does not change). */
  recordDuplicate(decision: TriggerDecision): Promise<void>;
  /** Every decision about a model (duplicates included), newest first. */
  list(model: string, options?: { limit?: number }): Promise<TriggerDecision[]>;
  /**
   * The model's decisions still `received`, oldest first: admissions in flight, or crashed before they
   * decided, which the sweep finishes. Eventually consistent on DynamoDB (a sparse index): callers
   * look only at old ones and move them conditionally.
   */
  listReceived(model: string): Promise<TriggerDecision[]>;
}

export interface SweepFailureRepository {
  /** Records (replaces) the failure of a model in the sweep. */
  put(failure: SweepFailure): Promise<void>;
  /** Every recorded failure, in one read. */
  list(): Promise<SweepFailure[]>;
  /** Forgets a model's failure once the sweep succeeded on it. */
  clear(model: string, environment: string): Promise<void>;
}

export interface DeadLetterRepository {
  put(letter: DeadLetter): Promise<void>;
  /** Oldest first; redriven letters only when asked for. */
  list(options?: { includeRedriven?: boolean }): Promise<DeadLetter[]>;
  /** Claims a letter for redrive; false when it was redriven already (by a concurrent redrive too). */
  markRedriven(id: string, now: Date): Promise<boolean>;
}

export interface ScheduleDefinition {
  name: string;
  expression: string;
  state: 'ENABLED' | 'DISABLED';
  input: Record<string, unknown>;
}

export interface ScheduleRepository {
  /**
   * Creates the schedule or replaces its definition. The anchor (and what has fired) is kept unless
   * the expression changes, when the anchor moves to `now`.
   */
  putSchedule(definition: ScheduleDefinition, now: Date): Promise<StoredSchedule>;
  getSchedule(name: string): Promise<StoredSchedule | undefined>;
  /** By name. */
  listSchedules(): Promise<StoredSchedule[]>;
  /** Deletes the schedule and its record of fired slots; false when it did not exist. */
  deleteSchedule(name: string): Promise<boolean>;
  /** The latest slot claimed, as an ISO timestamp. */
  getLastFiredSlot(name: string): Promise<string | undefined>;
  /**
   * Claims a slot (ISO timestamp) for firing: true for exactly one caller, and only when the slot is
   * later than every slot claimed before, so no slot fires twice, even across processes and restarts.
   */
  claimSlot(name: string, slot: string, now: Date): Promise<boolean>;
}

export interface MonitoringReportRepository {
  /** Creates or replaces the report of one window. */
  putReport(report: MonitoringReport): Promise<void>;
  /** A model's reports, newest window first. */
  listReports(model: string, options?: { limit?: number }): Promise<MonitoringReport[]>;
}

/** Everything the platform keeps, as one dependency. */
export interface StateStore {
  models: ModelRepository;
  runs: RunRepository;
  triggers: TriggerQueueRepository;
  versions: ModelVersionRepository;
  aliases: AliasRepository;
  leases: LeaseRepository;
  events: ProcessedEventRepository;
  decisions: DecisionRepository;
  deadLetters: DeadLetterRepository;
  schedules: ScheduleRepository;
  monitoring: MonitoringReportRepository;
  sweeps: SweepFailureRepository;
}
