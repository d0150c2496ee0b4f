/**
 * A local Step Functions service: the API of AWS's (startExecution, describeExecution,
 * getExecutionHistory, listExecutions, stopExecution, redriveExecution, sendTask*) over a durable
 * history store. `recover()` continues the executions that were running when the process stopped.
 *
 * @example
 * const engine = new StepFunctionsEngine({ resolver: createTaskResolver({ functions: { train } }) });
 * const { stateMachineArn } = engine.createStateMachine({ name: 'pipeline', definition });
 * const { executionArn } = await engine.startExecution({ stateMachineArn, input: '{}' });
 * const result = await engine.waitForExecution(executionArn);
 */
import { randomUUID } from 'node:crypto';
import { ExecutionAlreadyExistsError } from '../errors/execution-already-exists-error';
import { ExecutionDoesNotExistError } from '../errors/execution-does-not-exist-error';
import { ExecutionNotRedrivableError } from '../errors/execution-not-redrivable-error';
import { InvalidExecutionInputError } from '../errors/invalid-execution-input-error';
import { InvalidNameError } from '../errors/invalid-name-error';
import { InvalidOutputError } from '../errors/invalid-output-error';
import { InvalidTokenError } from '../errors/invalid-token-error';
import { StateMachineDoesNotExistError } from '../errors/state-machine-does-not-exist-error';
import { TaskDoesNotExistError } from '../errors/task-does-not-exist-error';
import { TaskTimedOutError } from '../errors/task-timed-out-error';
import type { Json, StateMachineDefinition } from './asl';
import { type Clock, systemClock } from './clock';
import { PAYLOAD_LIMIT_BYTES } from './data-flow';
import { type AbortReason, ExecutionRun, type RunOutcome } from './execution-run';
import { eventDetails, type HistoryEvent, type HistoryRecord } from './history';
import type { ExecutionRecord, ExecutionStatus, HistoryStore } from './history-store';
import { Journal } from './journal';
import { MemoryHistoryStore } from './memory-history-store';
import type { CallbackWaiter } from './task-invocation';
import type { TaskContext, TaskResolver } from './task-resolver';
import { createTaskResolver } from './task-resolver';
import { parseDefinition } from './validate-definition';

export interface EngineOptions {
  store?: HistoryStore;
  resolver?: TaskResolver;
  clock?: Clock;
  region?: string;
  accountId?: string;
  /** Called when a background run cannot continue (e.g. another writer took the history over). */
  onError?: (error: unknown, executionArn: string) => void;
}

export interface DescribeExecutionOutput {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  inputDetails: { included: true };
  output?: string;
  outputDetails?: { included: true };
  error?: string;
  cause?: string;
  redriveCount: number;
  redriveDate?: Date;
  redriveStatus: 'REDRIVABLE' | 'NOT_REDRIVABLE';
  redriveStatusReason?: string;
}

interface ActiveRun {
  run: ExecutionRun;
  journal: Journal;
  done: Promise<void>;
}

const terminalStatus: Record<Exclude<RunOutcome['status'], 'INTERRUPTED'>, ExecutionStatus> = {
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  ABORTED: 'ABORTED',
  TIMED_OUT: 'TIMED_OUT',
};

export class StepFunctionsEngine {
  readonly store: HistoryStore;
  private readonly resolver: TaskResolver;
  private readonly clock: Clock;
  private readonly region: string;
  private readonly accountId: string;
  private readonly onError: (error: unknown, executionArn: string) => void;
  private readonly machines = new Map<string, { name: string; definition: string }>();
  private readonly active = new Map<string, ActiveRun>();
  private readonly tokens = new Map<string, CallbackWaiter>();
  private readonly closedTokens = new Set<string>();
  private readonly definitions = new Map<string, StateMachineDefinition>();
  // The resolver's handlers, plus the integrations the engine serves itself (nested executions).
  private readonly taskResolver: TaskResolver = {
    lambda: (name) => this.resolver.lambda(name),
    integration: (resource) =>
      this.resolver.integration(resource) ??
      (resource === 'arn:aws:states:::states:startExecution'
        ? (input, context) => this.startChild(input, context)
        : undefined),
  };

