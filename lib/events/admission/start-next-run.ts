/**
 * Starts the model's next run from its queued triggers, when it may: the single place a run starts.
 *
 * 1. The lease is held by a live run: the triggers wait (reconciling: any the run already took are
 *    dequeued, a start that crashed is finished, a run that ended unreported frees the model).
 * 2. No queued triggers: nothing to do.
 * 3. Only data arrivals queued and the debounce window (from the first arrival) still open: wait.
 * 4. Otherwise merge the queue into one plan, take the lease as the plan's run id, create the run,
 *    start the execution named by the plan's content, mark the decisions and dequeue.
 * Every step is idempotent, so a crash midway is finished by the next delivery, sweep or run end.
 */
import { AlreadyExistsError } from '../../errors/already-exists-error';
import { InvalidRunTransitionError } from '../../errors/invalid-run-transition-error';
import { LeaseHeldError } from '../../errors/lease-held-error';
import { LeaseLostError } from '../../errors/lease-lost-error';
import { NotFoundError } from '../../errors/not-found-error';
import type { Run } from '../../store/entities';
import { isTerminal } from '../../store/run-transitions';
import { entryFor, RunStarted } from '../contracts';
import { type AdmissionDeps, leaseTtlMs, notify } from './admission-deps';
import { executionNameOf, planRun } from './execution-name';

export type NextRun =
  | { status: 'idle' }
  | { status: 'started'; runId: string; executionArn: string; eventIds: string[] }
  /** The run was created by a concurrent admission, which is starting it (admissions only). */
  | { status: 'starting'; runId: string; eventIds: string[] }
  | { status: 'blocked'; runId: string }
  | { status: 'debouncing'; until: string };

export interface StartOptions {
  /**
   * Look behind a live lease: finish a start that crashed, drop triggers its run already took, and
   * free the model of a run that ended unreported. Sweeps and run ends do; a single admission does not
   * (it only needs to know the model is busy, and the sweep a minute later does the rest).
   */
  reconcile?: boolean;
}

export const startNextRun = async (
  model: string,
  environment: string,
  deps: AdmissionDeps,
  options: StartOptions = { reconcile: true },
): Promise<NextRun> => {
  const { store } = deps;
  const now = deps.clock();
  // The lease is read after the caller queued its trigger, and a run end releases before it reads the
  // queue, so a trigger is either seen by this call or by the run end's: never by neither.
  const lease = await store.leases.get(model, environment);
  let expiredHolder: string | undefined;
  if (lease && lease.expiresAtMs > now.getTime()) {
    if (!options.reconcile) return { status: 'blocked', runId: lease.holder };
    const run = await findRun(deps, lease.holder);
    // A start that crashed before the execution started: finish it, with the run as recorded.
    if (run?.status === 'PENDING') return launch(run, deps);
    if (!run || !isTerminal(run.status)) {
      if (run) await dequeueTaken(deps, run, await store.triggers.list(model, environment));
      return { status: 'blocked', runId: lease.holder };
    }
    // The run ended but its end was not reported (or not yet): free the model now.
    await dequeueTaken(deps, run, await store.triggers.list(model, environment));
    await releaseQuietly(deps, model, environment, run.runId);
  } else if (lease) {
    expiredHolder = lease.holder;
  }
  const queued = await store.triggers.list(model, environment);
  if (queued.length === 0) return { status: 'idle' };

  const registered = await deps.specs.get(model, now);
  if (!registered) return { status: 'idle' };
  const { spec } = registered;
  const triggers = queued.map((q) => q.trigger);
  if (triggers.every((t) => t.kind === 'data-arrival') && spec.retraining.dataArrival.enabled) {
    const opened = Math.min(...queued.map((q) => Date.parse(q.queuedAt)));
    const closes = opened + spec.retraining.dataArrival.debounce * 1000;
    if (now.getTime() < closes) return { status: 'debouncing', until: new Date(closes).toISOString() };
  }

  const plan = planRun(model, environment, triggers);
  const runId = executionNameOf(plan);
  try {
    // The lease read above: when it was live, the run that held it was released or found ended.
    await store.leases.acquire(
      { model, environment, holder: runId, ttlMs: leaseTtlMs(spec), now },
      { lease: lease && lease.expiresAtMs > now.getTime() ? undefined : lease },
    );
  } catch (error) {
    if (error instanceof LeaseHeldError)
      return { status: 'blocked', runId: (await store.leases.get(model, environment))?.holder ?? 'unknown' };
    throw error;
  }
  if (expiredHolder && expiredHolder !== runId) await timeOut(deps, expiredHolder, now);

  const run: Run = {
    runId,
    model,
    environment,
    status: 'PENDING',
    triggers: plan.triggers,
    inputs: {
      ...(plan.commit ? { commit: plan.commit } : {}),
      ...(plan.dataVersion ? { dataVersion: plan.dataVersion } : {}),
    },
    specVersion: registered.specVersion,
    createdAt: now.toISOString(),
  };
  try {
    await store.runs.createRun(run);
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    // A concurrent admission planned the same run and created it first: it is starting it. A single
    // admission leaves the start to it (a crash leaves a PENDING run, which the sweep finishes, and
    // triggers a RUNNING run took but did not dequeue are dequeued by the sweep) instead of repeating
    // every step. Sweeps and run ends repeat them, and so does anyone finding the run ended.
    if (!options.reconcile) {
      const existing = await findRun(deps, runId);
      if (existing && !isTerminal(existing.status)) {
        return { status: 'starting', runId, eventIds: existing.triggers.map((t) => t.eventId) };
      }
    }
  }
  return launch(run, deps);
};

