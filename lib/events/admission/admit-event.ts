/**
 * Admission: the single entry of every trigger. For each model an event concerns:
 *
 * 1. Begin a `received` decision keyed by (model, environment, event id): the write-ahead record that
 *    makes admission idempotent. A repeated delivery finds it and is recorded as a duplicate, changing
 *    nothing else; a `received` record older than `STALE_RECEIVED_MS` is a crashed admission, resumed
 *    (by that delivery, or by the sweep, which lists the decisions left `received`).
 * 2. Skipped (paths not touched, trigger off) and suppressed (drift cooldown or budget) end here.
 * 3. Otherwise queue the trigger and start the next run if the model is free (`startNextRun`); if it
 *    is not, or data is still arriving, the decision says the trigger is queued and why.
 */
import type { DecisionOutcome, TriggerDecision } from '../../store/entities';
import { entryFor, type ParsedEvent, TriggerSuppressed } from '../contracts';
import { type AdmissionDeps, notify, STALE_RECEIVED_MS } from './admission-deps';
import { driftSuppression } from './drift-policy';
import { type NextRun, startNextRun } from './start-next-run';
import { type TriggerCandidate, triggersFromEvent } from './triggers-from-event';

export interface AdmissionOutcome {
  model: string;
  environment: string;
  eventId: string;
  outcome: DecisionOutcome;
  reason: string;
  runId?: string;
}

export const admitEvent = async (parsed: ParsedEvent, deps: AdmissionDeps): Promise<AdmissionOutcome[]> => {
  const specs = await deps.specs.all(deps.clock());
  const candidates = triggersFromEvent(parsed, specs, deps.environment);
  return Promise.all(candidates.map((candidate) => admitCandidate(candidate, deps)));
};

const admitCandidate = async (
  candidate: TriggerCandidate,
  deps: AdmissionDeps,
): Promise<AdmissionOutcome> => {
  const { store } = deps;
  const { model, environment, trigger } = candidate;
  const now = deps.clock();
  const received: TriggerDecision = {
    model,
    environment,
    eventId: trigger.eventId,
    outcome: 'received',
    reason: 'received',
    trigger,
    decidedAt: now.toISOString(),
    ...(candidate.skip ? { skip: candidate.skip } : {}),
  };
  // One request: a repeated delivery learns the first decision from the write that found it.
  const existing = await store.decisions.beginOrGet(received);
  if (!existing) return proceed(candidate, received, deps);
  const inFlight = existing.outcome === 'received';
  if (inFlight && now.getTime() - Date.parse(existing.decidedAt) > STALE_RECEIVED_MS) {
    return (await resumeAdmission(existing, deps, 'a redelivery')) ?? reportCurrent(deps, existing);
  }
  const reason = inFlight
    ? `event ${trigger.eventId} is being admitted by an earlier delivery (received ${existing.decidedAt}); if that admission crashed, the sweep finishes it`
    : `event ${trigger.eventId} was delivered before (${existing.outcome})`;
  await store.decisions.recordDuplicate({ ...received, outcome: 'duplicate', reason });
  return outcomeOf({ ...received, outcome: 'duplicate', reason });
};

/**
 * Finishes an admission that crashed after its write-ahead decision (found by a redelivery, or by the
 * sweep among decisions left `received`), deciding what the crashed one would have. Undefined when the
 * decision was decided meanwhile.
 */
export const resumeAdmission = async (
  decision: TriggerDecision,
  deps: AdmissionDeps,
  by: string,
): Promise<AdmissionOutcome | undefined> => {
  const { model, environment, eventId } = decision;
  // Conditional on `received`: of a redelivery and a sweep resuming at once, both may go on (every
  // later step is idempotent), but a decision decided meanwhile is left alone.
  const marked = await deps.store.decisions.transition(model, environment, eventId, ['received'], {
    outcome: 'received',
    reason: `recovered after a crash: resumed by ${by}`,
    decidedAt: decision.decidedAt,
    recovered: true,
  });
  if (!marked) return undefined;
  deps.logger.warn('resuming an admission that did not finish', { model, environment, eventId, by });
  // Reconciling: what the crash left (a lease without a run, a start unfinished) is finished now.
  return proceed(
    { model, environment, trigger: decision.trigger, ...(decision.skip ? { skip: decision.skip } : {}) },
    marked,
    deps,
    true,
  );
};

