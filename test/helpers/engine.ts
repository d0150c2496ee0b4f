import type { Json } from '../../lib/engine/asl';
import type { Clock } from '../../lib/engine/clock';
import { type EngineOptions, StepFunctionsEngine } from '../../lib/engine/engine';
import { RunAborted } from '../../lib/engine/states-failure';

/** Runs `definition` to completion in memory; returns the status and parsed output. */
export const runMachine = async (definition: object, input: Json = {}, options: EngineOptions = {}) => {
  const engine = new StepFunctionsEngine(options);
  const { stateMachineArn } = engine.createStateMachine({
    name: 'test',
    definition: JSON.stringify(definition),
  });
  const { executionArn } = await engine.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  const result = await engine.waitForExecution(executionArn);
  const { events } = await engine.getExecutionHistory({ executionArn });
  return {
    status: result.status,
    output: result.output === undefined ? undefined : (JSON.parse(result.output) as Json),
    error: result.error,
    cause: result.cause,
    events,
    engine,
    executionArn,
  };
};

/** A clock that only moves when the test says so; sleeps resolve as time passes them. */
export class ManualClock implements Clock {
  private time: number;
  private sleepers: { until: number; resolve: () => void }[] = [];

  constructor(start = Date.parse('2026-01-01T00:00:00Z')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new RunAborted('aborted'));
      const sleeper = { until: this.time + ms, resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          reject(new RunAborted('aborted'));
        },
        { once: true },
      );
    });
  }

  /** Number of pending sleeps (to know that an execution is waiting). */
  get waiting(): number {
    return this.sleepers.length;
  }

  /** Moves time forward and lets everything that becomes due run. */
  async advance(ms: number): Promise<void> {
    this.time += ms;
    const due = this.sleepers.filter((s) => s.until <= this.time);
    this.sleepers = this.sleepers.filter((s) => s.until > this.time);
    for (const s of due) s.resolve();
    await settle();
  }
}

/** Lets pending promise chains and I/O callbacks run. */
export const settle = async (rounds = 20): Promise<void> => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** Waits (by yielding, not sleeping on time) until `check` holds. */
export const eventually = async (check: () => boolean | Promise<boolean>, rounds = 2000): Promise<void> => {
  for (let i = 0; i < rounds; i++) {
    if (await check()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition not reached');
};
