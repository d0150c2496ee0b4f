/**
 * Launches a created run: starts its execution (named by the run id, with an input that holds no clock
 * and only the run's bounded trigger summary), marks it RUNNING, marks its triggers' decisions (the
 * first admitted it, the others merged into it), dequeues them and closes the debounce window. Every
 * step is idempotent, so whoever finds the launch unfinished (a retry, a sweep) repeats it safely.
 */
import { InvalidRunTransitionError } from '../../errors/invalid-run-transition-error';
import type { Run, TriggerRef } from '../../store/entities';
import { entryFor, RunStarted } from '../contracts';
import { type AdmissionDeps, notify } from './admission-deps';
import type { NextRun } from './start-next-run';

/** Decisions are moved this many at a time: a burst's run marks thousands. */
const MARK_CONCURRENCY = 100;

export const launchRun = async (
  run: Run,
  triggers: readonly TriggerRef[],
  deps: AdmissionDeps,
  options: { recovered?: boolean } = {},
): Promise<NextRun> => {
  const { store } = deps;
  const { runId, model, environment } = run;
  const { executionArn } = await deps.starter.startExecution({
    stateMachine: deps.stateMachine,
    name: runId,
    input: executionInputOf(run),
  });
  try {
    await store.runs.transitionRun(runId, 'RUNNING', deps.clock(), { executionArn });
  } catch (error) {
    if (!(error instanceof InvalidRunTransitionError)) throw error;
  }
  const eventIds = triggers.map((t) => t.eventId);
  await markTaken(deps, run, eventIds, options);
  await store.triggers.remove(model, environment, eventIds);
  // A window is only ever opened by a debounced data arrival.
  const arrival = (await deps.specs.get(model, deps.clock()))?.spec.retraining.dataArrival;
  if (arrival?.enabled && arrival.debounce > 0 && triggers.some((t) => t.kind === 'data-arrival'))
    await store.triggers.closeWindow(model, environment);
  deps.logger.info('run started', { model, environment, runId, executionArn, triggers: eventIds.length });
  await notify(
    deps,
    entryFor(
      RunStarted,
      {
        model,
        environment,
        runId,
        executionArn,
        triggers: run.triggers.map(({ eventId, kind }) => ({ eventId, kind })),
        triggerCount: triggerCountOf(run),
      },
      [executionArn],
    ),
  );
  return { status: 'started', runId, executionArn, eventIds };
};

/** The plan only (no clock), so a retry sends the same input under the same name. */
export const executionInputOf = (run: Run): string =>
  JSON.stringify({
    runId: run.runId,
    model: run.model,
    environment: run.environment,
    specVersion: run.specVersion,
    inputs: run.inputs,
    triggers: run.triggers,
    ...(run.triggerSummary ? { triggerSummary: run.triggerSummary } : {}),
  });

export const triggerCountOf = (run: Run): number => run.triggerSummary?.count ?? run.triggers.length;

/** Decisions of the triggers a run took: the first admitted it, the others merged into it. */
export const markTaken = async (
  deps: AdmissionDeps,
  run: Run,
  eventIds: readonly string[],
  options: { recovered?: boolean } = {},
) => {
  const decidedAt = deps.clock().toISOString();
  const first = run.triggers[0]?.eventId;
  const count = triggerCountOf(run);
  const recovered = options.recovered ? ' (recovered after a crash: the sweep finished the start)' : '';
  for (let i = 0; i < eventIds.length; i += MARK_CONCURRENCY) {
    await Promise.all(
      eventIds.slice(i, i + MARK_CONCURRENCY).map((eventId) =>
        deps.store.decisions.transition(run.model, run.environment, eventId, ['received', 'queued'], {
          ...(eventId === first
            ? {
                outcome: 'admitted' as const,
                reason: `started run ${run.runId}${count > 1 ? ` with ${count - 1} merged trigger(s)` : ''}${recovered}`,
              }
            : {
                outcome: 'merged' as const,
                reason: `merged into run ${run.runId} (${count} triggers; latest commit and data version win)${recovered}`,
              }),
          runId: run.runId,
          decidedAt,
          ...(options.recovered ? { recovered: true } : {}),
        }),
      ),
    );
  }
};
