/**
 * The local twin of EventBridge Scheduler for monitoring schedules. Schedules live in the state store,
 * so they survive restarts. Each tick fires every enabled schedule whose latest slot (at or before now)
 * has not fired yet; slots missed while nothing ran are coalesced into that one firing. A slot fires
 * only after its claim in the store succeeds, so it never fires twice, even with two schedulers.
 * Delivery is at most once: a slot whose handler fails is not retried.
 */
import { InvalidInputError } from '../errors/invalid-input-error';
import type { StoredSchedule } from '../store/entities';
import type { ScheduleRepository } from '../store/ports';
import {
  type MonitoringSchedule,
  type MonitoringSchedules,
  monitoringScheduleName,
  scheduleDefinition,
} from './monitoring-schedules';
import { latestFireTime, nextFireTime, parseScheduleExpression } from './schedule-expression';

export interface ScheduleFiring {
  schedule: StoredSchedule;
  /** The slot this firing is for (the scheduled time, not when it ran). */
  slot: Date;
}

export interface LocalSchedulerOptions {
  repository: ScheduleRepository;
  onFire: (firing: ScheduleFiring) => Promise<void>;
  onError?: (error: unknown, firing?: ScheduleFiring) => void;
  clock?: () => Date;
  /** Longest wait between two looks at the store, to see schedules other processes put. */
  maxSleepMs?: number;
}

export class LocalScheduler implements MonitoringSchedules {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private ticking: Promise<void> = Promise.resolve();
  private readonly clock: () => Date;

  constructor(private readonly options: LocalSchedulerOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  async put(schedule: MonitoringSchedule): Promise<void> {
    const definition = scheduleDefinition(schedule);
    if (schedule.timezone && schedule.timezone !== 'UTC') {
      throw new InvalidInputError(
        `the local scheduler reads schedules in UTC only, not ${schedule.timezone}`,
      );
    }
    await this.options.repository.putSchedule(definition, this.clock());
    this.rearm();
  }

  async delete(model: string): Promise<void> {
    await this.options.repository.deleteSchedule(monitoringScheduleName(model));
    this.rearm();
  }

  /** Fires what is due now, then keeps firing on time until `stop`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.rearm(0);
  }

  /** Stops the timer and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  private rearm(delayMs?: number): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    const wait = delayMs ?? 0;
    this.timer = setTimeout(() => {
      this.ticking = this.ticking.then(() => this.tick());
    }, wait);
  }

  private async tick(): Promise<void> {
    let nextWake = this.clock().getTime() + (this.options.maxSleepMs ?? 60_000);
    try {
      const now = this.clock();
      for (const schedule of await this.options.repository.listSchedules()) {
        if (schedule.state !== 'ENABLED') continue;
        const next = await this.fireIfDue(schedule, now);
        if (next) nextWake = Math.min(nextWake, next.getTime());
      }
    } catch (error) {
      this.options.onError?.(error);
    }
    if (this.running) this.rearm(Math.max(0, nextWake - this.clock().getTime()));
  }

  /** Fires the schedule's latest due slot if it is unclaimed; returns when it is due next. */
  private async fireIfDue(schedule: StoredSchedule, now: Date): Promise<Date | undefined> {
    const expression = parseScheduleExpression(schedule.expression);
    const anchor = new Date(schedule.anchorAt);
    const lastFired = await this.options.repository.getLastFiredSlot(schedule.name);
    const since = lastFired && lastFired > schedule.anchorAt ? new Date(lastFired) : anchor;
    const due = latestFireTime(expression, since, now, anchor);
    if (due && (await this.options.repository.claimSlot(schedule.name, due.toISOString(), now))) {
      const firing = { schedule, slot: due };
      await this.options.onFire(firing).catch((error: unknown) => this.options.onError?.(error, firing));
    }
    return nextFireTime(expression, now, anchor);
  }
}
