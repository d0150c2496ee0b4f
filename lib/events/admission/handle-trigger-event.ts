/**
 * What the admit-trigger function does with an event from its rules: a schedule tick sweeps (closes
 * debounce windows, finishes crashed admissions), a run's end frees its model, anything else is a
 * trigger to admit. A malformed event throws, so EventBridge retries it and then dead-letters it.
 */
import { ZodError } from 'zod';
import { InvalidInputError } from '../../errors/invalid-input-error';
import { parseEvent, RunFailed, RunSucceeded } from '../contracts';
import type { AdmissionDeps } from './admission-deps';
import { type AdmissionOutcome, admitEvent } from './admit-event';
import { flushDueTriggers } from './flush-due-triggers';
import { onRunEnded } from './on-run-ended';
import type { NextRun } from './start-next-run';

export type TriggerEventResult =
  | { handled: 'admission'; decisions: AdmissionOutcome[] }
  | { handled: 'run-ended'; next: NextRun }
  | { handled: 'sweep'; started: number }
  | { handled: 'ignored'; reason: string };

export const handleTriggerEvent = async (raw: unknown, deps: AdmissionDeps): Promise<TriggerEventResult> => {
  const record = raw as { source?: string; 'detail-type'?: string };
  if (record?.source === 'aws.events' && record['detail-type'] === 'Scheduled Event') {
    const results = await flushDueTriggers(deps);
    return { handled: 'sweep', started: results.filter((r) => r.next.status === 'started').length };
  }
  let parsed: ReturnType<typeof parseEvent>;
  try {
    parsed = parseEvent(raw);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const problems = error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; ');
    throw new InvalidInputError(`event does not fit its contract: ${problems}`, { cause: error });
  }
  if (!parsed)
    return { handled: 'ignored', reason: `no contract for ${record.source} / ${record['detail-type']}` };
  if (parsed.contract === RunSucceeded || parsed.contract === RunFailed) {
    const { runId, model, environment } = parsed.event.detail as {
      runId: string;
      model: string;
      environment: string;
    };
    return { handled: 'run-ended', next: await onRunEnded({ runId, model, environment }, deps) };
  }
  return { handled: 'admission', decisions: await admitEvent(parsed, deps) };
};
