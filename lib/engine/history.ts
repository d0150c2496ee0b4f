/** Execution history events, with the types and fields of Step Functions' GetExecutionHistory. */
export type HistoryEventType =
  | 'ExecutionStarted'
  | 'ExecutionSucceeded'
  | 'ExecutionFailed'
  | 'ExecutionAborted'
  | 'ExecutionTimedOut'
  | 'ExecutionRedriven'
  | `${'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map'}StateEntered`
  | `${'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Parallel' | 'Map'}StateExited`
  | 'TaskScheduled'
  | 'TaskStarted'
  | 'TaskSubmitted'
  | 'TaskSucceeded'
  | 'TaskFailed'
  | 'TaskTimedOut'
  | 'LambdaFunctionScheduled'
  | 'LambdaFunctionStarted'
  | 'LambdaFunctionSucceeded'
  | 'LambdaFunctionFailed'
  | 'LambdaFunctionTimedOut'
  | 'MapStateStarted'
  | 'MapStateSucceeded'
  | 'MapStateFailed'
  | 'MapStateAborted'
  | 'MapIterationStarted'
  | 'MapIterationSucceeded'
  | 'MapIterationFailed'
  | 'MapIterationAborted'
  | 'ParallelStateStarted'
  | 'ParallelStateSucceeded'
  | 'ParallelStateFailed'
  | 'ParallelStateAborted';

/** One event as GetExecutionHistory returns it: `id`, `previousEventId`, `type`, `timestamp`, details. */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  type: HistoryEventType;
  timestamp: Date;
  [detailsKey: string]: unknown;
}

/**
 * What the store keeps per event: the AWS event, plus the engine's own bookkeeping that lets it resume
 * (never returned by getExecutionHistory). `scope` names the branch or iteration the event belongs to
 * ('' for the top level, `Map#3`, `Map#3/Par#1`...); `next` is where a StateExited event transitioned.
 */
export interface HistoryRecord {
  event: HistoryEvent;
  scope: string;
  next?: string | null;
  /** Task token of a callback task, on its TaskScheduled event. */
  token?: string;
}

/** The details key of each event type, as in the AWS API (`taskScheduledEventDetails`...). */
const detailsKeys = new Map<HistoryEventType, string | undefined>();

export const detailsKey = (type: HistoryEventType): string | undefined => {
  if (detailsKeys.has(type)) return detailsKeys.get(type);
  const key = computeDetailsKey(type);
  detailsKeys.set(type, key);
  return key;
};

const computeDetailsKey = (type: HistoryEventType): string | undefined => {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  if (type.startsWith('MapIteration')) return `mapIteration${type.slice('MapIteration'.length)}EventDetails`;
  if (type === 'MapStateStarted') return 'mapStateStartedEventDetails';
  if (type.startsWith('ParallelState') || type.startsWith('MapState')) return undefined;
  return `${type[0]?.toLowerCase()}${type.slice(1)}EventDetails`;
};

/** The details object of an event (`{}` for the types that have none). */
export const eventDetails = <T>(event: HistoryEvent): T => {
  const key = detailsKey(event.type);
  return ((key && event[key]) ?? {}) as T;
};
