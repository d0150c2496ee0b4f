import { InvalidInputError } from '../../../lib/errors/invalid-input-error';
import { LocalScheduler, type ScheduleFiring } from '../../../lib/monitoring/local-scheduler';
import { MemoryScheduleRepository } from '../../../lib/store/memory/memory-schedule-repository';

const T0 = new Date('2026-11-26T10:00:00.000Z');
const HOUR = 3_600_000;

describe('the local scheduler', () => {
  let repository: MemoryScheduleRepository;
  let fired: string[];

  const scheduler = () =>
    new LocalScheduler({
      repository,
      onFire: async ({ schedule, slot }: ScheduleFiring) => {
        fired.push(`${schedule.input.model}@${slot.toISOString()}`);
      },
    });

  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
    repository = new MemoryScheduleRepository();
    fired = [];
  });

  afterEach(() => jest.useRealTimers());

  it('fires each slot on time, once', async () => {
    const first = scheduler();
    first.start();
    await first.put({ model: 'churn', expression: 'rate(1 hour)', enabled: true });

    await jest.advanceTimersByTimeAsync(HOUR - 1);
    const beforeFirstSlot = [...fired];
    await jest.advanceTimersByTimeAsync(2 * HOUR + 1);
    await first.stop();

    expect(beforeFirstSlot).toEqual([]);
    expect(fired).toEqual([
      'churn@2026-11-26T11:00:00.000Z',
      'churn@2026-11-26T12:00:00.000Z',
      'churn@2026-11-26T13:00:00.000Z',
    ]);
  });

  it('survives a restart: slots missed while stopped fire once on start, then it keeps time', async () => {
    const first = scheduler();
    first.start();
    await first.put({ model: 'churn', expression: 'rate(1 hour)', enabled: true });
    await jest.advanceTimersByTimeAsync(HOUR);
    await first.stop();

    await jest.advanceTimersByTimeAsync(3 * HOUR + 30 * 60_000);
    const restarted = scheduler();
    const concurrent = scheduler();
    restarted.start();
    concurrent.start();
    await jest.advanceTimersByTimeAsync(0);
    const afterRestart = [...fired];
    await jest.advanceTimersByTimeAsync(30 * 60_000);
    await Promise.all([restarted.stop(), concurrent.stop()]);

    expect(afterRestart).toEqual(['churn@2026-11-26T11:00:00.000Z', 'churn@2026-11-26T14:00:00.000Z']);
    expect(fired).toEqual([...afterRestart, 'churn@2026-11-26T15:00:00.000Z']);
  });

  it('updates and deletes idempotently, and does not fire a disabled or deleted schedule', async () => {
    const local = scheduler();
    local.start();
    await local.put({ model: 'churn', expression: 'cron(0 * * * ? *)', enabled: true });
    await local.put({ model: 'churn', expression: 'cron(0 * * * ? *)', enabled: false });
    await local.put({ model: 'fraud', expression: 'cron(30 * * * ? *)', enabled: true });
    await local.delete('fraud');
    await local.delete('fraud');

    await jest.advanceTimersByTimeAsync(2 * HOUR);
    await local.stop();

    expect(fired).toEqual([]);
    expect((await repository.listSchedules()).map((s) => [s.name, s.state])).toEqual([
      ['conveyor-monitoring-churn', 'DISABLED'],
    ]);
  });

  it('refuses an invalid expression or a time zone it cannot keep', async () => {
    const local = scheduler();

    await expect(
      local.put({ model: 'churn', expression: 'rate(1 minutes)', enabled: true }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      local.put({ model: 'churn', expression: 'rate(1 day)', timezone: 'Europe/Paris', enabled: true }),
    ).rejects.toThrow(/UTC only/);
  });
});
