/**
 * One task attempt: the history events of Lambda functions (`LambdaFunction*`) and service
 * integrations (`Task*`), the resolver's handler, `lambda:invoke`'s Payload wrapping, TimeoutSeconds,
 * and `.waitForTaskToken` callbacks with their heartbeats.
 */
import { randomUUID } from 'node:crypto';
import { isJsonObject, type Json } from './asl';
import type { Clock } from './clock';
import { serialize } from './data-flow';
import type { HistoryEventType } from './history';
import type { Journal } from './journal';
import type { Thread } from './resume';
import { fail, RunAborted, StatesFailure } from './states-failure';
import { lambdaFunctionName, type TaskHandler, type TaskResolver } from './task-resolver';

/** A task waiting on its token: SendTaskSuccess/Failure/Heartbeat reach it through the engine. */
export interface CallbackWaiter {
  executionArn: string;
  succeed(output: Json): void;
  fail(error: string, cause: string): void;
  heartbeat(): void;
}

/** What a run needs from the engine around it. */
export interface RunDeps {
  resolver: TaskResolver;
  clock: Clock;
  region: string;
  /** Registers a callback token so SendTask* can reach the waiting task. */
  registerToken(token: string, waiter: CallbackWaiter): void;
  releaseToken(token: string): void;
}

export interface TaskCall {
  name: string;
  resource: string;
  parameters: Json;
  thread: Thread;
  signal: AbortSignal;
  token: string | undefined;
  callback: boolean;
  timeoutSeconds: number | undefined;
  heartbeatSeconds: number | undefined;
  /** Resumed after a restart: the attempt was scheduled (and maybe submitted) before it. */
  inFlight: boolean;
  scheduledAt: number | undefined;
}

export class TaskInvoker {
  constructor(
    private readonly deps: RunDeps,
    private readonly journal: Journal,
    private readonly executionArn: string,
  ) {}

  /** Schedules, runs and records one task attempt; returns its result or throws its StatesFailure. */
  async invoke(call: TaskCall): Promise<Json> {
    const { resource, thread, token } = call;
    const base = resource.replace(/\.(sync(:2)?|waitForTaskToken)$/, '');
    const directLambda = resource.startsWith('arn:aws:lambda:');
    const lambdaInvoke = base === 'arn:aws:states:::lambda:invoke';
    const [resourceType, ...rest] = resource.replace(/^arn:aws:states:::/, '').split(':');
    const taskDetails = {
      resourceType: directLambda ? 'lambda' : resourceType,
      resource: rest.join(':') || resource,
    };
    const eventType = (suffix: string) =>
      `${directLambda ? 'LambdaFunction' : 'Task'}${suffix}` as HistoryEventType;
    const parametersText = serialize(call.parameters, 'task parameters');

    if (!call.inFlight) {
      const scheduled = directLambda
        ? {
            resource,
            input: parametersText,
            inputDetails: { truncated: false },
            timeoutInSeconds: call.timeoutSeconds,
          }
        : {
            ...taskDetails,
            region: this.deps.region,
            parameters: parametersText,
            timeoutInSeconds: call.timeoutSeconds,
            heartbeatInSeconds: call.heartbeatSeconds,
          };
      thread.last = this.journal.add(
        eventType('Scheduled'),
        scheduled,
        thread.scope,
        thread.last,
        token ? { token } : {},
      );
      thread.last = this.journal.add(
        eventType('Started'),
        directLambda ? undefined : taskDetails,
        thread.scope,
        thread.last,
      );
    }
    // Everything up to the invocation is durable before the handler runs.
    await this.journal.flush();
    if (call.signal.aborted) throw new RunAborted('aborted');

    const attempt = new AbortController();
    const onAbort = () => attempt.abort();
    call.signal.addEventListener('abort', onAbort, { once: true });
    const cancelTimers = new AbortController();
    const timers: Promise<never>[] = [
      new Promise<never>((_, reject) => {
        const stop = () => reject(new RunAborted('aborted'));
        if (call.signal.aborted) stop();
        call.signal.addEventListener('abort', stop, { once: true });
        cancelTimers.signal.addEventListener('abort', () => call.signal.removeEventListener('abort', stop), {
          once: true,
        });
      }),
    ];
    if (call.timeoutSeconds !== undefined) {
      const startedAt = call.scheduledAt ?? this.deps.clock.now();
      const left = startedAt + call.timeoutSeconds * 1000 - this.deps.clock.now();
      timers.push(
        this.deps.clock.sleep(Math.max(0, left), cancelTimers.signal).then(() => {
          throw new StatesFailure(
            'States.Timeout',
            `The task ${call.name} did not finish within ${call.timeoutSeconds} seconds.`,
          );
        }),
      );
    }
    try {
      let result: Json;
      try {
        result = await Promise.race([
          this.perform(call, base, directLambda, lambdaInvoke, attempt.signal, cancelTimers.signal),
          ...timers,
        ]);
      } finally {
        cancelTimers.abort();
        attempt.abort();
        call.signal.removeEventListener('abort', onAbort);
        if (token) this.deps.releaseToken(token);
      }
      if (call.signal.aborted) throw new RunAborted('aborted');
      const output = serialize(result, 'task result');
      thread.last = this.journal.add(
        eventType('Succeeded'),
        directLambda
          ? { output, outputDetails: { truncated: false } }
          : { ...taskDetails, output, outputDetails: { truncated: false } },
        thread.scope,
        thread.last,
      );
      // A task's outcome is durable before the run moves on: a restart must not call it again.
      await this.journal.flush();
      return result;
    } catch (error) {
      if (call.signal.aborted || error instanceof RunAborted) throw new RunAborted('aborted');
      const failure =
        error instanceof StatesFailure ? error : new StatesFailure('States.TaskFailed', String(error));
      const timedOut = failure.error === 'States.Timeout' || failure.error === 'States.HeartbeatTimeout';
      thread.last = this.journal.add(
        eventType(timedOut ? 'TimedOut' : 'Failed'),
        directLambda
          ? { error: failure.error, cause: failure.cause }
          : { ...taskDetails, error: failure.error, cause: failure.cause },
        thread.scope,
        thread.last,
      );
      await this.journal.flush();
      throw failure;
    }
  }