  constructor(options: EngineOptions = {}) {
    this.store = options.store ?? new MemoryHistoryStore();
    this.resolver = options.resolver ?? createTaskResolver({});
    this.clock = options.clock ?? systemClock;
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.onError = options.onError ?? (() => undefined);
  }

  /** Registers a definition (validated; throws InvalidDefinition listing every problem). */
  createStateMachine({ name, definition }: { name: string; definition: string | object }) {
    const text = typeof definition === 'string' ? definition : JSON.stringify(definition);
    parseDefinition(text);
    const stateMachineArn = `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${name}`;
    this.machines.set(stateMachineArn, { name, definition: text });
    return { stateMachineArn };
  }

  async startExecution({
    stateMachineArn,
    name = randomUUID(),
    input = '{}',
  }: {
    stateMachineArn: string;
    name?: string;
    input?: string;
  }): Promise<{ executionArn: string; startDate: Date }> {
    const machine = this.machines.get(stateMachineArn);
    if (!machine)
      throw new StateMachineDoesNotExistError(`State Machine Does Not Exist: '${stateMachineArn}'`);
    if (!validName(name)) {
      throw new InvalidNameError(
        `Invalid Name: '${name}' (1-80 characters, no whitespace, brackets, wildcards or "#%\\^|~\`$&,;:/)`,
      );
    }
    // AWS's API caps input at 262144 characters; states then enforce the same limit on their data.
    if (input.length > PAYLOAD_LIMIT_BYTES) {
      throw new InvalidExecutionInputError(
        `Invalid execution input: longer than ${PAYLOAD_LIMIT_BYTES} characters`,
      );
    }
    let parsed: Json;
    try {
      parsed = JSON.parse(input) as Json;
    } catch {
      throw new InvalidExecutionInputError(`Invalid execution input: not JSON: ${input.slice(0, 100)}`);
    }
    const executionArn = `arn:aws:states:${this.region}:${this.accountId}:execution:${machine.name}:${name}`;
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn,
      name,
      status: 'RUNNING',
      startDate: new Date(this.clock.now()),
      input: JSON.stringify(parsed),
      redriveCount: 0,
      definition: machine.definition,
    };
    const existing = await this.store.createExecution(record);
    if (existing) {
      // AWS: idempotent only while the same-named execution runs with the same input.
      if (existing.status === 'RUNNING' && existing.input === record.input) {
        return { executionArn, startDate: existing.startDate };
      }
      throw new ExecutionAlreadyExistsError(`Execution Already Exists: '${executionArn}'`);
    }
    // The record (RUNNING, with its input) is durable now; ExecutionStarted goes out with the run's first
    // batch, and recover() writes it if a crash came first. It saves a write per execution.
    this.launch(record, this.journalFor(record, []), 'start');
    return { executionArn, startDate: record.startDate };
  }

  async describeExecution({ executionArn }: { executionArn: string }): Promise<DescribeExecutionOutput> {
    const record = await this.requireExecution(executionArn);
    const redrivable = this.redrivable(record);
    return {
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: record.startDate,
      ...(record.stopDate ? { stopDate: record.stopDate } : {}),
      input: record.input,
      inputDetails: { included: true },
      ...(record.output !== undefined ? { output: record.output, outputDetails: { included: true } } : {}),
      ...(record.error !== undefined ? { error: record.error } : {}),
      ...(record.cause !== undefined ? { cause: record.cause } : {}),
      redriveCount: record.redriveCount,
      ...(record.redriveDate ? { redriveDate: record.redriveDate } : {}),
      redriveStatus: redrivable ? 'REDRIVABLE' : 'NOT_REDRIVABLE',
      ...(redrivable ? {} : { redriveStatusReason: `Execution is ${record.status}` }),
    };
  }

  async getExecutionHistory({
    executionArn,
    reverseOrder = false,
    maxResults,
    nextToken,
  }: {
    executionArn: string;
    reverseOrder?: boolean;
    maxResults?: number;
    nextToken?: string;
  }): Promise<{ events: HistoryEvent[]; nextToken?: string }> {
    await this.requireExecution(executionArn);
    // A run here knows its latest events before they reach the store.
    const active = this.active.get(executionArn);
    const records = active ? active.journal.records : await this.store.readHistory(executionArn);
    const events = records.map((r) => r.event);
    const { page, next } = paginate(reverseOrder ? events.reverse() : events, maxResults, nextToken);
    return { events: page, ...(next ? { nextToken: next } : {}) };
  }

  async listExecutions({
    stateMachineArn,
    statusFilter,
    maxResults,
    nextToken,
  }: {
    stateMachineArn: string;
    statusFilter?: ExecutionStatus;
    maxResults?: number;
    nextToken?: string;
  }) {
    const records = (await this.store.listExecutions(stateMachineArn)).filter(
      (r) => !statusFilter || r.status === statusFilter,
    );
    const { page, next } = paginate(records, maxResults, nextToken);
    return {
      ...(next ? { nextToken: next } : {}),
      executions: page.map((r) => ({
        executionArn: r.executionArn,
        stateMachineArn: r.stateMachineArn,
        name: r.name,
        status: r.status,
        startDate: r.startDate,
        ...(r.stopDate ? { stopDate: r.stopDate } : {}),
        redriveCount: r.redriveCount,
        ...(r.redriveDate ? { redriveDate: r.redriveDate } : {}),
      })),
    };
  }

  async stopExecution({
    executionArn,
    error,
    cause,
  }: {
    executionArn: string;
    error?: string;
    cause?: string;
  }) {
    const record = await this.requireExecution(executionArn);
    const active = this.active.get(executionArn);
    if (active) {
      active.run.controller.abort({ kind: 'stop', error, cause } satisfies AbortReason);
      await active.done;
    } else if (record.status === 'RUNNING') {
      // Running in the store but not here (e.g. before recover()): close it directly.
      const journal = this.journalFor(record, await this.store.readHistory(executionArn));
      journal.add('ExecutionAborted', { error, cause }, '', journal.lastEventId);
      await journal.flush();
      await this.store.putExecution({
        ...record,
        status: 'ABORTED',
        stopDate: new Date(this.clock.now()),
        error,
        cause,
      });
    }
    const after = await this.requireExecution(executionArn);
    return { stopDate: after.stopDate ?? new Date(this.clock.now()) };
  }

  /** Re-runs a FAILED, TIMED_OUT or ABORTED execution from its unsuccessful state (and iterations). */
  async redriveExecution({ executionArn }: { executionArn: string }): Promise<{ redriveDate: Date }> {
    const record = await this.requireExecution(executionArn);
    if (!this.redrivable(record)) {
      throw new ExecutionNotRedrivableError(`Execution is not redrivable: status ${record.status}`);
    }
    const records = await this.store.readHistory(executionArn);
    if (!records.some((r) => r.scope === '' && r.event.type.endsWith('StateEntered'))) {
      throw new ExecutionNotRedrivableError('Execution is not redrivable: it never entered a state');
    }
    const redriveDate = new Date(this.clock.now());
    const redriven: ExecutionRecord = {
      ...record,
      status: 'RUNNING',
      redriveCount: record.redriveCount + 1,
      redriveDate,
    };
    delete redriven.stopDate;
    delete redriven.error;
    delete redriven.cause;
    delete redriven.output;
    const journal = new Journal(this.store, executionArn, this.clock, records);
    journal.add('ExecutionRedriven', { redriveCount: redriven.redriveCount }, '', journal.lastEventId);
    await journal.flush();
    await this.store.putExecution(redriven);
    this.launch(redriven, journal, 'redrive');
    return { redriveDate };
  }

  async sendTaskSuccess({ taskToken, output }: { taskToken: string; output: string }): Promise<void> {
    let parsed: Json;
    try {
      parsed = JSON.parse(output) as Json;
    } catch {
      throw new InvalidOutputError('Invalid output: not JSON');
    }
    this.waiter(taskToken).succeed(parsed);
  }

  async sendTaskFailure({
    taskToken,
    error = '',
    cause = '',
  }: {
    taskToken: string;
    error?: string;
    cause?: string;
  }) {
    this.waiter(taskToken).fail(error, cause);
  }

  async sendTaskHeartbeat({ taskToken }: { taskToken: string }): Promise<void> {
    this.waiter(taskToken).heartbeat();
  }

  /** Resumes every execution the store shows running; returns their ARNs. */
  async recover(): Promise<string[]> {
    const running = await this.store.listRunningExecutions();
    const resumed: string[] = [];
    for (const record of running) {
      if (this.active.has(record.executionArn)) continue;
      const records = await this.store.readHistory(record.executionArn);
      const journal = this.journalFor(record, records);
      const terminal = records.at(-1)?.event;
      if (terminal && /^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(terminal.type)) {
        // Crashed between the terminal event and the record update: finish the record only.
        await this.store.putExecution(closedRecord(record, terminal, this.clock.now()));
        continue;
      }
      this.launch(record, journal, journal.records.length > 1 ? 'recover' : 'start');
      resumed.push(record.executionArn);
    }
    return resumed;
  }

  /** Resolves with the execution's description once it is no longer running here. */
  async waitForExecution(executionArn: string): Promise<DescribeExecutionOutput> {
    await this.active.get(executionArn)?.done;
    return this.describeExecution({ executionArn });
  }

  /** Stops driving every execution without recording anything, as a process exit would. */
  async shutdown(): Promise<void> {
    const runs = [...this.active.values()];
    for (const { run } of runs) run.controller.abort({ kind: 'shutdown' } satisfies AbortReason);
    await Promise.all(runs.map((r) => r.done));
  }

  private launch(record: ExecutionRecord, journal: Journal, mode: 'start' | 'recover' | 'redrive'): void {
    const definition = this.parsed(record.definition);
    const run = new ExecutionRun(
      {
        resolver: this.taskResolver,
        clock: this.clock,
        region: this.region,
        registerToken: (token, waiter) => this.tokens.set(token, waiter),
        releaseToken: (token) => {
          if (!this.tokens.delete(token)) return;
          this.closedTokens.add(token);
          // Remember recent closed tokens only (to answer TaskTimedOut), not every one ever issued.
          if (this.closedTokens.size > 10_000) {
            this.closedTokens.delete(this.closedTokens.values().next().value as string);
          }
        },
      },
      record,
      definition,
      journal,
    );
    const timeout = definition.TimeoutSeconds;
    const stopTimer = timeout !== undefined ? new AbortController() : undefined;
    if (timeout !== undefined) {
      const since = (record.redriveDate ?? record.startDate).getTime();
      const left = since + timeout * 1000 - this.clock.now();
      this.clock.sleep(Math.max(0, left), stopTimer?.signal).then(
        () => run.controller.abort({ kind: 'timeout' } satisfies AbortReason),
        () => undefined,
      );
    }
    const done = (async () => {
      try {
        const outcome = await run.run(mode);
        stopTimer?.abort();
        // A shutdown writes nothing more, as a crash would not.
        if (outcome.status === 'INTERRUPTED') return;
        await journal.flush();
        const closed: ExecutionRecord = {
          ...record,
          status: terminalStatus[outcome.status],
          stopDate: new Date(this.clock.now()),
        };
        if (outcome.status === 'SUCCEEDED') closed.output = JSON.stringify(outcome.output);
        else {
          if (outcome.error !== undefined) closed.error = outcome.error;
          if (outcome.cause !== undefined) closed.cause = outcome.cause;
        }
        await this.store.putExecution(closed);
      } catch (error) {
        stopTimer?.abort();
        // E.g. HistoryConflictError: another process drives this execution now; stop quietly here.
        this.onError(error, record.executionArn);
      } finally {
        this.active.delete(record.executionArn);
      }
    })();
    this.active.set(record.executionArn, { run, journal, done });
  }

  /**
   * `arn:aws:states:::states:startExecution` (and `.sync`, `.sync:2`): starts an execution on this
   * engine; the sync forms wait for it and fail with States.TaskFailed when it does not succeed.
   */
  private async startChild(input: Json, context: TaskContext): Promise<Json> {
    const params = (
      typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}
    ) as Record<string, Json>;
    const childInput =
      params.Input === undefined
        ? '{}'
        : typeof params.Input === 'string'
          ? params.Input
          : JSON.stringify(params.Input);
    const { executionArn, startDate } = await this.startExecution({
      stateMachineArn: String(params.StateMachineArn ?? ''),
      input: childInput,
      ...(typeof params.Name === 'string' ? { name: params.Name } : {}),
    });
    if (!/\.sync(:2)?$/.test(context.resource))
      return { ExecutionArn: executionArn, StartDate: startDate.getTime() };
    const done = await this.waitForExecution(executionArn);
    const parsedJson = context.resource.endsWith(':2');
    const described: Record<string, Json> = {
      ExecutionArn: done.executionArn,
      StateMachineArn: done.stateMachineArn,
      Name: done.name,
      Status: done.status,
      StartDate: done.startDate.getTime(),
      Input: parsedJson ? (JSON.parse(done.input) as Json) : done.input,
      InputDetails: { Included: true },
    };
    if (done.stopDate) described.StopDate = done.stopDate.getTime();
    if (done.output !== undefined) {
      described.Output = parsedJson ? (JSON.parse(done.output) as Json) : done.output;
      described.OutputDetails = { Included: true };
    }
    if (done.status !== 'SUCCEEDED') {
      throw Object.assign(new Error(JSON.stringify({ ...described, Error: done.error, Cause: done.cause })), {
        name: 'States.TaskFailed',
      });
    }
    return described;
  }

  /** A journal over `records`, starting the history with ExecutionStarted when it is empty. */
  private journalFor(record: ExecutionRecord, records: HistoryRecord[]): Journal {
    const journal = new Journal(this.store, record.executionArn, this.clock, records);
    if (records.length === 0) {
      journal.add(
        'ExecutionStarted',
        {
          input: record.input,
          inputDetails: { truncated: false },
          roleArn: `arn:aws:iam::${this.accountId}:role/conveyor-local`,
        },
        '',
        0,
      );
    }
    return journal;
  }

  // Executions of one machine share its parsed definition (read-only), parsed once.
  private parsed(text: string): StateMachineDefinition {
    let definition = this.definitions.get(text);
    if (!definition) {
      definition = JSON.parse(text) as StateMachineDefinition;
      this.definitions.set(text, definition);
    }
    return definition;
  }

  private waiter(taskToken: string): CallbackWaiter {
    const waiter = this.tokens.get(taskToken);
    if (waiter) return waiter;
    if (this.closedTokens.has(taskToken))
      throw new TaskTimedOutError('Task Timed Out: the task is already closed');
    throw new TaskDoesNotExistError('Task does not exist: unknown task token');
  }

  private redrivable(record: ExecutionRecord): boolean {
    return record.status === 'FAILED' || record.status === 'TIMED_OUT' || record.status === 'ABORTED';
  }

  private async requireExecution(executionArn: string): Promise<ExecutionRecord> {
    const record = await this.store.getExecution(executionArn);
    if (!record) throw new ExecutionDoesNotExistError(`Execution Does Not Exist: '${executionArn}'`);
    return record;
  }
}

