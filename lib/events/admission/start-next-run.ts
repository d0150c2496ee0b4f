/**
 * Starts the model's next run from its queued triggers, when it may: the single place a run starts.
 *
 * 1. Judge the lease's holder (`judgeHolder`): a live execution keeps the model, even past the lease
 *    (then the lease is extended); an ended one frees it; a lease a crash left without a run is freed;
 *    a start that crashed is finished.
 * 2. No queued triggers: nothing to do.
 * 3. Only data arrivals queued and the debounce window (from the first arrival) still open: wait.
 * 4. Otherwise merge the queue into one plan, take the lease as the plan's run id, store the plan's
 *    triggers apart (in pages), create the run with a bounded summary of them, and launch it.
 * Every step is idempotent, so a crash midway is finished by the next delivery, sweep or run end.
 */
import { AlreadyExistsError } from '../../errors/already-exists-error';
import { InvalidRunTransitionError } from '../../errors/invalid-run-transition-error';
import { LeaseHeldError } from '../../errors/lease-held-error';
import { LeaseLostError } from '../../errors/lease-lost-error';
import { NotFoundError } from '../../errors/not-found-error';
import type { Lease, QueuedTrigger, Run, RunStatus, TriggerRef } from '../../store/entities';
import { isTerminal } from '../../store/run-transitions';
import { shownTriggers, summarizeTriggers } from '../../store/trigger-pages';
import { type AdmissionDeps, leaseTtlMs, STALE_RECEIVED_MS } from './admission-deps';
import { executionNameOf, planRun } from './execution-name';
import { launchRun, markTaken } from './launch-run';
import { type ExecutionStatus, isLive } from './pipeline-starter';

export type NextRun =
  | { status: 'idle' }
  | { status: 'started'; runId: string; executionArn: string; eventIds: string[] }
  /** The run was created by a concurrent admission, which is starting it (admissions only). */
  | { status: 'starting'; runId: string; eventIds: string[] }
  | { status: 'blocked'; runId: string }
  | { status: 'debouncing'; until: string };