/** Starts the run's execution, then marks its triggers' decisions and dequeues them. */
const launch = async (run: Run, deps: AdmissionDeps): Promise<NextRun> => {
  const { store } = deps;
  const { runId, model, environment } = run;
  const now = deps.clock();
  // The input holds the plan only (no clock), so a retry sends the same input under the same name.
  const { executionArn } = await deps.starter.startExecution({
    stateMachine: deps.stateMachine,
    name: runId,
    input: JSON.stringify({
      runId,
      model,
      environment,
      specVersion: run.specVersion,
      inputs: run.inputs,
      triggers: run.triggers,
    }),
  });
  try {
    await store.runs.transitionRun(runId, 'RUNNING', now, { executionArn });
  } catch (error) {
    if (!(error instanceof InvalidRunTransitionError)) throw error;
  }
  await markTaken(
    deps,
    run,
    run.triggers.map((t) => t.eventId),
  );
  const eventIds = run.triggers.map((t) => t.eventId);
  await store.triggers.remove(model, environment, eventIds);
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
      },
      [executionArn],
    ),
  );
  return { status: 'started', runId, executionArn, eventIds };
};

/** Decisions of the triggers a run took: the first admitted it, the others merged into it. */
const markTaken = async (deps: AdmissionDeps, run: Run, eventIds: readonly string[]) => {
  const decidedAt = deps.clock().toISOString();
  const first = run.triggers[0]?.eventId;
  const merged = run.triggers.length - 1;
  await Promise.all(
    eventIds.map((eventId) =>
      deps.store.decisions.transition(run.model, run.environment, eventId, ['received', 'queued'], {
        ...(eventId === first
          ? {
              outcome: 'admitted' as const,
              reason: `started run ${run.runId}${merged ? ` with ${merged} merged trigger(s)` : ''}`,
            }
          : {
              outcome: 'merged' as const,
              reason: `merged into run ${run.runId} (${run.triggers.length} triggers; latest commit and data version win)`,
            }),
        runId: run.runId,
        decidedAt,
      }),
    ),
  );
};

const findRun = async (deps: AdmissionDeps, runId: string): Promise<Run | undefined> => {
  try {
    return await deps.store.runs.getRun(runId);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
};

/** Removes queued triggers a run already took (a start that crashed before dequeuing). */
const dequeueTaken = async (deps: AdmissionDeps, run: Run, queued: { trigger: { eventId: string } }[]) => {
  const inRun = new Set(run.triggers.map((t) => t.eventId));
  const taken = queued.filter((q) => inRun.has(q.trigger.eventId)).map((q) => q.trigger.eventId);
  if (taken.length === 0) return;
  await markTaken(deps, run, taken);
  await deps.store.triggers.remove(run.model, run.environment, taken);
};

export const releaseQuietly = async (
  deps: AdmissionDeps,
  model: string,
  environment: string,
  holder: string,
) => {
  try {
    await deps.store.leases.release(model, environment, holder);
  } catch (error) {
    // Expired and taken by the next run already: nothing to release.
    if (!(error instanceof LeaseLostError)) throw error;
  }
};

/** A run whose lease expired is abandoned: mark it so, when it is still open. */
const timeOut = async (deps: AdmissionDeps, runId: string, now: Date) => {
  try {
    await deps.store.runs.transitionRun(runId, 'TIMED_OUT', now, {
      error: {
        name: 'LeaseExpiredError',
        message: 'the run held the model past its lease without renewing it',
      },
    });
    deps.logger.warn('run lease expired; run timed out', { runId });
  } catch (error) {
    if (!(error instanceof InvalidRunTransitionError || error instanceof NotFoundError)) throw error;
  }
};
