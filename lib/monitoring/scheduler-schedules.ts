import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import {
  type MonitoringSchedule,
  type MonitoringSchedules,
  monitoringScheduleName,
  scheduleDefinition,
} from './monitoring-schedules';

export interface SchedulerSchedulesOptions {
  /** Schedule group; `default` when absent. */
  groupName?: string;
  /** What a firing schedule invokes (the monitoring state machine or function). */
  targetArn: string;
  /** Role EventBridge Scheduler assumes to invoke the target. */
  roleArn: string;
}

/**
 * Monitoring schedules on EventBridge Scheduler. `put` creates the schedule and, when it exists
 * (ConflictException), updates it with the same full definition, as UpdateSchedule replaces every
 * field; `delete` treats ResourceNotFoundException as already done.
 */
export class SchedulerSchedules implements MonitoringSchedules {
  constructor(
    private readonly client: SchedulerClient,
    private readonly options: SchedulerSchedulesOptions,
  ) {}

  async put(schedule: MonitoringSchedule): Promise<void> {
    const definition = scheduleDefinition(schedule);
    const input: CreateScheduleCommandInput = {
      Name: definition.name,
      GroupName: this.options.groupName ?? 'default',
      ScheduleExpression: definition.expression,
      ScheduleExpressionTimezone: schedule.timezone ?? 'UTC',
      State: definition.state,
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: this.options.targetArn,
        RoleArn: this.options.roleArn,
        Input: JSON.stringify(definition.input),
      },
    };
    try {
      await this.client.send(new CreateScheduleCommand(input));
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      await this.client.send(new UpdateScheduleCommand(input));
    }
  }

  async delete(model: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteScheduleCommand({
          Name: monitoringScheduleName(model),
          GroupName: this.options.groupName ?? 'default',
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
}