/** Policy, queue and start, after the write-ahead decision. */
const proceed = async (
  candidate: TriggerCandidate,
  received: TriggerDecision,
  deps: AdmissionDeps,
  reconcile = false,
): Promise<AdmissionOutcome> => {
  const { store } = deps;
  const { model, environment, trigger } = candidate;
  const now = deps.clock();
  if (candidate.skip) return decide(deps, received, 'skipped', candidate.skip);
  const registered = await deps.specs.get(model, now);
  if (trigger.kind === 'drift') {
    const runs = await store.runs.listRuns(model, { limit: 100 });
    const reason = registered && driftSuppression(runs, environment, registered.spec.retraining.drift, now);
    if (reason) {
      const decided = await decide(deps, received, 'suppressed', reason);
      await notify(
        deps,
        entryFor(TriggerSuppressed, {
          model,
          environment,
          eventId: trigger.eventId,
          kind: trigger.kind,
          reason,
        }),
      );
      return decided;
    }
  }

  await store.triggers.enqueue({ model, environment, trigger, queuedAt: now.toISOString() });
  const arrival = registered?.spec.retraining.dataArrival;
  if (trigger.kind === 'data-arrival' && arrival?.enabled && arrival.debounce > 0) {
    // One request instead of reading the whole queue: a burst's arrivals each learn the window is open.
    const opened = Date.parse(await store.triggers.openWindow(model, environment, now.toISOString()));
    const closes = opened + arrival.debounce * 1000;
    if (now.getTime() < closes) {
      return decide(
        deps,
        received,
        'queued',
        `debouncing data arrival until ${new Date(closes).toISOString()}`,
      );
    }
  }
  const next = await startNextRun(model, environment, deps, { reconcile });
  if ((next.status === 'started' || next.status === 'starting') && next.eventIds.includes(trigger.eventId)) {
    const admitted = next.eventIds[0] === trigger.eventId;
    return {
      model,
      environment,
      eventId: trigger.eventId,
      outcome: admitted ? 'admitted' : 'merged',
      reason: admitted ? `started run ${next.runId}` : `merged into run ${next.runId}`,
      runId: next.runId,
    };
  }
  const queuedReason = reasonQueued(next);
  if (queuedReason) {
    const decision = await decide(deps, received, 'queued', queuedReason);
    // Taken by a run that started meanwhile: report the decision it made.
    if (decision.outcome !== 'received') return decision;
  }
  const final = await store.decisions.get(model, environment, trigger.eventId);
  if (final && final.outcome !== 'received') return outcomeOf(final);
  return decide(deps, received, 'queued', 'queued for the next run');
};

const reportCurrent = async (deps: AdmissionDeps, decision: TriggerDecision): Promise<AdmissionOutcome> =>
  outcomeOf(
    (await deps.store.decisions.get(decision.model, decision.environment, decision.eventId)) ?? decision,
  );

const reasonQueued = (next: NextRun): string | undefined => {
  switch (next.status) {
    case 'blocked':
      return `run ${next.runId} is active; queued for the next run`;
    case 'debouncing':
      return `debouncing data arrival until ${next.until}`;
    default:
      return undefined;
  }
};

/** Moves the `received` decision to its outcome; when another writer decided first, reports that one. */
const decide = async (
  deps: AdmissionDeps,
  received: TriggerDecision,
  outcome: DecisionOutcome,
  reason: string,
): Promise<AdmissionOutcome> => {
  const moved = await deps.store.decisions.transition(
    received.model,
    received.environment,
    received.eventId,
    ['received'],
    {
      outcome,
      reason,
      decidedAt: deps.clock().toISOString(),
    },
  );
  if (moved) {
    deps.logger.info('trigger decided', { model: moved.model, eventId: moved.eventId, outcome, reason });
    return outcomeOf(moved);
  }
  const current = await deps.store.decisions.get(received.model, received.environment, received.eventId);
  return outcomeOf(current ?? received);
};

const outcomeOf = (d: TriggerDecision): AdmissionOutcome => ({
  model: d.model,
  environment: d.environment,
  eventId: d.eventId,
  outcome: d.outcome,
  reason: d.reason,
  ...(d.runId ? { runId: d.runId } : {}),
});
