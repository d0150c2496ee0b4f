import type { Run, RunStatus } from './entities';
import type { RunUpdate } from './ports';

/** The statuses a run may move to from each status; terminal statuses allow none. */
export const RUN_TRANSITIONS: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  PENDING: ['RUNNING', 'FAILED', 'ABORTED'],
  RUNNING: ['SUCCEEDED', 'FAILED', 'ABORTED', 'TIMED_OUT'],
  SUCCEEDED: [],
  FAILED: [],
  ABORTED: [],
  TIMED_OUT: [],
};

export const isTerminal = (status: RunStatus): boolean => RUN_TRANSITIONS[status].length === 0;

/** Statuses from which a run may move to `to`. */
export const statusesAllowing = (to: RunStatus): RunStatus[] =>
  (Object.keys(RUN_TRANSITIONS) as RunStatus[]).filter((from) => RUN_TRANSITIONS[from].includes(to));

/** The run after moving to `status` at `now`: stamps startedAt on RUNNING and endedAt on a terminal status. */
export const applyTransition = (run: Run, status: RunStatus, now: Date, update: RunUpdate): Run => ({
  ...run,
  ...update,
  status,
  ...(status === 'RUNNING' ? { startedAt: now.toISOString() } : {}),
  ...(isTerminal(status) ? { endedAt: now.toISOString() } : {}),
});
