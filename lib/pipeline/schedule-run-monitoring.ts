/** Schedules monitoring of the model the run promoted, by the spec's `monitoring.schedule`. */
import { type MonitoringSchedules, monitoringScheduleName } from '../monitoring/monitoring-schedules';
import type { StateStore } from '../store/ports';
import { runSpec } from './run-spec';
import { recordStep } from './run-steps';

export interface ScheduleRunMonitoringDeps {
  store: Pick<StateStore, 'runs' | 'models'>;
  schedules: MonitoringSchedules;
  clock: () => Date;
}

export const scheduleRunMonitoring = (deps: ScheduleRunMonitoringDeps, input: { runId: string }) =>
  recordStep(deps, input.runId, 'ScheduleMonitoring', async () => {
    const run = await deps.store.runs.getRun(input.runId);
    const { spec } = await runSpec(deps.store, run);
    const monitoring = { schedule: monitoringScheduleName(run.model), expression: spec.monitoring.schedule };
    await deps.schedules.put({
      model: run.model,
      expression: spec.monitoring.schedule,
      enabled: spec.monitoring.enabled,
    });
    await deps.store.runs.updateRun(run.runId, { monitoring });
    return monitoring;
  });
