import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { InvalidInputError } from '../../../lib/errors/invalid-input-error';
import { SchedulerSchedules } from '../../../lib/monitoring/scheduler-schedules';

const scheduler = mockClient(SchedulerClient);

const expected = {
  Name: 'conveyor-monitoring-churn',
  GroupName: 'conveyor',
  ScheduleExpression: 'cron(0 6 * * ? *)',
  ScheduleExpressionTimezone: 'Europe/Paris',
  State: 'ENABLED',
  FlexibleTimeWindow: { Mode: 'OFF' },
  Target: {
    Arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:conveyor-monitoring',
    RoleArn: 'arn:aws:iam::123456789012:role/conveyor-scheduler',
    Input: '{"kind":"monitoring","model":"churn"}',
  },
};

describe('monitoring schedules on EventBridge Scheduler', () => {
  const schedules = new SchedulerSchedules(new SchedulerClient({ region: 'eu-west-1' }), {
    groupName: 'conveyor',
    targetArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:conveyor-monitoring',
    roleArn: 'arn:aws:iam::123456789012:role/conveyor-scheduler',
  });
  const daily = { model: 'churn', expression: 'cron(0 6 * * ? *)', timezone: 'Europe/Paris', enabled: true };

  beforeEach(() => scheduler.reset());

  it('creates a schedule that does not exist', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });

    await schedules.put(daily);

    expect(scheduler).toHaveReceivedCommandWith(CreateScheduleCommand, expected);
    expect(scheduler).not.toHaveReceivedCommand(UpdateScheduleCommand);
  });

  it('updates a schedule that exists, with the same full definition', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} }));
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });

    await schedules.put({ ...daily, enabled: false });

    expect(scheduler).toHaveReceivedCommandWith(UpdateScheduleCommand, { ...expected, State: 'DISABLED' });
  });

  it('deletes a schedule, and treats one that is gone as deleted', async () => {
    scheduler
      .on(DeleteScheduleCommand)
      .resolvesOnce({})
      .rejects(new ResourceNotFoundException({ message: 'gone', Message: 'gone', $metadata: {} }));

    await schedules.delete('churn');
    await schedules.delete('churn');

    expect(scheduler).toHaveReceivedCommandTimes(DeleteScheduleCommand, 2);
    expect(scheduler).toHaveReceivedCommandWith(DeleteScheduleCommand, {
      Name: 'conveyor-monitoring-churn',
      GroupName: 'conveyor',
    });
  });

  it('refuses an invalid expression before calling AWS', async () => {
    await expect(schedules.put({ ...daily, expression: 'cron(0 6 * * *)' })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    expect(scheduler).not.toHaveReceivedCommand(CreateScheduleCommand);
  });
});
