/**
 * When a model's monitoring job runs: on AWS an EventBridge Scheduler schedule, locally a scheduler
 * persisted in the state store. Both take the same expressions, and `put`/`delete` are idempotent:
 * putting a schedule that exists updates it, deleting one that does not exist is not an error.
 */
import { parseScheduleExpression } from './schedule-expression';

export interface MonitoringSchedule {
  model: string;
  /** `rate(...)`, `cron(...)` or `at(...)`, as in `monitoring.schedule` of the spec. */
  expression: string;
  /** IANA time zone the cron expression is read in; UTC when absent. */
  timezone?: string;
  enabled: boolean;
}

export interface MonitoringSchedules {
  put(schedule: MonitoringSchedule): Promise<void>;
  delete(model: string): Promise<void>;
}

/** One schedule per model, under a name EventBridge Scheduler accepts (at most 64 characters). */
export const monitoringScheduleName = (model: string): string => `conveyor-monitoring-${model}`;

/**
 * The schedule as both schedulers store it, after checking its expression (`InvalidInputError`
 * naming it), so that nothing invalid is ever written.
 */
export const scheduleDefinition = (schedule: MonitoringSchedule) => {
  parseScheduleExpression(schedule.expression);
  return {
    name: monitoringScheduleName(schedule.model),
    expression: schedule.expression,
    state: schedule.enabled ? ('ENABLED' as const) : ('DISABLED' as const),
    /** What the monitoring target receives each time the schedule fires. */
    input: { kind: 'monitoring', model: schedule.model },
  };
};
