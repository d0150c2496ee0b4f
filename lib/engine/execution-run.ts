/**
 * Runs one execution of a definition, appending its history through a Journal. It can start from the
 * beginning or resume from a history (after a restart, or for a redrive): each scope (the top level, a
 * Parallel branch, a Map iteration) continues at the state that was entered but never exited.
 */
import { randomUUID } from 'node:crypto';
import type {
  AslState,
  Branch,
  Catcher,
  ChoiceRule,
  Json,
  JsonObject,
  QueryLanguage,
  StateMachineDefinition,
  Variables,
} from './asl';
import { evaluateRule, isTimestamp } from './choice-rules';
import {
  applyInputPath,
  applyOutputPath,
  applyResultPath,
  errorMatches,
  errorOutput,
  retryDelay,
  serialize,
} from './data-flow';
import { eventDetails, type HistoryEventType } from './history';
import type { ExecutionRecord } from './history-store';
import type { Journal } from './journal';
import { notFound, type PathData, readPath } from './json-path';
import { evaluateJsonata, isJsonataTemplate } from './jsonata-eval';
import { evaluateDynamic, evaluateTemplate } from './payload';
import {
  childScope,
  finishedChildren,
  inScope,
  planScope,
  type Resume,
  type Thread,
  taskInFlight,
} from './resume';
import { fail, RunAborted, StatesFailure } from './states-failure';
import { type RunDeps, TaskInvoker } from './task-invocation';

/** Why a run stopped early: stopped by the API, timed out, or the engine shut down (no event). */
export type AbortReason =
  | { kind: 'stop'; error?: string; cause?: string }
  | { kind: 'timeout' }
  | { kind: 'shutdown' };

export type RunOutcome =
  | { status: 'SUCCEEDED'; output: Json }
  | { status: 'FAILED'; error: string; cause: string }
  | { status: 'ABORTED'; error?: string; cause?: string }
  | { status: 'TIMED_OUT'; error: string; cause: string }
  | { status: 'INTERRUPTED' };

/** Leaves a state: records StateExited (with its assigned variables) and says where to go next. */
type Finish = (
  output: Json,
  next: string | null,
  assigned: Variables | undefined,
) => { output: Json; next: string | null };

/** One attempt of a Task, Parallel or Map state. */
interface Step {
  name: string;
  state: AslState;
  input: Json;
  variables: Variables;
  thread: Thread;
  resume: Resume | undefined;
  signal: AbortSignal;
  context: JsonObject;
}

// Each state's query language: its own QueryLanguage, else its branch's, else that of the state
// around it. Computed once per definition object (the engine caches parsed definitions).
const languages = new WeakMap<AslState | Branch, QueryLanguage>();

const assignLanguages = (branch: Branch, inherited: QueryLanguage): void => {
  const language = branch.QueryLanguage ?? inherited;
  languages.set(branch, language);
  for (const state of Object.values(branch.States)) {
    const own = state.QueryLanguage ?? language;
    languages.set(state, own);
    for (const nested of state.Branches ?? []) assignLanguages(nested, own);
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) assignLanguages(processor, own);
  }
};

// Consecutive states often enter in the same millisecond; formatting dates is a hot spot.
let lastTime = Number.NaN;
let lastIso = '';
const isoTime = (time: number): string => {
  if (time !== lastTime) {
    lastTime = time;
    lastIso = new Date(time).toISOString();
  }
  return lastIso;
};

export class ExecutionRun {
  readonly controller = new AbortController();
  private readonly execution: JsonObject;
  private readonly stateMachine: JsonObject;
  private readonly tasks: TaskInvoker;

  constructor(
    private readonly deps: RunDeps,
    private readonly record: ExecutionRecord,
    private readonly definition: StateMachineDefinition,
    private readonly journal: Journal,
  ) {
    if (!languages.has(definition)) assignLanguages(definition, 'JSONPath');
    this.tasks = new TaskInvoker(deps, journal, record.executionArn);
    this.execution = {
      Id: record.executionArn,
      Input: JSON.parse(record.input) as Json,
      Name: record.name,
      RoleArn: `arn:aws:iam::${record.stateMachineArn.split(':')[4]}:role/conveyor-local`,
      StartTime: record.startDate.toISOString(),
      RedriveCount: record.redriveCount,
      ...(record.redriveDate ? { RedriveTime: record.redriveDate.toISOString() } : {}),
    };
    this.stateMachine = { Id: record.stateMachineArn, Name: record.stateMachineArn.split(':').at(-1) ?? '' };
  }