export interface StartOptions {
  /**
   * Look behind a live lease: finish a start that crashed, free a lease left without a run, drop
   * triggers the run already took, and free the model of a run whose execution ended unreported.
   * Sweeps and run ends do; a single admission does not (it only needs to know the model is busy, and
   * the sweep a minute later does the rest).
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
  let read: Lease | undefined;
  if (lease) {
    const judged = await judgeHolder(lease, deps, options);
    if (judged.next) return judged.next;
    read = judged.read;
  }
  let queued = await store.triggers.list(model, environment);
  if (queued.length > 0 && !lease && options.reconcile) {
    // No lease: the last run ended and freed the model. Triggers it took but a crash left queued are
    // dequeued first, so they do not run twice.
    const [last] = await store.runs.listRuns(model, { limit: 1 });
    if (last && (await dequeueTaken(deps, last, queued)))
      queued = await store.triggers.list(model, environment);
  }
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
  const eventIds = plan.triggers.map((t) => t.eventId);
  try {
    // `read`: the lease as judged (expired, to be taken over; or freed): who wins is the store's call.
    await store.leases.acquire(
      { model, environment, holder: runId, ttlMs: leaseTtlMs(spec), now },
      { lease: read },
    );
  } catch (error) {
    if (error instanceof LeaseHeldError)
      return { status: 'blocked', runId: (await store.leases.get(model, environment))?.holder ?? 'unknown' };
    throw error;
  }

  // The triggers live beside the run, referenced by its summary: a burst of any size fits the limits.
  // A few fit in the record itself, which then holds them all (no pages: a request saved per start).
  const shown = shownTriggers(plan.triggers);
  const pages = shown.length < plan.triggers.length ? await store.runs.putTriggers(runId, plan.triggers) : 0;
  const run: Run = {
    runId,
    model,
    environment,
    status: 'PENDING',
    triggers: shown,
    triggerSummary: { ...summarizeTriggers(plan.triggers), pages },
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
      if (existing && !isTerminal(existing.status)) return { status: 'starting', runId, eventIds };
    }
  }
  return launchRun(run, plan.triggers, deps);
};

type Judgement = { next: NextRun; read?: undefined } | { next?: undefined; read: Lease | undefined };

/**
 * Whether the lease's holder keeps the model. `next` when it does (or when finishing its start is
 * what there is to do); otherwise `read`: the lease to take over (expired), or undefined (freed).
 */
const judgeHolder = async (lease: Lease, deps: AdmissionDeps, options: StartOptions): Promise<Judgement> => {
  const now = deps.clock().getTime();
  const live = lease.expiresAtMs > now;
  const blocked: Judgement = { next: { status: 'blocked', runId: lease.holder } };
  if (live && !options.reconcile) return blocked;
  const run = await findRun(deps, lease.holder);

  if (!run) {
    // Taken, but no run created: a start crashed between the two writes (or is between them now; an
    // admission takes far less than STALE_RECEIVED_MS, beyond the function's timeout).
    if (!live) return { read: lease };
    if (now - Date.parse(lease.renewedAt ?? lease.acquiredAt) <= STALE_RECEIVED_MS) return blocked;
    try {
      await deps.store.leases.release(lease.model, lease.environment, lease.holder, lease);
    } catch (error) {
      if (error instanceof LeaseLostError) return blocked; // its holder took it again meanwhile
      throw error;
    }
    deps.logger.warn('freed a lease a crashed start left without a run', { ...lease });
    return { read: undefined };
  }

  if (run.status === 'PENDING') {
    // A start that crashed before (or after) starting the execution: finish it, with the run as
    // recorded; starting is idempotent on the name.
    if (!live && !(await keepLease(deps, lease))) return blocked;
    return { next: await launchRun(run, await triggersOf(deps, run), deps, { recovered: true }) };
  }

  if (!isTerminal(run.status)) {
    const execution = await deps.starter.describeExecution({
      stateMachine: deps.stateMachine,
      name: run.runId,
    });
    if (execution && isLive(execution.status)) {
      // Never taken over from a live execution: past its lease, the lease is extended instead.
      if (!live && !(await keepLease(deps, lease))) return blocked;
      if (options.reconcile) await dequeueTaken(deps, run);
      return blocked;
    }
    await endRun(deps, run, execution?.status);
  }

  // The run ended, reported or not: its leftovers are dequeued and the model is free.
  await dequeueTaken(deps, run);
  if (!live) return { read: lease };
  await releaseQuietly(deps, lease.model, lease.environment, lease.holder);
  return { read: undefined };
};

/** Extends an expired lease for its holder, whose execution still runs; false if another took it. */
const keepLease = async (deps: AdmissionDeps, lease: Lease): Promise<boolean> => {
  const now = deps.clock();
  const registered = await deps.specs.get(lease.model, now);
  const ttlMs = registered
    ? leaseTtlMs(registered.spec)
    : lease.expiresAtMs - Date.parse(lease.renewedAt ?? lease.acquiredAt);
  try {
    await deps.store.leases.acquire(
      { model: lease.model, environment: lease.environment, holder: lease.holder, ttlMs, now },
      { lease },
    );
    deps.logger.info('lease extended: its execution still runs', { ...lease });
    return true;
  } catch (error) {
    if (error instanceof LeaseHeldError) return false;
    throw error;
  }
};

const ENDED_BY: Record<Exclude<ExecutionStatus, 'RUNNING' | 'PENDING_REDRIVE'>, RunStatus> = {
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  TIMED_OUT: 'TIMED_OUT',
  ABORTED: 'ABORTED',
};

/** Records the end of a run whose execution ended without the run recording it (timed out, aborted). */
const endRun = async (deps: AdmissionDeps, run: Run, status: ExecutionStatus | undefined) => {
  const ended = status && status !== 'RUNNING' && status !== 'PENDING_REDRIVE' ? ENDED_BY[status] : 'ABORTED';
  const error =
    ended === 'SUCCEEDED'
      ? undefined
      : {
          name: status === 'TIMED_OUT' ? 'States.Timeout' : `States.${status ?? 'ExecutionDoesNotExist'}`,
          message: status
            ? `the execution ended ${status} without the run recording its end`
            : 'the run has no execution',
        };
  try {
    await deps.store.runs.transitionRun(run.runId, ended, deps.clock(), error ? { error } : {});
    deps.logger.warn('run ended unreported; recorded from its execution', { runId: run.runId, status });
  } catch (error) {
    if (!(error instanceof InvalidRunTransitionError || error instanceof NotFoundError)) throw error;
  }
};

const triggersOf = (deps: AdmissionDeps, run: Run): Promise<TriggerRef[]> =>
  deps.store.runs.listTriggers(run);

const findRun = async (deps: AdmissionDeps, runId: string): Promise<Run | undefined> => {
  try {
    return await deps.store.runs.getRun(runId);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
};

/**
 * Removes queued triggers a run already took (a start that crashed before dequeuing); whether there
 * were any.
 */
const dequeueTaken = async (
  deps: AdmissionDeps,
  run: Run,
  listed?: readonly QueuedTrigger[],
): Promise<boolean> => {
  const queued = listed ?? (await deps.store.triggers.list(run.model, run.environment));
  if (queued.length === 0) return false;
  const inRun = new Set((await triggersOf(deps, run)).map((t) => t.eventId));
  const taken = queued.filter((q) => inRun.has(q.trigger.eventId)).map((q) => q.trigger.eventId);
  if (taken.length === 0) return false;
  await markTaken(deps, run, taken, { recovered: true });
  await deps.store.triggers.remove(run.model, run.environment, taken);
  return true;
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