  private async perform(
    call: TaskCall,
    base: string,
    directLambda: boolean,
    lambdaInvoke: boolean,
    signal: AbortSignal,
    timersSignal: AbortSignal,
  ): Promise<Json> {
    const { token, thread } = call;
    let waiter: Promise<Json> | undefined;
    if (call.callback && token) {
      waiter = new Promise<Json>((resolve, reject) => {
        let beat = new AbortController();
        const armHeartbeat = () => {
          beat.abort();
          beat = new AbortController();
          if (call.heartbeatSeconds === undefined) return;
          const local = beat;
          timersSignal.addEventListener('abort', () => local.abort(), { once: true });
          this.deps.clock.sleep(call.heartbeatSeconds * 1000, local.signal).then(
            () =>
              reject(
                new StatesFailure(
                  'States.HeartbeatTimeout',
                  `No heartbeat within ${call.heartbeatSeconds} seconds.`,
                ),
              ),
            () => undefined,
          );
        };
        armHeartbeat();
        this.deps.registerToken(token, {
          executionArn: this.executionArn,
          succeed: (output) => resolve(output),
          fail: (error, cause) => reject(new StatesFailure(error, cause)),
          heartbeat: armHeartbeat,
        });
      });
      waiter.catch(() => undefined);
    }
    // A recovered callback task keeps waiting on its token; its handler already ran before the restart.
    if (!(call.inFlight && call.callback)) {
      const submitted = await this.call(call, base, directLambda, lambdaInvoke, signal);
      if (waiter) {
        const [resourceType, ...rest] = call.resource.replace(/^arn:aws:states:::/, '').split(':');
        thread.last = this.journal.add(
          'TaskSubmitted',
          {
            resourceType,
            resource: rest.join(':'),
            output: JSON.stringify(submitted),
            outputDetails: { truncated: false },
          },
          thread.scope,
          thread.last,
        );
        await this.journal.flush();
      } else return submitted;
    } else if (!waiter) {
      return fail(
        'States.TaskFailed',
        'The task was in flight when the engine stopped; its outcome is unknown.',
      );
    }
    return waiter as Promise<Json>;
  }

  private async call(
    call: TaskCall,
    base: string,
    directLambda: boolean,
    lambdaInvoke: boolean,
    signal: AbortSignal,
  ): Promise<Json> {
    if (call.inFlight) {
      return fail(
        'States.TaskFailed',
        `The task ${call.name} was in flight when the engine stopped; its outcome is unknown.`,
      );
    }
    let handler: TaskHandler | undefined;
    let payload: Json = call.parameters;
    let functionName = '';
    if (directLambda || lambdaInvoke) {
      functionName = directLambda
        ? call.resource
        : String((isJsonObject(call.parameters) && call.parameters.FunctionName) || '');
      if (lambdaInvoke) payload = isJsonObject(call.parameters) ? (call.parameters.Payload ?? {}) : {};
      handler = this.deps.resolver.lambda(functionName);
      if (!handler) {
        return fail(
          'Lambda.ResourceNotFoundException',
          `Function not found: ${lambdaFunctionName(functionName)}`,
        );
      }
    } else {
      handler = this.deps.resolver.integration(base);
      if (!handler) return fail('States.Runtime', `No local handler for the resource ${call.resource}`);
    }
    let raw: unknown;
    try {
      raw = await handler(payload, {
        executionArn: this.executionArn,
        stateName: call.name,
        resource: call.resource,
        taskToken: call.token,
        signal,
      });
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      const name = err.name || 'Error';
      // Lambda reports an unhandled error's name as the error and a JSON document as the cause.
      const cause =
        directLambda || lambdaInvoke
          ? JSON.stringify({
              errorType: name,
              errorMessage: err.message,
              trace: (err.stack ?? '').split('\n'),
            })
          : err.message;
      throw new StatesFailure(name, cause);
    }
    const result = (raw === undefined ? null : JSON.parse(JSON.stringify(raw))) as Json;
    if (lambdaInvoke) {
      return {
        ExecutedVersion: '$LATEST',
        Payload: result,
        SdkHttpMetadata: { HttpStatusCode: 200 },
        SdkResponseMetadata: { RequestId: randomUUID() },
        StatusCode: 200,
      };
    }
    return result;
  }
}