  get abortReason(): AbortReason | undefined {
    return this.controller.signal.aborted ? (this.controller.signal.reason as AbortReason) : undefined;
  }

  /** Runs from the start (no history yet besides ExecutionStarted) or resumes from the journal's records. */
  async run(mode: 'start' | 'recover' | 'redrive'): Promise<RunOutcome> {
    const input = JSON.parse(this.record.input) as Json;
    const thread: Thread = { scope: '', last: this.journal.lastEventId };
    try {
      const output =
        mode === 'start'
          ? await this.runBranch(this.definition, '', input, {}, thread, undefined)
          : await this.runBranch(this.definition, '', input, {}, thread, {
              mode,
              records: this.journal.records,
              enteredAt: 0,
            });
      const text = serialize(output, 'state output');
      this.assertRunning();
      this.journal.add(
        'ExecutionSucceeded',
        { output: text, outputDetails: { truncated: false } },
        '',
        thread.last,
      );
      return { status: 'SUCCEEDED', output };
    } catch (error) {
      return this.conclude(error, thread);
    }
  }

  private conclude(error: unknown, thread: Thread): RunOutcome {
    const reason = this.abortReason;
    if (reason?.kind === 'shutdown') return { status: 'INTERRUPTED' };
    if (reason?.kind === 'stop') {
      this.journal.add('ExecutionAborted', { error: reason.error, cause: reason.cause }, '', thread.last);
      return { status: 'ABORTED', error: reason.error, cause: reason.cause };
    }
    if (reason?.kind === 'timeout') {
      const cause = 'The execution timed out (TimeoutSeconds of the state machine).';
      this.journal.add('ExecutionTimedOut', { error: 'States.Timeout', cause }, '', thread.last);
      return { status: 'TIMED_OUT', error: 'States.Timeout', cause };
    }
    const failure =
      error instanceof StatesFailure
        ? error
        : new StatesFailure('States.Runtime', error instanceof Error ? error.message : String(error));
    this.journal.add('ExecutionFailed', { error: failure.error, cause: failure.cause }, '', thread.last);
    return { status: 'FAILED', error: failure.error, cause: failure.cause };
  }

  private assertRunning(signal: AbortSignal = this.controller.signal): void {
    if (signal.aborted) throw new RunAborted('aborted');
  }

  private language(state: AslState): QueryLanguage {
    return languages.get(state) ?? 'JSONPath';
  }

  // The context object shares its Execution and StateMachine parts: states only read them.
  private context(name: string, enteredAt: number, retryCount: number, extra?: JsonObject): JsonObject {
    const context: JsonObject = {
      Execution: this.execution,
      State: { EnteredTime: isoTime(enteredAt), Name: name, RetryCount: retryCount },
      StateMachine: this.stateMachine,
    };
    return extra ? Object.assign(context, extra) : context;
  }

  // ---------------------------------------------------------------- scopes

  private async runBranch(
    branch: Branch,
    scope: string,
    input: Json,
    variables: Variables,
    thread: Thread,
    resume: Resume | undefined,
    signal: AbortSignal = this.controller.signal,
  ): Promise<Json> {
    let name = branch.StartAt;
    let current = input;
    let stateResume: Resume | undefined;
    if (resume) {
      const plan = planScope(branch, scope, input, variables, resume);
      if ('output' in plan) return plan.output;
      name = plan.name;
      current = plan.input;
      stateResume = plan.resume;
      if (plan.last > 0) thread.last = plan.last;
    }
    for (;;) {
      this.assertRunning(signal);
      const state = branch.States[name] as AslState;
      const { output, next } = await this.runState(
        name,
        state,
        current,
        variables,
        thread,
        stateResume,
        signal,
      );
      stateResume = undefined;
      if (next === null) return output;
      name = next;
      current = output;
    }
  }

  // ---------------------------------------------------------------- states

