import type { DeadLetter, QueuedTrigger, Step, TriggerDecision } from './entities';

/** Steps in the order they started (ties by name, then attempt). */
export const byStart = (a: Step, b: Step): number =>
  a.startedAt.localeCompare(b.startedAt) || a.name.localeCompare(b.name) || a.attempt - b.attempt;

/** Queued triggers oldest first (ties by event id). */
export const byQueuedAt = (a: QueuedTrigger, b: QueuedTrigger): number =>
  a.queuedAt.localeCompare(b.queuedAt) || a.trigger.eventId.localeCompare(b.trigger.eventId);

/** Decisions newest first (ties by event id). */
export const byDecidedAtDescending = (a: TriggerDecision, b: TriggerDecision): number =>
  b.decidedAt.localeCompare(a.decidedAt) || a.eventId.localeCompare(b.eventId);

/** Dead letters oldest first (ties by id). */
export const byFailedAt = (a: DeadLetter, b: DeadLetter): number =>
  a.failedAt.localeCompare(b.failedAt) || a.id.localeCompare(b.id);
