/** Reading an execution's history back: where each scope stands, what finished, what was in flight. */
import type { Branch, Json, Variables } from './asl';
import { eventDetails, type HistoryRecord } from './history';

/** A chain of states being run: its scope name and the id of its latest event (previousEventId). */
export interface Thread {
  scope: string;
  last: number;
}

export interface Resume {
  mode: 'recover' | 'redrive';
  /** Records of this state's scope and the scopes nested in it, after the state was entered. */
  records: HistoryRecord[];
  enteredAt: number;
}

export const childScope = (scope: string, state: string, index: number): string =>
  `${scope ? `${scope}/` : ''}${state}#${index}`;

export const inScope = (record: HistoryRecord, scope: string): boolean =>
  scope === '' || record.scope === scope || record.scope.startsWith(`${scope}/`);

/** Where a scope stands in the history: finished, at a state's start, or inside a state. */
export const planScope = (
  branch: Branch,
  scope: string,
  input: Json,
  variables: Variables,
  resume: Resume,
): { output: Json } | { name: string; input: Json; resume?: Resume; last: number } => {
  let position = { name: branch.StartAt, input };
  let entered: { name: string; input: Json; index: number; at: number } | undefined;
  let last = 0;
  const records = resume.records;
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as HistoryRecord;
    if (record.scope !== scope) continue;
    const event = record.event;
    last = event.id;
    if (event.type.endsWith('StateEntered')) {
      const details = event.stateEnteredEventDetails as { name: string; input: string };
      entered = {
        name: details.name,
        input: JSON.parse(details.input) as Json,
        index: i,
        at: event.timestamp.getTime(),
      };
    } else if (event.type.endsWith('StateExited')) {
      const details = event.stateExitedEventDetails as {
        output: string;
        assignedVariables?: Record<string, string>;
      };
      for (const [key, value] of Object.entries(details.assignedVariables ?? {}))
        variables[key] = JSON.parse(value) as Json;
      const output = JSON.parse(details.output) as Json;
      if (record.next === null || record.next === undefined) return { output };
      position = { name: record.next, input: output };
      entered = undefined;
    }
  }
  if (!entered) return { ...position, last };
  const nested = records.slice(entered.index + 1).filter((r) => inScope(r, scope));
  return {
    name: entered.name,
    input: entered.input,
    resume: { mode: resume.mode, records: nested, enteredAt: entered.at },
    last,
  };
};

/** Outputs of the branches or iterations of `state` that the history shows finished since `sinceId`. */
export const finishedChildren = (
  resume: Resume | undefined,
  scope: string,
  state: string,
  sinceId: number,
): Map<number, Json> => {
  const finished = new Map<number, Json>();
  const prefix = childScope(scope, state, 0).slice(0, -1);
  for (const record of resume?.records ?? []) {
    if (record.event.id <= sinceId || record.next !== null || !record.scope.startsWith(prefix)) continue;
    const index = record.scope.slice(prefix.length);
    if (!/^\d+$/.test(index) || !record.event.type.endsWith('StateExited')) continue;
    finished.set(Number(index), JSON.parse(eventDetails<{ output: string }>(record.event).output) as Json);
  }
  return finished;
};

/** The last task attempt of a scope, when the history shows it scheduled (and maybe finished). */
export const taskInFlight = (
  records: HistoryRecord[],
  scope: string,
): { token?: string; scheduledAt: number; succeeded?: Json } | undefined => {
  const own = records.filter((r) => r.scope === scope);
  const last = own.at(-1);
  if (!last) return undefined;
  const scheduledIndex = own.findLastIndex((r) => /Scheduled$/.test(r.event.type));
  const scheduled = own[scheduledIndex];
  if (!scheduled) return undefined;
  const after = own.slice(scheduledIndex + 1);
  if (after.some((r) => /(Failed|TimedOut)$/.test(r.event.type))) return undefined;
  const succeeded = after.find((r) => /Succeeded$/.test(r.event.type));
  const result: { token?: string; scheduledAt: number; succeeded?: Json } = {
    scheduledAt: scheduled.event.timestamp.getTime(),
    ...(scheduled.token ? { token: scheduled.token } : {}),
  };
  if (succeeded)
    result.succeeded = JSON.parse(eventDetails<{ output: string }>(succeeded.event).output) as Json;
  return result;
};