  private async runState(
    name: string,
    state: AslState,
    input: Json,
    variables: Variables,
    thread: Thread,
    resume: Resume | undefined,
    signal: AbortSignal,
  ): Promise<{ output: Json; next: string | null }> {
    const enteredAt = resume?.enteredAt || this.deps.clock.now();
    if (!resume) {
      const text = serialize(input, 'state input');
      thread.last = this.journal.add(
        `${state.Type}StateEntered` as HistoryEventType,
        { name, input: text, inputDetails: { truncated: false } },
        thread.scope,
        thread.last,
      );
    }
    const jsonata = this.language(state) === 'JSONata';
    // Built once per state on the hot path (Pass chains ask for it several times).
    let first: JsonObject | undefined;
    const ctx = (retryCount = 0, extra?: JsonObject) => {
      if (retryCount === 0 && !extra && first) return first;
      const built = this.context(name, enteredAt, retryCount, extra);
      if (retryCount === 0 && !extra) first = built;
      return built;
    };

    const finish = (output: Json, next: string | null, assigned: Variables | undefined) => {
      const details: Record<string, unknown> = {
        name,
        output: serialize(output, 'state output'),
        outputDetails: { truncated: false },
      };
      if (assigned && Object.keys(assigned).length > 0) {
        details.assignedVariables = Object.fromEntries(
          Object.entries(assigned).map(([key, value]) => [key, JSON.stringify(value)]),
        );
        details.assignedVariablesDetails = { truncated: false };
        Object.assign(variables, assigned);
      }
      if (state.Type !== 'Fail') {
        thread.last = this.journal.add(
          `${state.Type}StateExited` as HistoryEventType,
          details,
          thread.scope,
          thread.last,
          {
            next,
          },
        );
      }
      return { output, next };
    };
    const nextOf = () => (state.End ? null : (state.Next as string));

    switch (state.Type) {
      case 'Pass': {
        if (jsonata) {
          const states = { input, context: ctx() };
          const [output, assigned] = await this.jsonataOutputs(state, states, variables, input);
          return finish(output, nextOf(), assigned);
        }
        const effective = applyInputPath(state, input, variables, ctx());
        const result =
          state.Result !== undefined
            ? state.Result
            : state.Parameters !== undefined
              ? evaluateTemplate(state.Parameters, { input: effective, context: ctx(), variables })
              : effective;
        const assigned = this.assignJsonPath(state.Assign, result, variables, ctx());
        const output = applyOutputPath(
          state,
          applyResultPath(state.ResultPath, input, result),
          variables,
          ctx(),
        );
        return finish(output, nextOf(), assigned);
      }
      case 'Succeed': {
        if (jsonata) {
          const output =
            state.Output !== undefined
              ? await this.jsonata(state.Output, { input, context: ctx() }, variables, 'Output')
              : input;
          return finish(output, null, undefined);
        }
        return finish(
          applyOutputPath(state, applyInputPath(state, input, variables, ctx()), variables, ctx()),
          null,
          undefined,
        );
      }
      case 'Fail': {
        let error: Json = state.Error ?? null;
        let cause: Json = state.Cause ?? null;
        if (jsonata) {
          const states = { input, context: ctx() };
          if (isJsonataTemplate(error)) error = await this.jsonata(error, states, variables, 'Error');
          if (isJsonataTemplate(cause)) cause = await this.jsonata(cause, states, variables, 'Cause');
        } else {
          const data = { input, context: ctx(), variables };
          if (state.ErrorPath) error = evaluateDynamic(state.ErrorPath, data, 'ErrorPath');
          if (state.CausePath) cause = evaluateDynamic(state.CausePath, data, 'CausePath');
        }
        throw new StatesFailure(
          typeof error === 'string' ? error : error === null ? '' : JSON.stringify(error),
          typeof cause === 'string' ? cause : cause === null ? '' : JSON.stringify(cause),
        );
      }
      case 'Choice':
        return this.runChoice(state, input, variables, ctx(), finish);
      case 'Wait':
        return this.runWait(name, state, input, variables, ctx(), resume, enteredAt, signal, finish);
      case 'Task':
      case 'Parallel':
      case 'Map':
        return this.runWithRetries(name, state, input, variables, thread, resume, signal, ctx, finish);
    }
  }

  private async runChoice(
    state: AslState,
    input: Json,
    variables: Variables,
    context: JsonObject,
    finish: Finish,
  ) {
    const rules = state.Choices ?? [];
    if (this.language(state) === 'JSONata') {
      const states = { input, context };
      for (const rule of rules) {
        const condition = await this.jsonata(rule.Condition as Json, states, variables, 'Condition');
        if (typeof condition !== 'boolean') {
          fail(
            'States.QueryEvaluationError',
            `The Condition ${JSON.stringify(rule.Condition)} did not return a boolean`,
          );
        }
        if (condition) return this.leaveChoice(state, rule, states, variables, input, finish);
      }
      if (state.Default === undefined)
        fail('States.NoChoiceMatched', 'No Choice Rule matched and no Default was specified');
      return this.leaveChoice(state, undefined, states, variables, input, finish);
    }
    const effective = applyInputPath(state, input, variables, context);
    const data: PathData = { input: effective, context, variables };
    const matched = rules.find((rule) => evaluateRule(rule, data));
    if (!matched && state.Default === undefined) {
      fail('States.NoChoiceMatched', 'No Choice Rule matched and no Default was specified');
    }
    const assigned = {
      ...this.assignJsonPath(state.Assign, effective, variables, context),
      ...this.assignJsonPath(matched?.Assign, effective, variables, context),
    };
    return finish(
      applyOutputPath(state, effective, variables, context),
      matched ? (matched.Next as string) : (state.Default as string),
      assigned,
    );
  }