/** AWS-style paging: `maxResults` (default 100, at most 1000) and an opaque `nextToken`. */
const paginate = <T>(items: T[], maxResults = 100, nextToken?: string): { page: T[]; next?: string } => {
  const start = nextToken ? Number(Buffer.from(nextToken, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0 || start > items.length) {
    throw new InvalidTokenError('Invalid Token: the nextToken is not one this API returned');
  }
  const size = Math.min(Math.max(maxResults || 100, 1), 1000);
  const end = start + size;
  return {
    page: items.slice(start, end),
    ...(end < items.length ? { next: Buffer.from(String(end)).toString('base64url') } : {}),
  };
};

// AWS: 1-80 characters without whitespace, brackets, wildcards, control or special characters.
const validName = (name: string): boolean => {
  if (name.length < 1 || name.length > 80 || /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/.test(name)) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return false;
  }
  return true;
};

const closedRecord = (record: ExecutionRecord, event: HistoryEvent, now: number): ExecutionRecord => {
  const details = eventDetails<{ output?: string; error?: string; cause?: string }>(event);
  const status: ExecutionStatus =
    event.type === 'ExecutionSucceeded'
      ? 'SUCCEEDED'
      : event.type === 'ExecutionFailed'
        ? 'FAILED'
        : event.type === 'ExecutionAborted'
          ? 'ABORTED'
          : 'TIMED_OUT';
  return {
    ...record,
    status,
    stopDate: new Date(now),
    ...(details.output !== undefined ? { output: details.output } : {}),
    ...(details.error !== undefined ? { error: details.error } : {}),
    ...(details.cause !== undefined ? { cause: details.cause } : {}),
  };
};
