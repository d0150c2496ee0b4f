import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SchedulerSchedules } from '../lib/monitoring/scheduler-schedules';
import {
  type ScheduleRunMonitoringDeps,
  scheduleRunMonitoring,
} from '../lib/pipeline/schedule-run-monitoring';
import { runTaskInput } from '../lib/pipeline/task-inputs';
import { requireEnv } from './_shared/env';
import { lazyHandler } from './_shared/lazy-handler';
import { createStateStoreFromEnv } from './_shared/state-store';
import { taskHandler } from './_shared/task-handler';

export const createDeps = (env: NodeJS.ProcessEnv = process.env): ScheduleRunMonitoringDeps => {
  const { CONVEYOR_MONITORING_STATE_MACHINE_ARN, CONVEYOR_SCHEDULER_ROLE_ARN } = requireEnv(env, [
    'CONVEYOR_MONITORING_STATE_MACHINE_ARN',
    'CONVEYOR_SCHEDULER_ROLE_ARN',
  ]);
  return {
    store: createStateStoreFromEnv(env),
    schedules: new SchedulerSchedules(new SchedulerClient({}), {
      targetArn: CONVEYOR_MONITORING_STATE_MACHINE_ARN,
      roleArn: CONVEYOR_SCHEDULER_ROLE_ARN,
    }),
    clock: () => new Date(),
  };
};

export const makeHandler = (deps: ScheduleRunMonitoringDeps) =>
  taskHandler('ScheduleMonitoring', runTaskInput, (input) => scheduleRunMonitoring(deps, input));

export const handler = lazyHandler(() => makeHandler(createDeps()));