  private async leaveChoice(
    state: AslState,
    rule: ChoiceRule | undefined,
    states: Record<string, Json>,
    variables: Variables,
    input: Json,
    finish: Finish,
  ) {
    const output =
      state.Output !== undefined ? await this.jsonata(state.Output, states, variables, 'Output') : input;
    const assigned = {
      ...(await this.assignJsonata(state.Assign, states, variables)),
      ...(await this.assignJsonata(rule?.Assign, states, variables)),
    };
    return finish(output, rule ? (rule.Next as string) : (state.Default as string), assigned);
  }

  private async runWait(
    name: string,
    state: AslState,
    input: Json,
    variables: Variables,
    context: JsonObject,
    resume: Resume | undefined,
    enteredAt: number,
    signal: AbortSignal,
    finish: Finish,
  ) {
    const jsonata = this.language(state) === 'JSONata';
    const states = { input, context };
    const effective = jsonata ? input : applyInputPath(state, input, variables, context);
    const data: PathData = { input: effective, context, variables };
    let seconds: Json | undefined;
    let timestamp: Json | undefined;
    if (jsonata) {
      if (state.Seconds !== undefined)
        seconds = await this.jsonata(state.Seconds, states, variables, 'Seconds');
      if (state.Timestamp !== undefined)
        timestamp = await this.jsonata(state.Timestamp, states, variables, 'Timestamp');
    } else {
      seconds = state.SecondsPath ? evaluateDynamic(state.SecondsPath, data, 'SecondsPath') : state.Seconds;
      timestamp = state.TimestampPath
        ? evaluateDynamic(state.TimestampPath, data, 'TimestampPath')
        : state.Timestamp;
    }
    let deadline: number;
    if (seconds !== undefined) {
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
        return fail(
          'States.Runtime',
          `The Wait state ${name} needs a non-negative integer of seconds, got ${JSON.stringify(seconds)}`,
        );
      }
      deadline = enteredAt + seconds * 1000;
    } else {
      if (!isTimestamp(timestamp)) {
        return fail(
          'States.Runtime',
          `The Wait state ${name} needs an ISO-8601 timestamp, got ${JSON.stringify(timestamp)}`,
        );
      }
      deadline = Date.parse(timestamp);
    }
    // A recovered Wait keeps its original deadline; a redriven one waits afresh.
    if (resume?.mode === 'redrive') deadline = this.deps.clock.now() + Math.max(0, deadline - enteredAt);
    await this.journal.flush();
    const left = deadline - this.deps.clock.now();
    if (left > 0) await this.deps.clock.sleep(left, signal);
    this.assertRunning(signal);
    if (jsonata) {
      const [output, assigned] = await this.jsonataOutputs(state, states, variables, input);
      return finish(output, state.End ? null : (state.Next as string), assigned);
    }
    const assigned = this.assignJsonPath(state.Assign, effective, variables, context);
    return finish(
      applyOutputPath(state, effective, variables, context),
      state.End ? null : (state.Next as string),
      assigned,
    );
  }

  // ---------------------------------------------------------------- Retry and Catch

  private async runWithRetries(
    name: string,
    state: AslState,
    input: Json,
    variables: Variables,
    thread: Thread,
    resume: Resume | undefined,
    signal: AbortSignal,
    ctx: (retryCount?: number, extra?: JsonObject) => JsonObject,
    finish: Finish,
  ) {
    const retriers = state.Retry ?? [];
    const counts = retriers.map(() => 0);
    let attemptResume = resume;
    let retryCount = 0;
    let pendingDelay = 0;
    if (resume?.mode === 'recover' && state.Type === 'Task') {
      // Replay the attempts the history already shows, so Retry counts carry over the restart.
      // Attempts before the last redrive do not count: a redrive starts the Retry policy afresh.
      const redriven =
        this.journal.records.findLast((r) => r.event.type === 'ExecutionRedriven')?.event.id ?? 0;
      const failures = resume.records.filter(
        (r) =>
          r.event.id > redriven &&
          r.scope === thread.scope &&
          /^(Task|LambdaFunction)(Failed|TimedOut)$/.test(r.event.type),
      );
      let lastIndex = -1;
      for (const record of failures) {
        const { error } = eventDetails<{ error: string }>(record.event);
        lastIndex = retriers.findIndex((r) => errorMatches(r.ErrorEquals, error));
        if (lastIndex >= 0) counts[lastIndex] = (counts[lastIndex] ?? 0) + 1;
      }
      retryCount = failures.length;
      const lastRecord = resume.records.filter((r) => r.scope === thread.scope).at(-1);
      if (lastRecord && failures.includes(lastRecord)) {
        // Crashed while waiting to retry: wait out the rest of that retry's delay.
        attemptResume = undefined;
        const retrier = retriers[lastIndex];
        if (retrier) {
          const due =
            lastRecord.event.timestamp.getTime() + retryDelay(retrier, (counts[lastIndex] ?? 1) - 1, false);
          pendingDelay = Math.max(0, due - this.deps.clock.now());
        }
      }
    }
    for (;;) {
      try {
        if (pendingDelay > 0) {
          await this.journal.flush();
          await this.deps.clock.sleep(pendingDelay, signal);
          pendingDelay = 0;
        }
        const step: Step = {
          name,
          state,
          input,
          variables,
          thread,
          resume: attemptResume,
          signal,
          context: ctx(retryCount),
        };
        const outcome =
          state.Type === 'Task'
            ? await this.runTask(step)
            : state.Type === 'Parallel'
              ? await this.runParallel(step)
              : await this.runMap(step);
        return finish(outcome.output, state.End ? null : (state.Next as string), outcome.assigned);
      } catch (error) {
        attemptResume = undefined;
        if (!(error instanceof StatesFailure) || signal.aborted) throw error;
        const index = retriers.findIndex((r) => errorMatches(r.ErrorEquals, error.error));
        const retrier = retriers[index];
        if (retrier && (counts[index] as number) < (retrier.MaxAttempts ?? 3)) {
          pendingDelay = retryDelay(retrier, counts[index] as number, true);
          counts[index] = (counts[index] as number) + 1;
          retryCount++;
          continue;
        }
        const catcher = (state.Catch ?? []).find((c) => errorMatches(c.ErrorEquals, error.error));
        if (!catcher) throw error;
        return this.catchInto(state, catcher, error, input, variables, ctx(retryCount), finish);
      }
    }
  }

  private async catchInto(
    state: AslState,
    catcher: Catcher,
    failure: StatesFailure,
    input: Json,
    variables: Variables,
    context: JsonObject,
    finish: Finish,
  ) {
    const errorValue = errorOutput(failure);
    if (this.language(state) === 'JSONata') {
      const states = { input, context, errorOutput: errorValue };
      const output =
        catcher.Output !== undefined
          ? await this.jsonata(catcher.Output, states, variables, 'Output')
          : errorValue;
      return finish(output, catcher.Next, await this.assignJsonata(catcher.Assign, states, variables));
    }
    const assigned = this.assignJsonPath(catcher.Assign, errorValue, variables, context);
    return finish(applyResultPath(catcher.ResultPath, input, errorValue), catcher.Next, assigned);
  }

  // ---------------------------------------------------------------- Task

  private async runTask(step: Step): Promise<{ output: Json; assigned: Variables | undefined }> {
    const { name, state, input, variables, thread, resume, signal, context } = step;
    const resource = state.Resource as string;
    const callback = resource.endsWith('.waitForTaskToken');
    const jsonata = this.language(state) === 'JSONata';
    const inFlight = resume?.mode === 'recover' ? taskInFlight(resume.records, thread.scope) : undefined;
    const token = inFlight?.token ?? (callback ? randomUUID() : undefined);
    const taskContext = token ? { ...context, Task: { Token: token } } : context;
    const states: Record<string, Json> = { input, context: taskContext };
    const effective = jsonata ? input : applyInputPath(state, input, variables, context);
    const data: PathData = { input: effective, context: taskContext, variables };
    const parameters = jsonata
      ? state.Arguments !== undefined
        ? await this.jsonata(state.Arguments, states, variables, 'Arguments')
        : input
      : state.Parameters !== undefined
        ? evaluateTemplate(state.Parameters, data)
        : effective;
    const timeoutSeconds = await this.numberField(state, 'TimeoutSeconds', states, data, variables);
    const heartbeatSeconds = await this.numberField(state, 'HeartbeatSeconds', states, data, variables);

    let result: Json;
    if (inFlight?.succeeded !== undefined) result = inFlight.succeeded;
    else {
      result = await this.tasks.invoke({
        name,
        resource,
        parameters,
        thread,
        signal,
        token,
        callback,
        timeoutSeconds,
        heartbeatSeconds,
        inFlight: inFlight !== undefined,
        scheduledAt: inFlight?.scheduledAt,
      });
    }
    return this.processResult(state, input, result, variables, context, states);
  }

  // ---------------------------------------------------------------- Parallel and Map

  private async runParallel(step: Step): Promise<{ output: Json; assigned: Variables | undefined }> {
    const { state, input, variables, context } = step;
    const jsonata = this.language(state) === 'JSONata';
    const states: Record<string, Json> = { input, context };
    const effective = jsonata ? input : applyInputPath(state, input, variables, context);
    const branchInput = jsonata
      ? state.Arguments !== undefined
        ? await this.jsonata(state.Arguments, states, variables, 'Arguments')
        : input
      : state.Parameters !== undefined
        ? evaluateTemplate(state.Parameters, { input: effective, context, variables })
        : effective;
    const branches = state.Branches ?? [];
    return this.runSubWorkflows(step, 'Parallel', states, branches.length, 0, undefined, async (index) => ({
      branch: branches[index] as Branch,
      input: branchInput,
    }));
  }

  private async runMap(step: Step): Promise<{ output: Json; assigned: Variables | undefined }> {
    const { name, state, input, variables, context } = step;
    const jsonata = this.language(state) === 'JSONata';
    const states: Record<string, Json> = { input, context };
    const effective = jsonata ? input : applyInputPath(state, input, variables, context);
    const data: PathData = { input: effective, context, variables };
    let items: Json;
    if (jsonata)
      items = state.Items !== undefined ? await this.jsonata(state.Items, states, variables, 'Items') : input;
    else if (state.ItemsPath !== undefined) {
      const found = readPath(state.ItemsPath, data);
      items =
        found === notFound
          ? fail('States.Runtime', `The ItemsPath '${state.ItemsPath}' could not be found in the input`)
          : (found as Json);
    } else items = effective;
    if (!Array.isArray(items)) {
      return fail(
        'States.Runtime',
        `The Map state ${name} needs an array of items, got ${JSON.stringify(items)?.slice(0, 100)}`,
      );
    }
    const list = items;
    const maxConcurrency = (await this.numberField(state, 'MaxConcurrency', states, data, variables)) ?? 0;
    const toleratedCount = await this.numberField(state, 'ToleratedFailureCount', states, data, variables);
    const toleratedPercentage = await this.numberField(
      state,
      'ToleratedFailurePercentage',
      states,
      data,
      variables,
    );
    const processor = (state.ItemProcessor ?? state.Iterator) as Branch;
    const selector = state.ItemSelector ?? state.Parameters;

    const tolerance =
      toleratedCount !== undefined || toleratedPercentage !== undefined
        ? { count: toleratedCount ?? Number.POSITIVE_INFINITY, percentage: toleratedPercentage ?? 100 }
        : undefined;
    return this.runSubWorkflows(
      step,
      'Map',
      states,
      list.length,
      maxConcurrency,
      tolerance,
      async (index) => {
        const value = list[index] as Json;
        if (selector === undefined) return { branch: processor, input: value };
        // As on AWS, $$.Map.Item exists only for ItemSelector, not inside the iteration.
        const itemContext = { ...context, Map: { Item: { Index: index, Value: value } } };
        return {
          branch: processor,
          input: jsonata
            ? await this.jsonata(selector, { input, context: itemContext }, variables, 'ItemSelector')
            : evaluateTemplate(selector, { input: effective, context: itemContext, variables }),
        };
      },
    );
  }

  /**
   * Runs a Parallel's branches or a Map's iterations, each in its own scope, then turns their outputs
   * into the state's result. When resuming, branches and iterations that finished keep their output.
   */
  private async runSubWorkflows(
    step: Step,
    kind: 'Map' | 'Parallel',
    states: Record<string, Json>,
    count: number,
    limit: number,
    tolerance: { count: number; percentage: number } | undefined,
    child: (index: number) => Promise<{ branch: Branch; input: Json }>,
  ): Promise<{ output: Json; assigned: Variables | undefined }> {
    const { name, state, input, variables, thread, resume, signal, context } = step;
    const started = resume?.records
      .filter((r) => r.scope === thread.scope && r.event.type === `${kind}StateStarted`)
      .at(-1);
    const sinceId = started?.event.id ?? 0;
    if (!started) {
      const details = kind === 'Map' ? { length: count } : undefined;
      thread.last = this.journal.add(`${kind}StateStarted`, details, thread.scope, thread.last);
    }
    const results = await this.fanOut(
      count,
      limit,
      tolerance,
      signal,
      thread,
      async (index, childSignal, childThread) => {
        const { branch, input: childInput } = await child(index);
        return this.runChildScope(branch, thread.scope, name, index, childInput, variables, {
          resume,
          sinceId,
          signal: childSignal,
          thread: childThread,
        });
      },
      { state: name, iterations: kind === 'Map' },
      finishedChildren(resume, thread.scope, name, sinceId),
    );
    return this.afterSubWorkflow(kind, results, state, input, variables, context, thread, states);
  }

  /** A number field in any of its forms: literal, `<field>Path`, or a JSONata template. */
  private async numberField(
    state: AslState,
    field:
      | 'MaxConcurrency'
      | 'ToleratedFailureCount'
      | 'ToleratedFailurePercentage'
      | 'TimeoutSeconds'
      | 'HeartbeatSeconds',
    states: Record<string, Json>,
    data: PathData,
    variables: Variables,
  ): Promise<number | undefined> {
    let value: Json | undefined = state[field];
    if (isJsonataTemplate(value)) value = await this.jsonata(value, states, variables, field);
    const path = state[`${field}Path`];
    if (path) value = evaluateDynamic(path, data, `${field}Path`);
    if (value === undefined) return undefined;
    // Timeouts are positive whole seconds; counts and percentages are non-negative.
    const seconds = field.endsWith('Seconds');
    if (typeof value !== 'number' || value < 0 || (seconds && (!Number.isInteger(value) || value === 0))) {
      return fail(
        'States.Runtime',
        `${field} must be a ${seconds ? 'positive integer' : 'non-negative number'}, got ${JSON.stringify(value)}`,
      );
    }
    return value;
  }

  /**
   * Runs `count` branches or iterations, at most `limit` at once (0: all). Without a tolerance, the
   * first failure aborts the rest; with one, failures up to it leave their error output in the results.
   */
  private async fanOut(
    count: number,
    limit: number,
    tolerance: { count: number; percentage: number } | undefined,
    signal: AbortSignal,
    thread: Thread,
    run: (index: number, signal: AbortSignal, thread: Thread) => Promise<Json>,
    events: { state: string; iterations: boolean },
    finished: Map<number, Json>,
  ): Promise<{ outputs: Json[]; failure?: StatesFailure }> {
    const group = new AbortController();
    const onAbort = () => group.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const outputs: Json[] = new Array(count).fill(null);
    let failure: StatesFailure | undefined;
    let failures = 0;
    let nextIndex = 0;
    const iterationEvent = (type: HistoryEventType, index: number, t: Thread) => {
      if (events.iterations) {
        t.last = this.journal.add(type, { name: events.state, index }, thread.scope, t.last);
      }
    };
    const worker = async () => {
      while (nextIndex < count && !group.signal.aborted) {
        const index = nextIndex++;
        if (finished.has(index)) {
          // Succeeded before the restart or redrive: keep its output, run and record nothing again.
          outputs[index] = finished.get(index) as Json;
          continue;
        }
        const branchThread: Thread = {
          scope: childScope(thread.scope, events.state, index),
          last: thread.last,
        };
        const eventThread: Thread = { scope: thread.scope, last: thread.last };
        iterationEvent('MapIterationStarted', index, eventThread);
        branchThread.last = eventThread.last;
        try {
          outputs[index] = await run(index, group.signal, branchThread);
          eventThread.last = branchThread.last;
          iterationEvent('MapIterationSucceeded', index, eventThread);
        } catch (error) {
          eventThread.last = branchThread.last;
          if (!(error instanceof StatesFailure) || signal.aborted) {
            if (!signal.aborted && !(error instanceof RunAborted)) throw error;
            iterationEvent('MapIterationAborted', index, eventThread);
            if (signal.aborted) throw new RunAborted('aborted');
            continue;
          }
          iterationEvent('MapIterationFailed', index, eventThread);
          failures++;
          if (tolerance && failures <= tolerance.count && (failures / count) * 100 <= tolerance.percentage) {
            outputs[index] = errorOutput(error);
            continue;
          }
          if (!failure) {
            failure = tolerance
              ? new StatesFailure(
                  'States.ExceedToleratedFailureThreshold',
                  'The specified tolerated failure threshold was exceeded',
                )
              : error;
            group.abort();
          }
        }
      }
    };
    const workers = Math.max(1, limit > 0 ? Math.min(limit, count) : count);
    try {
      await Promise.all(Array.from({ length: workers }, worker));
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    this.assertRunning(signal);
    return { outputs, failure };
  }

  /** Runs one Parallel branch or Map iteration in its own scope, resuming it when the history has it. */
  private runChildScope(
    branch: Branch,
    parentScope: string,
    name: string,
    index: number,
    input: Json,
    variables: Variables,
    child: {
      resume: Resume | undefined;
      sinceId: number;
      signal: AbortSignal;
      thread: Thread;
    },
  ): Promise<Json> {
    const scope = childScope(parentScope, name, index);
    const records = child.resume?.records.filter((r) => r.event.id > child.sinceId && inScope(r, scope));
    return this.runBranch(
      branch,
      scope,
      input,
      Object.create(variables) as Variables,
      child.thread,
      records && records.length > 0
        ? { mode: child.resume?.mode ?? 'recover', records, enteredAt: 0 }
        : undefined,
      child.signal,
    );
  }

  private async afterSubWorkflow(
    kind: 'Map' | 'Parallel',
    results: { outputs: Json[]; failure?: StatesFailure },
    state: AslState,
    input: Json,
    variables: Variables,
    context: JsonObject,
    thread: Thread,
    states: Record<string, Json>,
  ): Promise<{ output: Json; assigned: Variables | undefined }> {
    if (results.failure) {
      thread.last = this.journal.add(`${kind}StateFailed`, undefined, thread.scope, thread.last);
      throw results.failure;
    }
    thread.last = this.journal.add(`${kind}StateSucceeded`, undefined, thread.scope, thread.last);
    return this.processResult(state, input, results.outputs, variables, context, states);
  }

  /** A Task/Map/Parallel result to state output: ResultSelector, Assign, ResultPath, OutputPath or Output. */
  private async processResult(
    state: AslState,
    input: Json,
    result: Json,
    variables: Variables,
    context: JsonObject,
    states: Record<string, Json>,
  ): Promise<{ output: Json; assigned: Variables | undefined }> {
    if (this.language(state) === 'JSONata') {
      const withResult = { ...states, result };
      const output =
        state.Output !== undefined
          ? await this.jsonata(state.Output, withResult, variables, 'Output')
          : result;
      return { output, assigned: await this.assignJsonata(state.Assign, withResult, variables) };
    }
    const selected =
      state.ResultSelector !== undefined
        ? evaluateTemplate(state.ResultSelector, { input: result, context, variables })
        : result;
    const assigned = this.assignJsonPath(state.Assign, selected, variables, context);
    return {
      output: applyOutputPath(state, applyResultPath(state.ResultPath, input, selected), variables, context),
      assigned,
    };
  }

  // ---------------------------------------------------------------- data processing

  private assignJsonPath(
    assign: JsonObject | undefined,
    value: Json,
    variables: Variables,
    context: JsonObject,
  ) {
    if (!assign) return undefined;
    return evaluateTemplate(assign, { input: value, context, variables }) as Variables;
  }

  private async assignJsonata(
    assign: JsonObject | undefined,
    states: Record<string, Json>,
    variables: Variables,
  ) {
    if (!assign) return undefined;
    return (await this.jsonata(assign, states, variables, 'Assign')) as Variables;
  }

  private async jsonataOutputs(
    state: AslState,
    states: Record<string, Json>,
    variables: Variables,
    fallback: Json,
  ): Promise<[Json, Variables | undefined]> {
    const output =
      state.Output !== undefined ? await this.jsonata(state.Output, states, variables, 'Output') : fallback;
    return [output, await this.assignJsonata(state.Assign, states, variables)];
  }

  private jsonata(
    value: Json,
    states: Record<string, Json>,
    variables: Variables,
    field: string,
  ): Promise<Json> {
    return evaluateJsonata(value, { states, variables }, field);
  }
}
